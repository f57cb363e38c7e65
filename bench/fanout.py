"""Time the daily fan-out, and one channel's reservation in a large database.

Usage: python bench/fanout.py [--channels 1000] [--feeds-per-channel 20] [--feed-pool 400]
                              [--articles-per-feed 4] [--concurrency 20] [--sink-ms 0 25]
                              [--stored 50000] [--history-days 90] [--only fan-out|reserve]
Fan-out: builds a real SQLite database in a temporary directory (channels, feeds, stored
briefings), runs the dispatcher's fan-out once per sink latency and prints total seconds, channels
per second, and per-channel p50/p95 for the work itself (reserve + build) and from fan-out start to
hand-over. Reserve: stores STORED articles over 400 feeds, published across HISTORY-DAYS days (a
database grows with history), then times `reserve_deliveries` for a channel following 20 and 100
feeds: its first digest (everything in the 7-day window undelivered) and a later day's (only the
last day's articles new); median of 25 after a warm-up, the same at a tenth of the articles to
show what the size of the database adds (CPU time).
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

from sqlalchemy import delete, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.models import Article, Briefing, Facts, Person, Stats
from bot.schedule.channel_digests import FRESHNESS_WINDOW, MAX_CANDIDATES, ChannelDigests
from bot.schedule.fanout import DigestDispatcher, DispatchOptions, DueDigest, Outcome
from bot.serialize import briefing_to_dict
from bot.storage import open_store
from bot.storage.deliveries import digest_key_for
from bot.storage.digest_log import DigestLogRepository
from bot.storage.schema import ArticleRow, DeliveryRow
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
    """Build the databases, run the fan-outs and the reservations, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--feeds-per-channel", type=int, default=20)
    parser.add_argument("--feed-pool", type=int, default=400)
    parser.add_argument("--articles-per-feed", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--sink-ms", type=float, nargs="+", default=[0.0, 25.0], help="simulated post latency")
    parser.add_argument("--stored", type=int, default=50_000, help="articles stored for the reservation figures")
    parser.add_argument("--history-days", type=int, default=90, help="days the stored articles span")
    parser.add_argument("--only", choices=("fan-out", "reserve"), help="run one of the two parts")
    args = parser.parse_args()
    if args.only != "reserve":
        _fan_out_figures(args)
    if args.only != "fan-out":
        for stored in (args.stored // 10, args.stored):
            _reservation_figures(stored, args.history_days)
    return 0


def _fan_out_figures(args: argparse.Namespace) -> None:
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


_RESERVE_FEED_POOL = 400
_RESERVE_RUNS = 25


def _reservation_figures(stored: int, history_days: int) -> None:
    """Print the median time of one channel's reservation in a database of `stored` articles."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'reserve.sqlite3'}")
        feed_ids = [store.feeds.add_feed(f"https://feeds.bench.example/{n}.xml", now=NOW)[0].id
                    for n in range(_RESERVE_FEED_POOL)]
        _bulk_articles(store, feed_ids, stored, history_days)
        print(f"\nreservation with {stored:,} stored articles over {_RESERVE_FEED_POOL} feeds and {history_days} days "
              f"(window {FRESHNESS_WINDOW.days} days, up to {MAX_CANDIDATES} candidates), median of {_RESERVE_RUNS}:")
        rng = random.Random(11)
        for following in (20, 100):
            feeds = rng.sample(feed_ids, following)
            room = ChannelRef("bench", "workspace", f"following-{following}")
            window = _window_size(store, feeds)
            first = _time_reservations(store, room, feeds)
            _deliver_all_but_last_day(store, room, feeds)
            later = _time_reservations(store, room, feeds)
            print(f"  {following:>3} feeds ({window:>5} articles in their window): first digest {first:6.2f} ms, "
                  f"a later day's {later:6.2f} ms")
        store.database.close()


def _bulk_articles(store, feed_ids: list[int], count: int, history_days: int) -> None:
    """Insert `count` articles at once, spread over the feeds and the days (the FTS triggers index them)."""
    rng = random.Random(5)
    template = briefing_to_dict(Briefing(title="Stored story", summary=("A sentence.",), facts=Facts(),
                                         stats=Stats(words=400, summary_words=3)))
    rows = []
    for n in range(count):
        published = NOW - timedelta(minutes=rng.randint(1, history_days * 24 * 60))
        rows.append({
            "guid": f"g{n}", "url": f"https://news.bench.example/{n}", "canonical_url": f"https://news.bench.example/{n}",
            "content_hash": f"{n:064x}", "title": f"Stored story {n}", "source": "Outlet", "author": None,
            "published": published, "fetched_at": published, "feed_id": rng.choice(feed_ids),
            "text": f"Stored story {n} about {_word(rng)}.", "briefing": template,
        })
    with store.database.write() as session:
        session.execute(insert(ArticleRow), rows)


def _window_size(store, feeds: list[int]) -> int:
    since = NOW - FRESHNESS_WINDOW
    with store.database.read() as session:
        published = session.execute(select(ArticleRow.published).where(ArticleRow.feed_id.in_(feeds))).scalars()
        return sum(1 for moment in published if moment >= since)


def _time_reservations(store, room: ChannelRef, feeds: list[int]) -> float:
    """Return the median CPU milliseconds of reserving the room's digest, releasing it after each run.

    CPU time of this thread (SQLite runs in it), so that other work on a shared machine does not count.
    """
    timings = []
    for run in range(_RESERVE_RUNS + 1):
        key = f"bench-{run}"
        started = time.thread_time()
        store.deliveries.reserve_deliveries(room, key, feed_ids=feeds, limit=MAX_CANDIDATES,
                                            since=NOW - FRESHNESS_WINDOW, now=NOW)
        timings.append(1000 * (time.thread_time() - started))
        store.deliveries.release_deliveries(room, key)
    return statistics.median(timings[1:])


def _deliver_all_but_last_day(store, room: ChannelRef, feeds: list[int]) -> None:
    """Record every window article but the last day's as sent to the room, as after earlier digests."""
    since, last_day = NOW - FRESHNESS_WINDOW, NOW - timedelta(days=1)
    with store.database.write() as session:
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.published).where(ArticleRow.feed_id.in_(feeds))
        ).all()
        session.execute(insert(DeliveryRow), [
            {"platform": room.platform, "workspace": room.workspace, "channel": room.channel, "article_id": article_id,
             "digest_key": "earlier", "status": "sent", "created_at": NOW, "sent_at": NOW}
            for article_id, published in rows if since <= published < last_day
        ])


def _forget_deliveries(store) -> None:
    with store.database.write() as session:
        session.execute(delete(DeliveryRow))


if __name__ == "__main__":
    raise SystemExit(main())
