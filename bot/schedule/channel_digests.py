"""Assemble a channel's digest from its feeds' undelivered articles, and record what it promised."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from bot.digest import build_digest
from bot.models import Digest
from bot.schedule.timing import local_date, parse_timezone
from bot.storage.deliveries import DeliveryRepository, digest_key_for
from bot.storage.digest_log import ArticlePick
from bot.storage.records import Reservation, StoredArticle, SubscriptionRecord
from bot.values import ChannelRef

# Every undelivered article a digest considers is recorded as delivered, including those behind
# "and N more": a daily digest is about today's news, so yesterday's leftovers must not crowd it.
MAX_CANDIDATES = 50
# A channel that just added a feed gets this week's news, not the feed's whole archive.
FRESHNESS_WINDOW = timedelta(days=7)
SCHEDULED_TITLE = "Daily news digest"
ON_DEMAND_TITLE = "News digest"
_ON_DEMAND_MARK = ":now:"


def scheduled_digest_key(subscription: SubscriptionRecord, slot: datetime) -> str:
    """Return the key of the subscription's digest for the local calendar day of `slot`."""
    return digest_key_for(subscription.channel, local_date(slot, parse_timezone(subscription.timezone)))


def on_demand_digest_key(channel: ChannelRef, now: datetime) -> str:
    """Return a fresh key for a digest asked for on the spot; each request is its own digest."""
    return f"{channel}{_ON_DEMAND_MARK}{now.isoformat()}:{secrets.token_hex(3)}"


def is_on_demand_key(digest_key: str) -> bool:
    """Tell whether a digest key belongs to an on-demand digest."""
    return _ON_DEMAND_MARK in digest_key


def title_for_key(digest_key: str) -> str:
    """Return the title a digest with this key is shown under."""
    return ON_DEMAND_TITLE if is_on_demand_key(digest_key) else SCHEDULED_TITLE


class ChannelDigests:
    """Pick, reserve and build digests for channels; the store keeps the exactly-once record."""

    def __init__(self, deliveries: DeliveryRepository, *, max_items: int) -> None:
        self.deliveries = deliveries
        self.max_items = max_items

    def reserve(self, channel: ChannelRef, feed_ids: Iterable[int], digest_key: str, now: datetime) -> Reservation:
        """Promise the channel's undelivered articles to `digest_key`, or return the promise made before."""
        return self.deliveries.reserve_deliveries(
            channel, digest_key, feed_ids=tuple(feed_ids), limit=MAX_CANDIDATES,
            since=now - FRESHNESS_WINDOW, now=now,
        )

    def pick(self, feed_ids: Iterable[int], now: datetime) -> ArticlePick:
        """Return which articles a new digest for these feeds may take at `now`."""
        return ArticlePick(feed_ids=tuple(feed_ids), since=now - FRESHNESS_WINDOW, limit=MAX_CANDIDATES)

    def build(
        self, articles: Iterable[StoredArticle], *, title: str, now: datetime, key: str | None = None, attempt: int = 1
    ) -> Digest:
        """Merge and rank the articles' stored briefings into a digest."""
        digest = build_digest(
            [article.briefing for article in articles], max_items=self.max_items, title=title, generated_at=now
        )
        return replace(digest, key=key, attempt=attempt)

    def on_demand(self, channel: ChannelRef, feed_ids: Iterable[int], now: datetime) -> Digest:
        """Build a digest right now and record its articles as sent, so the daily digest won't repeat them."""
        key = on_demand_digest_key(channel, now)
        reservation = self.reserve(channel, feed_ids, key, now)
        if reservation.articles:
            # Handing the reply to the adapter counts as delivery: the asker is looking at it.
            self.deliveries.mark_sent(channel, key, now=now)
        return self.build(reservation.articles, title=ON_DEMAND_TITLE, now=now)
