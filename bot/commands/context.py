"""What every command handler is given: the repositories it uses, the clock, fetching, briefing, the schedule."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot.commands.model import CommandRequest
from bot.models import Article
from bot.schedule.channel_digests import ChannelDigests
from bot.storage.articles import ArticleRepository
from bot.storage.feeds import FeedRepository
from bot.storage.follows import FollowRepository
from bot.storage.records import SubscriptionRecord
from bot.storage.subscriptions import Holder, SubscriptionRepository
from bot.values import Briefer, Clock, UserRef

if TYPE_CHECKING:
    from bot.sources.discovery import FoundFeed

# Fetches a web page and extracts its article (bot.sources.fetcher.Fetcher.article).
PageFetcher = Callable[[str], Awaitable[Article]]
# Checks a feed address before it is followed, finding the feed a web page advertises (bot.sources.discovery).
FeedFinder = Callable[[str], Awaitable["FoundFeed"]]

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
    follows: FollowRepository
    schedule: ScheduleHook | None = None
    # None stores feeds unchecked (as `newsbrief feeds add --no-check` does).
    find_feed: FeedFinder | None = None

    def now(self) -> datetime:
        return self.clock()

    def subscription_changed(self, subscription: SubscriptionRecord) -> None:
        """Tell the scheduler, if one is running, that a subscription changed."""
        if self.schedule is not None:
            self.schedule.subscription_changed(subscription)


def person(request: CommandRequest) -> UserRef:
    """Return who sent the request, as direct messages reach them."""
    return UserRef(request.platform, request.channel.workspace, request.user)


def may_manage(request: CommandRequest) -> bool:
    """Tell whether the user may change the channel's digest and feeds.

    A direct message is the user's own channel, so it is always theirs to manage.
    """
    return request.can_manage or request.is_dm


def holder_for(request: CommandRequest) -> Holder:
    """Return the paused subscription a channel gets to hold feeds and filters until it subscribes."""
    return Holder(
        PLACEHOLDER_TIME, PLACEHOLDER_ZONE, enabled=False, disabled_reason=NOT_SCHEDULED, created_by=request.user,
        private=request.is_dm,
    )


def subscription_or_holder(context: CommandContext, request: CommandRequest) -> SubscriptionRecord:
    """Return the channel's subscription, creating a paused one to hold feeds and filters if it has none."""
    # One transaction that never overwrites: a `subscribe` racing this command keeps its time.
    return context.subscriptions.hold(request.channel, holder_for(request), now=context.now())
