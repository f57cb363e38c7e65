"""Kill `newsbrief run` with SIGKILL in the middle of a daily fan-out, restart it, count lost and repeated digests.

Usage: python bench/faults.py [--runs 5] [--channels 60] [--platforms discord slack] [--post-delay 0.2]
                              [--live] [--code DIR] [--seed 11]

Each run starts the real `newsbrief run` in a child process against the loopback Discord or
Slack fake (tests/fakes), waits until a random number of digest messages have been created,
kills the process with SIGKILL, starts it again and counts, per channel, how many copies of that
day's digest exist: "lost" channels have none, "duplicated" ones more than one. Every post takes
`--post-delay` seconds (the message is created first, the answer comes after), so a kill finds
posts in flight, which is when repeats happen.

By default the database is seeded with channels whose digest fell due a minute ago, so each run
takes seconds. `--live` instead subscribes the channels with `/subscribe` at the next wall-clock
minute and waits for it, as an operator would; it works with any version of newsbrief, so
`--live --code DIR` measures another checkout (say, one from before the digest log).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.discord_server import MANAGER_ID, FakeDiscord
from tests.fakes.slack_server import ADMIN_ID, FakeSlack, post_slash_command
from tests.faults.harness import (
    SLACK_SECRET,
    DiscordPlatform,
    Platform,
    RunningBot,
    SlackPlatform,
    crash_and_restart,
    wait_commands_registered,
)
from tests.paths import REPO

# --live: after the restart, the run is over once no digest message has appeared for this long.
_QUIET_SECONDS = 8.0
_LIVE_LIMIT_SECONDS = 240.0


@dataclass(frozen=True)
class Run:
    """One run's figures."""

    platform: str
    kill_after: int
    before_crash: int
    lost: int
    duplicated: int
    seconds: float


async def seeded_run(platform: Platform, data_dir: Path, *, channels: int, kill_after: int, delay: float) -> Run:
    """Run the crash scenario on a seeded database."""
    result = await crash_and_restart(platform, data_dir, channels=channels, kill_after=kill_after, post_delay=delay)
    return Run(platform.name, kill_after, result.before_crash, result.lost, result.duplicated, result.seconds)


async def live_run(
    platform: Platform, fake: FakeDiscord | FakeSlack, data_dir: Path, *, channels: int, kill_after: int,
    delay: float, code: Path,
) -> Run:
    """Subscribe the channels through slash commands for the next minute, wait for it, kill, restart, count."""
    started = time.monotonic()
    rooms = [platform.channel(number) for number in range(channels)]
    bot = await RunningBot.start(platform.environment(data_dir, code))
    try:
        events_url = await _wait_ready(bot, fake)
        fire = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
        if (fire - datetime.now(UTC)).total_seconds() < 20:
            fire += timedelta(minutes=1)  # leave the commands time to be answered
        platform.set_post_delay(0)
        await asyncio.gather(*(_subscribe(fake, room.channel, f"{fire:%H:%M}", events_url) for room in rooms))
        platform.set_post_delay(delay)
        await platform.wait_until(lambda: platform.digest_messages() >= kill_after, _LIVE_LIMIT_SECONDS)
    finally:
        await bot.kill()
    before = platform.digest_messages()
    again = await RunningBot.start(platform.environment(data_dir, code))
    try:
        await _wait_ready(again, fake)
        await _wait_quiet(platform)
    finally:
        await again.stop()
    counts = [platform.digests_in(room) for room in rooms]
    return Run(platform.name, kill_after, before, sum(1 for c in counts if c == 0), sum(1 for c in counts if c > 1),
               time.monotonic() - started)


async def _wait_ready(bot: RunningBot, fake: FakeDiscord | FakeSlack) -> str | None:
    if isinstance(fake, FakeDiscord):
        await wait_commands_registered(fake)
        return None
    line = await bot.wait_for_line("/slack/events")
    port = line.rsplit(":", 1)[1].split("/", 1)[0]
    return f"http://127.0.0.1:{port}/slack/events"


async def _subscribe(fake: FakeDiscord | FakeSlack, channel: str, hhmm: str, events_url: str | None) -> None:
    if isinstance(fake, FakeDiscord):
        token = await fake.slash("subscribe", {"time": hhmm, "timezone": "UTC"}, user_id=MANAGER_ID,
                                 manage_channels=True, channel_id=int(channel))
        await fake.wait_until(lambda: fake.followups(token), 120)
        return
    assert events_url is not None
    await post_slash_command(events_url, SLACK_SECRET, "/subscribe", f"{hhmm} UTC", user=ADMIN_ID, channel=channel,
                             response_url=fake.new_response_url())


async def _wait_quiet(platform: Platform) -> None:
    deadline = time.monotonic() + _LIVE_LIMIT_SECONDS
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now_seen = platform.digest_messages()
        if now_seen != seen:
            seen, quiet_since = now_seen, time.monotonic()
        elif time.monotonic() - quiet_since >= _QUIET_SECONDS:
            return
        await asyncio.sleep(0.5)


async def bench(args: argparse.Namespace) -> list[Run]:
    """Run every requested scenario and print each run's line."""
    rng = random.Random(args.seed)
    runs = []
    for name in args.platforms:
        for number in range(args.runs):
            fake: FakeDiscord | FakeSlack = FakeDiscord() if name == "discord" else FakeSlack()
            platform: Platform = DiscordPlatform(fake) if isinstance(fake, FakeDiscord) else SlackPlatform(fake)
            kill_after = rng.randint(1, args.channels - 1)
            await fake.start()
            try:
                with tempfile.TemporaryDirectory(prefix="newsbrief-faults-") as data_dir:
                    if args.live:
                        run = await live_run(platform, fake, Path(data_dir), channels=args.channels,
                                             kill_after=kill_after, delay=args.post_delay, code=args.code)
                    else:
                        run = await seeded_run(platform, Path(data_dir), channels=args.channels,
                                               kill_after=kill_after, delay=args.post_delay)
            finally:
                await fake.stop()
            runs.append(run)
            print(f"  {name:<8} run {number + 1}: killed after {run.before_crash:>3} digest messages; "
                  f"lost {run.lost:>2}, duplicated {run.duplicated:>2} of {args.channels} ({run.seconds:.0f} s)",
                  flush=True)
    return runs


def main() -> int:
    """Parse the options, run the scenarios, print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--channels", type=int, default=60)
    parser.add_argument("--platforms", nargs="+", choices=("discord", "slack"), default=["discord", "slack"])
    parser.add_argument("--post-delay", type=float, default=0.2, help="seconds each post takes")
    parser.add_argument("--live", action="store_true", help="subscribe by command and wait for the next minute")
    parser.add_argument("--code", type=Path, default=REPO, help="the newsbrief checkout to run (default: this one)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    mode = "live (/subscribe, next minute)" if args.live else "seeded (due a minute ago)"
    print(f"crash mid fan-out: {args.channels} channels, {args.runs} run(s) per platform, {mode}, code {args.code}")
    runs = asyncio.run(bench(args))
    for name in args.platforms:
        mine = [run for run in runs if run.platform == name]
        total = len(mine) * args.channels
        lost, duplicated = sum(r.lost for r in mine), sum(r.duplicated for r in mine)
        print(f"{name}: lost {lost}/{total} ({100 * lost / total:.1f}%), "
              f"duplicated {duplicated}/{total} ({100 * duplicated / total:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
