"""The digest log and atomic subscriptions on real SQLite: the 0001 → 0002 upgrade carries the old
schedule over, a digest is finished or dropped together with its articles, and concurrent writers
for one new channel never undo each other."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from bot.storage import open_store
from bot.storage.db import MIGRATIONS_DIR
from bot.storage.digest_log import EXPIRED, PENDING, SENT, ArticlePick, ClaimState
from bot.storage.subscriptions import Holder
from bot.values import ChannelRef
from tests.kit import add_feed_articles

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
ROOM = ChannelRef("console", "local", "room")
KEY = f"{ROOM}:2026-05-04"
LEASE = timedelta(minutes=10)
HELD = Holder("08:00", "UTC", enabled=False, disabled_reason="held")


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)  # SQLite and PostgreSQL (tests/databases.py)
    yield opened
    opened.close()


def feed_with_news(store, articles: int = 3) -> int:
    feed, _ = store.feeds.add_feed("https://feeds.example/room.xml", now=NOW)
    add_feed_articles(store, feed.id, "room", articles, NOW)
    return feed.id


def test_a_claimed_digest_is_finished_with_its_articles_in_one_go(store):
    feed_id = feed_with_news(store)
    pick = ArticlePick((feed_id,), NOW - timedelta(days=7), 50)
    claim = store.digest_log.claim(ROOM, KEY, due_at=NOW, owner="me", pick=pick, lease=LEASE, now=NOW)
    assert claim.state is ClaimState.CLAIMED and len(claim.articles) == 3 and claim.attempt == 1
    assert store.deliveries.pending_digests() == [(ROOM, KEY)]
    store.digest_log.finish(ROOM, KEY, now=NOW)
    assert store.deliveries.pending_digests() == []
    assert store.digest_log.entry(ROOM, KEY).status == SENT
    assert store.digest_log.claim(ROOM, KEY, due_at=NOW, owner="me", pick=pick, lease=LEASE, now=NOW).state is ClaimState.DONE


def test_a_dropped_or_expired_digest_gives_its_articles_back(store):
    feed_id = feed_with_news(store)
    pick = ArticlePick((feed_id,), NOW - timedelta(days=7), 50)
    store.digest_log.claim(ROOM, KEY, due_at=NOW, owner="me", pick=pick, lease=LEASE, now=NOW)
    store.digest_log.drop(ROOM, KEY)
    assert store.digest_log.entry(ROOM, KEY) is None
    assert len(store.deliveries.undelivered_articles(ROOM, [feed_id])) == 3

    store.digest_log.claim(ROOM, KEY, due_at=NOW, owner="me", pick=pick, lease=LEASE, now=NOW)
    [expired] = store.digest_log.expire_pending(NOW + timedelta(seconds=1))
    assert (expired.digest_key, store.digest_log.entry(ROOM, KEY).status) == (KEY, EXPIRED)
    assert len(store.deliveries.undelivered_articles(ROOM, [feed_id])) == 3


def test_an_empty_digest_has_a_row_too(store):
    claim = store.digest_log.claim(ROOM, KEY, due_at=NOW, owner="me", pick=ArticlePick((), NOW, 50), lease=LEASE,
                                   now=NOW)
    assert claim.state is ClaimState.CLAIMED and claim.articles == ()
    assert store.digest_log.entry(ROOM, KEY).status == PENDING
    store.digest_log.finish(ROOM, KEY, now=NOW)
    assert [entry.status for entry in store.digest_log.recent(NOW - timedelta(hours=1))] == [SENT]


def test_feeds_add_and_subscribe_racing_for_a_new_channel_keep_both(store):
    """Many threads, each a command for a fresh channel: half follow a feed, half subscribe at 23:45."""
    feed, _ = store.feeds.add_feed("https://feeds.example/race.xml", now=NOW)
    channels = [ChannelRef("discord", "guild", f"new-{n}") for n in range(20)]
    start = threading.Barrier(40)
    errors: list[BaseException] = []

    def follow(channel):
        start.wait()
        try:
            store.subscriptions.follow_feed(channel, feed.id, holder=HELD, now=NOW)
        except BaseException as error:  # collected, so a failure shows in the assertion below
            errors.append(error)

    def subscribe(channel):
        start.wait()
        try:
            store.subscriptions.save_subscription(channel, time="23:45", timezone="UTC", now=NOW)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=job, args=(channel,)) for channel in channels for job in (follow, subscribe)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    for channel in channels:
        record = store.subscriptions.get_subscription(channel)
        assert (record.enabled, record.time, record.feed_ids) == (True, "23:45", (feed.id,)), channel


def test_following_a_feed_twice_and_unfollowing_it(store):
    feed, _ = store.feeds.add_feed("https://feeds.example/one.xml", now=NOW)
    record, added = store.subscriptions.follow_feed(ROOM, feed.id, holder=HELD, now=NOW)
    assert added and not record.enabled and record.disabled_reason == "held" and record.feed_ids == (feed.id,)
    assert store.subscriptions.follow_feed(ROOM, feed.id, holder=HELD, now=NOW)[1] is False
    assert store.subscriptions.unfollow_feed(ROOM, feed.id).feed_ids == ()
    assert store.subscriptions.unfollow_feed(ChannelRef("console", "local", "nobody"), feed.id) is None


def test_a_schedule_starts_when_its_time_zone_or_state_changes_and_not_otherwise(store):
    store.subscriptions.save_subscription(ROOM, time="08:00", timezone="UTC", now=NOW)
    store.subscriptions.save_subscription(ROOM, time="08:00", timezone="UTC", now=NOW + timedelta(hours=1))
    assert store.subscriptions.get_subscription(ROOM).schedule_since == NOW  # nothing changed
    store.subscriptions.save_subscription(ROOM, time="09:00", timezone="UTC", now=NOW + timedelta(hours=2))
    assert store.subscriptions.get_subscription(ROOM).schedule_since == NOW + timedelta(hours=2)
    store.subscriptions.set_subscription_enabled(ROOM, False, reason="unsubscribed")
    assert store.subscriptions.daily_schedules() == []
    store.subscriptions.set_subscription_enabled(ROOM, True, now=NOW + timedelta(hours=3))
    [schedule] = store.subscriptions.daily_schedules()
    assert (schedule.time, schedule.since) == ("09:00", NOW + timedelta(hours=3))


def test_upgrading_from_0001_carries_the_old_jobs_and_sent_digests_over(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'old.sqlite3'}"  # SQLite, where the APScheduler job tables lived
    engine = create_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO subscriptions (platform, workspace, channel, time, timezone, filters, enabled, created_at) "
            "VALUES ('console', 'local', 'room', '08:00', 'UTC', '{}', 1, '2026-04-01 08:00:00.000000')"
        ))
        connection.execute(text(
            "INSERT INTO articles (id, title, fetched_at, text, briefing) "
            "VALUES (1, 'Ferry', '2026-05-04 07:00:00.000000', 'Text.', '{}')"
        ))
        connection.execute(text(
            "INSERT INTO deliveries (platform, workspace, channel, article_id, digest_key, status, created_at, sent_at) "
            f"VALUES ('console', 'local', 'room', 1, '{KEY}', 'sent', '2026-05-04 08:00:00.000000', "
            "'2026-05-04 08:00:01.000000')"
        ))
        # What APScheduler 3's SQLAlchemy job store kept: the job's next run, in seconds since the epoch.
        connection.execute(text("CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY, next_run_time FLOAT, "
                                "job_state BLOB NOT NULL)"))
        tomorrow = (NOW + timedelta(days=1)).timestamp()
        connection.execute(text(f"INSERT INTO apscheduler_jobs VALUES ('digest:{ROOM}', {tomorrow}, x'00')"))
    engine.dispose()

    upgraded = open_store(db_url)
    try:
        assert "apscheduler_jobs" not in inspect(upgraded.database.engine).get_table_names()
        [schedule] = upgraded.subscriptions.daily_schedules()
        assert schedule.since == NOW + timedelta(days=1) - timedelta(seconds=1)
        [entry] = upgraded.digest_log.entries(ROOM)
        assert (entry.digest_key, entry.status) == (KEY, SENT)
    finally:
        upgraded.close()
