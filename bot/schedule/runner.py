"""Run daily digests: sweep what is due (at start, at each fire time, every minute), poll feeds.

A digest is due when its subscription's latest local fire time has passed, came after the
schedule was set (`schedule_since`), is within NEWSBRIEF_MISFIRE_GRACE_HOURS, and the digest
log holds no finished row for that channel and local day; a digest left pending (a crash, a
failed post) is due again until its grace window closes. The decision reads only the database,
so a restart, a crash at any point of a fan-out, or a second process sees the same answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.schedule.fanout import DigestDispatcher, DueDigest, Outcome
from bot.schedule.scheduler import DigestScheduler
from bot.schedule.timing import DailyTrigger, daily_trigger, latest_fire_time, local_date, next_fire_time
from bot.storage.deliveries import digest_key_for
from bot.storage.digest_log import PENDING, DigestLogEntry, DigestLogRepository
from bot.storage.records import DailySchedule, SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.values import ChannelRef, Clock

_log = logging.getLogger("newsbrief.schedule")

# Polls the due feeds and returns one line saying what it found (bot.ingest's report summary).
Poller = Callable[[], Awaitable[str]]
# Tells the leading process that a subscription changed (when another process leads).
Announcer = Callable[[], Coroutine[Any, Any, None]]
# The first feed poll waits a moment so start-up (adapters logging in) is not slowed by it.
FIRST_POLL_DELAY = timedelta(seconds=5)
# How long a stop waits for digests being posted; one still stuck after that stays pending and is
# re-sent on the next start, so waiting longer would only delay the shutdown, not save a digest.
DRAIN_TIMEOUT_SECONDS = 30.0
# A daily trigger has at least one fire time in any 26 hours, even on a 25-hour day.
_DAY_AND_MORE = timedelta(hours=26)


@dataclass(frozen=True)
class SweepPlan:
    """What one sweep found: the digests to send now, those missed for good, and the next fire time."""

    due: tuple[DueDigest, ...]
    missed: tuple[DueDigest, ...] = ()
    expired: tuple[DigestLogEntry, ...] = ()
    next_fire: datetime | None = None


@dataclass
class _Sweeps:
    """The background sweep a job asked for, and whether another was asked for meanwhile."""

    task: asyncio.Task[None] | None = None
    again: bool = False
    hint: datetime | None = None  # the fire time of a subscription changed while a sweep was planning
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class DigestRunner:
    """Decide from the database what is due and hand it to the dispatcher; the scheduler says when."""

    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        log: DigestLogRepository,
        dispatcher: DigestDispatcher,
        scheduler: DigestScheduler,
        *,
        clock: Clock,
        grace: timedelta,
        poll: Poller | None = None,
    ) -> None:
        self.subscriptions = subscriptions
        self.log = log
        self.dispatcher = dispatcher
        self.scheduler = scheduler
        self.grace = grace
        self._clock = clock
        self._poll = poll
        self._started = False
        self._stopping = False  # set by `stop`: a poll cancelled from then on is the shutdown's doing
        self._following = False  # another process leads: no sweeps, no polls here
        self._announce: Announcer | None = None
        self._announcements: set[asyncio.Task[None]] = set()
        self._sweeps = _Sweeps()
        dispatcher.set_disabled_callback(self.subscription_changed)

    async def prepare(self) -> None:
        """Set up the jobs, without sending or firing anything yet."""
        if self._started:
            return
        self._stopping = False
        self.scheduler.start_paused(
            on_wake=self._fired, on_poll=self.poll_feeds if self._poll is not None else None,
            first_poll=self._clock() + FIRST_POLL_DELAY,
        )
        self._started = True

    async def start(self, *, fire_jobs: bool = True) -> list[Outcome]:
        """Prepare and lead: send everything due (a crash or downtime may have left some), then start firing."""
        await self.prepare()
        return await self.lead(fire_jobs=fire_jobs)

    async def lead(self, *, fire_jobs: bool = True, wait: bool = True) -> list[Outcome]:
        """Become the process that sweeps: take over claims left unfinished, send what is due, start firing.

        With `wait`, return once the first sweep is done; otherwise it runs in the background.
        """
        await self.prepare()
        self._following = False
        # This process is the one that sweeps: claims left by a sender that died are taken over.
        released = await asyncio.to_thread(self.log.release_claims)
        if released:
            _log.info("Took over %d digest(s) an earlier run had started and not finished.", released)
        outcomes: list[Outcome] = []
        if wait:
            outcomes = await self.sweep()
        else:
            self.request_sweep()
        if fire_jobs:
            self.scheduler.resume()
        return outcomes

    async def follow(self) -> None:
        """Stop sweeping and polling (another process leads); digests already being posted finish."""
        self._following = True
        self.scheduler.pause()

    async def stop(self, *, drain_timeout: float = DRAIN_TIMEOUT_SECONDS) -> None:
        """Stop firing, let in-flight digests finish (up to `drain_timeout` s), then shut the scheduler down."""
        if not self._started:
            return
        self._stopping = True
        self.scheduler.pause()
        try:
            await asyncio.wait_for(self.dispatcher.drain(), drain_timeout)
        except TimeoutError:
            _log.warning("Digests still sending after %.0f s stay pending; they are re-sent on the next start.",
                         drain_timeout)
        task = self._sweeps.task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.scheduler.shutdown()
        self._started = False
        # APScheduler shuts down on the loop's next turn; give it that turn while the loop still runs.
        await asyncio.sleep(0)

    async def sweep(self) -> list[Outcome]:
        """Send every digest that is due now; return what happened to each."""
        async with self._sweeps.lock:
            now = self._clock()
            self._sweeps.hint = None  # a subscription changed from here on moves the wake-up set below
            plan = await asyncio.to_thread(self.plan, now)
            self.scheduler.wake_at(_earliest(plan.next_fire, self._sweeps.hint))
            for missed in plan.missed:
                _log.warning("Skipped the digest %s due %s: more than %s late, beyond the grace window.",
                             missed.digest_key, missed.due_at, self.grace)
            for entry in plan.expired:
                _log.warning("Gave up on digest %s (due %s, %d attempt(s)); its articles go into the next one.",
                             entry.digest_key, entry.due_at, entry.attempts)
            if not plan.due:
                return []
            _log.info("Sending %d due digest(s).", len(plan.due))
            outcomes = await self.dispatcher.fan_out(plan.due)
            _log.info("Digests: %s.", _tally(outcomes))
            return outcomes

    def request_sweep(self) -> None:
        """Sweep soon in the background; a request while one runs makes it sweep once more after."""
        sweeps = self._sweeps
        if self._following:
            return
        if sweeps.task is not None and not sweeps.task.done():
            sweeps.again = True
            return
        sweeps.task = asyncio.create_task(self._sweep_until_settled(), name="digest-sweep")

    def plan(self, now: datetime) -> SweepPlan:
        """Read the schedules and the digest log and decide what is due at `now` (blocking: run in a thread)."""
        expired = self.log.expire_pending(now - self.grace)
        schedules = self.subscriptions.daily_schedules()
        recent = self.log.recent(now - self.grace - _DAY_AND_MORE)
        known = {(entry.channel, entry.digest_key): entry for entry in recent}
        due: dict[tuple[ChannelRef, str], DueDigest] = {}
        missed: list[DueDigest] = []
        next_fire: datetime | None = None
        for schedule in schedules:
            trigger = daily_trigger(schedule.time, schedule.timezone)
            upcoming = next_fire_time(trigger, now)
            next_fire = upcoming if next_fire is None else min(next_fire, upcoming)
            latest = _latest_since(trigger, schedule, now)
            if latest is None:
                continue
            digest = DueDigest(schedule.channel, digest_key_for(schedule.channel, local_date(latest, trigger.timezone)),
                               latest)
            entry = known.get((digest.channel, digest.digest_key))
            if now - latest > self.grace:
                if entry is None:
                    missed.append(digest)
            elif entry is None or _may_try(entry, now):
                due[(digest.channel, digest.digest_key)] = digest
        for key, entry in known.items():
            # Pending digests of channels whose schedule changed or ended meanwhile still go out once.
            if key not in due and entry.status == PENDING and _may_try(entry, now):
                due[key] = DueDigest(entry.channel, entry.digest_key, entry.due_at)
        if missed:
            self.log.record_missed([(item.channel, item.digest_key, item.due_at) for item in missed])
        return SweepPlan(tuple(due.values()), tuple(missed), tuple(expired), next_fire)

    async def run_scheduled_digest(self, channel: ChannelRef) -> Outcome:
        """Deliver a channel's digest for its most recent fire time, if that is not too old."""
        subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
        if subscription is None or not subscription.enabled:
            return Outcome.NOT_SUBSCRIBED
        latest = latest_fire_time(daily_trigger(subscription.time, subscription.timezone), self._clock())
        outcome = await self.dispatcher.deliver_scheduled(channel, latest)
        _log.info("Daily digest for %s: %s.", channel, outcome.value)
        return outcome

    async def poll_feeds(self) -> None:
        """Poll due feeds, then sweep (a digest whose post failed earlier may be ready for another try)."""
        if self._poll is not None:
            try:
                _log.info("Feed poll: %s.", await self._poll())
            except asyncio.CancelledError:
                if not self._stopping:
                    raise  # a cancellation from anything else is the caller's to see
                # Shutting down cancels a poll in flight. That is no fault: what it stored stays stored, and the
                # next start polls again. Ending quietly keeps the scheduler from logging it as a failed job.
                _log.info("Feed poll stopped by shutdown; the next start polls again.")
                return
            except Exception:  # the next poll gets another chance; the sweep below still runs
                _log.exception("Polling feeds failed.")
        self.request_sweep()

    def subscription_changed(self, subscription: SubscriptionRecord) -> None:
        """Wake up in time for a new or moved subscription (called by commands and the dispatcher)."""
        if not self._started or not subscription.enabled:
            return
        if self._following:
            # The leading process plans the wake-ups; tell it (it sweeps within a minute even if this is lost).
            if self._announce is not None:
                task = asyncio.get_running_loop().create_task(self._announce())
                self._announcements.add(task)
                task.add_done_callback(self._announcements.discard)
            return
        upcoming = next_fire_time(daily_trigger(subscription.time, subscription.timezone), self._clock())
        self._sweeps.hint = _earliest(self._sweeps.hint, upcoming)
        current = self.scheduler.next_wakeup()
        if current is None or upcoming < current:
            self.scheduler.wake_at(upcoming)

    def set_announcer(self, announce: Announcer | None) -> None:
        """Call `announce` when a subscription changes while another process leads (it plans the wake-ups)."""
        self._announce = announce

    def next_wakeup(self) -> datetime | None:
        """Return when the next sweep for a fire time is set (the earliest upcoming digest)."""
        return self.scheduler.next_wakeup()

    async def _fired(self) -> None:
        self.request_sweep()

    async def _sweep_until_settled(self) -> None:
        while True:
            self._sweeps.again = False
            try:
                await self.sweep()
            except Exception:  # the next wake-up or the periodic sweep tries again
                _log.exception("A digest sweep failed.")
            if not self._sweeps.again:
                return


def _latest_since(trigger: DailyTrigger, schedule: DailySchedule, now: datetime) -> datetime | None:
    """Return the latest fire time at or before `now` that came after the schedule was set, if any."""
    latest = latest_fire_time(trigger, now)
    if latest is None or latest > now or latest <= schedule.since:
        return None
    return latest


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return min(first, second)


def _may_try(entry: DigestLogEntry, now: datetime) -> bool:
    return not entry.done and (entry.retry_at is None or entry.retry_at <= now)


def _tally(outcomes: Iterable[Outcome]) -> str:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.value] = counts.get(outcome.value, 0) + 1
    return ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
