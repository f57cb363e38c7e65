"""Subscriptions in the store: which channel gets a digest, when, and from which feeds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.storage.records import SubscriptionRecord
from bot.storage.repository import Repository
from bot.storage.schema import FeedRow, SubscriptionFeedRow, SubscriptionRow
from bot.values import ChannelRef

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


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
        fields = {
            "time": time, "timezone": timezone, "filters": filters,
            "feed_ids": None if feed_ids is None else tuple(feed_ids), "private": private,
        }
        try:
            return self._save_once(channel, fields, created_by=created_by, now=now)
        except IntegrityError:  # another process created it between our look and our write
            return self._save_once(channel, fields, created_by=created_by, now=now)

    def _save_once(
        self, channel: ChannelRef, fields: dict[str, Any], *, created_by: str | None, now: datetime | None
    ) -> tuple[SubscriptionRecord, bool]:
        with self.database.write() as session:
            row = _find(session, channel)
            created = row is None
            if row is None:
                row = SubscriptionRow(
                    platform=channel.platform, workspace=channel.workspace, channel=channel.channel,
                    created_by=created_by, created_at=self._now(now), filters={}, private=fields["private"],
                )
                session.add(row)
            row.time, row.timezone = fields["time"], fields["timezone"]
            row.enabled, row.disabled_reason = True, None
            if fields["filters"] is not None:
                row.filters = dict(fields["filters"])
            session.flush()
            if fields["feed_ids"] is not None:
                _replace_feeds(session, row.id, fields["feed_ids"])
            return subscription_record(session, row), created

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

    def remove_subscription(self, channel: ChannelRef) -> bool:
        """Delete the channel's subscription; return whether there was one."""
        with self.database.write() as session:
            row = _find(session, channel)
            if row is None:
                return False
            session.delete(row)
            return True

    def set_subscription_enabled(
        self, channel: ChannelRef, enabled: bool, *, reason: str | None = None
    ) -> SubscriptionRecord | None:
        """Pause (with a reason, e.g. the bot lost access) or resume a subscription."""
        with self.database.write() as session:
            row = _find(session, channel)
            if row is None:
                return None
            row.enabled = enabled
            row.disabled_reason = None if enabled else reason
            session.flush()
            return subscription_record(session, row)

    def set_subscription_filters(self, channel: ChannelRef, filters: dict[str, Any]) -> SubscriptionRecord | None:
        """Replace the channel's filters (bot.topics.TopicFilter.to_settings); None if it has no subscription."""
        with self.database.write() as session:
            row = _find(session, channel)
            if row is None:
                return None
            row.filters = dict(filters)
            session.flush()
            return subscription_record(session, row)

    def set_subscription_feeds(self, channel: ChannelRef, feed_ids: Iterable[int]) -> SubscriptionRecord | None:
        """Make the channel follow exactly these feeds."""
        with self.database.write() as session:
            row = _find(session, channel)
            if row is None:
                return None
            _replace_feeds(session, row.id, feed_ids)
            return subscription_record(session, row)

    def add_subscription_feed(self, channel: ChannelRef, feed_id: int) -> SubscriptionRecord | None:
        """Make the channel follow one more feed."""
        current = self.get_subscription(channel)
        if current is None:
            return None
        return self.set_subscription_feeds(channel, {*current.feed_ids, feed_id})

    def remove_subscription_feed(self, channel: ChannelRef, feed_id: int) -> SubscriptionRecord | None:
        """Make the channel stop following one feed."""
        current = self.get_subscription(channel)
        if current is None:
            return None
        return self.set_subscription_feeds(channel, set(current.feed_ids) - {feed_id})


def _find(session: Session, channel: ChannelRef) -> SubscriptionRow | None:
    return session.scalars(
        select(SubscriptionRow).where(
            SubscriptionRow.platform == channel.platform,
            SubscriptionRow.workspace == channel.workspace,
            SubscriptionRow.channel == channel.channel,
        )
    ).first()


def _replace_feeds(session: Session, subscription_id: int, feed_ids: Iterable[int]) -> None:
    wanted = set(feed_ids)
    known = set(session.scalars(select(FeedRow.id).where(FeedRow.id.in_(wanted)))) if wanted else set()
    if wanted - known:
        raise UserError(f"No feed with id {', '.join(map(str, sorted(wanted - known)))}.")
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
        feed_ids=tuple(feed_ids), private=bool(row.private),
    )


def _check_time(value: str) -> None:
    if not _TIME.match(value or ""):
        raise UserError(f"{value!r} is not a time like 08:30 (24-hour clock).")


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"{name!r} is not a time zone I know; try one like Europe/Paris or UTC.") from None
