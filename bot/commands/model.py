"""What an adapter hands the command layer, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass

import logging

from bot.errors import apologize
from bot.models import Briefing, Digest


@dataclass(frozen=True)
class CommandRequest:
    """One user action, already translated from its platform.

    `command` is one of brief, lookup, digest, subscribe, unsubscribe, feeds, status, help,
    or "" for a plain direct message (a URL is briefed, anything else is looked up).
    `text` holds the arguments as the user typed them.
    """

    platform: str
    workspace: str
    channel: str
    user: str
    command: str
    text: str = ""
    is_dm: bool = False
    can_manage: bool = False


@dataclass(frozen=True)
class Reply:
    """A neutral answer: text and/or briefings or a digest; adapters only render it."""

    text: str | None = None
    briefings: tuple[Briefing, ...] = ()
    digest: Digest | None = None
    ephemeral: bool = False
    is_error: bool = False


def apology_reply(logger: logging.Logger, error: BaseException) -> Reply:
    """Log an unexpected failure under a fresh ref and return the private apology the user sees."""
    return Reply(text=apologize(logger, error), ephemeral=True, is_error=True)
