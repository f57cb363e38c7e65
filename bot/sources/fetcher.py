"""One object that fetches pages and feeds with the shared client, guard, per-host limit and size limit."""

from __future__ import annotations

import httpx

from bot.models import Article
from bot.sources.feeds import FeedItem, FeedPoll, ItemArticle, item_article, poll_feed
from bot.sources.guard import UrlGuard
from bot.sources.http import HostLimiter
from bot.sources.web import DEFAULT_MAX_BYTES, fetch_article


class Fetcher:
    """Fetch web pages and feeds; every call uses the same client, guard, host limiter and size limit.

    Built once (bot.factory) so that every path to the network, from `/brief URL` to the
    feed poller, gets the same limits instead of each caller remembering to pass them.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        guard: UrlGuard,
        *,
        limiter: HostLimiter | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.client = client
        self.guard = guard
        self.limiter = limiter or HostLimiter()
        self.max_bytes = max_bytes

    async def article(self, url: str) -> Article:
        """Fetch a web page and extract its article; raise UserError with a plain reason."""
        return await fetch_article(
            url, client=self.client, guard=self.guard, limiter=self.limiter, max_bytes=self.max_bytes
        )

    async def feed(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FeedPoll:
        """Poll a feed with a conditional GET; problems come back in `.error`."""
        return await poll_feed(
            url, client=self.client, guard=self.guard, etag=etag, last_modified=last_modified,
            limiter=self.limiter, max_bytes=self.max_bytes,
        )

    async def item(self, item: FeedItem, *, feed_title: str | None = None) -> ItemArticle:
        """Return a feed item as an article, with its page's full text when the item is a teaser."""
        return await item_article(
            item, client=self.client, guard=self.guard, feed_title=feed_title, limiter=self.limiter,
            max_bytes=self.max_bytes,
        )

    async def check(self, url: str) -> None:
        """Raise UserError unless the guard allows fetching `url`."""
        await self.guard.check(url)

    async def aclose(self) -> None:
        """Close the HTTP client and its connections."""
        await self.client.aclose()
