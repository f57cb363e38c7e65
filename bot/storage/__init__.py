"""Storage: SQLite (or any SQLAlchemy URL) for feeds, articles, subscriptions, deliveries, follows and alerts."""

from bot.storage.alerts import AlertRepository
from bot.storage.articles import ArticleRepository
from bot.storage.db import Database, open_database
from bot.storage.deliveries import DeliveryRepository, digest_key_for
from bot.storage.feeds import FeedRepository
from bot.storage.follows import FollowRepository
from bot.storage.identity import body_fingerprint, canonical_url, content_hash, story_url
from bot.storage.records import (
    AlertBatch,
    ArticleUpdate,
    FeedRecord,
    FollowRecord,
    PollOutcome,
    Reservation,
    SearchHit,
    StoredArticle,
    SubscriptionRecord,
)
from bot.storage.store import Store, open_store
from bot.storage.subscriptions import SubscriptionRepository

__all__ = [
    "AlertBatch",
    "AlertRepository",
    "ArticleRepository",
    "ArticleUpdate",
    "Database",
    "DeliveryRepository",
    "FeedRecord",
    "FeedRepository",
    "FollowRecord",
    "FollowRepository",
    "PollOutcome",
    "Reservation",
    "SearchHit",
    "Store",
    "StoredArticle",
    "SubscriptionRecord",
    "SubscriptionRepository",
    "body_fingerprint",
    "canonical_url",
    "content_hash",
    "digest_key_for",
    "open_database",
    "open_store",
    "story_url",
]
