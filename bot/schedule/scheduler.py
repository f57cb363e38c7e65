"""APScheduler 3.x as newsbrief's alarm clock: wake at the next digest time, sweep now and then, poll feeds.

The schedule itself lives in the database (each subscription's local time and zone, and the
digest log), so the jobs here hold nothing worth keeping: they live in memory, are rebuilt at
every start, and never touch the database from the event loop. What is due is decided by a
sweep (bot.schedule.runner); the jobs only say when to sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

_log = logging.getLogger("newsbrief.schedule")

WAKE_JOB_ID = "digest-wake"
SWEEP_JOB_ID = "digest-sweep"
POLL_JOB_ID = "poll-feeds"
# The safety net: even if a wake-up were missed, a sweep this often sends whatever is due.
SWEEP_INTERVAL = timedelta(minutes=1)

Callback = Callable[[], Awaitable[None]]


class DigestScheduler:
    """Own the AsyncIOScheduler: one wake-up at the next fire time, a periodic sweep, feed polling."""

    def __init__(self, *, poll_minutes: float, sweep_interval: timedelta = SWEEP_INTERVAL) -> None:
        self._poll_interval = timedelta(minutes=poll_minutes)
        self._sweep_interval = sweep_interval
        self._on_wake: Callback | None = None
        self._scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()},
            # A wake-up that comes late (a suspended laptop, a busy loop) still sweeps: the sweep
            # itself knows what is due and what is too old.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )

    @property
    def apscheduler(self) -> AsyncIOScheduler:
        return self._scheduler

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start_paused(self, *, on_wake: Callback, on_poll: Callback | None = None, first_poll: datetime) -> None:
        """Set up the jobs without firing anything yet (call inside the event loop)."""
        self._on_wake = on_wake
        self._scheduler.start(paused=True)
        self._scheduler.add_job(
            on_wake, trigger=IntervalTrigger(seconds=self._sweep_interval.total_seconds(), timezone=UTC),
            id=SWEEP_JOB_ID, name="sweep due digests", replace_existing=True,
        )
        if on_poll is not None:
            self._scheduler.add_job(
                on_poll, trigger=IntervalTrigger(seconds=self._poll_interval.total_seconds(), timezone=UTC),
                id=POLL_JOB_ID, name="poll feeds", replace_existing=True, next_run_time=first_poll,
            )

    def resume(self) -> None:
        """Let jobs fire from now on."""
        self._scheduler.resume()

    def pause(self) -> None:
        """Stop firing new jobs; those already running go on."""
        if self._scheduler.running:
            self._scheduler.pause()

    def shutdown(self) -> None:
        """Stop the scheduler; call after in-flight digests have drained (it cancels running jobs)."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def wake_at(self, moment: datetime | None) -> None:
        """Sweep at `moment` (the next digest's fire time); None: no digest is scheduled."""
        if self._on_wake is None or not self._scheduler.running:
            return
        if moment is None:
            if self._scheduler.get_job(WAKE_JOB_ID) is not None:
                self._scheduler.remove_job(WAKE_JOB_ID)
            return
        self._scheduler.add_job(
            self._on_wake, trigger=DateTrigger(run_date=moment, timezone=UTC),
            id=WAKE_JOB_ID, name="next daily digest", replace_existing=True,
        )

    def next_wakeup(self) -> datetime | None:
        """Return when the next digest wake-up is set for, if any."""
        job = self._scheduler.get_job(WAKE_JOB_ID)
        return job.next_run_time if job is not None else None
