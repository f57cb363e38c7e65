"""Article updates inside a channel's digest: picked, reserved, sent and released with its articles.

A channel is shown an update of an article only if it was sent the article itself: a channel that
never saw the story gets the story (already in its new version), not "Updated". Rows carry the
digest's key, so the deliveries repository reserves, resumes, marks and releases both together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.storage.articles import stored_article
from bot.storage.records import ArticleUpdate, StoredArticle
from bot.storage.schema import ArticleRow, ArticleUpdateRow, DeliveryRow, UpdateDeliveryRow
from bot.values import ChannelRef

SENT = "sent"
# Built once: nearly every reservation asks these and finds nothing (updates are rare), and building a
# statement costs more than SQLite answering it. Only when one finds a row does the full query run.
_ANY_UPDATE_SINCE = (
    select(ArticleUpdateRow.id).where(ArticleUpdateRow.created_at >= bindparam("since")).limit(1)
)
_ANY_IN_DIGEST = (
    select(UpdateDeliveryRow.id)
    .where(
        UpdateDeliveryRow.platform == bindparam("platform"), UpdateDeliveryRow.workspace == bindparam("workspace"),
        UpdateDeliveryRow.channel == bindparam("channel"), UpdateDeliveryRow.digest_key == bindparam("digest_key"),
    )
    .limit(1)
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def pick_updates(
    session: Session,
    channel: ChannelRef,
    feed_ids: Iterable[int] | None,
    *,
    limit: int,
    since: datetime | None,
    accept: Callable[[StoredArticle], bool] | None,
) -> list[StoredArticle]:
    """Return the updates the channel should hear about, oldest first, each as its article plus `update`."""
    if limit <= 0 or session.scalar(_ANY_UPDATE_SINCE, {"since": since or _EPOCH}) is None:
        return []
    was_sent = select(DeliveryRow.id).where(
        _delivery_of(channel), DeliveryRow.article_id == ArticleUpdateRow.article_id, DeliveryRow.status == SENT
    )
    already = select(UpdateDeliveryRow.id).where(
        _of_channel(channel), UpdateDeliveryRow.update_id == ArticleUpdateRow.id
    )
    query = (
        select(ArticleUpdateRow, ArticleRow)
        .join(ArticleRow, ArticleRow.id == ArticleUpdateRow.article_id)
        .where(exists(was_sent), ~exists(already))
        .order_by(ArticleUpdateRow.created_at, ArticleUpdateRow.id)
    )
    if feed_ids is not None:
        wanted = list(feed_ids)
        if not wanted:
            return []
        query = query.where(ArticleRow.feed_id.in_(wanted))
    if since is not None:
        query = query.where(ArticleUpdateRow.created_at >= since)
    picked = []
    for update_row, article_row in session.execute(query):
        article = with_update(article_row, update_row)
        if accept is None or accept(article):
            picked.append(article)
            if len(picked) >= limit:
                break
    return picked


def reserve_updates(
    session: Session, channel: ChannelRef, digest_key: str, updates: Iterable[StoredArticle], moment: datetime
) -> None:
    """Insert the picked updates as pending deliveries of `digest_key`."""
    rows = [
        {
            "platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
            "update_id": article.update.id, "digest_key": digest_key, "status": "pending", "created_at": moment,
        }
        for article in updates if article.update is not None
    ]
    if rows:
        session.execute(insert(UpdateDeliveryRow), rows)


def digest_updates(session: Session, channel: ChannelRef, digest_key: str) -> list[tuple[str, StoredArticle]]:
    """Return (status, update) for every update reserved under `digest_key`, in reservation order."""
    where = {"platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
             "digest_key": digest_key}
    if session.scalar(_ANY_IN_DIGEST, where) is None:
        return []
    rows = session.execute(
        select(UpdateDeliveryRow.status, ArticleUpdateRow, ArticleRow)
        .join(ArticleUpdateRow, ArticleUpdateRow.id == UpdateDeliveryRow.update_id)
        .join(ArticleRow, ArticleRow.id == ArticleUpdateRow.article_id)
        .where(_of_digest(channel, digest_key))
        .order_by(UpdateDeliveryRow.id)
    )
    return [(status, with_update(article, update_row)) for status, update_row, article in rows]


def pending_update_digests(session: Session) -> list[tuple[int, str, str, str, str]]:
    """Return (first row id, platform, workspace, channel, digest_key) of digests with updates still pending."""
    rows = session.execute(
        select(UpdateDeliveryRow.id, UpdateDeliveryRow.platform, UpdateDeliveryRow.workspace,
               UpdateDeliveryRow.channel, UpdateDeliveryRow.digest_key)
        .where(UpdateDeliveryRow.status == "pending")
        .order_by(UpdateDeliveryRow.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def mark_updates_sent(session: Session, channel: ChannelRef, digest_key: str, moment: datetime) -> int:
    """Flip a digest's pending updates to sent."""
    result = session.execute(
        update(UpdateDeliveryRow)
        .where(_of_digest(channel, digest_key), UpdateDeliveryRow.status == "pending")
        .values(status=SENT, sent_at=moment)
    )
    return _count(result)


def release_updates(session: Session, channel: ChannelRef, digest_key: str) -> int:
    """Drop a digest's pending updates so they count as undelivered again."""
    result = session.execute(
        delete(UpdateDeliveryRow).where(_of_digest(channel, digest_key), UpdateDeliveryRow.status == "pending")
    )
    return _count(result)


def with_update(article: ArticleRow, update_row: ArticleUpdateRow) -> StoredArticle:
    """Return the article's record carrying one of its updates."""
    change = ArticleUpdate(
        id=update_row.id, article_id=update_row.article_id, new_sentences=tuple(update_row.new_sentences or ()),
        new_share=float(update_row.new_share), created_at=update_row.created_at,
    )
    return replace(stored_article(article), update=change)


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _delivery_of(channel: ChannelRef) -> ColumnElement[bool]:
    return (
        (DeliveryRow.platform == channel.platform)
        & (DeliveryRow.workspace == channel.workspace)
        & (DeliveryRow.channel == channel.channel)
    )


def _of_channel(channel: ChannelRef) -> ColumnElement[bool]:
    return (
        (UpdateDeliveryRow.platform == channel.platform)
        & (UpdateDeliveryRow.workspace == channel.workspace)
        & (UpdateDeliveryRow.channel == channel.channel)
    )


def _of_digest(channel: ChannelRef, digest_key: str) -> ColumnElement[bool]:
    return _of_channel(channel) & (UpdateDeliveryRow.digest_key == digest_key)
