"""Deliveries: which articles each channel was promised or shown, so no article reaches a channel twice.

One row per (channel, article), `pending` while its digest is being posted and `sent` after;
UNIQUE(platform, workspace, channel, article_id) means an article is promised to a channel once,
however many schedulers race. A digest also carries updates of articles the channel saw before
(bot.storage.update_deliveries), reserved and sent together with its articles. Scheduled digests
are claimed through the digest log (bot.storage.digest_log), which reserves their articles here
in the same transaction (`reserve_in`) and flips them to sent with the digest (`mark_sent_in`).
On-demand digests (`/digest`) use `reserve_deliveries` and `mark_sent` directly. A repeated
reservation under the same `digest_key` returns the very same articles, so a re-sent digest is
identical. When a channel is gone for good, its pending rows are dropped (`release_in`) and the
articles become undelivered again. A scheduled digest's key is `digest_key_for(channel,
local_date)`: one digest per channel per local day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, cast, delete, exists, func, insert, select, update
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement

from bot.storage import update_deliveries as updates
from bot.storage.articles import briefing_from_json, newest_first, stored_article
from bot.storage.records import Reservation, StoredArticle
from bot.storage.repository import Repository
from bot.storage.schema import ArticleRow, DeliveryRow
from bot.values import ChannelRef

PENDING = "pending"
SENT = "sent"
_RESERVE_ATTEMPTS = 3


def digest_key_for(channel: ChannelRef, local_date: date) -> str:
    """Return the key of the channel's digest for one local calendar day."""
    return f"{channel}:{local_date.isoformat()}"


class DeliveryRepository(Repository):
    """Delivery rows: one per (channel, article), pending until its digest is posted."""

    def undelivered_articles(
        self,
        channel: ChannelRef,
        feed_ids: Iterable[int] | None = None,
        *,
        limit: int = 50,
        since: datetime | None = None,
        accept: Callable[[StoredArticle], bool] | None = None,
    ) -> list[StoredArticle]:
        """Return the newest articles the channel has not been promised, from these feeds (None: any)."""
        with self.database.read() as session:
            return _pick_undelivered(session, channel, feed_ids, limit=limit, since=since, accept=accept)

    def count_undelivered(
        self,
        channel: ChannelRef,
        feed_ids: Iterable[int],
        *,
        since: datetime | None = None,
        before: datetime | None = None,
    ) -> int:
        """Count the articles from these feeds the channel has not been promised, dated in [since, before)."""
        wanted = list(feed_ids)
        if not wanted:
            return 0
        already = select(DeliveryRow.id).where(_of_channel(channel), DeliveryRow.article_id == ArticleRow.id)
        moment = func.coalesce(ArticleRow.published, ArticleRow.fetched_at)
        query = select(func.count()).select_from(ArticleRow).where(ArticleRow.feed_id.in_(wanted), ~exists(already))
        if since is not None:
            query = query.where(moment >= since)
        if before is not None:
            query = query.where(moment < before)
        with self.database.read() as session:
            return session.scalar(query) or 0

    def reserve_deliveries(
        self,
        channel: ChannelRef,
        digest_key: str,
        *,
        feed_ids: Iterable[int] | None = None,
        limit: int = 50,
        since: datetime | None = None,
        accept: Callable[[StoredArticle], bool] | None = None,
        now: datetime | None = None,
    ) -> Reservation:
        """Promise the channel's next digest its articles, or return the promise already made.

        The digest also carries updates of articles the channel was sent before (each article
        record then has `update` set), reserved and sent together with the articles.
        """
        for attempt in range(_RESERVE_ATTEMPTS):
            try:
                return self._reserve_once(
                    channel, digest_key, feed_ids=feed_ids, limit=limit, since=since, accept=accept, now=now
                )
            except IntegrityError:
                # PostgreSQL has no database-wide write lock like SQLite's BEGIN IMMEDIATE: another
                # transaction promised one of these articles to this channel first. Looking again
                # sees its promise (the same digest, or articles now taken); the unique key kept
                # anything from being promised twice.
                if attempt == _RESERVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _reserve_once(
        self,
        channel: ChannelRef,
        digest_key: str,
        *,
        feed_ids: Iterable[int] | None,
        limit: int,
        since: datetime | None,
        accept: Callable[[StoredArticle], bool] | None,
        now: datetime | None,
    ) -> Reservation:
        with self.database.write() as session:
            return reserve_in(
                session, channel, digest_key, feed_ids=feed_ids, limit=limit, since=since, accept=accept,
                now=self._now(now),
            )

    def pending_for(self, channel: ChannelRef, digest_key: str) -> list[StoredArticle]:
        """Return the articles reserved for this digest and not yet sent, in reservation order."""
        with self.database.read() as session:
            articles = [
                stored_article(article)
                for delivery, article in _digest_rows(session, channel, digest_key)
                if delivery.status == PENDING
            ]
            changed = [u for status, u in updates.digest_updates(session, channel, digest_key) if status == PENDING]
            return articles + changed

    def pending_digests(self) -> list[tuple[ChannelRef, str]]:
        """Return every (channel, digest_key) reserved but never marked sent, oldest first."""
        with self.database.read() as session:
            rows = session.execute(
                select(DeliveryRow.platform, DeliveryRow.workspace, DeliveryRow.channel, DeliveryRow.digest_key)
                .where(DeliveryRow.status == PENDING)
                .group_by(DeliveryRow.platform, DeliveryRow.workspace, DeliveryRow.channel, DeliveryRow.digest_key)
                .order_by(func.min(DeliveryRow.id))
            ).all()
            found = {(ChannelRef(platform, workspace, name), key): None for platform, workspace, name, key in rows}
            for _, platform, workspace, name, key in updates.pending_update_digests(session):
                found.setdefault((ChannelRef(platform, workspace, name), key), None)
            return list(found)

    def mark_sent(self, channel: ChannelRef, digest_key: str, *, now: datetime | None = None) -> int:
        """Record that the digest was posted; return how many articles it carried."""
        with self.database.write() as session:
            return mark_sent_in(session, channel, digest_key, now=self._now(now))

    def release_deliveries(self, channel: ChannelRef, digest_key: str) -> int:
        """Drop a digest's pending rows so its articles count as undelivered again."""
        with self.database.write() as session:
            return release_in(session, channel, digest_key)


def reserve_in(
    session: Session,
    channel: ChannelRef,
    digest_key: str,
    *,
    feed_ids: Iterable[int] | None,
    limit: int,
    since: datetime | None,
    now: datetime,
    accept: Callable[[StoredArticle], bool] | None = None,
) -> Reservation:
    """Reserve (or return the reservation of) a digest's articles and updates inside an open write transaction."""
    earlier = _digest_rows(session, channel, digest_key)
    earlier_updates = updates.digest_updates(session, channel, digest_key)
    if earlier or earlier_updates:
        already_sent = any(d.status == SENT for d, _ in earlier) or any(s == SENT for s, _ in earlier_updates)
        return Reservation(
            channel, digest_key,
            (*(stored_article(article) for _, article in earlier), *(u for _, u in earlier_updates)),
            resumed=not already_sent, already_sent=already_sent,
        )
    picked = _pick_undelivered(session, channel, feed_ids, limit=limit, since=since, accept=accept)
    changed = updates.pick_updates(session, channel, feed_ids, limit=limit, since=since, accept=accept)
    updates.reserve_updates(session, channel, digest_key, changed, now)
    if picked:
        # One executemany instead of an ORM object per row: fan-out reserves for every channel at once.
        session.execute(insert(DeliveryRow), [
            {
                "platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
                "article_id": article.id, "digest_key": digest_key, "status": PENDING, "created_at": now,
            }
            for article in picked
        ])
    return Reservation(channel, digest_key, (*picked, *changed))


def mark_sent_in(session: Session, channel: ChannelRef, digest_key: str, *, now: datetime) -> int:
    """Flip a digest's pending rows (articles and updates) to sent inside an open write transaction."""
    result = session.execute(
        update(DeliveryRow)
        .where(_of_digest(channel, digest_key), DeliveryRow.status == PENDING)
        .values(status=SENT, sent_at=now)
    )
    return _rows_changed(result) + updates.mark_updates_sent(session, channel, digest_key, now)


def release_in(session: Session, channel: ChannelRef, digest_key: str) -> int:
    """Drop a digest's pending rows (articles and updates) inside an open write transaction."""
    result = session.execute(delete(DeliveryRow).where(_of_digest(channel, digest_key), DeliveryRow.status == PENDING))
    return _rows_changed(result) + updates.release_updates(session, channel, digest_key)


def _rows_changed(result: Result[Any]) -> int:
    """Return how many rows an UPDATE or DELETE touched."""
    return result.rowcount if isinstance(result, CursorResult) else 0


def _of_channel(channel: ChannelRef) -> ColumnElement[bool]:
    return (
        (DeliveryRow.platform == channel.platform)
        & (DeliveryRow.workspace == channel.workspace)
        & (DeliveryRow.channel == channel.channel)
    )


def _of_digest(channel: ChannelRef, digest_key: str) -> ColumnElement[bool]:
    return _of_channel(channel) & (DeliveryRow.digest_key == digest_key)


def _digest_rows(session: Session, channel: ChannelRef, digest_key: str) -> list[tuple[DeliveryRow, ArticleRow]]:
    rows = session.execute(
        select(DeliveryRow, ArticleRow)
        .join(ArticleRow, ArticleRow.id == DeliveryRow.article_id)
        .where(_of_digest(channel, digest_key))
        .order_by(DeliveryRow.id)
    )
    return [(delivery, article) for delivery, article in rows]


def _pick_undelivered(
    session: Session,
    channel: ChannelRef,
    feed_ids: Iterable[int] | None,
    *,
    limit: int,
    since: datetime | None,
    accept: Callable[[StoredArticle], bool] | None,
) -> list[StoredArticle]:
    if limit <= 0:
        return []
    wanted = None if feed_ids is None else list(feed_ids)
    if wanted is not None and not wanted:
        return []
    if accept is None:
        return _load_in_order(session, _undelivered_ids(session, channel, wanted, limit=limit, since=since))
    # With a picky `accept` the first `limit` rows may not be enough: stream whole rows until enough pass.
    query = (
        select(ArticleRow, cast(ArticleRow.briefing, Text))
        .where(*_undelivered(channel, wanted, since=since))
        .order_by(*newest_first())
    )
    picked: list[StoredArticle] = []
    result = session.execute(query.options(defer(ArticleRow.briefing, raiseload=True)).execution_options(yield_per=100))
    try:
        for row, briefing_text in result:
            article = stored_article(row, briefing_from_json(briefing_text))
            if accept(article):
                picked.append(article)
                if len(picked) >= limit:
                    break
    finally:
        result.close()
    return picked


def _undelivered(
    channel: ChannelRef, feed_ids: list[int] | None, *, since: datetime | None
) -> list[ColumnElement[bool]]:
    """Return the conditions on articles the channel was never promised, from these feeds, since then."""
    already = select(DeliveryRow.id).where(_of_channel(channel), DeliveryRow.article_id == ArticleRow.id)
    conditions: list[ColumnElement[bool]] = [~exists(already)]
    if feed_ids is not None:
        conditions.append(ArticleRow.feed_id.in_(feed_ids))
    if since is not None:
        conditions.append(func.coalesce(ArticleRow.published, ArticleRow.fetched_at) >= since)
    return conditions


def _undelivered_ids(
    session: Session, channel: ChannelRef, feed_ids: list[int] | None, *, limit: int, since: datetime | None
) -> list[int]:
    """Return the ids of the newest undelivered articles.

    Only ids are read and sorted: the index on (feed, recency, id) answers the feeds' window by
    itself (migration 0004), and each candidate costs one look-up in the deliveries' unique index.
    The cost follows the articles in the subscribed feeds' window, not the whole stored history.
    """
    conditions = _undelivered(channel, feed_ids, since=since)
    query = select(ArticleRow.id).where(*conditions).order_by(*newest_first()).limit(limit)
    return list(session.execute(query).scalars())


def _load_in_order(session: Session, ids: list[int]) -> list[StoredArticle]:
    """Load whole articles by id, in the order given."""
    if not ids:
        return []
    # The briefing comes as its JSON text, parsed through a cache: the same articles go to many channels.
    rows = session.execute(
        select(ArticleRow, cast(ArticleRow.briefing, Text))
        .options(defer(ArticleRow.briefing, raiseload=True))
        .where(ArticleRow.id.in_(ids))
    ).all()
    loaded = {row.id: stored_article(row, briefing_from_json(briefing_text)) for row, briefing_text in rows}
    return [loaded[article_id] for article_id in ids if article_id in loaded]
