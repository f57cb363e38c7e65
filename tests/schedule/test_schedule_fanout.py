"""Fan-out: every channel its digest once, bounded concurrency, gone channels disabled, failures retried, claims."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.chat import ChannelUnavailable
from bot.schedule.channel_digests import ChannelDigests
from bot.schedule.fanout import CLAIM_LEASE, DigestDispatcher, DispatchOptions, DueDigest, Outcome, is_gone
from bot.storage import open_store
from bot.storage.deliveries import digest_key_for
from bot.storage.digest_log import ClaimState, DigestLogRepository
from bot.values import ChannelRef
from tests.kit import FakeClock, RecordingSink, add_feed_articles, subscribe_channel

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
SLOT = NOW


def channel(n: int) -> ChannelRef:
    return ChannelRef("console", "local", f"room-{n}")


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.database.close()


def make_dispatcher(store, sink, *, concurrency=4, skip_empty=False, clock=None, owner=None) -> DigestDispatcher:
    return DigestDispatcher(
        store.subscriptions, ChannelDigests(store.deliveries, max_items=5), store.digest_log, clock=clock or FakeClock(NOW),
        options=DispatchOptions(concurrency=concurrency, skip_empty=skip_empty), sinks=[sink], owner=owner,
    )


def due(room: ChannelRef, slot: datetime = SLOT) -> DueDigest:
    return DueDigest(room, digest_key_for(room, slot.date()), slot)


def subscribe_rooms(store, count: int, articles: int = 3) -> list[ChannelRef]:
    rooms = [channel(n) for n in range(count)]
    for room in rooms:
        subscribe_channel(store, room, time="08:00", zone="UTC", feed_url=f"https://feeds.example/{room.channel}.xml",
                          articles=articles, now=NOW)
    return rooms


async def test_each_channel_gets_its_own_articles_once_even_when_fanned_out_twice(store):
    rooms = subscribe_rooms(store, 5)
    sink = RecordingSink()
    dispatcher = make_dispatcher(store, sink)
    first = await dispatcher.fan_out(due(room) for room in rooms)
    second = await dispatcher.fan_out(due(room) for room in rooms)
    assert first == [Outcome.SENT] * 5
    assert second == [Outcome.ALREADY_SENT] * 5
    assert sorted(sink.channels()) == sorted(room.channel for room in rooms)
    for target, digest in sink.delivered:
        assert len(digest.items) == 3
        assert all(f"in {target.channel} (" in item.briefing.title for item in digest.items)
    assert store.deliveries.pending_digests() == []


async def test_the_next_day_brings_only_articles_not_sent_before(store):
    [room] = subscribe_rooms(store, 1, articles=2)
    sink = RecordingSink()
    dispatcher = make_dispatcher(store, sink)
    await dispatcher.deliver_scheduled(room, SLOT)
    feed_id = store.subscriptions.get_subscription(room).feed_ids[0]
    add_feed_articles(store, feed_id, "late-news", 1, NOW)
    tomorrow = SLOT.replace(day=SLOT.day + 1)
    assert await dispatcher.deliver_scheduled(room, tomorrow) == Outcome.SENT
    titles = [item.briefing.title for item in sink.delivered[1][1].items]
    assert len(titles) == 1 and "late-news" in titles[0]


async def test_a_slow_channel_does_not_hold_up_the_others_and_concurrency_is_bounded(store):
    rooms = subscribe_rooms(store, 12, articles=1)
    others_done = asyncio.Event()
    running, most_at_once, delivered = 0, 0, []

    class SlowFirstSink(RecordingSink):
        async def deliver(self, target, digest):
            nonlocal running, most_at_once
            running += 1
            most_at_once = max(most_at_once, running)
            try:
                if target.channel == "room-0":
                    # Finishes only after all eleven others went out: serial delivery would deadlock here.
                    await asyncio.wait_for(others_done.wait(), timeout=10)
                else:
                    await asyncio.sleep(0)
                delivered.append(target.channel)
                if len(delivered) == len(rooms) - 1:
                    others_done.set()
            finally:
                running -= 1

    dispatcher = make_dispatcher(store, SlowFirstSink(), concurrency=3)
    outcomes = await dispatcher.fan_out(due(room) for room in rooms)
    assert outcomes == [Outcome.SENT] * 12
    assert delivered[-1] == "room-0"
    assert 1 < most_at_once <= 3


async def test_a_gone_channel_is_disabled_and_the_others_still_get_theirs(store):
    rooms = subscribe_rooms(store, 4)

    class OneGoneSink(RecordingSink):
        async def deliver(self, target, digest):
            if target.channel == "room-2":
                raise ChannelUnavailable("404 Unknown Channel")
            await super().deliver(target, digest)

    sink = OneGoneSink()
    outcomes = await make_dispatcher(store, sink).fan_out(due(room) for room in rooms)
    assert outcomes[2] == Outcome.CHANNEL_GONE
    assert sorted(sink.channels()) == ["room-0", "room-1", "room-3"]
    gone = store.subscriptions.get_subscription(rooms[2])
    assert is_gone(gone) and "404 Unknown Channel" in gone.disabled_reason
    # Its articles were never seen, so they are released rather than left promised.
    assert store.deliveries.pending_digests() == []
    assert len(store.deliveries.undelivered_articles(rooms[2], gone.feed_ids)) == 3


async def test_a_failed_send_stays_pending_and_is_resent_later_with_the_same_articles(store):
    rooms = subscribe_rooms(store, 3)
    failing = {"room-1"}

    class FlakySink(RecordingSink):
        async def deliver(self, target, digest):
            if target.channel in failing:
                raise ConnectionError("platform timed out")
            await super().deliver(target, digest)

    sink = FlakySink()
    clock = FakeClock(NOW)
    dispatcher = make_dispatcher(store, sink, clock=clock)
    outcomes = await dispatcher.fan_out(due(room) for room in rooms)
    assert outcomes == [Outcome.SENT, Outcome.FAILED, Outcome.SENT]
    assert [ref.channel for ref, _ in store.deliveries.pending_digests()] == ["room-1"]
    failing.clear()
    assert await dispatcher.deliver(due(rooms[1])) == Outcome.WAITING  # backing off
    clock.set(NOW + timedelta(minutes=1))
    assert await dispatcher.deliver(due(rooms[1])) == Outcome.SENT
    assert await dispatcher.deliver(due(rooms[1])) == Outcome.ALREADY_SENT
    assert sorted(sink.channels()) == ["room-0", "room-1", "room-2"]
    resent = [digest for target, digest in sink.delivered if target.channel == "room-1"]
    assert len(resent[0].items) == 3 and resent[0].attempt == 2


async def test_two_senders_racing_for_one_digest_post_it_once(store):
    [room] = subscribe_rooms(store, 1)
    inside_sink, release = asyncio.Event(), asyncio.Event()

    class GatedSink(RecordingSink):
        async def deliver(self, target, digest):
            inside_sink.set()
            await release.wait()
            await super().deliver(target, digest)

    sink = GatedSink()
    first = make_dispatcher(store, sink, owner="process-a")
    second = make_dispatcher(store, sink, owner="process-b")  # another process on the same database
    delivery = asyncio.create_task(first.deliver(due(room)))
    await asyncio.wait_for(inside_sink.wait(), timeout=10)
    assert await second.deliver(due(room)) == Outcome.BUSY  # claimed and being posted
    release.set()
    assert await delivery == Outcome.SENT
    assert await second.deliver(due(room)) == Outcome.ALREADY_SENT
    assert sink.channels() == ["room-0"]


def test_a_claim_left_by_a_dead_sender_is_taken_over_after_the_lease_or_when_released(store):
    [room] = subscribe_rooms(store, 1)
    log: DigestLogRepository = store.digest_log
    key = digest_key_for(room, SLOT.date())
    pick = ChannelDigests(store.deliveries, max_items=5).pick(store.subscriptions.get_subscription(room), NOW)
    first = log.claim(room, key, due_at=SLOT, owner="dead", pick=pick, lease=CLAIM_LEASE, now=NOW)
    assert first.state is ClaimState.CLAIMED and len(first.articles) == 3
    assert log.claim(room, key, due_at=SLOT, owner="alive", pick=pick, lease=CLAIM_LEASE, now=NOW).state is ClaimState.BUSY
    later = NOW + CLAIM_LEASE + timedelta(seconds=1)
    taken = log.claim(room, key, due_at=SLOT, owner="alive", pick=pick, lease=CLAIM_LEASE, now=later)
    assert taken.state is ClaimState.CLAIMED and taken.attempt == 2
    assert [a.id for a in taken.articles] == [a.id for a in first.articles]  # the very same digest
    assert log.release_claims() == 1
    assert log.claim(room, key, due_at=SLOT, owner="third", pick=pick, lease=CLAIM_LEASE, now=later).attempt == 3


async def test_empty_digests_are_sent_or_skipped_as_configured(store):
    [room] = subscribe_rooms(store, 1, articles=0)
    sending = RecordingSink()
    assert await make_dispatcher(store, sending).deliver_scheduled(room, SLOT) == Outcome.SENT_EMPTY
    assert sending.delivered[0][1].items == ()
    skipping = RecordingSink()
    tomorrow = SLOT.replace(day=SLOT.day + 1)
    assert await make_dispatcher(store, skipping, skip_empty=True).deliver_scheduled(room, tomorrow) == Outcome.SKIPPED_EMPTY
    assert skipping.delivered == []
    assert [entry.status for entry in store.digest_log.entries(room)] == ["sent", "skipped"]


async def test_no_adapter_for_the_platform_reserves_nothing(store):
    [room] = subscribe_rooms(store, 1)
    dispatcher = make_dispatcher(store, RecordingSink(platform="slack"))
    assert await dispatcher.deliver_scheduled(room, SLOT) == Outcome.NO_SINK
    assert store.deliveries.pending_digests() == []
    assert store.digest_log.entries(room) == []
    assert len(store.deliveries.undelivered_articles(room, store.subscriptions.get_subscription(room).feed_ids)) == 3


async def test_drain_waits_for_deliveries_in_progress(store):
    [room] = subscribe_rooms(store, 1)
    release, inside_sink = asyncio.Event(), asyncio.Event()

    class GatedSink(RecordingSink):
        async def deliver(self, target, digest):
            inside_sink.set()
            await release.wait()
            await super().deliver(target, digest)

    sink = GatedSink()
    dispatcher = make_dispatcher(store, sink)
    delivery = asyncio.create_task(dispatcher.deliver_scheduled(room, SLOT))
    drained = asyncio.create_task(dispatcher.drain())
    await asyncio.wait_for(inside_sink.wait(), timeout=10)
    assert not drained.done()
    release.set()
    await drained
    assert delivery.done() and sink.channels() == ["room-0"]


async def test_an_error_assembling_one_digest_does_not_stop_the_others(store, caplog):
    rooms = subscribe_rooms(store, 3)

    class BrokenForOneRoom(ChannelDigests):
        def build(self, articles, **kwargs):
            if any("room-1" in article.title for article in articles):
                raise RuntimeError("disk I/O error")
            return super().build(articles, **kwargs)

    sink = RecordingSink()
    dispatcher = DigestDispatcher(store.subscriptions, BrokenForOneRoom(store.deliveries, max_items=5), store.digest_log,
                                  clock=FakeClock(NOW), options=DispatchOptions(concurrency=2), sinks=[sink])
    outcomes = await dispatcher.fan_out(due(room) for room in rooms)
    assert outcomes == [Outcome.SENT, Outcome.FAILED, Outcome.SENT]
    assert sorted(sink.channels()) == ["room-0", "room-2"]
    assert "The digest for console:local:room-1 failed" in caplog.text
