"""Time the daily fan-out: assemble and hand over digests for many channels against an in-memory sink.

Usage: python bench/fanout.py [--channels 1000] [--feeds-per-channel 20] [--feed-pool 400]
                              [--articles-per-feed 4] [--concurrency 20] [--sink-ms 0 25]
Builds a real SQLite database in a temporary directory (channels, feeds, stored briefings), then
runs the dispatcher's fan-out once per sink latency and prints total seconds, channels per second,
and per-channel p50/p95 for the work itself (reserve + build) and from fan-out start to hand-over.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.models import Article, Briefing, Facts, Person, Stats
from bot.schedule.channel_digests import ChannelDigests
from bot.schedule.fanout import DigestDispatcher, DispatchOptions, DueDigest, Outcome
from bot.storage import open_store
from bot.storage.deliveries import digest_key_for
from bot.storage.digest_log import DigestLogRepository
from bot.storage.schema import DeliveryRow
from bot.values import ChannelRef

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
# Made-up words, so random headlines share almost nothing and the digest keeps them as separate stories.
_SYLLABLES = "ka lo mi ne ru sa te vo zu bri cha dex fen gor hul jin kes lum mor nix pav quor"


def _word(rng: random.Random) -> str:
    return "".join(rng.sample(_SYLLABLES.split(), 3))

class TimedLog(DigestLogRepository):
    """The digest log, recording how long each claim (with its article reservation) took."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reserve_ms: list[float] = []

    def claim(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return super().claim(*args, **kwargs)
        finally:
            self.reserve_ms.append(1000 * (time.perf_counter() - started))


class TimedDigests(ChannelDigests):
    """ChannelDigests that records how long each build took."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.build_ms: list[float] = []

    def build(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return super().build(*args, **kwargs)
        finally:
            self.build_ms.append(1000 * (time.perf_counter() - started))


class MemorySink:
    """Keep every digest in memory, optionally taking `latency` seconds per post like a real platform."""

    platform = "bench"

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.handed_over: dict[str, float] = {}
        self.items = 0

    async def deliver(self, target, digest) -> None:
        if self.latency:
            await asyncio.sleep(self.latency)
        self.items += len(digest.items)
        self.handed_over[target.channel] = time.perf_counter()


def populate(
    store, *, channels: int, feeds_per_channel: int, feed_pool: int, articles_per_feed: int
) -> list[ChannelRef]:
    """Store the feeds, their articles with briefings, and the subscribed channels."""
    rng = random.Random(7)
    feed_ids = [store.feeds.add_feed(f"https://feeds.bench.example/{n}.xml", now=NOW)[0].id for n in range(feed_pool)]
    for feed_number, feed_id in enumerate(feed_ids):
        for n in range(articles_per_feed):
            _add_article(store, rng, feed_id, f"{feed_number}-{n}", NOW - timedelta(hours=rng.randint(1, 20)))
    rooms = []
    for n in range(channels):
        room = ChannelRef("bench", "workspace", f"channel-{n}")
        store.subscriptions.save_subscription(
            room, time="08:00", timezone="UTC", feed_ids=rng.sample(feed_ids, feeds_per_channel), now=NOW
        )
        rooms.append(room)
    return rooms


def _add_article(store, rng: random.Random, feed_id: int, key: str, published: datetime) -> None:
    words = [_word(rng) for _ in range(16)]
    title = " ".join(words[:5]).capitalize()
    sentences = (" ".join(words[5:11]).capitalize() + ".", " ".join(words[11:]).capitalize() + f" {key}.")
    briefing = Briefing(
        title=title, summary=sentences, facts=Facts(people=(Person(words[0].capitalize(), None),), places=(words[1],)),
        stats=Stats(words=rng.randint(300, 900), summary_words=len(words)), source=f"Outlet {feed_id}",
        published=published, url=f"https://news.bench.example/{key}",
    )
    article = Article(
        text=" ".join(sentences), title=title, url=briefing.url, source=briefing.source, published=published
    )
    store.articles.add_article(article, briefing, feed_id=feed_id, now=NOW)

async def fan_out_once(store, rooms, *, concurrency: int, latency: float, day: int) -> dict:
    """Run one day's fan-out to every room and return its figures."""
    digests = TimedDigests(store.deliveries, max_items=5)
    log = TimedLog(store.database, clock=lambda: NOW)
    sink = MemorySink(latency)
    dispatcher = DigestDispatcher(
        store.subscriptions, digests, log, clock=lambda: NOW, options=DispatchOptions(concurrency=concurrency),
        sinks=[sink],
    )
    slot = NOW + timedelta(days=day)
    started = time.perf_counter()
    outcomes = await dispatcher.fan_out(DueDigest(room, digest_key_for(room, slot.date()), slot) for room in rooms)
    total = time.perf_counter() - started
    handover_ms = [1000 * (moment - started) for moment in sink.handed_over.values()]
    work_ms = [r + b for r, b in zip(log.reserve_ms, digests.build_ms, strict=True)]
    return {
        "total": total, "outcomes": outcomes, "items": sink.items, "work_ms": work_ms,
        "reserve_ms": log.reserve_ms, "build_ms": digests.build_ms, "handover_ms": handover_ms,
    }


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def report(label: str, figures: dict, channels: int, latency: float) -> None:
    """Print one scenario's figures."""
    sent = sum(1 for o in figures["outcomes"] if o in (Outcome.SENT, Outcome.SENT_EMPTY))
    print(f"\n{label}")
    print(f"  channels handed a digest: {sent}/{channels}, stories posted: {figures['items']}")
    print(f"  total: {figures['total']:.2f} s   throughput: {channels / figures['total']:.0f} channels/s")
    if latency:
        serial = channels * latency + sum(figures["work_ms"]) / 1000
        print(f"  one channel after another would take about {serial:.1f} s")
    for name in ("reserve_ms", "build_ms", "work_ms", "handover_ms"):
        values = figures[name]
        print(f"  {name:<12} p50 {statistics.median(values):8.2f} ms   p95 {_p(values, 0.95):8.2f} ms")


def main() -> int:
    """Build the database, run the fan-outs, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--feeds-per-channel", type=int, default=20)
    parser.add_argument("--feed-pool", type=int, default=400)
    parser.add_argument("--articles-per-feed", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--sink-ms", type=float, nargs="+", default=[0.0, 25.0], help="simulated post latency")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        started = time.perf_counter()
        rooms = populate(store, channels=args.channels, feeds_per_channel=args.feeds_per_channel,
                         feed_pool=args.feed_pool, articles_per_feed=args.articles_per_feed)
        print(f"setup: {args.channels} channels x {args.feeds_per_channel} feeds (pool {args.feed_pool}, "
              f"{args.articles_per_feed} articles each) in {time.perf_counter() - started:.1f} s; "
              f"concurrency {args.concurrency}")
        for day, latency_ms in enumerate(args.sink_ms):
            # Each scenario is its own day with every article undelivered again, so each run does full work.
            _forget_deliveries(store)
            figures = asyncio.run(fan_out_once(store, rooms, concurrency=args.concurrency,
                                               latency=latency_ms / 1000, day=day))
            report(f"in-memory sink, {latency_ms:g} ms per post", figures, args.channels, latency_ms / 1000)
        store.database.close()
    return 0


def _forget_deliveries(store) -> None:
    with store.database.write() as session:
        session.execute(delete(DeliveryRow))


if __name__ == "__main__":
    raise SystemExit(main())
