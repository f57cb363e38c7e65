"""Uninstalling from a workspace: the app forgets its subscriptions, their schedules and digest log, delivery records
and follows."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import build_app
from bot.values import ChannelRef, UserRef
from tests.kit import FakeClock, RecordingSink, settings_for, subscribe_channel

NOW = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)


async def test_forgetting_a_workspace_removes_its_subscriptions_jobs_and_deliveries(tmp_path, database_url):
    settings = settings_for(tmp_path, DATABASE_URL=database_url)
    app = build_app(settings, clock=FakeClock(NOW), extra_sinks=[RecordingSink("slack")], platforms=(), fire_jobs=False)
    gone = [ChannelRef("slack", "T0GONE", f"C{n}") for n in range(2)]
    kept = ChannelRef("slack", "T0KEPT", "C9")
    for channel in [*gone, kept]:
        subscribe_channel(app.store, channel, time="08:00", zone="UTC", feed_url=f"https://feeds.example/{channel.channel}.xml",
                          articles=2, now=NOW)
    await app.start()
    try:
        app.store.deliveries.reserve_deliveries(gone[0], "manual")
        app.store.digest_log.record_missed([(gone[0], f"{gone[0]}:2026-05-03", NOW)])
        leaving, staying = UserRef("slack", "T0GONE", "U1"), UserRef("slack", "T0KEPT", "U2")
        app.store.follows.add_follows(leaving, gone[1], ["harbour"], private=False)
        app.store.follows.add_follows(staying, kept, ["harbour"], private=False)
        assert {schedule.channel for schedule in app.store.subscriptions.daily_schedules()} == {*gone, kept}

        assert await app.forget_workspace("slack", "T0GONE") == 2

        assert [s.channel for s in app.store.subscriptions.list_subscriptions()] == [kept]
        assert [schedule.channel for schedule in app.store.subscriptions.daily_schedules()] == [kept]
        assert app.store.digest_log.entries(gone[0]) == []
        assert app.store.deliveries.pending_digests() == []
        assert app.store.follows.follows_of(leaving) == [] and len(app.store.follows.follows_of(staying)) == 1
        assert await app.forget_workspace("slack", "T0GONE") == 0
    finally:
        await app.stop()
