"""`newsbrief run`: settings → database → command service → adapters → scheduler, and a clean stop."""

from __future__ import annotations

import asyncio
import importlib
import logging
import signal
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone

from bot.commands.service import CommandService
from bot.delivery import DigestSink
from bot.errors import UserError
from bot.schedule.digests import ChannelDigests
from bot.schedule.fanout import DigestDispatcher
from bot.schedule.runner import DigestRunner
from bot.schedule.scheduler import DigestScheduler
from bot.storage import Store, open_store

_log = logging.getLogger("newsbrief.app")

Clock = Callable[[], datetime]
# Platform adapters, imported only when their tokens are set: (module, class, what to call it).
_DISCORD = ("adapters.discord_bot", "DiscordAdapter", "Discord")
_SLACK = ("adapters.slack_bot", "SlackAdapter", "Slack")


class App:
    """A running newsbrief: its store, command service, digest scheduler and platform adapters."""

    def __init__(
        self,
        settings,
        *,
        store: Store,
        service: CommandService,
        runner: DigestRunner,
        client=None,
        fire_jobs: bool = True,
    ) -> None:
        self.settings = settings
        self.store = store
        self.service = service
        self.runner = runner
        self.adapters: list = []
        self._client = client
        self._fire_jobs = fire_jobs
        self._stop_requested = asyncio.Event()
        self._stopped = False

    @property
    def scheduler(self) -> DigestScheduler:
        return self.runner.scheduler

    @property
    def dispatcher(self) -> DigestDispatcher:
        return self.runner.dispatcher

    def register_sink(self, sink: DigestSink) -> None:
        """Deliver digests for `sink.platform` through `sink`."""
        self.dispatcher.register_sink(sink)

    def add_adapter(self, adapter) -> None:
        """Start `adapter` with the app and deliver its platform's digests through it."""
        self.adapters.append(adapter)
        self.register_sink(adapter)

    async def start(self) -> None:
        """Start the adapters, then the scheduler (which may deliver right away, so adapters come first)."""
        started = []
        for adapter in list(self.adapters):
            try:
                await adapter.start()
            except UserError as error:
                _log.error("The %s adapter did not start: %s", adapter.platform, error.message)
            except Exception:  # a bug in one adapter must not keep the other platforms down
                _log.exception("The %s adapter did not start.", adapter.platform)
            else:
                started.append(adapter)
                continue
            # Its platform's digests then wait (unreserved) instead of failing against a dead adapter.
            self.dispatcher.remove_sink(adapter)
        if self.adapters and not started:
            await self._close_resources()
            raise UserError("No chat platform could be started; see the messages above.")
        self.adapters = started
        self.service.set_schedule(self.runner)
        await self.runner.start(fire_jobs=self._fire_jobs)

    async def stop(self) -> None:
        """Stop firing jobs, let in-flight digests finish, stop adapters, close the database."""
        if self._stopped:
            return
        self._stopped = True
        await self.runner.stop()
        for adapter in reversed(self.adapters):
            try:
                await adapter.stop()
            except Exception:  # one adapter failing to stop must not keep the others running
                _log.exception("The %s adapter did not stop cleanly.", adapter.platform)
        await self._close_resources()

    def request_stop(self) -> None:
        """Ask `run_until_stopped` to return (signal handlers and the console's end of input call this)."""
        self._stop_requested.set()

    async def run_until_stopped(self) -> None:
        """Start, wait for SIGINT/SIGTERM or a stop request, then stop gracefully."""
        loop = asyncio.get_running_loop()
        installed = _install_signal_handlers(loop, self.request_stop)
        try:
            await self.start()
            await self._stop_requested.wait()
        finally:
            await self.stop()
            for signum in installed:
                loop.remove_signal_handler(signum)

    async def _close_resources(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
        self.store.database.close()


def build_app(
    settings,
    *,
    clock: Clock | None = None,
    extra_sinks: Iterable[DigestSink] = (),
    console: bool | None = None,
    fire_jobs: bool = True,
) -> App:
    """Wire a newsbrief app from settings; `console` defaults to on when no platform token is set."""
    from bot.sources.guard import UrlGuard
    from bot.sources.http import make_client

    clock = clock or _utc_now
    store = open_store(settings.resolved_database_url)
    guard = UrlGuard.from_settings(settings)
    client = make_client(settings, guard=guard)
    service = CommandService(store, settings=settings, clock=clock, client=client, guard=guard)
    runner = _build_runner(settings, store, clock, poll=_feed_poller(settings, store, client, guard, clock))
    app = App(settings, store=store, service=service, runner=runner, client=client, fire_jobs=fire_jobs)
    for sink in extra_sinks:
        app.register_sink(sink)
    platforms = _platform_adapters(settings, service)
    if _has_platform_tokens(settings) and not platforms:
        raise UserError("Platform tokens are set, but no adapter for them could be loaded; see the log.")
    for adapter in platforms:
        app.add_adapter(adapter)
    if console if console is not None else not _has_platform_tokens(settings):
        from adapters.console import ConsoleAdapter

        app.add_adapter(ConsoleAdapter(settings, service, on_exit=app.request_stop))
    return app


async def run_app(settings) -> int:
    """Run newsbrief until stopped; return the process exit status."""
    try:
        app = build_app(settings)
        await app.run_until_stopped()
    except UserError as error:
        print(f"newsbrief: {error.message}", file=sys.stderr, flush=True)
        return 1
    return 0


def _build_runner(settings, store: Store, clock: Clock, *, poll) -> DigestRunner:
    digests = ChannelDigests(store, max_items=settings.digest_max_items)
    dispatcher = DigestDispatcher(
        store, digests, clock=clock, concurrency=settings.fanout_concurrency, skip_empty=settings.skip_empty_digests,
    )
    scheduler = DigestScheduler(
        store.database.engine, clock=clock, grace=timedelta(hours=settings.misfire_grace_hours),
        poll_minutes=settings.poll_minutes,
    )
    return DigestRunner(store, dispatcher, scheduler, clock=clock, poll=poll)


def _feed_poller(settings, store: Store, client, guard, clock: Clock):
    async def poll():
        from bot.ingest import refresh_feeds
        from bot.sources.http import HostLimiter

        return await refresh_feeds(
            store, client=client, guard=guard, limiter=HostLimiter(), now=clock(),
            poll_minutes=settings.poll_minutes, briefer=_briefer(settings),
        )

    return poll


def _briefer(settings):
    def brief(article):
        from bot.briefing import build_briefing

        return build_briefing(article, sentences=settings.summary_sentences, algorithm=settings.algorithm)

    return brief


def _has_platform_tokens(settings) -> bool:
    return bool(_secret(settings.discord_token) or _secret(settings.slack_bot_token))


def _platform_adapters(settings, service) -> list:
    wanted = []
    if _secret(settings.discord_token):
        wanted.append(_DISCORD)
    if _secret(settings.slack_bot_token):
        wanted.append(_SLACK)
    adapters = []
    for module_name, class_name, label in wanted:
        try:
            adapter_class = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError) as error:
            _log.error("The %s adapter is unavailable (%s); %s stays off.", label, error, label)
            continue
        adapters.append(adapter_class(settings, service))
    return adapters


def _secret(value) -> str:
    if value is None:
        return ""
    raw = value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)
    return raw.strip()


def _install_signal_handlers(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> list[int]:
    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, callback)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
            continue
        installed.append(signum)
    return installed


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)
