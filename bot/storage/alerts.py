"""Alerts in the store: which articles each person was (or will be) told about, so each is told once.

How one alert message reaches one person, mirroring digests (bot.storage.deliveries):

1. `reserve_alerts(user, batch_key, article_ids, per_hour=...)` runs in ONE write transaction: it
   counts what the person was alerted about in the last hour, inserts up to the rest of their
   hourly cap as `pending` under `batch_key` and the surplus as `held`, and gathers every `held`
   row of theirs under the same key so the message can say how many more matched.
2. Post the message.
3. `mark_sent(user, batch_key)` flips `pending` to `sent` and the counted `held` rows to `told`.

UNIQUE(platform, user, article_id) means a person hears about an article once, however many
follows match it and however often it is polled. After a crash, `pending_batches()` lists the
messages to post again; a person who cannot receive direct messages has theirs dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, cast, exists, func, select, update
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement

from bot.storage.articles import briefing_from_json, stored_article
from bot.storage.records import AlertBatch, StoredArticle
from bot.storage.repository import Repository
from bot.storage.schema import AlertRow, ArticleRow
from bot.values import UserRef

PENDING, SENT, HELD, TOLD, DROPPED = "pending", "sent", "held", "told", "dropped"
CAP_WINDOW = timedelta(hours=1)
# One poll of many busy feeds never turns into more candidates than this per person.
MAX_CANDIDATES = 200


class AlertRepository(Repository):
    """Alert rows: one per (person, article), pending until the message is posted."""

    def unalerted_articles(
        self, user: UserRef, feed_ids: Iterable[int], *, since: datetime, limit: int = MAX_CANDIDATES
    ) -> list[StoredArticle]:
        """Return articles from these feeds first stored at or after `since` that `user` was never alerted to."""
        wanted = list(feed_ids)
        if not wanted or limit <= 0:
            return []
        told = select(AlertRow.id).where(_of_user(user), AlertRow.article_id == ArticleRow.id)
        query = (
            select(ArticleRow, cast(ArticleRow.briefing, Text))
            .options(defer(ArticleRow.briefing, raiseload=True))
            .where(ArticleRow.feed_id.in_(wanted), ArticleRow.fetched_at >= since, ~exists(told))
            .order_by(ArticleRow.fetched_at.desc(), ArticleRow.id.desc())
            .limit(limit)
        )
        with self.database.read() as session:
            return [stored_article(row, briefing_from_json(text)) for row, text in session.execute(query)]

    def reserve_alerts(
        self,
        user: UserRef,
        batch_key: str,
        article_ids: Sequence[int],
        *,
        per_hour: int,
        now: datetime | None = None,
    ) -> AlertBatch:
        """Promise `user` one message with these articles, up to their hourly cap; hold and count the rest."""
        moment = self._now(now)
        with self.database.write() as session:
            already = set(session.scalars(
                select(AlertRow.article_id).where(_of_user(user), AlertRow.article_id.in_(list(article_ids)))
            )) if article_ids else set()
            fresh = [article_id for article_id in dict.fromkeys(article_ids) if article_id not in already]
            used = session.scalar(
                select(func.count()).select_from(AlertRow).where(
                    _of_user(user), AlertRow.status.in_((PENDING, SENT)), AlertRow.created_at >= moment - CAP_WINDOW,
                )
            ) or 0
            room = max(0, per_hour - used)
            session.add_all(
                AlertRow(
                    platform=user.platform, workspace=user.workspace, user=user.user, article_id=article_id,
                    batch_key=batch_key, status=PENDING if position < room else HELD, created_at=moment,
                )
                for position, article_id in enumerate(fresh)
            )
            session.flush()
            # Everything held so far is counted in this message (or the next one that goes out).
            session.execute(
                update(AlertRow).where(_of_user(user), AlertRow.status == HELD).values(batch_key=batch_key)
            )
            return _batch(session, user, batch_key)

    def batch(self, user: UserRef, batch_key: str) -> AlertBatch:
        """Return what a reserved message holds: its pending articles and how many are held with it."""
        with self.database.read() as session:
            return _batch(session, user, batch_key)

    def pending_batches(self) -> list[tuple[UserRef, str]]:
        """Return every (person, batch_key) reserved but never posted, oldest first."""
        with self.database.read() as session:
            rows = session.execute(
                select(AlertRow.platform, AlertRow.workspace, AlertRow.user, AlertRow.batch_key)
                .where(AlertRow.status == PENDING)
                .group_by(AlertRow.platform, AlertRow.workspace, AlertRow.user, AlertRow.batch_key)
                .order_by(func.min(AlertRow.id))
            ).all()
            return [(UserRef(platform, workspace, name), key) for platform, workspace, name, key in rows]

    def mark_sent(self, user: UserRef, batch_key: str, *, now: datetime | None = None) -> int:
        """Record that the message went out; return how many articles it carried."""
        with self.database.write() as session:
            sent = _set_status(session, user, batch_key, PENDING, SENT, sent_at=self._now(now))
            _set_status(session, user, batch_key, HELD, TOLD)
            return sent

    def drop_batch(self, user: UserRef, batch_key: str) -> int:
        """Give up on a message for good (the person cannot get direct messages); return the articles dropped."""
        with self.database.write() as session:
            dropped = _set_status(session, user, batch_key, PENDING, DROPPED)
            _set_status(session, user, batch_key, HELD, DROPPED)
            return dropped


def _of_user(user: UserRef) -> ColumnElement[bool]:
    # A person is one per platform: their follows from several workspaces share one hourly cap.
    return (AlertRow.platform == user.platform) & (AlertRow.user == user.user)


def _batch(session: Session, user: UserRef, batch_key: str) -> AlertBatch:
    rows = session.execute(
        select(AlertRow.status, ArticleRow)
        .join(ArticleRow, ArticleRow.id == AlertRow.article_id)
        .where(_of_user(user), AlertRow.batch_key == batch_key, AlertRow.status.in_((PENDING, HELD)))
        .order_by(AlertRow.id)
    ).all()
    articles = tuple(stored_article(article) for status, article in rows if status == PENDING)
    held = sum(1 for status, _ in rows if status == HELD)
    return AlertBatch(user, batch_key, articles, held)


def _set_status(session: Session, user: UserRef, batch_key: str, old: str, new: str, **values: Any) -> int:
    result = session.execute(
        update(AlertRow)
        .where(_of_user(user), AlertRow.batch_key == batch_key, AlertRow.status == old)
        .values(status=new, **values)
    )
    return int(getattr(result, "rowcount", 0) or 0)
