"""What every command handler is given: the store, the clock, fetching, briefing, the schedule."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.commands.model import CommandRequest
from bot.errors import UserError
from bot.models import Article, Briefing
from bot.schedule.digests import ChannelDigests
from bot.storage import ChannelRef, Store, SubscriptionRecord

Clock = Callable[[], datetime]
Fetcher = Callable[[str], Awaitable[Article]]
Briefer = Callable[[Article], Briefing]

# `disabled_reason` values the command layer writes (the scheduler writes its own when a channel is gone).
UNSUBSCRIBED = "unsubscribed"
NOT_SCHEDULED = "no daily digest scheduled"
# A channel may follow feeds without a daily digest; its row then carries this placeholder time.
PLACEHOLDER_TIME, PLACEHOLDER_ZONE = "08:00", "UTC"


class ScheduleHook(Protocol):
    """The scheduler's side of a subscription change (bot.schedule.runner.DigestRunner)."""

    def subscription_changed(self, subscription: SubscriptionRecord) -> None: ...


@dataclass(frozen=True)
class CommandContext:
    """The injected parts handlers work with."""

    store: Store
    digests: ChannelDigests
    clock: Clock
    fetch: Fetcher
    brief: Briefer
    poll_minutes: int
    schedule: ScheduleHook | None = None

    def now(self) -> datetime:
        return self.clock()

    def subscription_changed(self, subscription: SubscriptionRecord) -> None:
        """Tell the scheduler, if one is running, that a subscription changed."""
        if self.schedule is not None:
            self.schedule.subscription_changed(subscription)


def channel_of(request: CommandRequest) -> ChannelRef:
    """Return the channel a request came from."""
    return ChannelRef(request.platform, request.workspace, request.channel)


def may_manage(request: CommandRequest) -> bool:
    """Tell whether the user may change the channel's digest and feeds.

    A direct message is the user's own channel, so it is always theirs to manage.
    """
    return request.can_manage or request.is_dm


def require_manager(request: CommandRequest, action: str) -> None:
    """Refuse politely unless the user may manage the channel."""
    if not may_manage(request):
        raise UserError(
            f"Sorry, only people who can manage this channel can {action}. "
            "Ask a channel admin, or try it in a direct message with me."
        )
