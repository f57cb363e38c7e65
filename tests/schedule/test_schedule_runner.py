"""The scheduler with an injected clock: jobs per subscription, restarts, and missed digests after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_app
from bot.commands.model import CommandRequest
from bot.schedule.fanout import Outcome
from bot.schedule.scheduler import digest_job_id
from bot.values import ChannelRef
from tests.kit import FakeClock, RecordingSink, add_feed_articles, settings_for

UTC = UTC
ROOM = ChannelRef("console", "local", "terminal")
# Monday 4 May 2026: Berlin is on CEST (UTC+2), so 08:00 Berlin is 06:00 UTC.
MONDAY_0700_BERLIN = datetime(2026, 5, 4, 5, 0, tzinfo=UTC)
MONDAY_0800_BERLIN = datetime(2026, 5, 4, 6, 0, tzinfo=UTC)
TUESDAY_0800_BERLIN = MONDAY_0800_BERLIN + timedelta(days=1)


def request(command: str, text: str = "") -> CommandRequest:
    return CommandRequest(ROOM, "tester", command, text, can_manage=True)


@pytest.fixture
def clock():
    return FakeClock(MONDAY_0700_BERLIN)


@pytest.fixture
def sink():
    return RecordingSink()


@pytest.fixture
def new_app(tmp_path, database_url, clock, sink):
    """Build apps on one database file, as successive runs of the bot would; stop any left running."""
    started = []

    async def make(**overrides):
        settings = settings_for(tmp_path, DATABASE_URL=database_url, **overrides)
        app = build_app(settings, clock=clock, extra_sinks=[sink], platforms=(), fire_jobs=False)
        await app.start()
        started.append(app)
        return app

    yield make
    # Each test stops its apps itself; the fixture only checks it did.
    assert all(app._stopped for app in started)


async def subscribe_with_news(app, clock, *, articles: int = 2) -> None:
    reply = await app.service.handle(request("subscribe", "08:00 Europe/Berlin"))
    assert not reply.is_error, reply.text
    feed, _ = app.store.feeds.add_feed("https://feeds.example/morning.xml", now=clock())
    app.store.subscriptions.add_subscription_feed(ROOM, feed.id)
    add_feed_articles(app.store, feed.id, "morning", articles, clock())


async def test_subscribing_creates_a_persistent_job_that_a_new_app_still_has(new_app, clock):
    first = await new_app()
    await subscribe_with_news(first, clock)
    assert first.scheduler.next_run_time(ROOM) == MONDAY_0800_BERLIN
    await first.stop()

    second = await new_app()
    job = second.scheduler.apscheduler.get_job(digest_job_id(ROOM))
    assert job is not None and job.next_run_time == MONDAY_0800_BERLIN
    assert job.func_ref == "bot.schedule.jobs:run_channel_digest"
    assert "08:00 Europe/Berlin" in job.name
    await second.stop()


async def test_changing_the_time_moves_the_job_and_unsubscribing_removes_it(new_app, clock):
    app = await new_app()
    await subscribe_with_news(app, clock)
    await app.service.handle(request("subscribe", "09:15 UTC"))
    assert app.scheduler.next_run_time(ROOM) == datetime(2026, 5, 4, 9, 15, tzinfo=UTC)
    await app.service.handle(request("unsubscribe"))
    assert app.scheduler.next_run_time(ROOM) is None
    await app.stop()


async def test_a_digest_missed_within_the_grace_window_is_sent_once_on_start(new_app, clock, sink):
    first = await new_app()
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(hours=3, minutes=30))  # down over 08:00; grace is 6 h
    second = await new_app()
    assert len(sink.delivered) == 1
    assert len(sink.delivered[0][1].items) == 2
    assert second.scheduler.next_run_time(ROOM) == TUESDAY_0800_BERLIN
    await second.stop()

    clock.set(clock() + timedelta(minutes=30))
    third = await new_app()
    assert len(sink.delivered) == 1  # never a second time
    await third.stop()


async def test_a_digest_missed_beyond_the_grace_window_is_skipped(new_app, clock, sink):
    first = await new_app(NEWSBRIEF_MISFIRE_GRACE_HOURS="2")
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(hours=2, minutes=1))
    second = await new_app(NEWSBRIEF_MISFIRE_GRACE_HOURS="2")
    assert sink.delivered == []
    assert second.scheduler.next_run_time(ROOM) == TUESDAY_0800_BERLIN
    # The news is not lost: it waits for Tuesday's digest.
    assert len(second.store.deliveries.undelivered_articles(ROOM, second.store.subscriptions.get_subscription(ROOM).feed_ids)) == 2
    await second.stop()


async def test_several_missed_days_coalesce_into_one_digest(new_app, clock, sink):
    first = await new_app()
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(days=3, minutes=20))  # Thursday 08:20 Berlin
    later = await new_app()
    assert len(sink.delivered) == 1
    assert later.scheduler.next_run_time(ROOM) == MONDAY_0800_BERLIN + timedelta(days=4)
    await later.stop()


async def test_the_cron_job_function_delivers_the_digest_of_its_local_day(new_app, clock, sink):
    app = await new_app()
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN + timedelta(seconds=2))  # the job fires a moment after 08:00
    from bot.schedule import jobs

    await jobs.run_channel_digest(*job_args(app))
    await jobs.run_channel_digest(*job_args(app))  # fired twice by mistake: still one digest that day
    assert len(sink.delivered) == 1
    stored = app.store.deliveries.pending_digests()
    assert stored == []
    await app.stop()
    assert jobs.active_runner() is None


def job_args(app) -> tuple[str, str, str]:
    return tuple(app.scheduler.apscheduler.get_job(digest_job_id(ROOM)).args)


async def test_a_channel_reported_gone_loses_its_job(new_app, clock):
    from bot.chat import ChannelUnavailable

    class GoneSink(RecordingSink):
        async def deliver(self, target, digest):
            raise ChannelUnavailable("the bot was removed from the server")

    app = await new_app()
    app.register_sink(GoneSink())
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN)
    assert await app.runner.run_scheduled_digest(ChannelRef(*job_args(app))) == Outcome.CHANNEL_GONE
    assert app.scheduler.next_run_time(ROOM) is None
    status = await app.service.handle(request("status"))
    assert "channel unavailable: the bot was removed from the server" in status.text
    await app.stop()
