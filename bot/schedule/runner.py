"""Run daily digests: catch up after downtime, resume interrupted ones, fire on schedule, poll feeds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.schedule import jobs
from bot.schedule.fanout import DigestDispatcher, Outcome
from bot.schedule.scheduler import DigestScheduler, DueDigest
from bot.schedule.timing import daily_trigger, latest_fire_time
from bot.storage.records import SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.values import ChannelRef, Clock

_log = logging.getLogger("newsbrief.schedule")

# Polls the due feeds and returns one line saying what it found (bot.ingest's report summary).
Poller = Callable[[], Awaitable[str]]
# The first feed poll waits a moment so start-up (adapters logging in) is not slowed by it.
FIRST_POLL_DELAY = timedelta(seconds=5)
# How long a stop waits for digests being posted; one still stuck after that stays pending and is
# re-sent on the next start, so waiting longer would only delay the shutdown, not save a digest.
DRAIN_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class StartReport:
    """What start-up did before the scheduler began firing."""

    resumed: tuple[Outcome, ...]
    caught_up: tuple[Outcome | None, ...]


class DigestRunner:
    """Tie the job store, the dispatcher and the clock together; scheduled jobs call into it."""

    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        dispatcher: DigestDispatcher,
        scheduler: DigestScheduler,
        *,
        clock: Clock,
        poll: Poller | None = None,
    ) -> None:
        self.subscriptions = subscriptions
        self.dispatcher = dispatcher
        self.scheduler = scheduler
        self._clock = clock
        self._poll = poll
        self._started = False
        dispatcher.set_disabled_callback(self.subscription_changed)

    async def start(self, *, fire_jobs: bool = True) -> StartReport:
        """Open the job store, finish interrupted digests, catch up missed ones, then start firing."""
        self.scheduler.start_paused()
        self._started = True
        jobs.activate(self)
        resumed = await self.dispatcher.resume_pending()
        caught_up = await self.catch_up(self._clock())
        subscriptions = await asyncio.to_thread(self.subscriptions.list_subscriptions)
        self.scheduler.sync(subscriptions)
        if self._poll is not None:
            self.scheduler.schedule_polling(self._clock() + FIRST_POLL_DELAY)
        if fire_jobs:
            self.scheduler.resume()
        return StartReport(tuple(resumed), tuple(caught_up))

    async def stop(self, *, drain_timeout: float = DRAIN_TIMEOUT_SECONDS) -> None:
        """Stop firing, let in-flight digests finish (up to `drain_timeout` s), then shut the scheduler down."""
        if not self._started:
            return
        self.scheduler.pause()
        try:
            await asyncio.wait_for(self.dispatcher.drain(), drain_timeout)
        except TimeoutError:
            _log.warning("Digests still sending after %.0f s stay pending; they are re-sent on the next start.",
                         drain_timeout)
        self.scheduler.shutdown()
        jobs.deactivate(self)
        self._started = False
        # APScheduler shuts down on the loop's next turn; give it that turn while the loop still runs.
        await asyncio.sleep(0)

    async def catch_up(self, now: datetime) -> list[Outcome | None]:
        """Send, once, each digest missed while down if its latest fire time is within the grace window."""
        due = self.scheduler.due_digests(now)
        return list(await asyncio.gather(*(self._catch_up_one(item, now) for item in due)))

    async def run_scheduled_digest(self, channel: ChannelRef) -> Outcome:
        """Deliver a channel's digest for its most recent fire time (what each cron job runs)."""
        subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
        if subscription is None or not subscription.enabled:
            return Outcome.NOT_SUBSCRIBED
        slot = latest_fire_time(daily_trigger(subscription.time, subscription.timezone), self._clock())
        outcome = await self.dispatcher.deliver_scheduled(channel, slot)
        _log.info("Daily digest for %s: %s.", channel, outcome.value)
        return outcome

    async def poll_feeds(self) -> None:
        """Poll due feeds, then retry digests whose posting failed earlier."""
        if self._poll is not None:
            try:
                _log.info("Feed poll: %s.", await self._poll())
            except Exception:  # the next poll gets another chance; the retry below still runs
                _log.exception("Polling feeds failed.")
        await self.dispatcher.resume_pending()

    def subscription_changed(self, subscription: SubscriptionRecord) -> None:
        """Add, move or remove the subscription's job (called by commands and the dispatcher)."""
        if self._started:
            self.scheduler.schedule(subscription)

    async def _catch_up_one(self, due: DueDigest, now: datetime) -> Outcome | None:
        outcome = None
        late = now - due.latest
        if late > self.scheduler.grace:
            _log.warning(
                "Skipped the digest for %s due %s: %s late, beyond the grace window.", due.channel, due.latest, late
            )
        else:
            if len(due.missed) > 1:
                _log.info("%d digests for %s were missed; sending only the latest.", len(due.missed), due.channel)
            outcome = await self.dispatcher.deliver_scheduled(due.channel, due.latest)
        # Only after delivery: a crash before this line makes the next start try again, and the
        # reservation (sent or pending) keeps that retry from posting the digest twice.
        self.scheduler.advance(due, now)
        return outcome
