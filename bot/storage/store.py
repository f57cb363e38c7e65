"""The store: one object giving the rest of newsbrief feeds, articles, subscriptions and deliveries."""

from __future__ import annotations

from bot.storage.articles import ArticleRepository
from bot.storage.deliveries import DeliveryRepository
from bot.storage.feeds import FeedRepository
from bot.storage.subscriptions import SubscriptionRepository


class Store(FeedRepository, ArticleRepository, SubscriptionRepository, DeliveryRepository):
    """Every storage operation, over one open Database; each call is its own transaction."""
