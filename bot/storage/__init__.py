"""Storage: SQLite (or any SQLAlchemy URL) for feeds, articles, subscriptions and deliveries."""

from bot.storage.db import Database, open_database
from bot.storage.deliveries import digest_key_for
from bot.storage.identity import body_fingerprint, canonical_url, content_hash, story_url
from bot.storage.records import (
    ChannelRef,
    FeedRecord,
    PollOutcome,
    Reservation,
    SearchHit,
    StoredArticle,
    SubscriptionRecord,
)
from bot.storage.store import Store


def open_store(url: str) -> Store:
    """Open the database at `url` (migrating it) and return a Store over it."""
    return Store(open_database(url))


__all__ = [
    "ChannelRef",
    "Database",
    "FeedRecord",
    "PollOutcome",
    "Reservation",
    "SearchHit",
    "Store",
    "StoredArticle",
    "SubscriptionRecord",
    "body_fingerprint",
    "canonical_url",
    "content_hash",
    "digest_key_for",
    "open_database",
    "open_store",
    "story_url",
]
