"""Shared parts for the command, schedule and run tests: a fake clock, a recording sink, sample news.

Holds no tests itself; the command, schedule, app and console tests import from it.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.commands.service import CommandService
from bot.factory import Factory
from bot.models import Article, Briefing, Digest, Facts, Person, Stats
from bot.settings import Settings, load_settings
from bot.storage import Store
from bot.values import ChannelRef, Clock, utc_now
from tests.paths import REPO

# Distinct vocabularies, so the digest builder never merges two of these into one story.
TOPICS = (
    ("Harbour cranes stand idle", "Dockworkers walked out at dawn over automated cranes."),
    ("Orchard frost ruins apples", "Growers counted blackened blossoms after a cold night."),
    ("Library opens evening hours", "Readers queued past nine for the new late shift."),
    ("Cyclists win wider lanes", "Councillors painted protected tracks along the river road."),
    ("Volcano ash grounds flights", "Airlines cancelled departures as grey plumes drifted."),
    ("Chess prodigy takes title", "A fourteen-year-old sealed victory with a quiet rook move."),
    ("Bakery prices climb again", "Flour costs pushed loaves up by twenty cents."),
    ("Glacier retreat measured", "Surveyors logged ninety metres of lost ice since spring."),
)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment


@dataclass
class RecordingSink:
    """A digest sink that keeps what it was handed."""

    platform: str = "console"
    delivered: list[tuple[ChannelRef, Digest]] = field(default_factory=list)

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        self.delivered.append((target, digest))

    def channels(self) -> list[str]:
        return [target.channel for target, _ in self.delivered]


def settings_for(data_dir: Path, **overrides):
    """Return settings for a temporary data directory, ignoring any .env and the developer's tokens."""
    values = {
        "NEWSBRIEF_DATA_DIR": str(data_dir), "DISCORD_TOKEN": None, "SLACK_BOT_TOKEN": None,
        "SLACK_APP_TOKEN": None, "SLACK_SIGNING_SECRET": None, "DATABASE_URL": None, **overrides,
    }
    return load_settings(env_file=None, **values)


@asynccontextmanager
async def command_service(
    settings: Settings, store: Store, *, clock: Clock = utc_now, **changes: Any
) -> AsyncIterator[CommandService]:
    """Yield the command service the factory builds over `store` (context fields replaced by `changes`)."""
    factory = Factory(settings, clock=clock)
    fetcher = factory.fetcher()
    service = factory.command_service(store, fetcher)
    if changes:
        service = CommandService(replace(service.context, **changes))
    try:
        yield service
    finally:
        await fetcher.aclose()


def briefing_for(title: str, sentence: str, *, published: datetime | None = None, source: str = "Test Wire") -> Briefing:
    """Return a small briefing with one summary sentence and one person."""
    return Briefing(
        title=title, summary=(sentence,), facts=Facts(people=(Person("Ada Quill", "reporter"),)),
        stats=Stats(words=180, summary_words=len(sentence.split())), source=source, published=published,
    )


def add_feed_articles(store: Store, feed_id: int, prefix: str, count: int, now: datetime) -> list[int]:
    """Store `count` distinct articles from one feed, newest last; return their ids."""
    ids = []
    for number in range(count):
        title, sentence = TOPICS[number % len(TOPICS)]
        title = f"{title} in {prefix} ({number})"
        published = now - timedelta(hours=count - number)
        article = Article(
            text=f"{sentence} Report {number} from {prefix}.", title=title, source="Test Wire",
            url=f"https://news.example/{prefix}/{number}", published=published,
        )
        stored, _ = store.articles.add_article(article, briefing_for(title, sentence, published=published), feed_id=feed_id, now=now)
        ids.append(stored.id)
    return ids


def subscribe_channel(
    store: Store, channel: ChannelRef, *, time: str, zone: str, feed_url: str, articles: int, now: datetime
) -> None:
    """Give a channel a subscription, one feed of its own and some undelivered articles."""
    feed, _ = store.feeds.add_feed(feed_url, now=now)
    store.subscriptions.save_subscription(channel, time=time, timezone=zone, feed_ids=[feed.id], now=now)
    add_feed_articles(store, feed.id, channel.channel, articles, now)


def subprocess_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Return an environment for a child newsbrief: no tokens from the developer's shell, our data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_", "DATABASE_URL"))}
    return {**env, "NEWSBRIEF_DATA_DIR": str(data_dir), "NO_COLOR": "1", "PYTHONPATH": str(REPO), **extra}


def read_delivery_log(path: Path) -> list[dict]:
    """Return the JSON lines a file-backed sink wrote."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
