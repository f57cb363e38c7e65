"""Turn what a user typed into a command name and its arguments, and route direct messages."""

from __future__ import annotations

import re

from bot.inputs import is_url

COMMANDS = ("brief", "lookup", "digest", "subscribe", "unsubscribe", "feeds", "status", "help")
# Words people reach for that mean one of the commands.
ALIASES = {"search": "lookup", "find": "lookup", "summarize": "brief", "feed": "feeds", "?": "help"}
_HELP_WORDS = frozenset({"help", "/help", "?", "commands"})
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence, not a link: "see https://x.org/a." briefs https://x.org/a.
_TRAILING = ".,;:!?)]}'\""


def split_command(line: str) -> tuple[str, str]:
    """Split "/brief some text" (the slash is optional) into ("brief", "some text")."""
    stripped = line.strip()
    word, _, rest = stripped.partition(" ")
    name = word.lstrip("/").lower()
    return ALIASES.get(name, name), rest.strip()


def canonical_command(name: str) -> str:
    """Return the command a name or alias stands for (lowercased, without a leading slash)."""
    bare = (name or "").strip().lstrip("/").lower()
    return ALIASES.get(bare, bare)


def route_direct_message(text: str) -> tuple[str, str]:
    """Decide what a direct message asks for: a link is briefed, "help" gets help, the rest is looked up."""
    stripped = text.strip()
    if stripped.lower() in _HELP_WORDS:
        return "help", ""
    if is_url(stripped):
        return "brief", stripped
    link = first_url(stripped)
    if link:
        return "brief", link
    return "lookup", stripped


def first_url(text: str) -> str | None:
    """Return the first http(s) link in the text, without trailing sentence punctuation."""
    match = _URL_IN_TEXT.search(text)
    if not match:
        return None
    return match.group(0).rstrip(_TRAILING) or None
