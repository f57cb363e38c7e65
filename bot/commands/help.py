"""The help text every platform shows for the `help` command, written from the command table."""

from __future__ import annotations

from bot.commands.table import MENU_COMMANDS, all_actions


def help_text() -> str:
    """Return the list of commands with one line each, plus how direct messages and buttons work."""
    # No column alignment: Discord and Slack use proportional fonts, so a dash reads better everywhere.
    lines = ["newsbrief turns news articles into short briefings and daily digests.", "", "Commands:"]
    lines += [f"• /{action.usage} — {action.help}" for command in MENU_COMMANDS for action in command.actions()]
    managed = [f"/{action.name}" for action in all_actions() if action.managers_only]
    lines += [
        "",
        "A briefing shows its summary and top facts; press More facts under it to see every fact, just for you.",
        "In a direct message, send a link to get its briefing, or any words to look them up.",
        f"{_and_list(managed)} need permission to manage the channel.",
    ]
    return "\n".join(lines)


def _and_list(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)
