"""Assemble a channel's digest from its feeds' undelivered articles, and record what it promised."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from bot.digest import build_digest
from bot.models import Briefing, Digest, DigestItem, Facts
from bot.revisions import SHOWN_NEW_SENTENCES
from bot.schedule.timing import local_date, parse_timezone
from bot.storage.deliveries import DeliveryRepository, digest_key_for
from bot.storage.digest_log import ArticlePick
from bot.storage.records import ArticleUpdate, Reservation, StoredArticle, SubscriptionRecord
from bot.topics import TopicFilter, article_text
from bot.values import ChannelRef

# Decides whether a channel's filter lets an article into its digest (None: no filter).
Accept = Callable[[StoredArticle], bool]

# Every undelivered article a digest considers is recorded as delivered, including those behind
# "and N more": a daily digest is about today's news, so yesterday's leftovers must not crowd it.
MAX_CANDIDATES = 50
# A channel that just added a feed gets this week's news, not the feed's whole archive
# (NEWSBRIEF_DIGEST_MAX_AGE_DAYS); an undated article counts from when it was first seen.
FRESHNESS_WINDOW = timedelta(days=7)
UPDATED_PREFIX = "Updated: "
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

    def __init__(
        self, deliveries: DeliveryRepository, *, max_items: int, max_age: timedelta = FRESHNESS_WINDOW
    ) -> None:
        self.deliveries = deliveries
        self.max_items = max_items
        self.max_age = max_age

    def reserve(
        self, channel: ChannelRef, feed_ids: Iterable[int], digest_key: str, now: datetime,
        *, accept: Accept | None = None,
    ) -> Reservation:
        """Promise the channel's undelivered articles that `accept` lets in to `digest_key` (or the earlier promise)."""
        return self.deliveries.reserve_deliveries(
            channel, digest_key, feed_ids=tuple(feed_ids), limit=MAX_CANDIDATES,
            since=now - self.max_age, accept=accept, now=now,
        )

    def pick(self, subscription: SubscriptionRecord | None, now: datetime) -> ArticlePick:
        """Return which articles a new scheduled digest for the channel may take at `now` (its feeds, its filter)."""
        return ArticlePick(
            feed_ids=subscription.feed_ids if subscription else (), since=now - self.max_age, limit=MAX_CANDIDATES,
            accept=channel_filter(subscription),
        )

    def build(
        self, articles: Iterable[StoredArticle], *, title: str, now: datetime, key: str | None = None, attempt: int = 1
    ) -> Digest:
        """Merge and rank the articles' stored briefings into a digest; updates come last, marked "Updated"."""
        articles = list(articles)
        fresh = [article for article in articles if article.update is None]
        digest = build_digest(
            [article.briefing for article in fresh], max_items=self.max_items, title=title, generated_at=now,
            first_seen=[article.fetched_at for article in fresh],
        )
        updated = updated_items([article for article in articles if article.update is not None])
        shown = updated[:self.max_items]
        return replace(
            digest, items=(*digest.items, *shown), more=digest.more + len(updated) - len(shown), key=key,
            attempt=attempt,
        )

    def on_demand(
        self, channel: ChannelRef, feed_ids: Iterable[int], now: datetime, *, accept: Accept | None = None
    ) -> Digest:
        """Build a digest right now and record its articles as sent, so the daily digest won't repeat them."""
        key = on_demand_digest_key(channel, now)
        reservation = self.reserve(channel, feed_ids, key, now, accept=accept)
        if reservation.articles:
            # Handing the reply to the adapter counts as delivery: the asker is looking at it.
            self.deliveries.mark_sent(channel, key, now=now)
        return self.build(reservation.articles, title=ON_DEMAND_TITLE, now=now)

    def why_empty(
        self, channel: ChannelRef, feed_ids: Iterable[int], now: datetime, *, filtered: bool
    ) -> str | None:
        """Explain an empty digest when the feeds do hold news the channel was not shown; None when they don't."""
        feed_ids = tuple(feed_ids)
        window_start = now - self.max_age
        older = self.deliveries.count_undelivered(channel, feed_ids, before=window_start)
        left_out = self.deliveries.count_undelivered(channel, feed_ids, since=window_start) if filtered else 0
        reasons = []
        if left_out:
            reasons.append(f"{_articles(left_out)} {'was' if left_out == 1 else 'were'} left out by this channel's "
                           "filters (`filter list` shows them)")
        if older:
            days = self.max_age.days
            reasons.append(f"{_articles(older)} {'is' if older == 1 else 'are'} older than {days} "
                           f"day{'s' if days != 1 else ''}, the digest's window (NEWSBRIEF_DIGEST_MAX_AGE_DAYS "
                           "sets it)")
        return "; ".join(reasons) + "." if reasons else None


def channel_filter(subscription: SubscriptionRecord | None) -> Accept | None:
    """Return what lets an article into the channel's digests under its filter, or None when it has none."""
    chosen = TopicFilter.from_settings(subscription.filters if subscription else None)
    if not chosen.active:
        return None

    def accept(article: StoredArticle) -> bool:
        return chosen.accepts(article_text(article.title, article.text))

    return accept


def updated_items(updates: Iterable[StoredArticle]) -> list[DigestItem]:
    """Return one "Updated" digest item per article (its updates' new sentences together), newest first."""
    by_article: dict[int, list[ArticleUpdate]] = {}
    latest: dict[int, StoredArticle] = {}
    for article in updates:
        if article.update is None:
            continue
        by_article.setdefault(article.id, []).append(article.update)
        latest[article.id] = article  # every copy carries the article's current text and briefing
    ordered = sorted(by_article, key=lambda article_id: max(u.created_at for u in by_article[article_id]), reverse=True)
    items = []
    for article_id in ordered:
        sentences = tuple(dict.fromkeys(s for update in by_article[article_id] for s in update.new_sentences))
        items.append(DigestItem(briefing=_updated_briefing(latest[article_id].briefing, sentences)))
    return items


def _updated_briefing(briefing: Briefing, sentences: tuple[str, ...]) -> Briefing:
    # Only what is new: the story's summary and facts were in the digest that first carried it.
    title = briefing.title if briefing.title.startswith(UPDATED_PREFIX) else UPDATED_PREFIX + briefing.title
    return replace(briefing, title=title, summary=sentences[:SHOWN_NEW_SENTENCES], facts=Facts())


def _articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"
