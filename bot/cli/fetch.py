"""`newsbrief fetch`: poll every feed now, brief and store what is new."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.cli.feeds import with_store

ProgressCallback = Callable[[int, int, str], None]


def register(subparsers) -> None:
    """Add the `fetch` sub-command."""
    parser = subparsers.add_parser(
        "fetch", help="poll the feeds now and brief new articles",
        description="Poll every feed now (or only those due with --due), brief new items and store them.",
    )
    parser.add_argument("--due", action="store_true", help="only poll feeds whose back-off time has passed")
    parser.add_argument("--concurrency", type=int, default=4, help="feeds polled at once (default 4)")
    parser.set_defaults(handler=with_store(_fetch))


def _fetch(args, store, settings) -> int:
    feeds = store.due_feeds() if args.due else store.list_feeds()
    if not feeds:
        if args.due and store.list_feeds():
            print("No feeds are due yet.")
        else:
            print("No feeds yet. Add one with: newsbrief feeds add URL")
        return 0
    report = asyncio.run(_refresh(store, settings, feeds, max(1, args.concurrency)))
    print(report.summary())
    for url, error in report.failures:
        print(f"  failed  {url}: {error}")
    for url, error in report.item_failures:
        print(f"  skipped {url}: {error}")
    return 1 if report.feeds_failed else 0


async def _refresh(store, settings, feeds, concurrency: int):
    from bot.briefing import build_briefing
    from bot.ingest import refresh_feeds
    from bot.sources.guard import UrlGuard
    from bot.sources.http import HostLimiter, make_client

    guard = UrlGuard.from_settings(settings)
    briefer = functools.partial(build_briefing, sentences=settings.summary_sentences, algorithm=settings.algorithm)
    with _progress(len(feeds)) as on_progress:
        async with make_client(settings, guard=guard) as client:
            return await refresh_feeds(
                store, client=client, guard=guard, limiter=HostLimiter(), feeds=feeds, briefer=briefer,
                on_progress=on_progress, concurrency=concurrency, poll_minutes=settings.poll_minutes,
                max_bytes=settings.max_body_bytes,
            )


@contextmanager
def _progress(total: int) -> Iterator[ProgressCallback | None]:
    """Show a rich progress bar on a terminal's standard error; stay silent when it is piped."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

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
