"""The tables newsbrief keeps, as SQLAlchemy ORM classes (the migrations create them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
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
        return value.astimezone(UTC).replace(tzinfo=None)

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
        # A digest reads its feeds' newest articles through this (migration 0002): the window's rows
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
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


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
