"""The digest log: one row per scheduled digest (channel and local day), so "already sent" is always known.

How one scheduled digest goes out, whoever sends it and however often it is tried:

1. `claim(...)` in ONE write transaction creates the digest's row if it is missing (a unique
   (channel, digest_key) makes concurrent creators agree on one row), returns DONE when it was
   already sent, BUSY while another sender holds a fresh claim, WAITING while a failed attempt
   backs off; otherwise it records the claim and reserves the digest's articles (the same ones
   again when an earlier attempt reserved them) and returns them with the attempt number.
2. Post the digest (adapters use the key as the platform's idempotency key where there is one).
3. `finish(...)` marks the row and its articles sent in one transaction; `fail(...)` lets go of
   the claim and sets when to try again; `drop(...)` forgets a digest whose channel is gone.

A crash between 1 and 3 leaves the row pending with a stale claim; whoever sweeps next takes
the claims over (`release_claims`, called by the one process that sweeps) or waits out the lease.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.storage.deliveries import mark_sent_in, release_in, reserve_in
from bot.storage.records import StoredArticle
from bot.storage.repository import Repository, insert_unless_present
from bot.storage.schema import DigestLogRow
from bot.values import ChannelRef

PENDING = "pending"
SENT = "sent"
SKIPPED = "skipped"  # empty, and NEWSBRIEF_SKIP_EMPTY_DIGESTS said not to post it
EXPIRED = "expired"  # still pending when its grace window closed; its articles went back to the pool
DONE_STATUSES = frozenset({SENT, SKIPPED, EXPIRED})
_UNIQUE = ("platform", "workspace", "channel", "digest_key")


class ClaimState(enum.Enum):
    """What claiming a digest found."""

    CLAIMED = "claimed"  # it is ours to post now
    DONE = "done"  # sent (or skipped, or expired) before
    BUSY = "busy"  # another sender holds a fresh claim on it
    WAITING = "waiting"  # a failed attempt is backing off


@dataclass(frozen=True)
class DigestClaim:
    """The outcome of a claim: the state and, when CLAIMED, the articles and which attempt this is."""

    state: ClaimState
    articles: tuple[StoredArticle, ...] = ()
    attempt: int = 0


@dataclass(frozen=True)
class DigestLogEntry:
    """One digest as the log holds it."""

    channel: ChannelRef
    digest_key: str
    due_at: datetime
    status: str
    attempts: int
    retry_at: datetime | None

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


@dataclass(frozen=True)
class ArticlePick:
    """Which articles a new digest may take: from these feeds, this recent, at most this many, if `accept`ed."""

    feed_ids: tuple[int, ...]
    since: datetime
    limit: int
    accept: Callable[[StoredArticle], bool] | None = None


class DigestLogRepository(Repository):
    """Digest log rows: claimed, then finished (sent or skipped), failed (retry later) or dropped."""

    def claim(
        self,
        channel: ChannelRef,
        digest_key: str,
        *,
        due_at: datetime,
        owner: str,
        pick: ArticlePick,
        lease: timedelta,
        now: datetime | None = None,
    ) -> DigestClaim:
        """Claim the digest for `owner` and reserve its articles, unless it is done, busy or backing off."""
        moment = self._now(now)
        with self.database.write() as session:
            insert_unless_present(session, DigestLogRow, {
                "platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
                "digest_key": digest_key, "due_at": due_at, "status": PENDING, "attempts": 0, "created_at": moment,
            }, unique=_UNIQUE)
            row = _find(session, channel, digest_key)
            if row is None or row.status in DONE_STATUSES:
                return DigestClaim(ClaimState.DONE)
            if row.retry_at is not None and row.retry_at > moment:
                return DigestClaim(ClaimState.WAITING)
            held = row.claimed_by not in (None, owner) and row.claimed_at is not None
            if held and row.claimed_at is not None and row.claimed_at > moment - lease:
                return DigestClaim(ClaimState.BUSY)
            reservation = reserve_in(
                session, channel, digest_key, feed_ids=pick.feed_ids, limit=pick.limit, since=pick.since,
                accept=pick.accept, now=moment,
            )
            if reservation.already_sent:  # the articles went out under this key: the digest did too
                row.status, row.sent_at = SENT, row.sent_at or moment
                return DigestClaim(ClaimState.DONE)
            row.claimed_by, row.claimed_at, row.retry_at = owner, moment, None
            row.attempts += 1
            return DigestClaim(ClaimState.CLAIMED, reservation.articles, row.attempts)

    def finish(self, channel: ChannelRef, digest_key: str, *, status: str = SENT, now: datetime | None = None) -> None:
        """Record the digest as sent (or skipped), with its articles, in one transaction."""
        moment = self._now(now)
        with self.database.write() as session:
            row = _find(session, channel, digest_key)
            if row is None:
                return
            row.status, row.sent_at, row.claimed_by, row.retry_at = status, moment, None, None
            mark_sent_in(session, channel, digest_key, now=moment)

    def fail(self, channel: ChannelRef, digest_key: str, *, retry_at: datetime) -> None:
        """Let go of the claim after a failed post; the digest stays pending until `retry_at`."""
        with self.database.write() as session:
            row = _find(session, channel, digest_key)
            if row is not None and row.status == PENDING:
                row.claimed_by, row.retry_at = None, retry_at

    def drop(self, channel: ChannelRef, digest_key: str) -> None:
        """Forget a pending digest (its channel is gone): its articles count as undelivered again."""
        with self.database.write() as session:
            row = _find(session, channel, digest_key)
            if row is not None and row.status == PENDING:
                release_in(session, channel, digest_key)
                session.delete(row)

    def expire_pending(self, due_before: datetime) -> list[DigestLogEntry]:
        """Give up on pending digests due before `due_before`; their articles go into later digests."""
        with self.database.write() as session:
            rows = list(session.scalars(
                select(DigestLogRow).where(DigestLogRow.status == PENDING, DigestLogRow.due_at < due_before)
            ))
            for row in rows:
                release_in(session, _channel(row), row.digest_key)
                row.status, row.claimed_by = EXPIRED, None
            return [_entry(row) for row in rows]

    def record_missed(
        self, digests: Iterable[tuple[ChannelRef, str, datetime]], *, now: datetime | None = None
    ) -> None:
        """Note digests whose fire time passed beyond the grace window while nothing ran (said once, not sent)."""
        moment = self._now(now)
        with self.database.write() as session:
            for channel, digest_key, due_at in digests:
                insert_unless_present(session, DigestLogRow, {
                    "platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
                    "digest_key": digest_key, "due_at": due_at, "status": EXPIRED, "attempts": 0,
                    "created_at": moment,
                }, unique=_UNIQUE)

    def recent(self, due_since: datetime) -> list[DigestLogEntry]:
        """Return every digest due at or after `due_since` (one or two per channel: the sweep's view)."""
        with self.database.read() as session:
            rows = session.scalars(
                select(DigestLogRow).where(DigestLogRow.due_at >= due_since).order_by(DigestLogRow.id)
            )
            return [_entry(row) for row in rows]

    def entry(self, channel: ChannelRef, digest_key: str) -> DigestLogEntry | None:
        """Return one digest's row, if it has one."""
        with self.database.read() as session:
            row = _find(session, channel, digest_key, lock=False)
            return _entry(row) if row else None

    def entries(self, channel: ChannelRef) -> list[DigestLogEntry]:
        """Return a channel's digests, oldest first."""
        with self.database.read() as session:
            rows = session.scalars(
                select(DigestLogRow)
                .where(
                    DigestLogRow.platform == channel.platform,
                    DigestLogRow.workspace == channel.workspace,
                    DigestLogRow.channel == channel.channel,
                )
                .order_by(DigestLogRow.id)
            )
            return [_entry(row) for row in rows]

    def release_claims(self) -> int:
        """Take back the claims on pending digests whose sender died; return how many."""
        with self.database.write() as session:
            query = update(DigestLogRow).where(DigestLogRow.status == PENDING, DigestLogRow.claimed_by.is_not(None))
            result = session.execute(query.values(claimed_by=None, claimed_at=None))
            return int(getattr(result, "rowcount", 0) or 0)


def _find(session: Session, channel: ChannelRef, digest_key: str, *, lock: bool = True) -> DigestLogRow | None:
    query = select(DigestLogRow).where(
        DigestLogRow.platform == channel.platform,
        DigestLogRow.workspace == channel.workspace,
        DigestLogRow.channel == channel.channel,
        DigestLogRow.digest_key == digest_key,
    )
    return session.scalars(query.with_for_update() if lock else query).first()


def _channel(row: DigestLogRow) -> ChannelRef:
    return ChannelRef(row.platform, row.workspace, row.channel)


def _entry(row: DigestLogRow) -> DigestLogEntry:
    return DigestLogEntry(
        channel=_channel(row), digest_key=row.digest_key, due_at=row.due_at, status=row.status,
        attempts=row.attempts, retry_at=row.retry_at,
    )
