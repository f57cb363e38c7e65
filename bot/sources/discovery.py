"""Find the feed behind an address: the address itself, the feed its web page advertises, or a usual path.

Everything goes through the Fetcher, so the URL guard, size limits and per-host limits apply to
every candidate; trafilatura's feed helpers are only used to read the page (bot.sources.feeds).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bot.errors import UserError
from bot.sources.feeds import FeedPoll
from bot.sources.fetcher import Fetcher

# Where sites keep their feed when their pages do not say: WordPress, Ghost, Hugo, Jekyll and others.
COMMON_FEED_PATHS = ("feed", "rss", "atom.xml", "feed.xml", "rss.xml", "index.xml")
# A page naming more feeds than this is a directory of feeds; the first ones are its own.
MAX_ADVERTISED = 5
# A feed answering 404/410 was almost surely mistyped; anything else may just be down right now.
GONE = (404, 410)


@dataclass(frozen=True)
class FoundFeed:
    """The feed to follow, what polling it gave, and the web page it was found from (None: given directly)."""

    url: str
    poll: FeedPoll
    page: str | None = None
    advertised: bool = True  # found in the page's own links, rather than at a usual path

    @property
    def reachable(self) -> bool:
        """Tell whether the feed answered with a feed just now (False: down for now, try again later)."""
        return self.poll.error is None

    def how_found(self) -> str:
        """Phrase where the feed came from, for the confirmation ("" when the address was the feed)."""
        if self.page is None:
            return ""
        where = "the feed it advertises" if self.advertised else "its feed, at a usual address"
        return f"{self.page} is a web page; following {where}: {self.url}"


async def find_feed(fetcher: Fetcher, url: str) -> FoundFeed:
    """Return the feed to follow for `url`; raise UserError when there is clearly none to be had.

    A feed that cannot be reached right now (time-out, 5xx) comes back with `reachable` false:
    outages pass, typos don't, so only the host being unknown or refused, a 404/410 or a page
    without any feed is an error.
    """
    await fetcher.check(url)  # a refused or unknown host is a mistake to report, not an outage to retry
    poll = await fetcher.feed(url)
    if not poll.is_web_page:
        if poll.error and (poll.status in GONE or 200 <= poll.status < 400):
            raise UserError(f"{url}: {poll.error}")
        return FoundFeed(url, poll)
    advertised = [candidate for candidate in (poll.page_feeds or ()) if candidate != url][:MAX_ADVERTISED]
    for candidate in advertised:
        found = await fetcher.feed(candidate)
        if found.error is None and not found.is_web_page:
            return FoundFeed(found.moved_to or candidate, found, page=url)
    return await _try_common_paths(fetcher, url, tried=set(advertised))


async def _try_common_paths(fetcher: Fetcher, page: str, *, tried: set[str]) -> FoundFeed:
    candidates = [c for c in dict.fromkeys(common_feed_urls(page)) if c not in tried and c != page]
    # Asked together: the host limiter keeps it to two requests at a time, and a slow site costs one wait.
    polls = await asyncio.gather(*(fetcher.feed(candidate) for candidate in candidates))
    for candidate, found in zip(candidates, polls, strict=True):
        if found.error is None and not found.is_web_page:
            return FoundFeed(found.moved_to or candidate, found, page=page, advertised=False)
    paths = ", ".join(f"/{path}" for path in COMMON_FEED_PATHS)
    raise UserError(
        f"{page} is a web page, not a news feed, and I found no feed for it: the page names none, "
        f"and {paths} are not feeds there. Give the feed's own address (often linked as RSS)."
    )


def common_feed_urls(page: str) -> list[str]:
    """Return the usual feed addresses for a page: beside it in its folder first, then at the site's root."""
    parts = urlsplit(page)
    root = f"{parts.scheme}://{parts.netloc}/"
    folder = urljoin(page, ".") if parts.path.strip("/") else root
    bases = list(dict.fromkeys([folder, root]))
    return [urljoin(base, path) for base in bases for path in COMMON_FEED_PATHS]
