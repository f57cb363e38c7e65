"""Poll the stored feeds, brief what is new, and store it: one refresh of the news."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from bot.errors import UserError, apologize
from bot.models import Article, Briefing
from bot.storage import FeedRecord, PollOutcome, Store

DEFAULT_CONCURRENCY = 4
# Bounds one run's work: a feed just added may list hundreds of new items; the rest come next run.
DEFAULT_MAX_ITEMS_PER_FEED = 100

Briefer = Callable[[Article], Briefing]
ProgressCallback = Callable[[int, int, str], None]

_log = logging.getLogger("newsbrief.ingest")


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh did; `failures` lists (feed URL, reason), `item_failures` (item URL, reason)."""

    feeds_ok: int = 0
    feeds_failed: int = 0
    new_articles: int = 0
    known_items: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    item_failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line like "3 feeds ok, 1 failed, 12 new articles"."""
        feeds = "feed" if self.feeds_ok == 1 else "feeds"
        articles = "article" if self.new_articles == 1 else "articles"
        line = f"{self.feeds_ok} {feeds} ok, {self.feeds_failed} failed, {self.new_articles} new {articles}"
        if self.item_failures:
            line += f" ({len(self.item_failures)} could not be briefed)"
        return line


@dataclass
class _FeedResult:
    ok: bool
    error: str | None = None
    new_articles: int = 0
    known_items: int = 0
    item_failures: list[tuple[str, str]] = field(default_factory=list)


async def refresh_feeds(
    store: Store,
    *,
    client,
    guard,
    limiter=None,
    now: datetime | None = None,
    on_progress: ProgressCallback | None = None,
    feeds: Sequence[FeedRecord] | None = None,
    due_only: bool = True,
    briefer: Briefer | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    poll_minutes: float = 30,
    max_items_per_feed: int = DEFAULT_MAX_ITEMS_PER_FEED,
    max_bytes: int | None = None,
) -> RefreshReport:
    """Poll the due feeds (all of them, or `feeds`, when `due_only` is off), brief and store new items.

    A failing feed or item is recorded in the report and the run goes on.
    """
    moment = _aware(now or datetime.now(timezone.utc))
    if feeds is None:
        feeds = await asyncio.to_thread(_feeds_to_poll, store, moment, due_only)
    refresher = _Refresher(
        store, client=client, guard=guard, limiter=limiter, now=moment, briefer=briefer or _default_briefer,
        poll_minutes=poll_minutes, max_items=max_items_per_feed, max_bytes=max_bytes,
    )
    semaphore = asyncio.Semaphore(max(1, concurrency))
    done = 0

    async def run_one(feed: FeedRecord) -> tuple[FeedRecord, _FeedResult]:
        nonlocal done
        async with semaphore:
            try:
                result = await refresher.refresh(feed)
            except Exception as error:  # e.g. the database went away; the other feeds still get their turn
                result = _FeedResult(ok=False, error=apologize(_log, error))
        done += 1
        if on_progress:
            on_progress(done, len(feeds), feed.url)
        return feed, result

    results = await asyncio.gather(*(run_one(feed) for feed in feeds))
    return _report(results)


class _Refresher:
    """Refresh one feed at a time with the shared client, guard, clock and briefer."""

    def __init__(self, store: Store, *, client, guard, limiter, now, briefer, poll_minutes, max_items, max_bytes):
        self.store, self.client, self.guard, self.limiter = store, client, guard, limiter
        self.now, self.briefer, self.poll_minutes, self.max_items = now, briefer, poll_minutes, max_items
        self.limits = {"max_bytes": max_bytes} if max_bytes else {}

    async def refresh(self, feed: FeedRecord) -> _FeedResult:
        """Poll one feed, store its new items and record the poll; never raise for a bad feed."""
        from bot.sources.feeds import poll_feed

        try:
            poll = await poll_feed(
                feed.url, client=self.client, guard=self.guard, etag=feed.etag,
                last_modified=feed.last_modified, limiter=self.limiter, **self.limits,
            )
        except Exception as error:  # poll_feed reports in `.error`; anything else is a bug, not the feed's fault
            return await self._record_failure(feed, None, None, apologize(_log, error))
        if poll.error:
            return await self._record_failure(feed, poll.status or None, poll.retry_after, poll.error)
        if poll.moved_to:
            await asyncio.to_thread(self.store.move_feed, feed.id, poll.moved_to)
        result = await self._ingest_items(feed, poll)
        await self._record(feed, PollOutcome(
            ok=True, status=poll.status, title=poll.title, etag=poll.etag, last_modified=poll.last_modified,
            next_poll_at=self.now + self._delay(0, poll.retry_after),
        ))
        return result

    async def _ingest_items(self, feed: FeedRecord, poll) -> _FeedResult:
        result = _FeedResult(ok=True)
        attempted = 0
        for item in poll.items:
            if attempted >= self.max_items:
                break
            # Checked before fetching the page: a known story costs no request to its site.
            if await asyncio.to_thread(self.store.knows_item, feed_id=feed.id, guid=item.guid, url=item.url):
                result.known_items += 1
                continue
            attempted += 1
            await self._ingest_item(feed, item, poll.title, result)
        return result

    async def _ingest_item(self, feed: FeedRecord, item, feed_title: str | None, result: _FeedResult) -> None:
        from bot.sources.feeds import item_article

        try:
            resolved = await item_article(
                item, client=self.client, guard=self.guard, feed_title=feed_title or feed.title, limiter=self.limiter,
            )
            briefing = await self._brief(item, resolved)
            _, created = await asyncio.to_thread(
                self.store.add_article, resolved.article, briefing, guid=item.guid, feed_id=feed.id, now=self.now
            )
        except UserError as error:
            result.item_failures.append((_item_name(item), error.message))
            return
        except Exception as error:  # one broken item must not cost the feed its other items
            result.item_failures.append((_item_name(item), apologize(_log, error)))
            return
        if created:
            result.new_articles += 1
        else:
            result.known_items += 1

    async def _brief(self, item, resolved) -> Briefing:
        """Brief the item's article; when a teaser's page failed, a refusal names the page's trouble."""
        try:
            briefing = await asyncio.to_thread(self.briefer, resolved.article)
        except UserError:
            if resolved.page_error is None:
                raise
            # "No sentences found" about a one-line teaser hides what the user can act on: the page.
            raise UserError(resolved.page_error) from None
        if resolved.page_error:
            _log.info("Briefed %s from its teaser: %s", _item_name(item), resolved.page_error)
        return briefing

    async def _record_failure(self, feed: FeedRecord, status, retry_after, error: str) -> _FeedResult:
        await self._record(feed, PollOutcome(
            ok=False, status=status, error=error,
            next_poll_at=self.now + self._delay(feed.failures + 1, retry_after),
        ))
        return _FeedResult(ok=False, error=error)

    async def _record(self, feed: FeedRecord, outcome: PollOutcome) -> None:
        await asyncio.to_thread(self.store.update_feed_poll_result, feed.id, outcome, now=self.now)

    def _delay(self, failures: int, retry_after: float | None):
        from bot.sources.feeds import next_poll_delay

        return next_poll_delay(failures, self.poll_minutes, retry_after)


def _feeds_to_poll(store: Store, now: datetime, due_only: bool) -> list[FeedRecord]:
    return store.due_feeds(now) if due_only else store.list_feeds()


def _default_briefer(article: Article) -> Briefing:
    from bot.briefing import build_briefing

    return build_briefing(article)


def _report(results: list[tuple[FeedRecord, _FeedResult]]) -> RefreshReport:
    return RefreshReport(
        feeds_ok=sum(1 for _, r in results if r.ok),
        feeds_failed=sum(1 for _, r in results if not r.ok),
        new_articles=sum(r.new_articles for _, r in results),
        known_items=sum(r.known_items for _, r in results),
        failures=[(feed.url, r.error or "unknown error") for feed, r in results if not r.ok],
        item_failures=[failure for _, r in results for failure in r.item_failures],
    )


def _item_name(item) -> str:
    return item.url or item.guid or (item.title or "untitled item")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
