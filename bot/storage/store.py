"""The store: the open database and one narrow repository per use.

articles, feeds, subscriptions, deliveries (digests), the digest log (one row per scheduled digest),
follows and alerts (personal topic alerts), and workspaces (what an uninstall removes).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.alerts import AlertRepository
from bot.storage.articles import ArticleRepository
from bot.storage.db import Database, open_database
from bot.storage.deliveries import DeliveryRepository
from bot.storage.digest_log import DigestLogRepository
from bot.storage.feeds import FeedRepository
from bot.storage.follows import FollowRepository
from bot.storage.subscriptions import SubscriptionRepository
from bot.storage.workspaces import WorkspaceRepository
from bot.values import Clock, utc_now


@dataclass(frozen=True)
class Store:
    """Every repository over one open Database; hand each part of newsbrief only the ones it uses.

    Each repository call is its own transaction.
    """

    database: Database
    articles: ArticleRepository
    feeds: FeedRepository
    subscriptions: SubscriptionRepository
    deliveries: DeliveryRepository
    digest_log: DigestLogRepository
    follows: FollowRepository
    alerts: AlertRepository
    workspaces: WorkspaceRepository

    @classmethod
    def over(cls, database: Database, *, clock: Clock = utc_now) -> Store:
        """Return the repositories over an open database."""
        return cls(
            database=database,
            articles=ArticleRepository(database, clock=clock),
            feeds=FeedRepository(database, clock=clock),
            subscriptions=SubscriptionRepository(database, clock=clock),
            deliveries=DeliveryRepository(database, clock=clock),
            digest_log=DigestLogRepository(database, clock=clock),
            follows=FollowRepository(database, clock=clock),
            alerts=AlertRepository(database, clock=clock),
            workspaces=WorkspaceRepository(database, clock=clock),
        )

    def close(self) -> None:
        """Release the database's connections."""
        self.database.close()


def open_store(url: str, *, clock: Clock = utc_now) -> Store:
    """Open the database at `url` (migrating it) and return the store over it."""
    return Store.over(open_database(url), clock=clock)
