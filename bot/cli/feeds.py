"""`newsbrief feeds add|list|remove`: the RSS/Atom feeds newsbrief polls."""

from __future__ import annotations

import asyncio
import functools
import json
import logging

from bot.cli._output import report_error

_log = logging.getLogger("newsbrief.cli")
# A feed answering 404/410 was almost surely mistyped; anything else may just be down right now.
_GONE = (404, 410)


def register(subparsers) -> None:
    """Add the `feeds` sub-command and its actions."""
    parser = subparsers.add_parser(
        "feeds", help="add, list or remove news feeds", description="Manage the RSS/Atom feeds newsbrief polls."
    )
    actions = parser.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", help="follow a feed", description="Follow an RSS/Atom feed (checked once unless --no-check)."
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--no-check", action="store_true", help="store the feed without polling it first")
    add.set_defaults(handler=with_store(_add))

    show = actions.add_parser("list", help="show the feeds and how their last poll went")
    show.add_argument("--json", action="store_true", help="print one JSON object per feed")
    show.set_defaults(handler=with_store(_list))

    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(handler=with_store(_remove))


def with_store(action):
    """Wrap `action(args, store, settings)` as a handler: open the store, and turn errors into one line."""

    @functools.wraps(action)
    def handler(args) -> int:
        from pydantic import ValidationError

        from bot.errors import UserError, apologize

        try:
            return _run_with_store(action, args)
        except UserError as error:
            report_error(error.message)
        except ValidationError as error:
            first = error.errors()[0]
            report_error(f"invalid setting {'.'.join(map(str, first['loc']))}: {first['msg']}.")
        except Exception as error:  # never a traceback for the user; the log keeps it at debug level
            report_error(apologize(_log, error, level=logging.DEBUG))
        return 1

    return handler


def _run_with_store(action, args) -> int:
    from bot.settings import load_settings
    from bot.storage import open_store

    settings = load_settings()
    store = open_store(settings.resolved_database_url)
    try:
        return int(action(args, store, settings) or 0)
    finally:
        store.database.close()


def _add(args, store, settings) -> int:
    from bot.sources.guard import host_of

    url = args.url.strip()
    host_of(url)  # raises UserError for anything but an http(s) link with a host
    known = store.get_feed(url)
    if known:
        print(f"Already following {_named(known)}.")
        return 0
    if args.no_check:
        feed, _ = store.add_feed(url)
        print(f"Added {feed.url} (not checked). Run `newsbrief fetch` to poll it.")
        return 0
    poll = asyncio.run(_poll_once(url, settings))
    if poll.error and (poll.status in _GONE or 200 <= poll.status < 400):
        report_error(f"{url}: {poll.error}")
        return 1
    feed, _ = store.add_feed(url, title=poll.title)
    if poll.error:
        print(f"Added {feed.url}, but it cannot be read right now: {poll.error} It will be retried on the next fetch.")
        return 0
    _remember_title(store, feed, poll)
    count = len(poll.items)
    print(f"Added {poll.title or feed.url} ({feed.url}): {count} item{'s' if count != 1 else ''} right now. "
          "Run `newsbrief fetch` to brief them.")
    return 0


async def _poll_once(url: str, settings):
    from bot.sources.feeds import poll_feed
    from bot.sources.guard import UrlGuard
    from bot.sources.http import make_client

    guard = UrlGuard.from_settings(settings)
    await guard.check(url)  # a refused or unknown host is a mistake to report, not an outage to retry
    async with make_client(settings, guard=guard) as client:
        return await poll_feed(url, client=client, guard=guard, max_bytes=settings.max_body_bytes)


def _remember_title(store, feed, poll) -> None:
    from datetime import datetime, timezone

    from bot.storage import PollOutcome

    # No etag/last-modified on purpose: the first real fetch must get the items, not a 304.
    now = datetime.now(timezone.utc)
    outcome = PollOutcome(ok=True, status=poll.status, title=poll.title, next_poll_at=now)
    store.update_feed_poll_result(feed.id, outcome, now=now)


def _list(args, store, settings) -> int:
    feeds = store.list_feeds()
    if args.json:
        for feed in feeds:
            print(json.dumps(_feed_json(feed), ensure_ascii=False))
        return 0
    if not feeds:
        print("No feeds yet. Add one with: newsbrief feeds add URL")
        return 0
    _print_table(feeds)
    return 0


def _print_table(feeds) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Feeds", show_lines=False)
    for column in ("URL", "Title", "Last status", "Failures", "Last error", "Next poll"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        table.add_row(
            feed.url, feed.title or "—", _status(feed), str(feed.failures), feed.last_error or "—",
            _when(feed.next_poll_at) if feed.last_polled_at else "next fetch",
        )
    Console(soft_wrap=False).print(table)


def _remove(args, store, settings) -> int:
    if store.remove_feed(args.url):
        print(f"Removed {args.url.strip()}; its articles stay searchable.")
        return 0
    report_error(f"not following {args.url.strip()}; see `newsbrief feeds list`.")
    return 1


def _feed_json(feed) -> dict:
    return {
        "url": feed.url, "title": feed.title, "last_status": feed.last_status, "failures": feed.failures,
        "last_error": feed.last_error,
        "next_poll_at": feed.next_poll_at.isoformat() if feed.next_poll_at else None,
        "last_polled_at": feed.last_polled_at.isoformat() if feed.last_polled_at else None,
    }


def _status(feed) -> str:
    if feed.last_polled_at is None:
        return "never polled"
    if feed.last_error:
        return f"failed ({feed.last_status})" if feed.last_status else "failed"
    return "not modified (304)" if feed.last_status == 304 else f"ok ({feed.last_status})"


def _when(moment) -> str:
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _named(feed) -> str:
    return f"{feed.title} ({feed.url})" if feed.title else feed.url
