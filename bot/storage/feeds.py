"""Feeds in the store: add, list, remove, and record how each poll went."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.identity import normalize_feed_url
from bot.storage.records import FeedRecord, PollOutcome
from bot.storage.repository import Repository
from bot.storage.schema import FeedRow

_log = logging.getLogger("newsbrief.storage")


class FeedRepository(Repository):
    """Feed rows: the list of RSS/Atom URLs to poll and their back-off state."""

    def add_feed(self, url: str, *, title: str | None = None, now: datetime | None = None) -> tuple[FeedRecord, bool]:
        """Store a feed URL and return (feed, created); an already known URL is returned as is."""
        normalized = normalize_feed_url(url)
        existing = self.get_feed(normalized)
        if existing:
            return existing, False
        try:
            with self.database.write() as session:
                row = FeedRow(url=normalized, title=title, failures=0, added_at=self._now(now))
                session.add(row)
                session.flush()
                return feed_record(row), True
        except IntegrityError:  # another process added it between our look and our write
            stored = self.get_feed(normalized)
            if stored is None:  # ... and removed it again; the conflict was with something else
                raise
            return stored, False

    def remove_feed(self, url: str) -> bool:
        """Forget a feed (its articles stay, unlinked); return whether it existed."""
        with self.database.write() as session:
            row = _find_feed(session, normalize_feed_url(url))
            if row is None:
                return False
            session.delete(row)
            return True

    def get_feed(self, url: str) -> FeedRecord | None:
        """Return the feed stored under this URL, if any."""
        with self.database.read() as session:
            row = _find_feed(session, normalize_feed_url(url))
            return feed_record(row) if row else None

    def get_feed_by_id(self, feed_id: int) -> FeedRecord | None:
        """Return the feed with this id, if any."""
        with self.database.read() as session:
            row = session.get(FeedRow, feed_id)
            return feed_record(row) if row else None

    def list_feeds(self) -> list[FeedRecord]:
        """Return every feed, ordered by URL."""
        with self.database.read() as session:
            return [feed_record(row) for row in session.scalars(select(FeedRow).order_by(FeedRow.url))]

    def due_feeds(self, now: datetime | None = None) -> list[FeedRecord]:
        """Return the feeds whose next poll time has come (or was never set)."""
        moment = self._now(now)
        with self.database.read() as session:
            rows = session.scalars(
                select(FeedRow)
                .where(or_(FeedRow.next_poll_at.is_(None), FeedRow.next_poll_at <= moment))
                .order_by(FeedRow.next_poll_at.is_not(None), FeedRow.next_poll_at, FeedRow.id)
            )
            return [feed_record(row) for row in rows]

    def move_feed(self, feed_id: int, url: str) -> FeedRecord | None:
        """Store the feed under its new address and return it; keep the old one if another feed has the new one.

        Returns None when the feed is gone or the address is taken; merging two feeds would have
        to pick whose subscriptions and articles win, which is not this call's to decide.
        """
        normalized = normalize_feed_url(url)
        try:
            with self.database.write() as session:
                row = session.get(FeedRow, feed_id)
                if row is None or row.url == normalized:
                    return feed_record(row) if row else None
                if _find_feed(session, normalized) is not None:
                    _log.warning(
                        "Feed %s moved to %s, which is stored as another feed; keeping both.", row.url, normalized
                    )
                    return None
                row.url = normalized
                session.flush()
                return feed_record(row)
        except IntegrityError:  # another process stored the new address between our look and our write
            _log.warning(
                "Feed %d moved to %s, which was just stored as another feed; keeping both.", feed_id, normalized
            )
            return None

    def update_feed_poll_result(
        self, feed_id: int, outcome: PollOutcome, *, now: datetime | None = None
    ) -> FeedRecord | None:
        """Record one poll: success resets the failure count, failure bumps it and keeps the cache headers."""
        with self.database.write() as session:
            row = session.get(FeedRow, feed_id)
            if row is None:  # removed while it was being polled
                return None
            row.last_polled_at = self._now(now)
            row.next_poll_at = outcome.next_poll_at
            row.last_status = outcome.status
            if outcome.ok:
                row.failures = 0
                row.last_error = None
                row.title = outcome.title or row.title
                # A 304 carries no new validators; keep the ones that earned it.
                row.etag = outcome.etag or row.etag
                row.last_modified = outcome.last_modified or row.last_modified
            else:
                row.failures = (row.failures or 0) + 1
                row.last_error = outcome.error or "unknown error"
            session.flush()
            return feed_record(row)


def feed_record(row: FeedRow) -> FeedRecord:
    """Copy a feed row into an immutable record."""
    return FeedRecord(
        id=row.id, url=row.url, title=row.title, etag=row.etag, last_modified=row.last_modified,
        last_status=row.last_status, last_error=row.last_error, failures=row.failures or 0,
        next_poll_at=row.next_poll_at, last_polled_at=row.last_polled_at, added_at=row.added_at,
    )


def _find_feed(session: Session, url: str) -> FeedRow | None:
    return session.scalars(select(FeedRow).where(FeedRow.url == url)).first()
