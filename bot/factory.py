"""The one place that builds newsbrief's parts from Settings: briefer, fetcher, store, refresher,
command service and digest runner (with its scheduler).

Every caller, from `newsbrief brief URL` to the bot's feed poller, gets its parts here, so a
setting such as NEWSBRIEF_MAX_BODY_BYTES reaches all of them or none.

Each part's modules are imported when the part is first built (the imports inside the methods
below): a one-shot command pays only for what it uses. Measured on a 2-core machine, `newsbrief
brief FILE` would otherwise also load httpx + feedparser + lxml (≈0.4 s), SQLAlchemy (≈0.3 s)
and APScheduler, and `newsbrief feeds list` the summarizer (sumy, numpy, NLTK: ≈1 s).
"""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.errors import UserError
from bot.models import Article
from bot.settings import Settings
from bot.values import Briefer, Clock, utc_now

if TYPE_CHECKING:
    from bot.commands.service import CommandService
    from bot.ingest import FeedRefresher
    from bot.ops.metrics import Metrics
    from bot.schedule.alerts import AlertSender
    from bot.schedule.channel_digests import ChannelDigests
    from bot.schedule.runner import DigestRunner, Poller
    from bot.sources.fetcher import Fetcher
    from bot.storage.store import Store


class Factory:
    """Build the parts of newsbrief from one Settings and one clock."""

    def __init__(self, settings: Settings, *, clock: Clock = utc_now, metrics: Metrics | None = None) -> None:
        self.settings = settings
        self.clock = clock
        # Given (by `newsbrief run`), the parts built here count and time their work into it.
        self.metrics = metrics

    def briefer(self, *, sentences: int | None = None, algorithm: str | None = None) -> Briefer:
        """Return what briefs an article with the configured (or given) summary length and algorithm."""
        from bot.briefing import build_briefing  # sumy, numpy, NLTK: ≈1 s that storage-only commands skip
        from bot.summarize import ALGORITHMS

        chosen = (algorithm or self.settings.core.algorithm).lower()
        if chosen not in ALGORITHMS:
            raise UserError(f"unknown algorithm {chosen!r}; choose one of: {', '.join(ALGORITHMS)}.")
        count = sentences or self.settings.core.summary_sentences
        briefer: Briefer = functools.partial(build_briefing, sentences=count, algorithm=chosen)
        return self.metrics.timed_briefer(briefer) if self.metrics else briefer

    def fetcher(self) -> Fetcher:
        """Return a fetcher with its own HTTP client (close it with `aclose`), guard and size limit."""
        from bot.sources.fetcher import Fetcher  # httpx, feedparser, lxml: ≈0.4 s a file briefing skips
        from bot.sources.guard import UrlGuard
        from bot.sources.http import make_client

        fetching = self.settings.fetching
        guard = UrlGuard(allow_private=fetching.allow_private_urls)
        client = make_client(timeout=fetching.timeout, guard=guard)
        if self.metrics:
            self.metrics.time_requests(client)
        return Fetcher(client, guard, max_bytes=fetching.max_body_bytes)

    def fetch_page_now(self, url: str) -> Article:
        """Fetch one web page's article outside any event loop (for one-shot commands)."""
        import asyncio  # ≈25 ms that `newsbrief brief FILE` skips


        async def fetch() -> Article:
            fetcher = self.fetcher()
            try:
                return await fetcher.article(url)
            finally:
                await fetcher.aclose()

        return asyncio.run(fetch())

    def open_store(self) -> Store:
        """Open (and migrate) the configured database."""
        from bot.storage.store import open_store  # SQLAlchemy: ≈0.3 s that `newsbrief brief` skips

        return open_store(self.settings.storage.resolved_database_url, clock=self.clock)

    def refresher(self, store: Store, fetcher: Fetcher, *, concurrency: int | None = None) -> FeedRefresher:
        """Return what polls the feeds, briefs new items and stores them."""
        from bot.ingest import DEFAULT_CONCURRENCY, FeedRefresher, RefreshOptions

        options = RefreshOptions(
            poll_minutes=self.settings.digests.poll_minutes, concurrency=concurrency or DEFAULT_CONCURRENCY
        )
        return FeedRefresher(store.feeds, store.articles, fetcher, self.briefer(), options=options, clock=self.clock)

    def feed_poller(self, refresher: FeedRefresher, *, alerts: AlertSender | None = None) -> Poller:
        """Return the scheduler's feed-polling job: refresh the due feeds, send alerts, say what happened."""

        metrics = self.metrics

        async def poll() -> str:
            report = await refresher.refresh()
            if metrics:
                metrics.count_poll(report.feeds_ok, report.feeds_failed)
            summary = report.summary()
            if alerts is None:
                return summary
            sent = (await alerts.send_alerts()).summary()
            return f"{summary}; {sent}" if sent else summary

        return poll

    def alert_sender(self, store: Store) -> AlertSender:
        """Return what sends people direct messages about new articles matching the words they follow."""
        from bot.schedule.alerts import AlertOptions, AlertSender

        options = AlertOptions(per_hour=self.settings.digests.alerts_per_hour)
        return AlertSender(store.follows, store.alerts, store.subscriptions, clock=self.clock, options=options)

    def command_service(self, store: Store, fetcher: Fetcher, *, starting: bool = False) -> CommandService:
        """Return the command service every adapter talks to (`starting`: it waits for `mark_ready`)."""
        from bot.commands.context import CommandContext
        from bot.commands.service import CommandService
        from bot.sources.discovery import find_feed

        return CommandService(CommandContext(
            articles=store.articles,
            feeds=store.feeds,
            subscriptions=store.subscriptions,
            digests=self.channel_digests(store),
            clock=self.clock,
            fetch=fetcher.article,
            brief=self.briefer(),
            poll_minutes=self.settings.digests.poll_minutes,
            follows=store.follows,
            find_feed=functools.partial(find_feed, fetcher),
        ), starting=starting)

    def channel_digests(self, store: Store) -> ChannelDigests:
        """Return what picks, reserves and builds channels' digests (size and window from the settings)."""
        from bot.schedule.channel_digests import ChannelDigests

        digests = self.settings.digests
        window = timedelta(days=digests.max_age_days)
        return ChannelDigests(store.deliveries, max_items=digests.max_items, max_age=window)

    def digest_runner(self, store: Store, *, poll: Poller | None = None) -> DigestRunner:
        """Return the daily-digest runner: due-ness from the database, APScheduler as the clock, claimed fan-out."""
        # APScheduler (≈0.2 s) is only ever needed by `newsbrief run`.
        from bot.schedule.fanout import DigestDispatcher, DispatchOptions
        from bot.schedule.runner import DigestRunner
        from bot.schedule.scheduler import DigestScheduler

        digests = self.settings.digests
        options = DispatchOptions(
            concurrency=digests.fanout_concurrency,
            skip_empty=digests.skip_empty,
            serialize_writes=store.database.is_sqlite,
        )
        dispatcher = DigestDispatcher(
            store.subscriptions, self.channel_digests(store), store.digest_log, clock=self.clock, options=options
        )
        return DigestRunner(
            store.subscriptions, store.digest_log, dispatcher, DigestScheduler(poll_minutes=digests.poll_minutes),
            clock=self.clock, grace=timedelta(hours=digests.misfire_grace_hours), poll=poll,
        )
