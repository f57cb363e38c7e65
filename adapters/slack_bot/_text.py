"""Read what people typed in Slack back as plain text: links unwrapped, entities decoded."""

from __future__ import annotations

import re

# Slack wraps links, mentions and channel names in angle brackets: <https://a.b|label>, <@U123>, <#C1|news>.
_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_LINK_SCHEMES = ("http://", "https://")


def plain_text(text: str) -> str:
    """Return Slack message text as the person typed it: URLs bare, names readable, &amp; decoded."""
    unwrapped = _MARKUP.sub(_unwrap, text or "")
    # "&amp;" last, so a typed "&lt;" (sent as "&amp;lt;") stays "&lt;".
    return unwrapped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def without_mention(text: str, user_id: str | None) -> str:
    """Remove every mention of `user_id` (the bot) from raw Slack text."""
    if not user_id:
        return text or ""
    return re.sub(rf"<@{re.escape(user_id)}(?:\|[^<>]*)?>", " ", text or "")


def _unwrap(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(_LINK_SCHEMES):
        return target  # the label is Slack's shortened display; the command needs the whole URL
    if target.startswith(("@", "#")):
        return target[0] + (label or target[1:])
    if target.startswith("!"):
        name = label or target[1:].split("^", 1)[0]  # <!here>, <!subteam^S1|@team>
        return name if name.startswith("@") else "@" + name
    return label or target
