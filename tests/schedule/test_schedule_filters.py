"""Scheduled digests apply each channel's filter; what a filter leaves out stays undelivered, not lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.schedule.channel_digests import ChannelDigests
from bot.schedule.fanout import DigestDispatcher, DispatchOptions, DueDigest, Outcome
from bot.storage import open_store
from bot.storage.deliveries import digest_key_for
from bot.topics import TopicFilter
from bot.values import ChannelRef
from tests.kit import TOPICS, FakeClock, RecordingSink, subscribe_channel

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
FILTERED, PLAIN = ChannelRef("console", "local", "filtered"), ChannelRef("console", "local", "plain")


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'filters.sqlite3'}")
    yield opened
    opened.database.close()


async def test_a_scheduled_digest_leaves_out_what_the_channels_filter_excludes(store):
    for room in (FILTERED, PLAIN):
        subscribe_channel(store, room, time="08:00", zone="UTC", feed_url=f"https://feeds.example/{room.channel}.xml",
                          articles=4, now=NOW)
    # TOPICS[0] is about dockworkers walking out; TOPICS[2] about a library.
    store.subscriptions.set_subscription_filters(FILTERED, TopicFilter(exclude=("dockworkers", "library")).to_settings())
    sink = RecordingSink()
    dispatcher = DigestDispatcher(
        store.subscriptions, ChannelDigests(store.deliveries, max_items=5), store.digest_log, clock=FakeClock(NOW),
        options=DispatchOptions(concurrency=2), sinks=[sink],
    )
    due = [DueDigest(room, digest_key_for(room, NOW.date()), NOW) for room in (FILTERED, PLAIN)]
    assert await dispatcher.fan_out(due) == [Outcome.SENT, Outcome.SENT]
    shown = {target.channel: [item.briefing.title for item in digest.items] for target, digest in sink.delivered}
    assert len(shown["plain"]) == 4
    assert sorted(shown["filtered"]) == sorted(f"{TOPICS[n][0]} in filtered ({n})" for n in (1, 3))
    feed = store.feeds.get_feed("https://feeds.example/filtered.xml")
    assert len(store.deliveries.undelivered_articles(FILTERED, [feed.id])) == 2
