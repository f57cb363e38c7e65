"""Acceptance 3: the process dies in the middle of sending digests to many channels; after a restart
every channel has received its digest exactly once.

Each phase runs as its own process (`python -m tests.schedule.test_schedule_crash PHASE DIR ...`), so the
crash is a real `os._exit` with nothing flushed or cleaned up. Deliveries are counted in a file
that the sink appends to (and fsyncs) for every digest it posts.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.kit import REPO, FakeClock, read_delivery_log, settings_for, subprocess_env, subscribe_channel

UTC = UTC
CHANNELS = 8
ARTICLES_PER_CHANNEL = 3
CONCURRENCY = 3
SUBSCRIBED_AT = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
DUE = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
CRASHED_AT = DUE + timedelta(minutes=30)  # came up after downtime: the digests are being caught up
RESTARTED_AT = DUE + timedelta(minutes=40)
CRASH_EXIT_CODE = 3


def run_phase(phase: str, data_dir: Path, database_url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tests.schedule.test_schedule_crash", phase, str(data_dir), *extra],
        cwd=REPO, env=subprocess_env(data_dir, DATABASE_URL=database_url), capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("completed_before_crash", [0, 4])
def test_crash_mid_fan_out_then_restart_delivers_each_digest_exactly_once(tmp_path, database_url, completed_before_crash):
    log = tmp_path / "deliveries.jsonl"
    setup = run_phase("setup", tmp_path, database_url)
    assert setup.returncode == 0, setup.stderr

    crash = run_phase("crash", tmp_path, database_url, str(log), str(completed_before_crash))
    assert crash.returncode == CRASH_EXIT_CODE, crash.stderr
    before_restart = Counter(entry["channel"] for entry in read_delivery_log(log))
    assert sum(before_restart.values()) == completed_before_crash
    assert len(before_restart) == completed_before_crash  # the crash really came mid-way

    restart = run_phase("restart", tmp_path, database_url, str(log))
    assert restart.returncode == 0, restart.stderr
    again = run_phase("restart", tmp_path, database_url, str(log))  # a further restart must change nothing
    assert again.returncode == 0, again.stderr

    entries = read_delivery_log(log)
    per_channel = Counter(entry["channel"] for entry in entries)
    assert per_channel == {f"room-{n}": 1 for n in range(CHANNELS)}, entries
    for entry in entries:
        assert len(entry["titles"]) == ARTICLES_PER_CHANNEL
        assert all(f"in {entry['channel']} (" in title for title in entry["titles"])


# --- the child process ---------------------------------------------------------------------------


class FileSink:
    """Append each posted digest to a file; optionally crash the process part-way through a fan-out."""

    platform = "console"

    def __init__(self, log: Path, crash_after: int | None) -> None:
        self.log = log
        self.crash_after = crash_after
        self.posted = 0
        self.stuck = 0

    async def deliver(self, target, digest) -> None:
        if self.crash_after is not None and self.posted >= self.crash_after:
            await self._hang_then_crash()
        with self.log.open("a") as handle:
            handle.write(json.dumps({"channel": target.channel, "titles": [i.briefing.title for i in digest.items]}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.posted += 1

    async def _hang_then_crash(self) -> None:
        # These sends never complete, like a platform that stopped answering. A fan-out slot is held
        # until its delivery is marked sent, so once every slot is stuck here the earlier deliveries
        # are all on record and the others are reserved but unsent: the process dies right then.
        self.stuck += 1
        if self.stuck >= CONCURRENCY:
            os._exit(CRASH_EXIT_CODE)
        await asyncio.Event().wait()


async def _child(phase: str, data_dir: Path, args: list[str]) -> None:
    from bot.app import build_app
    from bot.values import ChannelRef

    settings = settings_for(
        data_dir, NEWSBRIEF_FANOUT_CONCURRENCY=str(CONCURRENCY), DATABASE_URL=os.environ["DATABASE_URL"]
    )
    if phase == "setup":
        clock, sinks = FakeClock(SUBSCRIBED_AT), []
    elif phase == "crash":
        clock, sinks = FakeClock(CRASHED_AT), [FileSink(Path(args[0]), int(args[1]))]
    else:
        clock, sinks = FakeClock(RESTARTED_AT), [FileSink(Path(args[0]), None)]
    app = build_app(settings, clock=clock, extra_sinks=sinks, platforms=(), fire_jobs=False)
    if phase == "setup":
        for n in range(CHANNELS):
            room = ChannelRef("console", "local", f"room-{n}")
            subscribe_channel(app.store, room, time="08:00", zone="UTC", feed_url=f"https://feeds.example/{n}.xml",
                              articles=ARTICLES_PER_CHANNEL, now=SUBSCRIBED_AT)
    await app.start()  # start-up syncs the jobs, resumes pending digests and catches up missed ones
    await app.stop()


if __name__ == "__main__":
    asyncio.run(_child(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))
