"""How the scheduler hands a digest to a platform adapter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.models import Digest


@dataclass(frozen=True)
class ChannelTarget:
    """Where a scheduled digest goes."""

    platform: str
    workspace: str
    channel: str


class ChannelUnavailable(Exception):
    """Raise when a channel is gone or the bot lost access; its subscription gets disabled."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DigestSink(Protocol):
    """Anything that can post a digest to a channel (each adapter is one)."""

    platform: str

    async def deliver(self, target: ChannelTarget, digest: Digest) -> None:
        """Post the digest; raise ChannelUnavailable for a permanent failure, anything else to retry."""


# What a sink shows for a digest with no stories (only sent when NEWSBRIEF_SKIP_EMPTY_DIGESTS is off).
EMPTY_DIGEST_TEXT = "Nothing new since the last digest."


def digest_is_empty(digest: Digest) -> bool:
    """Tell whether a digest holds no stories, so a sink shows EMPTY_DIGEST_TEXT instead."""
    return not digest.items
