"""Small types every layer shares: where a message goes, what time it is, what briefs an article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.models import Article, Briefing

# Injected wherever "now" matters, so tests and benchmarks can move time by hand.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class ChannelRef:
    """One chat channel: platform ("discord", "slack", "console"), workspace (guild/team) and channel ids.

    The same value travels from the slash command through storage and the scheduler to the
    adapter that posts the digest; only the platform adapters turn it into their own id types.
    """

    platform: str
    workspace: str
    channel: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.channel}"


@dataclass(frozen=True)
class UserRef:
    """One person on a chat platform, as direct messages reach them (workspace: where they were met)."""

    platform: str
    workspace: str
    user: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.user}"


# What turns an article into a briefing (bot.briefing.build_briefing with the configured options).
Briefer = Callable[[Article], Briefing]
