"""Subscriptions in the store: which channel gets a digest, when, and from which feeds.

Every change to one channel's subscription is one transaction that locks (or creates) the
channel's row first, so two commands for a new channel at once (`feeds add` and `subscribe`)
are applied one after the other and neither undoes the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.storage.records import DailySchedule, SubscriptionRecord
from bot.storage.repository import Repository, insert_unless_present
from bot.storage.schema import FeedRow, SubscriptionFeedRow, SubscriptionRow
from bot.values import ChannelRef

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_CHANNEL_KEY = ("platform", "workspace", "channel")


@dataclass(frozen=True)
class Holder:
    """The subscription a channel gets when a command needs one and it has none: paused unless told."""

    time: str
    timezone: str
    enabled: bool = True
    disabled_reason: str | None = None
    created_by: str | None = None
    private: bool = False


class SubscriptionRepository(Repository):
    """Subscription rows: one per channel, unique on (platform, workspace, channel)."""

    def save_subscription(
        self,
        channel: ChannelRef,
        *,
        time: str,
        timezone: str,
        filters: dict[str, Any] | None = None,
        created_by: str | None = None,
        feed_ids: Iterable[int] | None = None,
        now: datetime | None = None,
        private: bool = False,
    ) -> tuple[SubscriptionRecord, bool]:
        """Create or update the channel's subscription (re-enabling it); return (record, created).

        `private` marks a direct-message channel when the row is created; it never changes after.
        """
        _check_time(time)
        _check_timezone(timezone)
        moment = self._now(now)
        with self.database.write() as session:
            row, created = _lock_or_create(
                session, channel, Holder(time, timezone, created_by=created_by, private=private), now=moment
            )
            if created or not row.enabled or (row.time, row.timezone) != (time, timezone):
                # Fire times before this moment belonged to another schedule (or none): not due now.
                row.schedule_since = moment
            row.time, row.timezone = time, timezone
            row.enabled, row.disabled_reason = True, None
            if filters is not None:
                row.filters = dict(filters)
            session.flush()
            if feed_ids is not None:
                _replace_feeds(session, row.id, feed_ids)
            return subscription_record(session, row), created

    def hold(self, channel: ChannelRef, holder: Holder, *, now: datetime | None = None) -> SubscriptionRecord:
        """Return the channel's subscription, creating `holder` (paused, to hold feeds and filters) if it has none."""
        with self.database.write() as session:
            row, _ = _lock_or_create(session, channel, holder, now=self._now(now))
            return subscription_record(session, row)

    def follow_feed(
        self, channel: ChannelRef, feed_id: int, *, holder: Holder, now: datetime | None = None
    ) -> tuple[SubscriptionRecord, bool]:
        """Make the channel follow a feed, creating `holder` to hold it if need be; return (record, added)."""
        with self.database.write() as session:
            row, _ = _lock_or_create(session, channel, holder, now=self._now(now))
            _check_feeds_exist(session, {feed_id})
            added = insert_unless_present(
                session, SubscriptionFeedRow, {"subscription_id": row.id, "feed_id": feed_id},
                unique=("subscription_id", "feed_id"),
            )
            return subscription_record(session, row), added

    def unfollow_feed(self, channel: ChannelRef, feed_id: int) -> SubscriptionRecord | None:
        """Make the channel stop following one feed; return the subscription (None when it has none)."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return None
            session.execute(
                delete(SubscriptionFeedRow).where(
                    SubscriptionFeedRow.subscription_id == row.id, SubscriptionFeedRow.feed_id == feed_id
                )
            )
            return subscription_record(session, row)

    def get_subscription(self, channel: ChannelRef) -> SubscriptionRecord | None:
        """Return the channel's subscription, if any."""
        with self.database.read() as session:
            row = _find(session, channel)
            return subscription_record(session, row) if row else None

    def list_subscriptions(self, *, enabled_only: bool = False) -> list[SubscriptionRecord]:
        """Return every subscription (or only enabled ones), oldest first."""
        with self.database.read() as session:
            query = select(SubscriptionRow).order_by(SubscriptionRow.id)
            if enabled_only:
                query = query.where(SubscriptionRow.enabled.is_(True))
            return [subscription_record(session, row) for row in session.scalars(query)]

    def daily_schedules(self) -> list[DailySchedule]:
        """Return when each enabled subscription fires, in one query (the scheduler reads this often)."""
        with self.database.read() as session:
            rows = session.execute(
                select(
                    SubscriptionRow.platform, SubscriptionRow.workspace, SubscriptionRow.channel,
                    SubscriptionRow.time, SubscriptionRow.timezone, SubscriptionRow.schedule_since,
                    SubscriptionRow.created_at,
                )
                .where(SubscriptionRow.enabled.is_(True))
                .order_by(SubscriptionRow.id)
            ).all()
        return [
            DailySchedule(ChannelRef(platform, workspace, name), time, zone, since or created)
            for platform, workspace, name, time, zone, since, created in rows
        ]

    def remove_subscription(self, channel: ChannelRef) -> bool:
        """Delete the channel's subscription; return whether there was one."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return False
            session.delete(row)
            return True

    def set_subscription_enabled(
        self, channel: ChannelRef, enabled: bool, *, reason: str | None = None, now: datetime | None = None
    ) -> SubscriptionRecord | None:
        """Pause (with a reason, e.g. the bot lost access) or resume a subscription."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return None
            if enabled and not row.enabled:
                row.schedule_since = self._now(now)
            row.enabled = enabled
            row.disabled_reason = None if enabled else reason
            session.flush()
            return subscription_record(session, row)

    def set_subscription_filters(self, channel: ChannelRef, filters: dict[str, Any]) -> SubscriptionRecord | None:
        """Replace the channel's filters (bot.topics.TopicFilter.to_settings); None if it has no subscription."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return None
            row.filters = dict(filters)
            session.flush()
            return subscription_record(session, row)

    def set_subscription_feeds(self, channel: ChannelRef, feed_ids: Iterable[int]) -> SubscriptionRecord | None:
        """Make the channel follow exactly these feeds."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return None
            _replace_feeds(session, row.id, feed_ids)
            return subscription_record(session, row)

    def add_subscription_feed(self, channel: ChannelRef, feed_id: int) -> SubscriptionRecord | None:
        """Make a subscribed channel follow one more feed (None when the channel has no subscription)."""
        with self.database.write() as session:
            row = _find(session, channel, lock=True)
            if row is None:
                return None
            _check_feeds_exist(session, {feed_id})
            insert_unless_present(
                session, SubscriptionFeedRow, {"subscription_id": row.id, "feed_id": feed_id},
                unique=("subscription_id", "feed_id"),
            )
            return subscription_record(session, row)

    def remove_subscription_feed(self, channel: ChannelRef, feed_id: int) -> SubscriptionRecord | None:
        """Make the channel stop following one feed."""
        return self.unfollow_feed(channel, feed_id)


def _find(session: Session, channel: ChannelRef, *, lock: bool = False) -> SubscriptionRow | None:
    query = select(SubscriptionRow).where(
        SubscriptionRow.platform == channel.platform,
        SubscriptionRow.workspace == channel.workspace,
        SubscriptionRow.channel == channel.channel,
    )
    # PostgreSQL: hold the row until commit; SQLite's write transaction already holds the database.
    return session.scalars(query.with_for_update() if lock else query).first()


def _lock_or_create(
    session: Session, channel: ChannelRef, holder: Holder, *, now: datetime
) -> tuple[SubscriptionRow, bool]:
    """Return the channel's row, locked for this transaction, creating it from `holder` if missing."""
    created = insert_unless_present(session, SubscriptionRow, {
        "platform": channel.platform, "workspace": channel.workspace, "channel": channel.channel,
        "time": holder.time, "timezone": holder.timezone, "filters": {}, "enabled": holder.enabled,
        "disabled_reason": holder.disabled_reason, "created_by": holder.created_by, "created_at": now,
        "schedule_since": now, "private": holder.private,
    }, unique=_CHANNEL_KEY)
    row = _find(session, channel, lock=True)
    if row is None:  # deleted between the insert and the read by another process: nothing to hold on to
        raise UserError("This channel's settings changed meanwhile; please try again.")
    return row, created


def _check_feeds_exist(session: Session, wanted: set[int]) -> None:
    known = set(session.scalars(select(FeedRow.id).where(FeedRow.id.in_(wanted)))) if wanted else set()
    if wanted - known:
        raise UserError(f"No feed with id {', '.join(map(str, sorted(wanted - known)))}.")


def _replace_feeds(session: Session, subscription_id: int, feed_ids: Iterable[int]) -> None:
    wanted = set(feed_ids)
    _check_feeds_exist(session, wanted)
    session.execute(delete(SubscriptionFeedRow).where(SubscriptionFeedRow.subscription_id == subscription_id))
    session.add_all(SubscriptionFeedRow(subscription_id=subscription_id, feed_id=feed_id) for feed_id in sorted(wanted))
    session.flush()


def subscription_record(session: Session, row: SubscriptionRow) -> SubscriptionRecord:
    """Copy a subscription row, with its feed ids, into an immutable record."""
    feed_ids = session.scalars(
        select(SubscriptionFeedRow.feed_id)
        .where(SubscriptionFeedRow.subscription_id == row.id)
        .order_by(SubscriptionFeedRow.feed_id)
    )
    return SubscriptionRecord(
        id=row.id, channel=ChannelRef(row.platform, row.workspace, row.channel), time=row.time,
        timezone=row.timezone, enabled=bool(row.enabled), created_at=row.created_at,
        filters=dict(row.filters or {}), disabled_reason=row.disabled_reason, created_by=row.created_by,
        feed_ids=tuple(feed_ids), private=bool(row.private), schedule_since=row.schedule_since or row.created_at,
    )


def _check_time(value: str) -> None:
    if not _TIME.match(value or ""):
        raise UserError(f"{value!r} is not a time like 08:30 (24-hour clock).")


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"{name!r} is not a time zone I know; try one like Europe/Paris or UTC.") from None
