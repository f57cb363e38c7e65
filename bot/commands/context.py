"""What every command handler is given: the repositories it uses, the clock, fetching, briefing, the schedule."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.commands.model import CommandRequest
from bot.models import Article
from bot.schedule.channel_digests import ChannelDigests
from bot.storage.articles import ArticleRepository
from bot.storage.feeds import FeedRepository
from bot.storage.records import SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.values import Briefer, Clock

# Fetches a web page and extracts its article (bot.sources.fetcher.Fetcher.article).
PageFetcher = Callable[[str], Awaitable[Article]]

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

    articles: ArticleRepository
    feeds: FeedRepository
    subscriptions: SubscriptionRepository
    digests: ChannelDigests
    clock: Clock
    fetch: PageFetcher
    brief: Briefer
    poll_minutes: int
    schedule: ScheduleHook | None = None

    def now(self) -> datetime:
        return self.clock()

    def subscription_changed(self, subscription: SubscriptionRecord) -> None:
        """Tell the scheduler, if one is running, that a subscription changed."""
        if self.schedule is not None:
            self.schedule.subscription_changed(subscription)


def may_manage(request: CommandRequest) -> bool:
    """Tell whether the user may change the channel's digest and feeds.

    A direct message is the user's own channel, so it is always theirs to manage.
    """
    return request.can_manage or request.is_dm
