"""`newsbrief fetch`: poll every feed now, brief and store what is new."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bot.factory import Factory
from bot.ingest import ProgressCallback, RefreshReport
from bot.settings import Settings
from bot.storage.records import FeedRecord
from bot.storage.store import Store


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Poll the feeds (all, or only the due ones), print a summary line and each failure."""
    factory = Factory(settings)
    with closing(factory.open_store()) as store:
        feeds = store.feeds.due_feeds() if args.due else store.feeds.list_feeds()
        if not feeds:
            if args.due and store.feeds.list_feeds():
                print("No feeds are due yet.")
            else:
                print("No feeds yet. Add one with: newsbrief feeds add URL")
            return 0
        report = asyncio.run(_refresh(factory, store, feeds, args.concurrency))
    print(report.summary())
    for url, error in report.failures:
        print(f"  failed  {url}: {error}")
    for url, error in report.item_failures:
        print(f"  skipped {url}: {error}")
    return 1 if report.feeds_failed else 0


async def _refresh(factory: Factory, store: Store, feeds: Sequence[FeedRecord], concurrency: int) -> RefreshReport:
    fetcher = factory.fetcher()
    try:
        refresher = factory.refresher(store, fetcher, concurrency=concurrency)
        with _progress(len(feeds)) as on_progress:
            return await refresher.refresh(feeds, on_progress=on_progress)
    finally:
        await fetcher.aclose()


@contextmanager
def _progress(total: int) -> Iterator[ProgressCallback | None]:
    """Show a rich progress bar on a terminal's standard error; stay silent when it is piped."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn("Polling feeds"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(done: int, _total: int, url: str) -> None:
            bar.update(task, completed=done, description=url)

        yield advance
