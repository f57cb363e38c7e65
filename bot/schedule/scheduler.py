"""APScheduler 3.x set up for newsbrief: one persistent cron job per subscription, one polling job."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.job import Job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from bot.schedule import jobs
from bot.schedule.timing import DailyTrigger, daily_trigger, fire_times_between, next_fire_time
from bot.storage.records import SubscriptionRecord
from bot.values import ChannelRef, Clock

_log = logging.getLogger("newsbrief.schedule")

DIGEST_JOB_PREFIX = "digest:"
POLL_JOB_ID = "poll-feeds"
JOBS_TABLE = "apscheduler_jobs"
# The polling job is rebuilt at every start, so it lives in memory, not in the database.
_MEMORY = "memory"


@dataclass(frozen=True)
class DueDigest:
    """A digest job whose fire time has passed while the scheduler was not running."""

    channel: ChannelRef
    job_id: str
    missed: tuple[datetime, ...]
    trigger: DailyTrigger

    @property
    def latest(self) -> datetime:
        return self.missed[-1]


def digest_job_id(channel: ChannelRef) -> str:
    """Return the job id of a channel's daily digest."""
    return f"{DIGEST_JOB_PREFIX}{channel}"


class DigestScheduler:
    """Own the AsyncIOScheduler and keep its jobs in step with the subscriptions."""

    def __init__(self, engine: Engine, *, clock: Clock, grace: timedelta, poll_minutes: float) -> None:
        self._clock = clock
        self.grace = grace
        self._poll_interval = timedelta(minutes=poll_minutes)
        self._scheduler = AsyncIOScheduler(
            # Same database as everything else: a subscription and its job share one backup.
            jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE), _MEMORY: MemoryJobStore()},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": max(1, int(grace.total_seconds())),
            },
            timezone=UTC,
        )

    @property
    def apscheduler(self) -> AsyncIOScheduler:
        return self._scheduler

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start_paused(self) -> None:
        """Open the job store without firing anything yet (call inside the event loop)."""
        self._scheduler.start(paused=True)

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

    def schedule(self, subscription: SubscriptionRecord) -> datetime | None:
        """Add, update or remove the subscription's job; return its next fire time (None when off)."""
        job_id = digest_job_id(subscription.channel)
        if not subscription.enabled:
            self._remove(job_id)
            return None
        name = _job_name(subscription)
        existing = self._scheduler.get_job(job_id)
        if existing is not None and existing.name == name:
            # Unchanged: keep its stored next fire time, which may record a missed run.
            stored: datetime | None = existing.next_run_time
            return stored
        trigger = daily_trigger(subscription.time, subscription.timezone)
        first = next_fire_time(trigger, self._clock())
        channel = subscription.channel
        self._scheduler.add_job(
            jobs.run_channel_digest, trigger=trigger, args=(channel.platform, channel.workspace, channel.channel),
            id=job_id, name=name, replace_existing=True, next_run_time=first,
        )
        return first

    def unschedule(self, channel: ChannelRef) -> None:
        """Remove the channel's digest job, if any."""
        self._remove(digest_job_id(channel))

    def sync(self, subscriptions: Iterable[SubscriptionRecord]) -> None:
        """Make the jobs match the subscriptions: add new, update changed, drop orphans."""
        wanted = set()
        for subscription in subscriptions:
            if subscription.enabled:
                wanted.add(digest_job_id(subscription.channel))
            self.schedule(subscription)
        for job in self.digest_jobs():
            if job.id not in wanted:
                self._remove(job.id)

    def digest_jobs(self) -> list[Job]:
        """Return every stored digest job."""
        return [job for job in self._scheduler.get_jobs(jobstore="default") if job.id.startswith(DIGEST_JOB_PREFIX)]

    def next_run_time(self, channel: ChannelRef) -> datetime | None:
        """Return when the channel's digest job fires next, per the job store."""
        job = self._scheduler.get_job(digest_job_id(channel))
        return job.next_run_time if job else None

    def due_digests(self, now: datetime) -> list[DueDigest]:
        """Return the digest jobs whose next fire time is at or before `now`, with every time they missed."""
        due = []
        for job in self.digest_jobs():
            if job.next_run_time is None or job.next_run_time > now:
                continue
            missed = fire_times_between(job.trigger, job.next_run_time, now)
            if missed:
                due.append(DueDigest(_channel_of(job), job.id, tuple(missed), job.trigger))
        return due

    def advance(self, due: DueDigest, now: datetime) -> datetime:
        """Move a caught-up job's next fire time past `now` and return it."""
        following = next_fire_time(due.trigger, now)
        self._scheduler.modify_job(due.job_id, next_run_time=following)
        return following

    def schedule_polling(self, first_run: datetime) -> None:
        """Poll feeds every `poll_minutes`, starting at `first_run`."""
        self._scheduler.add_job(
            jobs.poll_feeds, trigger=IntervalTrigger(seconds=self._poll_interval.total_seconds(), timezone=UTC),
            id=POLL_JOB_ID, name="poll feeds", jobstore=_MEMORY, replace_existing=True, next_run_time=first_run,
        )

    def _remove(self, job_id: str) -> None:
        if self._scheduler.get_job(job_id) is not None:
            self._scheduler.remove_job(job_id)


def _job_name(subscription: SubscriptionRecord) -> str:
    return f"daily digest at {subscription.time} {subscription.timezone}"


def _channel_of(job: Job) -> ChannelRef:
    platform, workspace, channel = job.args
    return ChannelRef(platform, workspace, channel)

