"""The tables newsbrief keeps, as SQLAlchemy ORM classes (the migrations create them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Store datetimes as UTC and always hand back timezone-aware values."""

    # SQLite keeps no timezone, so a naive value read back would silently change meaning.
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        # PostgreSQL's timestamptz reads a naive value in the session's TimeZone, which need not
        # be UTC; an aware one means the same instant whatever the server is set to.
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Named constraints let later migrations alter them on SQLite (batch mode needs the names).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base holding newsbrief's metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class FeedRow(Base):
    """An RSS/Atom feed and how its last poll went."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(String(512))
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_poll_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_polled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ArticleRow(Base):
    """A stored article with its briefing; one row per story however often it is seen."""

    __tablename__ = "articles"
    __table_args__ = (
        # SQLite and PostgreSQL treat NULLs as distinct, so pasted text (no feed, no guid) never clashes.
        UniqueConstraint("feed_id", "guid", name="uq_articles_feed_guid"),
        Index("ix_articles_published", "published"),
        # A digest reads its feeds' newest articles through this (migration 0004): the window's rows
        # only, not each feed's whole history. (Alembic's autogenerate leaves expression indexes alone.)
        Index("ix_articles_feed_newest", "feed_id", text("coalesce(published, fetched_at)"), "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str | None] = mapped_column(String(2048))
    url: Mapped[str | None] = mapped_column(String(2048))
    canonical_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(1024))
    source: Mapped[str | None] = mapped_column(String(512))
    author: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    briefing: Mapped[dict[str, Any]] = mapped_column(JSON)


class SubscriptionRow(Base):
    """A channel's daily digest: when, in which timezone, with which filters."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "workspace", "channel", name="uq_subscriptions_channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(128))
    time: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Set for a direct-message channel: its feeds are that person's own, never shown to others' alerts.
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the current time, zone or enabled state took effect: only fire times after it are due.
    schedule_since: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SubscriptionFeedRow(Base):
    """Which feeds a subscribed channel follows."""

    __tablename__ = "subscription_feeds"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True, index=True)


class DeliveryRow(Base):
    """One article promised to (pending) or posted in (sent) one channel's digest."""

    __tablename__ = "deliveries"
    __table_args__ = (
        # Keyed on the channel, not the subscription, so re-subscribing never repeats old news.
        UniqueConstraint("platform", "workspace", "channel", "article_id", name="uq_deliveries_channel_article"),
        Index("ix_deliveries_digest", "platform", "workspace", "channel", "digest_key"),
        Index("ix_deliveries_status", "status"),
        Index("ix_deliveries_article_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(128))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    digest_key: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ArticleUpdateRow(Base):
    """A substantial change to a stored article's text, seen after it went out in some channel's digest."""

    __tablename__ = "article_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    new_sentences: Mapped[list[str]] = mapped_column(JSON)
    new_share: Mapped[float] = mapped_column(Float)  # share of the new text's sentences that are new
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class UpdateDeliveryRow(Base):
    """One article update promised to (pending) or posted in (sent) one channel's digest."""

    __tablename__ = "update_deliveries"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "channel", "update_id", name="uq_update_deliveries_channel_update"),
        Index("ix_update_deliveries_digest", "platform", "workspace", "channel", "digest_key"),
        Index("ix_update_deliveries_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(128))
    update_id: Mapped[int] = mapped_column(ForeignKey("article_updates.id", ondelete="CASCADE"), index=True)
    digest_key: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FollowRow(Base):
    """One word or phrase a person follows: new matching articles reach them as a direct message."""

    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "user", "term_key", name="uq_follows_user_term"),
        Index("ix_follows_user", "platform", "user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    user: Mapped[str] = mapped_column(String(128))
    # Where the follow was made: a direct message sees that channel's feeds only, a channel its workspace's.
    channel: Mapped[str] = mapped_column(String(128))
    private: Mapped[bool] = mapped_column(Boolean)
    term: Mapped[str] = mapped_column(String(128))
    term_key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AlertRow(Base):
    """One article matched for one person: pending until their alert message is posted, then sent.

    `held` rows went over the person's hourly cap and are only counted in their next message.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("platform", "user", "article_id", name="uq_alerts_user_article"),
        Index("ix_alerts_batch", "batch_key"),
        Index("ix_alerts_user_status", "platform", "user", "status"),
        Index("ix_alerts_article_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    user: Mapped[str] = mapped_column(String(128))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    batch_key: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DigestLogRow(Base):
    """One scheduled digest of one channel (one local day): pending until posted, then sent.

    Every scheduled digest gets a row, empty ones included, so "already sent" is known for each
    channel and day; the unique key is what several processes claim a digest by.
    """

    __tablename__ = "digest_log"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "channel", "digest_key", name="uq_digest_log_channel_key"),
        Index("ix_digest_log_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(128))
    digest_key: Mapped[str] = mapped_column(String(256))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    retry_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
