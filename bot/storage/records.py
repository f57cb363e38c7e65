"""Plain, immutable records the store hands out (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from bot.models import Article, Briefing
from bot.values import ChannelRef, UserRef


@dataclass(frozen=True)
class FeedRecord:
    """A stored feed and the outcome of its last poll."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_status: int | None
    last_error: str | None
    failures: int
    next_poll_at: datetime | None
    last_polled_at: datetime | None
    added_at: datetime

    def is_due(self, now: datetime) -> bool:
        """Tell whether the feed should be polled at `now`."""
        return self.next_poll_at is None or self.next_poll_at <= now


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a feed found, as the store records it."""

    ok: bool
    next_poll_at: datetime
    status: int | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, with its briefing."""

    id: int
    guid: str | None
    url: str | None
    canonical_url: str | None
    content_hash: str | None
    title: str
    source: str | None
    author: str | None
    published: datetime | None
    fetched_at: datetime
    feed_id: int | None
    text: str
    briefing: Briefing
    # Set when this record stands for a later change to the article, shown as "Updated" in a digest.
    update: ArticleUpdate | None = None

    def as_article(self) -> Article:
        """Return the article as the engine's input type."""
        return Article(
            text=self.text, title=self.title, url=self.url, source=self.source,
            published=self.published, author=self.author,
        )


@dataclass(frozen=True)
class ArticleUpdate:
    """A substantial change to an article seen after a channel was sent it: the sentences that are new."""

    id: int
    article_id: int
    new_sentences: tuple[str, ...]
    new_share: float
    created_at: datetime


class SearchHit(NamedTuple):
    """One search result: the article and how well it matched (higher is better)."""

    article: StoredArticle
    score: float


@dataclass(frozen=True)
class SubscriptionRecord:
    """A channel's daily digest settings and the feeds it follows."""

    id: int
    channel: ChannelRef
    time: str
    timezone: str
    enabled: bool
    created_at: datetime
    filters: dict[str, Any] = field(default_factory=dict)
    disabled_reason: str | None = None
    created_by: str | None = None
    feed_ids: tuple[int, ...] = ()
    private: bool = False  # a direct-message channel: its feeds are its person's alone
    schedule_since: datetime | None = None


@dataclass(frozen=True)
class DailySchedule:
    """When an enabled subscription's digest fires: local time, zone, and since when that holds."""

    channel: ChannelRef
    time: str
    timezone: str
    since: datetime


@dataclass(frozen=True)
class Reservation:
    """The articles promised to one digest (`digest_key`) of one channel.

    `resumed` is true when the rows were already pending (a crash or restart came between
    reserving and sending), `already_sent` when that digest went out before.
    """

    channel: ChannelRef
    digest_key: str
    articles: tuple[StoredArticle, ...]
    resumed: bool = False
    already_sent: bool = False


@dataclass(frozen=True)
class FollowRecord:
    """One term a person follows, and where they followed it from."""

    id: int
    user: UserRef
    channel: ChannelRef  # where `follow` was typed; a private one limits alerts to its own feeds
    private: bool
    term: str
    created_at: datetime


@dataclass(frozen=True)
class AlertBatch:
    """The articles of one alert message to one person, and how many more matched over their hourly cap."""

    user: UserRef
    batch_key: str
    articles: tuple[StoredArticle, ...]
    held: int = 0
