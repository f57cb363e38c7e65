"""What an adapter hands the command layer, what it gets back, and the one call between them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.errors import apologize
from bot.models import Briefing, Digest, Matches
from bot.values import ChannelRef


@dataclass(frozen=True)
class CommandRequest:
    """One user action, already translated from its platform.

    `command` is a name from the command table (bot.commands.table), or "" for a plain direct
    message (a link is briefed, anything else is looked up); `text` holds the arguments as the
    user typed them.
    """

    channel: ChannelRef
    user: str
    command: str
    text: str = ""
    is_dm: bool = False
    can_manage: bool = False

    @property
    def platform(self) -> str:
        return self.channel.platform


@dataclass(frozen=True)
class Attachment:
    """A file an answer carries (an OPML export): Discord attaches it, Slack uploads it, the console prints it."""

    filename: str
    data: bytes
    media_type: str = "application/octet-stream"

    @property
    def text(self) -> str:
        """Return the file's content as text (for platforms that show it inline)."""
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Reply:
    """A neutral answer: text and/or briefings, lookup matches or a digest, maybe a file; adapters only render it.

    Chat platforms show briefings in their chat form with a "More facts" button; `fact_card`
    asks for them whole instead (what the button answers).
    """

    text: str | None = None
    briefings: tuple[Briefing, ...] = ()
    digest: Digest | None = None
    matches: Matches | None = None
    ephemeral: bool = False
    is_error: bool = False
    fact_card: bool = False
    attachment: Attachment | None = None

    @property
    def shown(self) -> tuple[Briefing | Digest | Matches, ...]:
        """Return what the reply shows after its text: its briefings, its lookup matches, then its digest."""
        extra = tuple(shown for shown in (self.matches, self.digest) if shown is not None)
        return (*self.briefings, *extra)

    @property
    def is_private(self) -> bool:
        """Tell whether only the asker should see the reply (errors and refusals always)."""
        return self.ephemeral or self.is_error


class CommandHandler(Protocol):
    """What adapters talk to (bot.commands.service.CommandService); `handle` never raises."""

    async def handle(self, request: CommandRequest) -> Reply: ...


# A CommandHandler's `handle`, as adapters pass it to their listeners.
Handle = Callable[[CommandRequest], Awaitable[Reply]]


def apology_reply(logger: logging.Logger, error: BaseException) -> Reply:
    """Log an unexpected failure under a fresh ref and return the private apology the user sees."""
    return Reply(text=apologize(logger, error), ephemeral=True, is_error=True)
