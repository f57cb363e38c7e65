"""`newsbrief feeds add|list|remove|import|export`: the RSS/Atom feeds newsbrief polls."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.table import Table

from bot.cli import report_error
from bot.cli.console import PipeConsole
from bot.errors import UserError
from bot.factory import Factory
from bot.settings import Settings
from bot.sources.discovery import FoundFeed, find_feed
from bot.sources.feeds import FeedPoll
from bot.sources.guard import host_of
from bot.sources.opml import OpmlFeed, read_opml, write_opml
from bot.storage.feeds import FeedRepository
from bot.storage.records import FeedRecord, PollOutcome
from bot.storage.store import Store
from bot.values import utc_now

_MIN_URL = 24  # fewer characters of a URL than this name nothing
# Feeds of an OPML file checked at once (the per-host limit still holds for each site).
IMPORT_CONCURRENCY = 4


def add(args: argparse.Namespace, settings: Settings) -> int:
    """Follow a feed, polling it once first (unless --no-check) to catch typos and find a web page's feed."""
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
        found = asyncio.run(_find_one(factory, url))
        if found.page is not None:
            print(found.how_found() + ".")
        known = store.feeds.get_feed(found.url)
        if known:
            print(f"Already following {_named(known)}.")
            return 0
        feed, _ = store.feeds.add_feed(found.url, title=found.poll.title)
        if not found.reachable:
            print(f"Added {feed.url}, but it cannot be read right now: {found.poll.error} "
                  "It will be retried on the next fetch.")
            return 0
        _remember_title(store.feeds, feed, found.poll)
    count = len(found.poll.items)
    print(f"Added {found.poll.title or feed.url} ({feed.url}): {count} item{'s' if count != 1 else ''} right now. "
          "Run `newsbrief fetch` to brief them.")
    return 0


def import_feeds(args: argparse.Namespace, settings: Settings) -> int:
    """Follow every feed of an OPML file, each checked like `feeds add` (or stored as is with --no-check)."""
    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {args.file}: {error.strerror or error}.") from None
    listed = read_opml(data, name=args.file)
    if not listed:
        print(f"{args.file} lists no feeds (no outline has an xmlUrl).")
        return 0
    factory = Factory(settings)
    with closing(factory.open_store()) as store:
        results = asyncio.run(_import(factory, store, listed, check=not args.no_check))
    for line in results.lines:
        print(line)
    print(results.summary(args.file))
    return 1 if results.failed else 0


def export_feeds(args: argparse.Namespace, settings: Settings) -> int:
    """Print every feed as an OPML 2.0 document on standard output."""
    with closing(Factory(settings).open_store()) as store:
        feeds = store.feeds.list_feeds()
    sys.stdout.write(write_opml([(feed.url, feed.title) for feed in feeds], title="newsbrief feeds",
                                created=utc_now()).decode("utf-8"))
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
    console = PipeConsole(soft_wrap=False)
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


async def _find_one(factory: Factory, url: str) -> FoundFeed:
    fetcher = factory.fetcher()
    try:
        return await find_feed(fetcher, url)
    finally:
        await fetcher.aclose()


@dataclass
class _Imported:
    lines: list[str] = field(default_factory=list)
    added: int = 0
    known: int = 0
    failed: int = 0

    def summary(self, name: str) -> str:
        feeds = "feed" if self.added == 1 else "feeds"
        line = f"{name}: {self.added} {feeds} added, {self.known} already followed"
        return line + (f", {self.failed} failed (listed above)." if self.failed else ".")


async def _import(factory: Factory, store: Store, listed: list[OpmlFeed], *, check: bool) -> _Imported:
    """Add the listed feeds in file order; checks run a few at a time, one bad feed never stops the rest."""
    results = _Imported()
    fetcher = factory.fetcher()
    slots = asyncio.Semaphore(IMPORT_CONCURRENCY)

    async def checked(entry: OpmlFeed) -> FoundFeed | str | None:
        if not check or store.feeds.get_feed(entry.url) is not None:
            return None
        async with slots:
            try:
                return await find_feed(fetcher, entry.url)
            except UserError as error:
                return error.message

    try:
        outcomes = await asyncio.gather(*(checked(entry) for entry in listed))
    finally:
        await fetcher.aclose()
    for entry, outcome in zip(listed, outcomes, strict=True):
        if isinstance(outcome, str):
            results.failed += 1
            results.lines.append(f"  failed  {entry.url}: {outcome.removeprefix(entry.url + ': ')}")
            continue
        url = outcome.url if outcome is not None else entry.url
        title = (outcome.poll.title if outcome is not None else None) or entry.title
        feed, created = store.feeds.add_feed(url, title=title)
        if not created:
            results.known += 1
            continue
        results.added += 1
        if outcome is not None and outcome.reachable:
            _remember_title(store.feeds, feed, outcome.poll)
        note = f" (found on {entry.url})" if outcome is not None and outcome.page is not None else ""
        if outcome is not None and not outcome.reachable:
            note += f" (not readable right now: {outcome.poll.error})"
        results.lines.append(f"  added   {feed.url}{note}")
    return results


def _remember_title(feeds: FeedRepository, feed: FeedRecord, poll: FeedPoll) -> None:
    # No etag/last-modified on purpose: the first real fetch must get the items, not a 304.
    now = utc_now()
    outcome = PollOutcome(ok=True, status=poll.status, title=poll.title, next_poll_at=now)
    feeds.update_feed_poll_result(feed.id, outcome, now=now)


def _print_table(feeds: list[FeedRecord], console: PipeConsole) -> None:
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
        table.add_column(
            header, no_wrap=True, overflow="ellipsis", width=width, justify="right" if header == "Failures" else "left"
        )
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
