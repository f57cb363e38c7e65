"""Read what a user typed against the command table: which command, with which arguments."""

from __future__ import annotations

import re

from bot.commands.table import Command, find_command, find_subcommand
from bot.errors import UserError
from bot.inputs import is_url

_HELP_WORDS = frozenset({"help", "/help", "?", "commands"})
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence, not a link: "see https://x.org/a." briefs https://x.org/a.
_TRAILING = ".,;:!?)]}'\""


def split_command(line: str) -> tuple[str, str]:
    """Split "/brief some text" (the slash is optional) into ("brief", "some text"), aliases resolved."""
    word, _, rest = line.strip().partition(" ")
    return canonical_command(word), rest.strip()


def typed_command(line: str) -> tuple[str, str] | None:
    """Read a typed line as a command, with or without its slash; None when it is plain words.

    "/subscribe 08:00 Europe/Berlin" and "subscribe 08:00 Europe/Berlin" are the same command. A
    bare command word followed by more words only counts when the command takes arguments, so
    "status of the strike" stays a lookup while "status" asks for the status.
    """
    text = line.strip()
    if text.startswith("/"):
        return split_command(text)
    word, _, rest = text.partition(" ")
    command = find_command(word.lower())
    if command is None:
        return None
    if rest.strip() and not (command.arguments or command.subcommands):
        return None
    return command.name, rest.strip()


def canonical_command(name: str) -> str:
    """Return the command a name or alias stands for (lowercased, without a leading slash)."""
    bare = (name or "").strip().lstrip("/").lower()
    command = find_command(bare)
    return command.name if command else bare


def resolve(name: str, text: str) -> tuple[Command, str] | None:
    """Return the command a request ends up at and its remaining arguments; None for an unknown name.

    For a command with sub-commands the first word of `text` picks one ("feeds add URL"); an
    unknown one raises UserError naming the choices.
    """
    command = find_command(canonical_command(name))
    if command is None:
        return None
    if not command.subcommands:
        return command, text.strip()
    word, _, rest = text.strip().partition(" ")
    sub = find_subcommand(command, word.lower())
    if sub is None:
        raise UserError(f"I don't know `{command.name} {word.lower()}`. {_usage_of(command)}")
    return sub, rest.strip()


def action_of(name: str, text: str) -> Command | None:
    """Return the command a request ends up at, or None when it names none (no error raised)."""
    try:
        resolved = resolve(name, text)
    except UserError:
        return None
    return resolved[0] if resolved else None


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


def _usage_of(command: Command) -> str:
    usages = [f"`{sub.usage}`" for sub in command.subcommands]
    listed = ", ".join(usages[:-1]) + f" or {usages[-1]}" if len(usages) > 1 else "".join(usages)
    return f"Use {listed}."
