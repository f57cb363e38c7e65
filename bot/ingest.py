"""Poll the stored feeds, brief what is new, and store it: one refresh of the news."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.errors import UserError, apologize
from bot.models import Article, Briefing
from bot.revisions import compare_texts
from bot.sources.feeds import FeedItem, FeedPoll, ItemArticle, next_poll_delay
from bot.sources.fetcher import Fetcher
from bot.storage.articles import ArticleRepository, KnownItem
from bot.storage.feeds import FeedRepository
from bot.storage.records import FeedRecord, PollOutcome
from bot.values import Briefer, Clock, utc_now

DEFAULT_CONCURRENCY = 4
# Bounds one run's work: a feed just added may list hundreds of new items; the rest come next run.
DEFAULT_MAX_ITEMS_PER_FEED = 100

ProgressCallback = Callable[[int, int, str], None]

_log = logging.getLogger("newsbrief.ingest")


@dataclass(frozen=True)
class RefreshOptions:
    """How a refresh runs: the poll interval failures back off from, and how much it does at once."""

    poll_minutes: float = 30
    concurrency: int = DEFAULT_CONCURRENCY
    max_items_per_feed: int = DEFAULT_MAX_ITEMS_PER_FEED


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh did; `failures` lists (feed URL, reason), `item_failures` (item URL, reason)."""

    feeds_ok: int = 0
    feeds_failed: int = 0
    new_articles: int = 0
    known_items: int = 0
    updated_articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    item_failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line like "3 feeds ok, 1 failed, 12 new articles"."""
        feeds = "feed" if self.feeds_ok == 1 else "feeds"
        articles = "article" if self.new_articles == 1 else "articles"
        line = f"{self.feeds_ok} {feeds} ok, {self.feeds_failed} failed, {self.new_articles} new {articles}"
        if self.updated_articles:
            line += f", {self.updated_articles} updated"
        if self.item_failures:
            line += f" ({len(self.item_failures)} could not be briefed)"
        return line


@dataclass
class _FeedResult:
    ok: bool
    error: str | None = None
    new_articles: int = 0
    known_items: int = 0
    updated_articles: int = 0
    item_failures: list[tuple[str, str]] = field(default_factory=list)


class FeedRefresher:
    """Poll feeds, brief their new items and store them; a failing feed or item never stops the rest."""

    def __init__(
        self,
        feeds: FeedRepository,
        articles: ArticleRepository,
        fetcher: Fetcher,
        briefer: Briefer,
        *,
        options: RefreshOptions = RefreshOptions(),
        clock: Clock = utc_now,
    ) -> None:
        self.feeds = feeds
        self.articles = articles
        self.fetcher = fetcher
        self.briefer = briefer
        self.options = options
        self._clock = clock

    async def refresh(
        self,
        feeds: Sequence[FeedRecord] | None = None,
        *,
        due_only: bool = True,
        on_progress: ProgressCallback | None = None,
    ) -> RefreshReport:
        """Poll `feeds` (default: the due ones, or all of them without `due_only`), brief and store new items.

        A failing feed or item is recorded in the report and the run goes on.
        """
        now = _aware(self._clock())
        if feeds is None:
            feeds = await asyncio.to_thread(self._feeds_to_poll, now, due_only)
        run = _Run(self, now)
        semaphore = asyncio.Semaphore(max(1, self.options.concurrency))
        done = 0

        async def run_one(feed: FeedRecord) -> tuple[FeedRecord, _FeedResult]:
            nonlocal done
            async with semaphore:
                try:
                    result = await run.refresh(feed)
                except Exception as error:  # e.g. the database went away; the other feeds still get their turn
                    result = _FeedResult(ok=False, error=apologize(_log, error))
            done += 1
            if on_progress:
                on_progress(done, len(feeds), feed.url)
            return feed, result

        results = await asyncio.gather(*(run_one(feed) for feed in feeds))
        return _report(results)

    def _feeds_to_poll(self, now: datetime, due_only: bool) -> list[FeedRecord]:
        return self.feeds.due_feeds(now) if due_only else self.feeds.list_feeds()


class _Run:
    """One refresh: the refresher's parts plus the moment it started, shared by every feed it polls."""

    def __init__(self, refresher: FeedRefresher, now: datetime) -> None:
        self.feeds, self.articles, self.fetcher = refresher.feeds, refresher.articles, refresher.fetcher
        self.briefer, self.options, self.now = refresher.briefer, refresher.options, now

    async def refresh(self, feed: FeedRecord) -> _FeedResult:
        """Poll one feed, store its new items and record the poll; never raise for a bad feed."""
        try:
            poll = await self.fetcher.feed(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except Exception as error:  # poll_feed reports in `.error`; anything else is a bug, not the feed's fault
            return await self._record_failure(feed, None, None, apologize(_log, error))
        if poll.error:
            return await self._record_failure(feed, poll.status or None, poll.retry_after, poll.error)
        if poll.moved_to:
            await asyncio.to_thread(self.feeds.move_feed, feed.id, poll.moved_to)
        result = await self._ingest_items(feed, poll)
        await self._record(feed, PollOutcome(
            ok=True, status=poll.status, title=poll.title, etag=poll.etag, last_modified=poll.last_modified,
            next_poll_at=self.now + self._delay(0, poll.retry_after),
        ))
        return result

    async def _ingest_items(self, feed: FeedRecord, poll: FeedPoll) -> _FeedResult:
        result = _FeedResult(ok=True)
        attempted = 0
        for item in poll.items:
            if attempted >= self.options.max_items_per_feed:
                break
            # Checked before fetching the page: a known story costs no request to its site.
            known = await asyncio.to_thread(self.articles.find_item, feed_id=feed.id, guid=item.guid, url=item.url)
            if known is not None:
                result.known_items += 1
                await self._revise(known, item, feed, result)
                continue
            attempted += 1
            await self._ingest_item(feed, item, poll.title, result)
        return result

    async def _ingest_item(self, feed: FeedRecord, item: FeedItem, feed_title: str | None, result: _FeedResult) -> None:
        try:
            resolved = await self.fetcher.item(item, feed_title=feed_title or feed.title)
            briefing = await self._brief(item, resolved)
            _, created = await asyncio.to_thread(
                self.articles.add_article, resolved.article, briefing, guid=item.guid, feed_id=feed.id, now=self.now
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

    async def _revise(self, known: KnownItem, item: FeedItem, feed: FeedRecord, result: _FeedResult) -> None:
        """Store a known item's changed text; a substantial change becomes an "Updated" item in digests.

        Only items that carry their whole text are compared: a teaser's page would cost a request
        to its site on every poll. Edits (typos, a new headline) just replace the stored text.
        """
        if item.is_teaser or known.feed_id != feed.id or " ".join(item.text.split()) == " ".join(known.text.split()):
            return
        try:
            revision = await asyncio.to_thread(compare_texts, known.text, item.text)
            article = Article(
                text=item.text, title=item.title or known.title, url=item.url, published=item.published,
                author=item.author, source=feed.title,
            )
            briefing = await asyncio.to_thread(self.briefer, article)
            recorded = await asyncio.to_thread(
                self.articles.revise_article, known.id, article, briefing,
                new_sentences=revision.new_sentences if revision.substantial else (),
                new_share=revision.new_share, now=self.now,
            )
        except UserError as error:  # the new version cannot be briefed; the stored one stays
            _log.info("Kept the earlier version of %s: %s", _item_name(item), error.message)
            return
        except Exception as error:  # one odd item must not cost the feed its other items
            _log.warning("Could not store the new version of %s: %s", _item_name(item), apologize(_log, error))
            return
        if recorded is not None:
            result.updated_articles += 1

    async def _brief(self, item: FeedItem, resolved: ItemArticle) -> Briefing:
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

    async def _record_failure(
        self, feed: FeedRecord, status: int | None, retry_after: float | None, error: str
    ) -> _FeedResult:
        await self._record(feed, PollOutcome(
            ok=False, status=status, error=error,
            next_poll_at=self.now + self._delay(feed.failures + 1, retry_after),
        ))
        return _FeedResult(ok=False, error=error)

    async def _record(self, feed: FeedRecord, outcome: PollOutcome) -> None:
        await asyncio.to_thread(self.feeds.update_feed_poll_result, feed.id, outcome, now=self.now)

    def _delay(self, failures: int, retry_after: float | None) -> timedelta:
        return next_poll_delay(failures, self.options.poll_minutes, retry_after)


def _report(results: list[tuple[FeedRecord, _FeedResult]]) -> RefreshReport:
    return RefreshReport(
        feeds_ok=sum(1 for _, r in results if r.ok),
        feeds_failed=sum(1 for _, r in results if not r.ok),
        new_articles=sum(r.new_articles for _, r in results),
        known_items=sum(r.known_items for _, r in results),
        updated_articles=sum(r.updated_articles for _, r in results),
        failures=[(feed.url, r.error or "unknown error") for feed, r in results if not r.ok],
        item_failures=[failure for _, r in results for failure in r.item_failures],
    )


def _item_name(item: FeedItem) -> str:
    return item.url or item.guid or (item.title or "untitled item")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
