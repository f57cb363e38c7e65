"""`newsbrief run`: settings → parts from the factory → chat adapters found by entry point → a clean stop."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from dataclasses import replace

from bot import __version__
from bot.chat import AdapterContext, AdapterPlugin, ChatAdapter, DigestSink, DirectMessenger, installed_plugins
from bot.commands.service import CommandService
from bot.errors import UserError
from bot.factory import Factory
from bot.facts import preload as preload_facts
from bot.ops.metrics import Metrics
from bot.ops.server import OpsServer, ReportsHealth
from bot.schedule.alerts import AlertSender
from bot.schedule.fanout import DigestDispatcher
from bot.schedule.leadership import DEFAULT_CHECK_SECONDS, Leadership
from bot.schedule.runner import DigestRunner
from bot.schedule.scheduler import DigestScheduler
from bot.settings import Settings
from bot.sources.fetcher import Fetcher
from bot.storage.leadership import LeaderLock
from bot.storage.store import Store
from bot.values import Clock, utc_now

_log = logging.getLogger("newsbrief.app")


class App:
    """A running newsbrief: its store, command service, digest runner and chat adapters."""

    def __init__(
        self,
        *,
        store: Store,
        service: CommandService,
        runner: DigestRunner,
        fetcher: Fetcher,
        alerts: AlertSender | None = None,
        fire_jobs: bool = True,
        metrics: Metrics | None = None,
        ops: OpsServer | None = None,
        leader_lock: LeaderLock | None = None,
        leader_check_seconds: float = DEFAULT_CHECK_SECONDS,
    ) -> None:
        self.store = store
        self.service = service
        self.runner = runner
        self.alerts = alerts
        self.adapters: list[ChatAdapter] = []
        self.metrics = metrics
        self.ops = ops  # /healthz and /metrics, when NEWSBRIEF_HTTP_PORT is set
        self._fetcher: Fetcher | None = fetcher
        self._fire_jobs = fire_jobs
        self._stop_requested = asyncio.Event()
        self._stopped = False
        self._sinks: dict[int, DigestSink] = {}  # id(sink) → what the dispatcher was given for it
        self._running = False  # start() has finished
        # Which process sends scheduled work; without a lock (tests that build an App by hand) this one does.
        self.leadership: Leadership | None = None
        if leader_lock is not None:
            self.leadership = Leadership(
                leader_lock, on_lead=self._lead, on_follow=runner.follow, on_schedule_changed=runner.request_sweep,
                on_change=self._leadership_changed, interval=leader_check_seconds,
            )
            runner.set_announcer(self.leadership.announce)

    @property
    def scheduler(self) -> DigestScheduler:
        return self.runner.scheduler

    @property
    def dispatcher(self) -> DigestDispatcher:
        return self.runner.dispatcher

    def register_sink(self, sink: DigestSink) -> None:
        """Deliver digests for `sink.platform` through `sink` (counted, when the app keeps metrics), and alerts
        if it can send direct messages."""
        registered = self.metrics.metered(sink) if self.metrics else sink
        self._sinks[id(sink)] = registered
        self.dispatcher.register_sink(registered)
        if self.alerts is not None and isinstance(sink, DirectMessenger):
            self.alerts.register_messenger(sink)

    def add_adapter(self, adapter: ChatAdapter) -> None:
        """Start `adapter` with the app and deliver its platform's digests through it."""
        self.adapters.append(adapter)
        self.register_sink(adapter)

    async def start(self) -> None:
        """Make storage and schedule ready, start the adapters, then send what is due.

        Commands can write from the moment an adapter connects, so the database and the
        scheduler are ready first; the start-up sweep needs the adapters to post through, so it
        comes last.
        """
        self.service.set_schedule(self.runner)
        await self.runner.prepare()
        await asyncio.to_thread(preload_facts)  # the first /brief answers without loading the gazetteers
        self.service.mark_ready()
        started = []
        refusals: list[str] = []
        for adapter in list(self.adapters):
            try:
                await adapter.start()
            except UserError as error:
                refusals.append(error.message)
                if len(self.adapters) > 1:  # with one platform, its sentence is the whole story (below)
                    _log.error("The %s adapter did not start: %s", adapter.platform, error.message)
            except Exception:  # a bug in one adapter must not keep the other platforms down
                _log.exception("The %s adapter did not start.", adapter.platform)
            else:
                started.append(adapter)
                continue
            # Its platform's digests then wait (unclaimed) instead of failing against a dead adapter.
            self.dispatcher.remove_sink(self._sinks.get(id(adapter), adapter))
            if self.alerts is not None:
                self.alerts.remove_messenger(adapter)
            if self.ops is not None:
                self.ops.add_check(adapter.platform, _did_not_start)
        if self.adapters and not started:
            await self.runner.stop()
            await self._close_resources()
            # One platform that said why it could not start: that sentence, on one line, is the error.
            if len(self.adapters) == 1 and refusals:
                raise UserError(refusals[0])
            raise UserError("No chat platform could be started; see the messages above.")
        self.adapters = started
        if self.leadership is None:
            await self.runner.start(fire_jobs=self._fire_jobs)
        else:
            await self.leadership.start()  # leading, it sends what is due before going on
        self._running = True
        await self._start_ops(started)
        platforms = ", ".join(adapter.platform for adapter in started) or "no chat platform"
        _log.info("newsbrief %s is running on %s", __version__, platforms)

    async def stop(self) -> None:
        """Stop firing jobs, let in-flight digests finish, stop adapters, close the database."""
        if self._stopped:
            return
        self._stopped = True
        if self.ops is not None:
            await self.ops.stop()
        await self.runner.stop()
        if self.leadership is not None:
            # After the drain: another process takes over only once this one's posts are finished.
            await self.leadership.stop()
        for adapter in reversed(self.adapters):
            try:
                await adapter.stop()
            except Exception:  # one adapter failing to stop must not keep the others running
                _log.exception("The %s adapter did not stop cleanly.", adapter.platform)
        await self._close_resources()

    async def forget_workspace(self, platform: str, workspace: str) -> int:
        """Remove a workspace's subscriptions (and their jobs), delivery records, follows and alerts; return how many
        subscriptions went."""
        removed = await asyncio.to_thread(self.store.workspaces.forget_workspace, platform, workspace)
        for subscription in removed:
            self.service.context.subscription_changed(replace(subscription, enabled=False))
        _log.info("Forgot %s workspace %s: %d subscription(s) removed.", platform, workspace, len(removed))
        return len(removed)

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

    async def _lead(self) -> None:
        if self._stopped:
            return
        # At start-up the first sweep is part of starting; a later takeover sweeps in the background
        # so that the leadership checks go on while it sends.
        await self.runner.lead(fire_jobs=self._fire_jobs, wait=not self._running)

    def _leadership_changed(self, leading: bool) -> None:
        if self.metrics is not None:
            self.metrics.set_leader(leading)

    async def _start_ops(self, adapters: list[ChatAdapter]) -> None:
        if self.ops is None:
            return
        database = self.store.database
        leadership = self.leadership
        if leadership is not None:
            self.ops.add_detail("leader", lambda: leadership.leading)

        async def database_alive() -> None:
            await asyncio.to_thread(database.ping)

        self.ops.add_check("database", database_alive)
        for adapter in adapters:
            self.ops.add_check(adapter.platform, _adapter_check(adapter))
        try:
            await self.ops.start()
        except OSError as error:
            # Serving chat matters more than serving metrics: say so plainly and carry on.
            _log.error("Could not serve health and metrics on port %s (%s); set another NEWSBRIEF_HTTP_PORT.",
                       self.ops.port, error.strerror)
            self.ops = None

    async def _close_resources(self) -> None:
        fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            await fetcher.aclose()
        if self.leadership is not None:
            await self.leadership.stop()
        self.store.close()


def _adapter_check(adapter: ChatAdapter) -> Callable[[], Awaitable[str | None]]:
    async def check() -> str | None:
        return await adapter.health_problem() if isinstance(adapter, ReportsHealth) else None

    return check


async def _did_not_start() -> str:
    return "did not start; see the log"


def build_app(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    extra_sinks: Iterable[DigestSink] = (),
    platforms: Collection[str] | None = None,
    plugins: Sequence[AdapterPlugin] | None = None,
    fire_jobs: bool = True,
) -> App:
    """Wire a newsbrief app from settings, with the adapters of `platforms` (default: the configured ones).

    With no platform configured, the fallback adapter (the console) runs. `plugins` defaults to
    those installed under the `newsbrief.adapters` entry point group.
    """
    available = list(installed_plugins() if plugins is None else plugins)
    chosen = _choose(available, settings, platforms)
    metrics = Metrics()
    factory = Factory(settings, clock=clock, metrics=metrics)
    store = factory.open_store()
    try:
        lock = factory.leader_lock(store)  # on SQLite, a second `newsbrief run` stops here
    except UserError:
        store.close()
        raise
    fetcher = factory.fetcher()
    service = factory.command_service(store, fetcher, starting=True)
    alerts = factory.alert_sender(store)
    runner = factory.digest_runner(store, poll=factory.feed_poller(factory.refresher(store, fetcher), alerts=alerts))
    ops = None
    if settings.ops.http_port is not None:
        ops = OpsServer(metrics, {}, host=settings.ops.http_host, port=settings.ops.http_port)
    app = App(
        store=store, service=service, runner=runner, fetcher=fetcher, alerts=alerts, fire_jobs=fire_jobs,
        metrics=metrics, ops=ops, leader_lock=lock, leader_check_seconds=settings.digests.leader_check_seconds,
    )
    for sink in extra_sinks:
        app.register_sink(sink)
    context = AdapterContext(
        settings=settings, service=service, request_stop=app.request_stop,
        database=store.database, forget_workspace=app.forget_workspace,
    )
    for plugin in chosen:
        try:
            adapter = plugin.create(context)
        except ImportError as error:  # the platform's library is missing or broken
            _log.error("The %s adapter is unavailable (%s); %s stays off.", plugin.platform, error, plugin.platform)
            continue
        app.add_adapter(adapter)
    if chosen and not app.adapters:
        lock.close()
        store.close()
        raise UserError("Platform tokens are set, but no adapter for them could be loaded; see the log.")
    return app


async def run_app(settings: Settings, *, clock: Clock = utc_now) -> int:
    """Run newsbrief until stopped; return the process exit status."""
    try:
        app = build_app(settings, clock=clock)
        await app.run_until_stopped()
    except UserError as error:
        print(f"newsbrief: {error.message}", file=sys.stderr, flush=True)
        return 1
    return 0


def _choose(
    plugins: Sequence[AdapterPlugin], settings: Settings, platforms: Collection[str] | None
) -> list[AdapterPlugin]:
    """Return the plugins to run: those asked for, else the configured ones, else the fallback (console)."""
    if platforms is not None:
        return [plugin for plugin in plugins if plugin.platform in platforms]
    configured = [plugin for plugin in plugins if plugin.configured(settings)]
    missing = [name for name in settings.chat_platforms() if name not in {p.platform for p in plugins}]
    for name in missing:
        _log.error("The %s adapter is unavailable (not installed, or it failed to load); %s stays off.", name, name)
    if not configured and missing:
        raise UserError("Platform tokens are set, but no adapter for them could be loaded; see the log.")
    return configured or [plugin for plugin in plugins if plugin.fallback]


def _install_signal_handlers(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> list[int]:
    installed: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, callback)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
            continue
        installed.append(signum)
    return installed
