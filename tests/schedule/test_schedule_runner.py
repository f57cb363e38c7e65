"""The runner with an injected clock: due-ness from the database, wake-ups, restarts, missed digests after downtime."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_app
from bot.commands.model import CommandRequest
from bot.schedule.fanout import Outcome
from bot.storage.digest_log import EXPIRED, PENDING, SENT
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


async def test_subscribing_sets_the_wake_up_and_a_new_app_reads_the_same_schedule_from_the_database(new_app, clock):
    first = await new_app()
    await subscribe_with_news(first, clock)
    assert first.runner.next_wakeup() == MONDAY_0800_BERLIN
    await first.stop()

    second = await new_app()
    assert second.runner.next_wakeup() == MONDAY_0800_BERLIN
    await second.stop()


async def test_changing_the_time_moves_the_wake_up_and_unsubscribing_clears_it(new_app, clock):
    app = await new_app()
    await subscribe_with_news(app, clock)
    await app.service.handle(request("subscribe", "06:15 UTC"))  # later than 08:00 Berlin (06:00 UTC)
    assert app.runner.next_wakeup() == datetime(2026, 5, 4, 6, 0, tzinfo=UTC)  # the old wake-up stays until a sweep
    await app.runner.sweep()
    assert app.runner.next_wakeup() == datetime(2026, 5, 4, 6, 15, tzinfo=UTC)
    await app.service.handle(request("subscribe", "05:30 UTC"))
    assert app.runner.next_wakeup() == datetime(2026, 5, 4, 5, 30, tzinfo=UTC)  # earlier: moved at once
    await app.service.handle(request("unsubscribe"))
    await app.runner.sweep()
    assert app.runner.next_wakeup() is None
    await app.stop()


async def test_a_digest_missed_within_the_grace_window_is_sent_once_on_start(new_app, clock, sink):
    first = await new_app()
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(hours=3, minutes=30))  # down over 08:00; grace is 6 h
    second = await new_app()
    assert len(sink.delivered) == 1
    assert len(sink.delivered[0][1].items) == 2
    assert second.runner.next_wakeup() == TUESDAY_0800_BERLIN
    await second.stop()

    clock.set(clock() + timedelta(minutes=30))
    third = await new_app()
    assert len(sink.delivered) == 1  # never a second time
    await third.stop()


async def test_a_digest_missed_beyond_the_grace_window_is_skipped_and_noted(new_app, clock, sink, caplog):
    first = await new_app(NEWSBRIEF_MISFIRE_GRACE_HOURS="2")
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(hours=2, minutes=1))
    second = await new_app(NEWSBRIEF_MISFIRE_GRACE_HOURS="2")
    assert sink.delivered == []
    assert second.runner.next_wakeup() == TUESDAY_0800_BERLIN
    assert [entry.status for entry in second.store.digest_log.entries(ROOM)] == [EXPIRED]
    assert "beyond the grace window" in caplog.text
    # The news is not lost: it waits for Tuesday's digest.
    assert len(second.store.deliveries.undelivered_articles(ROOM, second.store.subscriptions.get_subscription(ROOM).feed_ids)) == 2
    caplog.clear()
    await second.runner.sweep()
    assert "beyond the grace window" not in caplog.text  # said once, not at every sweep
    await second.stop()


async def test_several_missed_days_coalesce_into_one_digest(new_app, clock, sink):
    first = await new_app()
    await subscribe_with_news(first, clock)
    await first.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(days=3, minutes=20))  # Thursday 08:20 Berlin
    later = await new_app()
    assert len(sink.delivered) == 1
    assert later.runner.next_wakeup() == MONDAY_0800_BERLIN + timedelta(days=4)
    await later.stop()


async def test_the_sweep_at_the_fire_time_sends_the_digest_of_its_local_day_once(new_app, clock, sink):
    app = await new_app()
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN + timedelta(seconds=2))  # the wake-up comes a moment after 08:00
    assert await app.runner.sweep() == [Outcome.SENT]
    assert await app.runner.sweep() == []  # woken twice by mistake: still one digest that day
    assert await app.runner.run_scheduled_digest(ROOM) == Outcome.ALREADY_SENT
    assert len(sink.delivered) == 1
    assert sink.delivered[0][1].key == "console:local:terminal:2026-05-04"
    [entry] = app.store.digest_log.entries(ROOM)
    assert (entry.status, entry.attempts) == (SENT, 1)
    assert app.store.deliveries.pending_digests() == []
    await app.stop()


async def test_an_empty_digest_is_logged_so_a_restart_does_not_send_it_again(new_app, clock, sink):
    app = await new_app()
    reply = await app.service.handle(request("subscribe", "08:00 Europe/Berlin"))
    assert not reply.is_error
    clock.set(MONDAY_0800_BERLIN + timedelta(seconds=1))
    assert await app.runner.sweep() == [Outcome.SENT_EMPTY]
    await app.stop()

    clock.set(MONDAY_0800_BERLIN + timedelta(minutes=5))
    again = await new_app()
    assert len(sink.delivered) == 1 and sink.delivered[0][1].items == ()
    await again.stop()


async def test_subscribing_after_todays_time_waits_for_tomorrow(new_app, clock, sink):
    clock.set(MONDAY_0800_BERLIN + timedelta(minutes=30))
    app = await new_app()
    await subscribe_with_news(app, clock)
    assert await app.runner.sweep() == []
    assert app.runner.next_wakeup() == TUESDAY_0800_BERLIN
    await app.stop()


async def test_moving_the_time_after_todays_digest_went_out_sends_nothing_more_today(new_app, clock, sink):
    app = await new_app()
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN + timedelta(minutes=1))
    assert await app.runner.sweep() == [Outcome.SENT]
    await app.service.handle(request("subscribe", "10:00 Europe/Berlin"))
    clock.set(MONDAY_0800_BERLIN + timedelta(hours=2, minutes=1))
    assert await app.runner.sweep() == []  # one digest per channel and local day
    assert len(sink.delivered) == 1
    await app.stop()


async def test_a_failed_post_stays_pending_is_retried_after_a_pause_then_given_up_after_the_grace_window(
    new_app, clock, sink
):
    class FlakySink(RecordingSink):
        failures = 2

        async def deliver(self, target, digest):
            if self.failures:
                self.failures -= 1
                raise ConnectionError("the platform is down")
            await super().deliver(target, digest)

    flaky = FlakySink()
    app = await new_app()
    app.register_sink(flaky)
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN)
    assert await app.runner.sweep() == [Outcome.FAILED]
    assert await app.runner.sweep() == []  # backing off for a minute
    clock.set(MONDAY_0800_BERLIN + timedelta(minutes=1))
    assert await app.runner.sweep() == [Outcome.FAILED]
    clock.set(MONDAY_0800_BERLIN + timedelta(minutes=3))
    assert await app.runner.sweep() == [Outcome.SENT]
    [(_, digest)] = flaky.delivered
    assert digest.attempt == 3 and len(digest.items) == 2
    await app.stop()


async def test_a_digest_still_failing_when_its_grace_window_closes_is_given_up_and_its_news_kept(new_app, clock):
    class DownSink(RecordingSink):
        async def deliver(self, target, digest):
            raise ConnectionError("the platform is down")

    app = await new_app(NEWSBRIEF_MISFIRE_GRACE_HOURS="1")
    app.register_sink(DownSink())
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN)
    assert await app.runner.sweep() == [Outcome.FAILED]
    assert [entry.status for entry in app.store.digest_log.entries(ROOM)] == [PENDING]
    clock.set(MONDAY_0800_BERLIN + timedelta(hours=1, minutes=1))
    assert await app.runner.sweep() == []
    assert [entry.status for entry in app.store.digest_log.entries(ROOM)] == [EXPIRED]
    feeds = app.store.subscriptions.get_subscription(ROOM).feed_ids
    assert len(app.store.deliveries.undelivered_articles(ROOM, feeds)) == 2
    await app.stop()


async def test_a_channel_reported_gone_is_disabled_and_needs_no_wake_up(new_app, clock):
    from bot.chat import ChannelUnavailable

    class GoneSink(RecordingSink):
        async def deliver(self, target, digest):
            raise ChannelUnavailable("the bot was removed from the server")

    app = await new_app()
    app.register_sink(GoneSink())
    await subscribe_with_news(app, clock)
    clock.set(MONDAY_0800_BERLIN)
    assert await app.runner.run_scheduled_digest(ROOM) == Outcome.CHANNEL_GONE
    await app.runner.sweep()
    assert app.runner.next_wakeup() is None
    assert app.store.digest_log.entries(ROOM) == []  # forgotten: the channel never saw it
    status = await app.service.handle(request("status"))
    assert "channel unavailable: the bot was removed from the server" in status.text
    await app.stop()


def _never_answering_poll(polling: asyncio.Event):
    async def poll() -> str:
        polling.set()
        await asyncio.Event().wait()  # only cancellation ends it
        return "unreachable"

    return poll


async def test_a_feed_poll_cancelled_by_shutdown_ends_quietly_without_a_failed_job(new_app, caplog):
    caplog.set_level(logging.INFO, logger="newsbrief.schedule")
    app = await new_app()
    polling = asyncio.Event()
    app.runner._poll = _never_answering_poll(polling)
    poll = asyncio.create_task(app.runner.poll_feeds())
    await asyncio.wait_for(polling.wait(), 5)
    await app.stop()
    poll.cancel()  # as the scheduler's executor cancels a job still running when it shuts down
    await asyncio.wait_for(poll, 5)  # ends without raising: the scheduler sees a finished job, logs no traceback
    assert "Feed poll stopped by shutdown" in caplog.text
    assert "Traceback" not in caplog.text and "Polling feeds failed" not in caplog.text


async def test_a_feed_poll_cancelled_while_running_passes_the_cancellation_on(new_app):
    app = await new_app()
    polling = asyncio.Event()
    app.runner._poll = _never_answering_poll(polling)
    poll = asyncio.create_task(app.runner.poll_feeds())
    await asyncio.wait_for(polling.wait(), 5)
    poll.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(poll, 5)
    assert poll.cancelled()
    await app.stop()
