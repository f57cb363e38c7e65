"""The factory: every part built from one Settings, so a limit set once reaches every path to the network."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.commands.model import CommandRequest
from bot.errors import UserError
from bot.factory import Factory
from bot.values import ChannelRef
from tests.kit import FakeClock, settings_for

NOW = datetime(2025, 6, 5, 12, 0, tzinfo=UTC)
ROOM = ChannelRef("console", "local", "terminal")
# Smaller than every page and feed the loopback site serves.
TINY = "600"


@pytest.fixture
def factory(tmp_path) -> Factory:
    return Factory(settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1", NEWSBRIEF_MAX_BODY_BYTES=TINY),
                   clock=FakeClock(NOW))


async def test_brief_url_in_chat_honours_the_body_limit(factory, loopback_site):
    store, fetcher = factory.open_store(), factory.fetcher()
    try:
        service = factory.command_service(store, fetcher)
        reply = await service.handle(CommandRequest(ROOM, "me", "brief", loopback_site.url("/pages/story-1.html")))
    finally:
        await fetcher.aclose()
        store.close()
    assert reply.is_error and reply.text == "The page is larger than 0.0006 MB."


async def test_the_feed_poller_honours_the_body_limit(factory, loopback_site):
    store, fetcher = factory.open_store(), factory.fetcher()
    try:
        store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"), now=NOW)
        summary = await factory.feed_poller(factory.refresher(store, fetcher))()
        [feed] = store.feeds.list_feeds()
    finally:
        await fetcher.aclose()
        store.close()
    assert summary == "0 feeds ok, 1 failed, 0 new articles"
    assert feed.last_error == "The page is larger than 0.0006 MB."


async def test_brief_url_on_the_command_line_honours_the_body_limit(factory, loopback_site):
    # In a thread: the one-shot fetch runs its own event loop, and this one serves the loopback site.
    with pytest.raises(UserError, match="larger than"):
        await asyncio.to_thread(factory.fetch_page_now, loopback_site.url("/pages/story-1.html"))


def test_the_briefer_takes_the_settings_unless_told_otherwise(factory):
    default = factory.briefer()
    assert (default.keywords["sentences"], default.keywords["algorithm"]) == (3, "news")
    chosen = factory.briefer(sentences=5, algorithm="LexRank")
    assert (chosen.keywords["sentences"], chosen.keywords["algorithm"]) == (5, "lexrank")
    with pytest.raises(UserError, match="unknown algorithm 'magic'"):
        factory.briefer(algorithm="magic")
