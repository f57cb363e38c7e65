"""`newsbrief feeds add|list|remove`: the RSS/Atom feeds newsbrief polls."""

from __future__ import annotations

import argparse
import asyncio
import json
from contextlib import closing
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.cli import report_error
from bot.factory import Factory
from bot.settings import Settings
from bot.sources.feeds import FeedPoll
from bot.sources.guard import host_of
from bot.storage.feeds import FeedRepository
from bot.storage.records import FeedRecord, PollOutcome
from bot.values import utc_now

_MIN_URL = 24  # fewer characters of a URL than this name nothing

# A feed answering 404/410 was almost surely mistyped; anything else may just be down right now.
_GONE = (404, 410)


def add(args: argparse.Namespace, settings: Settings) -> int:
    """Follow a feed, polling it once first (unless --no-check) to catch typos and non-feeds."""
    factory = Factory(settings)
    url = args.url.strip()
    host_of(url)  # raises UserError for anything but an http(s) link with a host
    with closing(factory.open_store()) as store:
        known = store.feeds.get_feed(url)
        if known:
            print(f"Already following {_named(known)}.")
            return 0
        if args.no_check:
            feed, _ = store.feeds.add_feed(url)
            print(f"Added {feed.url} (not checked). Run `newsbrief fetch` to poll it.")
            return 0
        poll = asyncio.run(_poll_once(factory, url))
        if poll.error and (poll.status in _GONE or 200 <= poll.status < 400):
            report_error(f"{url}: {poll.error}")
            return 1
        feed, _ = store.feeds.add_feed(url, title=poll.title)
        if poll.error:
            print(
                f"Added {feed.url}, but it cannot be read right now: {poll.error} It will be retried on the next fetch."
            )
            return 0
        _remember_title(store.feeds, feed, poll)
    count = len(poll.items)
    print(f"Added {poll.title or feed.url} ({feed.url}): {count} item{'s' if count != 1 else ''} right now. "
          "Run `newsbrief fetch` to brief them.")
    return 0


def list_feeds(args: argparse.Namespace, settings: Settings) -> int:
    """Show the feeds and how their last poll went, as a table or one JSON object per feed."""
    with closing(Factory(settings).open_store()) as store:
        feeds = store.feeds.list_feeds()
    if args.json:
        for feed in feeds:
            print(json.dumps(_feed_json(feed), ensure_ascii=False))
        return 0
    if not feeds:
        print("No feeds yet. Add one with: newsbrief feeds add URL")
        return 0
    console = Console(soft_wrap=False)
    if console.is_terminal:
        _print_table(feeds, console)
    else:
        _print_lines(feeds)
    return 0


def remove(args: argparse.Namespace, settings: Settings) -> int:
    """Stop following a feed; its articles stay searchable."""
    with closing(Factory(settings).open_store()) as store:
        removed = store.feeds.remove_feed(args.url)
    if removed:
        print(f"Removed {args.url.strip()}; its articles stay searchable.")
        return 0
    report_error(f"not following {args.url.strip()}; see `newsbrief feeds list`.")
    return 1


async def _poll_once(factory: Factory, url: str) -> FeedPoll:
    fetcher = factory.fetcher()
    try:
        await fetcher.check(url)  # a refused or unknown host is a mistake to report, not an outage to retry
        return await fetcher.feed(url)
    finally:
        await fetcher.aclose()


def _remember_title(feeds: FeedRepository, feed: FeedRecord, poll: FeedPoll) -> None:
    # No etag/last-modified on purpose: the first real fetch must get the items, not a 304.
    now = utc_now()
    outcome = PollOutcome(ok=True, status=poll.status, title=poll.title, next_poll_at=now)
    feeds.update_feed_poll_result(feed.id, outcome, now=now)


def _print_table(feeds: list[FeedRecord], console: Console) -> None:
    """Print a table that fits the terminal: one line per feed, long URLs, titles and errors cut with "…"."""
    rows = [
        (feed.url, feed.title or "—", _status(feed), str(feed.failures), _next_poll(feed), feed.last_error or "—")
        for feed in feeds
    ]
    headers = ("URL", "Title", "Last status", "Failures", "Next poll", "Last error")
    natural = [max(len(header), *(len(" ".join(row[i].split())) for row in rows)) for i, header in enumerate(headers)]
    # The short columns keep their width; the URL takes what title and error (each capped) leave,
    # and when that is too little for a useful URL they give some back.
    left = console.width - (3 * len(headers) + 1) - sum(natural[2:5])
    title, error = min(natural[1], 30), min(natural[5], 40)
    shortfall = max(0, _MIN_URL - (left - title - error))
    title, error = max(min(title, 8), title - shortfall // 2), max(min(error, 8), error - (shortfall + 1) // 2)
    url = max(8, min(natural[0], left - title - error))
    widths = (url, title, natural[2], natural[3], natural[4], error)
    table = Table(title="Feeds", show_lines=False)
    for header, width in zip(headers, widths, strict=True):
        justify = "right" if header == "Failures" else "left"
        table.add_column(header, no_wrap=True, overflow="ellipsis", width=width, justify=justify)
    for row in rows:
        table.add_row(*(" ".join(cell.split()) for cell in row))
    console.print(table)


def _print_lines(feeds: list[FeedRecord]) -> None:
    """Print one tab-separated line per feed for pipes and scripts: URL, status, failures, next poll, title, error."""
    for feed in feeds:
        title, error = feed.title or "-", feed.last_error or "-"
        cells = (feed.url, _status(feed), str(feed.failures), _next_poll(feed), title, error)
        print("\t".join(" ".join(cell.split()) for cell in cells))


def _next_poll(feed: FeedRecord) -> str:
    return _when(feed.next_poll_at) if feed.last_polled_at else "next fetch"


def _feed_json(feed: FeedRecord) -> dict[str, Any]:
    return {
        "url": feed.url, "title": feed.title, "last_status": feed.last_status, "failures": feed.failures,
        "last_error": feed.last_error,
        "next_poll_at": feed.next_poll_at.isoformat() if feed.next_poll_at else None,
        "last_polled_at": feed.last_polled_at.isoformat() if feed.last_polled_at else None,
    }


def _status(feed: FeedRecord) -> str:
    if feed.last_polled_at is None:
        return "never polled"
    if feed.last_error:
        return f"failed ({feed.last_status})" if feed.last_status else "failed"
    return "not modified (304)" if feed.last_status == 304 else f"ok ({feed.last_status})"


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _named(feed: FeedRecord) -> str:
    return f"{feed.title} ({feed.url})" if feed.title else feed.url
