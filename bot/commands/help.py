"""The help text every platform shows for the `help` command."""

from __future__ import annotations

_COMMAND_LINES = (
    ("brief <link or text>", "brief one article: paste its text or give its link"),
    ("lookup <words>", "find stored articles about those words"),
    ("digest", "this channel's news digest, right now (what it has not seen yet)"),
    ("subscribe <HH:MM> [time zone]", "a daily digest here, e.g. subscribe 08:00 Europe/Berlin (default UTC)"),
    ("unsubscribe", "stop the daily digest (the channel's feeds are kept)"),
    ("feeds add|remove <url>", "choose the RSS/Atom feeds this channel's digests come from"),
    ("feeds list", "this channel's feeds and whether they work"),
    ("status", "this channel's subscription, next digest time and feed health"),
    ("help", "this message"),
)


def help_text() -> str:
    """Return the list of commands with one line each, plus how direct messages work."""
    # No column alignment: Discord and Slack use proportional fonts, so a dash reads better everywhere.
    lines = ["newsbrief turns news articles into short briefings and daily digests.", "", "Commands:"]
    lines += [f"• /{usage} — {what}" for usage, what in _COMMAND_LINES]
    lines += [
        "",
        "In a direct message, send a link to get its briefing, or any words to look them up.",
        "Subscribing and changing feeds need permission to manage the channel.",
    ]
    return "\n".join(lines)
