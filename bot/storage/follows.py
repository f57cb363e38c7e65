"""Follows in the store: the words and phrases each person wants a direct message about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.records import FollowRecord
from bot.storage.repository import Repository
from bot.storage.schema import FollowRow
from bot.topics import term_key
from bot.values import ChannelRef, UserRef


class FollowRepository(Repository):
    """Follow rows: one per (person, workspace, term)."""

    def add_follows(
        self, user: UserRef, channel: ChannelRef, terms: Iterable[str], *, private: bool, now: datetime | None = None
    ) -> tuple[list[str], list[str]]:
        """Follow each term for `user`, made from `channel`; return (added, already followed)."""
        added, known = [], []
        moment = self._now(now)
        for term in terms:
            try:
                with self.database.write() as session:
                    if _find(session, user, term) is not None:
                        known.append(term)
                        continue
                    session.add(FollowRow(
                        platform=user.platform, workspace=user.workspace, user=user.user, channel=channel.channel,
                        private=private, term=term, term_key=term_key(term), created_at=moment,
                    ))
                    added.append(term)
            except IntegrityError:  # the same person followed it from elsewhere at the same moment
                known.append(term)
        return added, known

    def remove_follows(self, user: UserRef, terms: Iterable[str]) -> tuple[list[str], list[str]]:
        """Stop following each term; return (removed, not followed)."""
        removed, missing = [], []
        with self.database.write() as session:
            for term in terms:
                row = _find(session, user, term)
                if row is None:
                    missing.append(term)
                    continue
                removed.append(row.term)
                session.execute(delete(FollowRow).where(FollowRow.id == row.id))
        return removed, missing

    def follows_of(self, user: UserRef) -> list[FollowRecord]:
        """Return what `user` follows in this workspace, oldest first."""
        with self.database.read() as session:
            rows = session.scalars(
                select(FollowRow)
                .where(FollowRow.platform == user.platform, FollowRow.workspace == user.workspace,
                       FollowRow.user == user.user)
                .order_by(FollowRow.id)
            )
            return [follow_record(row) for row in rows]

    def all_follows(self) -> list[FollowRecord]:
        """Return every follow of every person, grouped by platform and person."""
        with self.database.read() as session:
            rows = session.scalars(select(FollowRow).order_by(FollowRow.platform, FollowRow.user, FollowRow.id))
            return [follow_record(row) for row in rows]


def follow_record(row: FollowRow) -> FollowRecord:
    """Copy a follow row into an immutable record."""
    return FollowRecord(
        id=row.id, user=UserRef(row.platform, row.workspace, row.user),
        channel=ChannelRef(row.platform, row.workspace, row.channel), private=bool(row.private), term=row.term,
        created_at=row.created_at,
    )


def _find(session: Session, user: UserRef, term: str) -> FollowRow | None:
    return session.scalars(
        select(FollowRow).where(
            FollowRow.platform == user.platform, FollowRow.workspace == user.workspace, FollowRow.user == user.user,
            FollowRow.term_key == term_key(term),
        )
    ).first()
