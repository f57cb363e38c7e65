"""Fan a daily digest out to many Discord channels from two `newsbrief run` processes on one PostgreSQL database.

Usage: python bench/scale.py [--channels 10000] [--feeds 50] [--feeds-per-channel 5] [--articles-per-feed 3]
                             [--rate 50] [--concurrency 50] [--postgres URL] [--no-takeover]

Needs a PostgreSQL server: `--postgres URL` or NEWSBRIEF_TEST_POSTGRES_URL (a role that may create
databases; `source .ci/postgres.sh && start_postgres` starts a throwaway one). A fresh database is
seeded with FEEDS feeds of ARTICLES-PER-FEED articles each and CHANNELS subscribed channels (each
to FEEDS-PER-CHANNEL neighbouring feeds), all with a digest that fell due a minute ago. Then two
real `newsbrief run` processes start against a loopback Discord (tests/fakes) that allows RATE
bot requests a second overall and answers more with 429 `global: true`, as Discord does. One
leads and sends every digest; the other runs the second shard and stands by.

Prints the fan-out time (from the leader's "Sending" line to the last channel's digest) against
the floor the rate limit sets (CHANNELS / RATE seconds), channels that got no digest (lost) or
more than one (duplicated), the 429s the server answered, and each process's CPU time. Then it
kills the leader with SIGKILL and times until the other process says it leads (takeover).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.storage import open_store
from bot.storage.records import PollOutcome
from tests.databases import POSTGRES_ENV, PostgresServer
from tests.fakes.discord_server import FakeDiscord
from tests.faults.harness import DiscordPlatform, RunningBot
from tests.kit import add_feed_articles

LEADS = "This process now leads"
_START_SECONDS = 120.0


def seed(database_url: str, platform: DiscordPlatform, args: argparse.Namespace) -> None:
    """Store the feeds, their articles and the channels' subscriptions, each digest due a minute ago."""
    moment = datetime.now(UTC)
    fire = moment.replace(second=0, microsecond=0) - timedelta(minutes=1)
    since = fire - timedelta(hours=1)
    store = open_store(database_url)
    try:
        feed_ids = []
        for number in range(args.feeds):
            feed, _ = store.feeds.add_feed(f"https://feeds.example/{number}.xml", now=since)
            # Polled just now as far as the bot knows: the run measures the fan-out, not feed fetching.
            store.feeds.update_feed_poll_result(
                feed.id, PollOutcome(ok=True, next_poll_at=moment + timedelta(days=1)), now=since
            )
            add_feed_articles(store, feed.id, f"feed-{number}", args.articles_per_feed, since)
            feed_ids.append(feed.id)
        for number in range(args.channels):
            chosen = [feed_ids[(number + k) % len(feed_ids)] for k in range(args.feeds_per_channel)]
            store.subscriptions.save_subscription(
                platform.channel(number), time=f"{fire:%H:%M}", timezone="UTC", feed_ids=chosen, now=since
            )
    finally:
        store.close()


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(args: argparse.Namespace, admin_url: str) -> None:
    server = PostgresServer(admin_url)
    server.prepare_template()
    fake = FakeDiscord(global_rate=args.rate)
    await fake.start()
    bots: list[RunningBot] = []
    database_url = server.create_database()
    try:
        platform = DiscordPlatform(fake)
        started = time.perf_counter()
        seed(database_url, platform, args)
        print(f"seeded {args.channels} channels × {args.feeds_per_channel} of {args.feeds} feeds "
              f"in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory(prefix="newsbrief-scale-") as data_dir:
            for shard in range(2):
                environment = {
                    **platform.environment(Path(data_dir) / str(shard)), "DATABASE_URL": database_url,
                    "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": str(shard),
                    "NEWSBRIEF_FANOUT_CONCURRENCY": str(args.concurrency), "NEWSBRIEF_LEADER_CHECK_SECONDS": "1",
                }
                bots.append(await RunningBot.start(environment))
            [leader_index] = await _first_to_lead(bots)
            leader, other = bots[leader_index], bots[1 - leader_index]
            await leader.wait_for_line("Sending", timeout=_START_SECONDS)
            began = time.perf_counter()
            limit = args.channels / args.rate * 3 + 120
            await fake.wait_until(lambda: len(fake.messages) >= args.channels, limit)
            fan_out = time.perf_counter() - began
            await leader.wait_for_line("Digests:", timeout=limit)
            cpu = {bot.process.pid: cpu_seconds(bot.process.pid) for bot in bots}
            counts = [platform.digests_in(platform.channel(n)) for n in range(args.channels)]
            floor = args.channels / args.rate
            posts = sum(len(messages) for messages in fake.messages.values())
            print(f"fan-out: {fan_out:.1f} s for {args.channels} channels ({posts} messages); floor {floor:.1f} s at "
                  f"{args.rate:g} requests/s; ratio {fan_out / floor:.2f}")
            print(f"lost: {sum(1 for c in counts if c == 0)}; duplicated: {sum(1 for c in counts if c > 1)}; "
                  f"429s answered: {fake.rate_limited}")
            print(f"CPU: leader {cpu[leader.process.pid]:.1f} s, follower {cpu[other.process.pid]:.1f} s")
            if args.takeover:
                mark = len(other.lines)
                killed = time.perf_counter()
                await leader.kill()
                await other.wait_for_line(LEADS, after=mark, timeout=_START_SECONDS)
                print(f"takeover after kill -9 of the leader: {time.perf_counter() - killed:.2f} s "
                      "(NEWSBRIEF_LEADER_CHECK_SECONDS=1)")
    except BaseException:
        for number, bot in enumerate(bots):
            print(f"--- process {number} said:\n{''.join(bot.lines[-30:])}", file=sys.stderr)
        print(f"channels with a digest: {len(fake.messages)}; 429s: {fake.rate_limited}", file=sys.stderr)
        raise
    finally:
        await asyncio.gather(*(bot.kill() for bot in bots))
        await fake.stop()
        server.drop_database(database_url)
        server.close()


async def _first_to_lead(bots: list[RunningBot]) -> list[int]:
    waits = {asyncio.ensure_future(bot.wait_for_line(LEADS, timeout=_START_SECONDS)): n for n, bot in enumerate(bots)}
    done, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    return [waits[task] for task in done][:1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--feeds-per-channel", type=int, default=5)
    parser.add_argument("--articles-per-feed", type=int, default=3)
    parser.add_argument("--rate", type=float, default=50.0, help="requests a second the fake Discord allows")
    parser.add_argument("--concurrency", type=int, default=50, help="NEWSBRIEF_FANOUT_CONCURRENCY")
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV, ""), help="admin URL of a server")
    parser.add_argument("--no-takeover", dest="takeover", action="store_false", help="skip the kill -9 takeover")
    args = parser.parse_args()
    if not args.postgres:
        sys.exit(f"bench/scale.py needs PostgreSQL: --postgres URL or {POSTGRES_ENV} "
                 "(source .ci/postgres.sh && start_postgres starts a throwaway server)")
    asyncio.run(run(args, args.postgres))


if __name__ == "__main__":
    main()
