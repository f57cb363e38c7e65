"""Several `newsbrief run` processes on one database: real processes, the loopback Discord, a real PostgreSQL.

On PostgreSQL two processes share the work: each runs one of two Discord shards and answers the
commands of its shard; one of them leads and sends every scheduled digest. Killed with SIGKILL,
the leader is replaced by the survivor, which sends later digests. Each channel gets each digest
once. On SQLite a second process is refused with one line.

Digest times are set a minute ahead, as a person would; then the processes' clocks are moved to
just before that minute (tests/faults/clocked_run.py) instead of waiting for it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.fakes.discord_server import GUILD_ID, MANAGER_ID, FakeDiscord, shard_of
from tests.faults.clocked_run import MOVED
from tests.faults.harness import DiscordPlatform, RunningBot, console_environment

CLOCKED_RUN = ("tests.faults.clocked_run",)
LEADS = "This process now leads"
FOLLOWS = "Another process leads"
RUNNING = "is running on"
FIRST_CHANNELS = 30
LATER_CHANNELS = 10
_WAIT = 90.0  # every wait is bounded; a cold start on a busy 2-core machine can take a while
_BEFORE_FIRE = timedelta(seconds=2)


def _environment(platform: DiscordPlatform, data_dir: Path, database_url: str, shard: int) -> dict[str, str]:
    return {
        **platform.environment(data_dir), "DATABASE_URL": database_url, "DISCORD_SHARD_COUNT": "2",
        "DISCORD_SHARD_IDS": str(shard), "NEWSBRIEF_LEADER_CHECK_SECONDS": "1",
    }


def _a_minute_ahead(now: datetime) -> datetime:
    """Return the first whole minute at least a minute after `now`."""
    return now.replace(second=0, microsecond=0) + timedelta(minutes=2)


async def _subscribe(fake: FakeDiscord, platform: DiscordPlatform, numbers: range, fire: datetime) -> None:
    tokens = [
        await fake.slash("subscribe", {"time": f"{fire:%H:%M}", "timezone": "UTC"}, user_id=MANAGER_ID,
                         manage_channels=True, channel_id=int(platform.channel(number).channel))
        for number in numbers
    ]
    await fake.wait_until(lambda: all(fake.followups(token) for token in tokens), _WAIT)
    answers = [(fake.followups(token)[-1].body or {}).get("content") or "" for token in tokens]
    assert all("Subscribed" in answer for answer in answers), answers


async def _move_clocks(bots: list[RunningBot], to: datetime, offset: list[float]) -> list[int]:
    """Set every process's clock to `to` (the same offset for all); return each one's output line count before."""
    offset[0] = (to - datetime.now(UTC)).total_seconds()
    marks = [len(bot.lines) for bot in bots]
    for bot in bots:
        await bot.send_line(f"offset {offset[0]}")
    for bot, mark in zip(bots, marks, strict=True):
        await bot.wait_for_line(MOVED, after=mark, timeout=_WAIT)
    return marks


async def test_two_processes_on_postgresql_send_each_digest_once_and_the_survivor_takes_over(
    fake_discord, postgres_server, tmp_path
):
    database_url = postgres_server.create_database()
    platform = DiscordPlatform(fake_discord)
    carrying = shard_of(GUILD_ID, 2)  # the shard whose process hears the guild's commands
    bots: list[RunningBot] = []
    try:
        # The process on the other shard starts first and leads; the one hearing commands follows.
        leader = await RunningBot.start(
            _environment(platform, tmp_path / "a", database_url, 1 - carrying), command=CLOCKED_RUN, stdin=True
        )
        bots.append(leader)
        await leader.wait_for_line(LEADS, timeout=_WAIT)
        survivor = await RunningBot.start(
            _environment(platform, tmp_path / "b", database_url, carrying), command=CLOCKED_RUN, stdin=True
        )
        bots.append(survivor)
        await survivor.wait_for_line(FOLLOWS, timeout=_WAIT)
        await survivor.wait_for_line(RUNNING, timeout=_WAIT)
        assert fake_discord.identified_shards() == [[1 - carrying, 2], [carrying, 2]]

        offset = [0.0]
        first = range(FIRST_CHANNELS)
        fire = _a_minute_ahead(datetime.now(UTC))
        await _subscribe(fake_discord, platform, first, fire)  # answered by the follower
        marks = await _move_clocks(bots, fire - _BEFORE_FIRE, offset)
        await platform.wait_until(lambda: all(platform.digests_in(platform.channel(n)) for n in first), _WAIT)
        await leader.wait_for_line("Digests:", after=marks[0], timeout=_WAIT)
        assert [platform.digests_in(platform.channel(n)) for n in first] == [1] * FIRST_CHANNELS
        assert "Sending" not in survivor.output  # the follower sent nothing

        await leader.kill()
        mark = len(survivor.lines)
        await survivor.wait_for_line(LEADS, after=mark, timeout=_WAIT)
        later = range(FIRST_CHANNELS, FIRST_CHANNELS + LATER_CHANNELS)
        now = datetime.now(UTC) + timedelta(seconds=offset[0])
        fire = _a_minute_ahead(now)
        await _subscribe(fake_discord, platform, later, fire)  # answered by the survivor, now the leader
        [mark] = await _move_clocks([survivor], fire - _BEFORE_FIRE, offset)
        await platform.wait_until(lambda: all(platform.digests_in(platform.channel(n)) for n in later), _WAIT)
        await survivor.wait_for_line("Digests:", after=mark, timeout=_WAIT)

        everyone = range(FIRST_CHANNELS + LATER_CHANNELS)
        assert [platform.digests_in(platform.channel(n)) for n in everyone] == [1] * len(everyone)
    finally:
        await asyncio.gather(*(bot.kill() for bot in bots))


async def test_a_second_process_on_the_same_sqlite_file_is_refused_in_one_line(tmp_path):
    environment = console_environment(tmp_path)
    first = await RunningBot.start(environment, stdin=True)  # the console keeps running while its input is open
    try:
        await first.wait_for_line(RUNNING)
        second = await RunningBot.start(environment, stdin=True)
        status = await asyncio.wait_for(second.process.wait(), _WAIT)
        await second.kill()  # collects the rest of its output
        assert status == 1
        assert second.lines == [
            f"newsbrief: another `newsbrief run` is already using the SQLite database "
            f"{(tmp_path / 'newsbrief.sqlite3').resolve()}; several processes need PostgreSQL "
            "(DATABASE_URL=postgresql://…).\n"
        ]
        assert first.running
    finally:
        await first.kill()
