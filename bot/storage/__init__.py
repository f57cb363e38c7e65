"""Storage: SQLite (or any SQLAlchemy URL) for feeds, articles, subscriptions, deliveries, the digest log,
follows and alerts.

The names below are loaded on first use (PEP 562), so a module of this package that needs no
database engine, such as `bot.storage.quick_lookup`, can be imported without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.storage.alerts import AlertRepository
    from bot.storage.articles import ArticleRepository
    from bot.storage.db import Database, open_database
    from bot.storage.deliveries import DeliveryRepository, digest_key_for
    from bot.storage.digest_log import DigestLogRepository
    from bot.storage.feeds import FeedRepository
    from bot.storage.follows import FollowRepository
    from bot.storage.identity import body_fingerprint, canonical_url, content_hash, story_url
    from bot.storage.records import (
        AlertBatch,
        ArticleUpdate,
        DailySchedule,
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

_HOMES = {
    "AlertRepository": "alerts",
    "ArticleRepository": "articles",
    "Database": "db",
    "open_database": "db",
    "DeliveryRepository": "deliveries",
    "digest_key_for": "deliveries",
    "DigestLogRepository": "digest_log",
    "FeedRepository": "feeds",
    "FollowRepository": "follows",
    "body_fingerprint": "identity",
    "canonical_url": "identity",
    "content_hash": "identity",
    "story_url": "identity",
    "AlertBatch": "records",
    "ArticleUpdate": "records",
    "DailySchedule": "records",
    "FeedRecord": "records",
    "FollowRecord": "records",
    "PollOutcome": "records",
    "Reservation": "records",
    "SearchHit": "records",
    "StoredArticle": "records",
    "SubscriptionRecord": "records",
    "Store": "store",
    "open_store": "store",
    "SubscriptionRepository": "subscriptions",
}

__all__ = [
    "AlertBatch",
    "AlertRepository",
    "ArticleRepository",
    "ArticleUpdate",
    "DailySchedule",
    "Database",
    "DeliveryRepository",
    "DigestLogRepository",
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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
