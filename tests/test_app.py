"""`newsbrief run` wiring: which adapters start, graceful stops on signals, in-flight digests finish."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from bot.app import build_app
from bot.errors import UserError
from bot.schedule.fanout import Outcome
from bot.values import ChannelRef
from tests.kit import REPO, FakeClock, RecordingSink, settings_for, subprocess_env, subscribe_channel

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


class FakeAdapter:
    """A platform adapter that records its life; `fail` makes start refuse like a bad token would."""

    def __init__(self, platform: str, *, fail: bool = False) -> None:
        self.platform = platform
        self.fail = fail
        self.events: list[str] = []

    async def start(self) -> None:
        if self.fail:
            raise UserError(f"{self.platform} token rejected")
        self.events.append("start")

    async def stop(self) -> None:
        self.events.append("stop")

    async def deliver(self, target, digest) -> None:
        self.events.append(f"deliver {target.channel}")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
async def test_a_signal_stops_the_running_console_cleanly(tmp_path, signum):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run", cwd=REPO, env=subprocess_env(tmp_path),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        process.stdin.write(b"/subscribe 06:45 Asia/Tokyo\n")
        await process.stdin.drain()
        answer = await asyncio.wait_for(process.stdout.readline(), 60)
        assert answer.startswith(b"Subscribed: daily digest at 06:45 Asia/Tokyo")
        process.send_signal(signum)  # stdin stays open: only the signal can end this run
        _, errors = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0, errors.decode()
    assert b"Traceback" not in errors


async def test_platform_adapters_start_first_and_stop_last_and_a_broken_one_is_left_out(tmp_path, caplog):
    app = build_app(settings_for(tmp_path), clock=FakeClock(NOW), platforms=(), fire_jobs=False)
    working, broken = FakeAdapter("discord"), FakeAdapter("slack", fail=True)
    app.add_adapter(working)
    app.add_adapter(broken)
    with caplog.at_level(logging.ERROR, logger="newsbrief.app"):
        await app.start()
    assert "The slack adapter did not start: slack token rejected" in caplog.text
    assert app.adapters == [working] and app.scheduler.running
    assert set(app.dispatcher.sinks) == {"discord"}  # slack digests wait instead of failing
    await app.stop()
    assert working.events == ["start", "stop"]
    assert not app.scheduler.running


async def test_when_no_platform_can_start_the_app_says_so(tmp_path, caplog):
    app = build_app(settings_for(tmp_path), clock=FakeClock(NOW), platforms=(), fire_jobs=False)
    app.add_adapter(FakeAdapter("discord", fail=True))
    app.add_adapter(FakeAdapter("slack", fail=True))
    with pytest.raises(UserError, match="No chat platform could be started"):
        await app.start()
    assert "discord token rejected" in caplog.text and "slack token rejected" in caplog.text


async def test_the_one_platform_that_cannot_start_says_why_in_one_line(tmp_path, caplog):
    app = build_app(settings_for(tmp_path), clock=FakeClock(NOW), platforms=(), fire_jobs=False)
    app.add_adapter(FakeAdapter("discord", fail=True))
    with pytest.raises(UserError) as refused:
        await app.start()
    assert refused.value.message == "discord token rejected" and "token rejected" not in caplog.text


class BrokenPlugin:
    """A plugin whose platform library cannot be imported."""

    platform = "discord"
    fallback = False

    def configured(self, settings) -> bool:
        return settings.discord.configured

    def create(self, context):
        raise ImportError("No module named 'discord'")


def test_the_installed_adapters_are_found_by_entry_point_without_importing_a_chat_library():
    script = (
        "import sys; from bot.chat import installed_plugins; "
        "print(sorted(p.platform for p in installed_plugins())); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('discord', 'slack_bolt', 'slack_sdk', 'aiohttp')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout.splitlines() == ["['console', 'discord', 'slack']", "[]"], result.stderr


def test_a_platform_whose_library_is_missing_is_logged_as_unavailable(tmp_path, caplog):
    settings = settings_for(tmp_path, DISCORD_TOKEN="token-for-a-test")
    with caplog.at_level(logging.ERROR, logger="newsbrief.app"), pytest.raises(UserError, match="no adapter"):
        build_app(settings, plugins=[BrokenPlugin()])
    assert "The discord adapter is unavailable (No module named 'discord')" in caplog.text


def test_a_token_for_a_platform_with_no_installed_adapter_is_an_error_not_a_console(tmp_path, caplog):
    settings = settings_for(tmp_path, SLACK_BOT_TOKEN="xoxb-for-a-test")
    with caplog.at_level(logging.ERROR, logger="newsbrief.app"), pytest.raises(UserError, match="no adapter"):
        build_app(settings, plugins=[])
    assert "The slack adapter is unavailable" in caplog.text


async def test_stopping_waits_for_a_digest_being_sent_and_records_it(tmp_path):
    release, inside = asyncio.Event(), asyncio.Event()

    class SlowSink(RecordingSink):
        async def deliver(self, target, digest):
            inside.set()
            await release.wait()
            await super().deliver(target, digest)

    sink = SlowSink()
    app = build_app(settings_for(tmp_path), clock=FakeClock(NOW), extra_sinks=[sink], platforms=(), fire_jobs=False)
    room = ChannelRef("console", "local", "terminal")
    subscribe_channel(app.store, room, time="08:00", zone="UTC", feed_url="https://feeds.example/a.xml", articles=2, now=NOW)
    await app.start()
    sending = asyncio.create_task(app.runner.run_scheduled_digest(room))
    await asyncio.wait_for(inside.wait(), 10)
    stopping = asyncio.create_task(app.stop())
    for _ in range(10):
        await asyncio.sleep(0)
    assert not stopping.done()  # held by the send in progress
    release.set()
    await asyncio.wait_for(stopping, 10)
    assert await sending == Outcome.SENT
    assert sink.channels() == ["terminal"]
    reopened = build_app(settings_for(tmp_path), clock=FakeClock(NOW), platforms=(), fire_jobs=False)
    try:
        assert reopened.store.deliveries.pending_digests() == []  # marked sent before the database closed
    finally:
        await reopened.stop()


async def test_a_send_stuck_past_the_stop_deadline_stays_pending_and_goes_out_on_the_next_start(tmp_path):
    posting = asyncio.Event()

    class StuckSink(RecordingSink):
        async def deliver(self, target, digest):
            posting.set()
            await asyncio.Event().wait()  # a platform that never answers

    app = build_app(settings_for(tmp_path), clock=FakeClock(NOW), extra_sinks=[StuckSink()], platforms=(), fire_jobs=False)
    room = ChannelRef("console", "local", "terminal")
    subscribe_channel(app.store, room, time="08:00", zone="UTC", feed_url="https://feeds.example/a.xml", articles=2, now=NOW)
    await app.start()
    sending = asyncio.create_task(app.runner.run_scheduled_digest(room))
    await asyncio.wait_for(posting.wait(), 10)
    await app.runner.stop(drain_timeout=0)  # gives up waiting at once
    sending.cancel()
    await app.stop()

    sink = RecordingSink()
    later = build_app(settings_for(tmp_path), clock=FakeClock(NOW), extra_sinks=[sink], platforms=(), fire_jobs=False)
    await later.start()
    await later.stop()
    assert sink.channels() == ["terminal"] and len(sink.delivered[0][1].items) == 2
