"""Finding the feed behind an address: the feed itself, the one a page advertises, or one at a usual path."""

from __future__ import annotations

import pytest
import pytest_asyncio

from bot.errors import UserError
from bot.sources.discovery import COMMON_FEED_PATHS, common_feed_urls, find_feed
from bot.sources.feed_links import feeds_in_page
from bot.sources.fetcher import Fetcher
from bot.sources.guard import UrlGuard
from bot.sources.http import make_client
from tests.fakes.http_server import PUBLIC_ADDRESS, FakeDns, proxied_client

LOCAL = UrlGuard(allow_private=True)


@pytest_asyncio.fixture
async def fetcher():
    client = make_client(guard=LOCAL)
    built = Fetcher(client, LOCAL)
    yield built
    await built.aclose()


async def test_a_feed_address_is_followed_as_it_is(loopback_site, fetcher):
    found = await find_feed(fetcher, loopback_site.url("/feeds/atom.xml"))
    assert (found.url, found.page, found.reachable, found.how_found()) == (
        loopback_site.url("/feeds/atom.xml"), None, True, "")


async def test_a_home_page_leads_to_the_feed_it_advertises_with_one_request_more(loopback_site, fetcher):
    found = await find_feed(fetcher, loopback_site.url("/"))
    assert found.url == loopback_site.url("/feeds/rss20.xml") and found.advertised
    assert found.poll.title == "Valley Courier" and len(found.poll.items) == 3
    assert loopback_site.paths() == ["/", "/feeds/rss20.xml"]


async def test_a_page_naming_no_feed_is_tried_at_the_usual_paths_beside_it_first(loopback_site, fetcher):
    found = await find_feed(fetcher, loopback_site.url("/blog/"))
    assert found.url == loopback_site.url("/blog/feed.xml") and not found.advertised
    assert found.how_found() == (f"{loopback_site.url('/blog/')} is a web page; following its feed, at a usual "
                                 f"address: {loopback_site.url('/blog/feed.xml')}")


async def test_no_feed_anywhere_and_a_missing_feed_are_sentences(loopback_site, fetcher):
    with pytest.raises(UserError, match="is a web page, not a news feed, and I found no feed for it"):
        await find_feed(fetcher, loopback_site.url("/about/"))
    with pytest.raises(UserError, match=r"HTTP 404"):
        await find_feed(fetcher, loopback_site.url("/feeds/missing.xml"))


async def test_a_feed_that_is_down_for_now_is_found_but_not_reachable(loopback_site, fetcher):
    found = await find_feed(fetcher, loopback_site.url("/feeds/down.xml"))
    assert not found.reachable and "503" in found.poll.error


async def test_every_candidate_goes_through_the_guard(loopback_site):
    # The page is on a public name; the feed it advertises is on a private address, and is never asked for.
    strict = UrlGuard(resolver=FakeDns({"news.example": PUBLIC_ADDRESS}))
    strict_fetcher = Fetcher(proxied_client(loopback_site), strict)
    try:
        with pytest.raises(UserError, match="found no feed"):
            await find_feed(strict_fetcher, "http://news.example/pages/private-feed.html")
    finally:
        await strict_fetcher.aclose()
    assert {request.host for request in loopback_site.requests} == {"news.example"}
    assert "/feed.xml" in loopback_site.paths()  # the usual paths were tried on the page's own site


def test_page_links_are_read_typed_links_first_and_feed_looking_anchors_only_without_them():
    anchors = b'<body><a href="/rss">RSS</a> <a href="/comments/feed">comments</a></body></html>'
    typed = b"""<html><head>
<link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="stylesheet" type="text/css" href="/style.css"></head>"""
    assert feeds_in_page(typed + anchors, "text/html", "https://site.example/blog/") == (
        "https://site.example/blog/atom.xml",)
    # Without a typed link, anchors that look like feeds are tried; a comments feed is not the site's news.
    assert feeds_in_page(b"<html>" + anchors, "text/html", "https://site.example/blog/") == (
        "https://site.example/rss",)
    assert feeds_in_page(b'{"json": true}', "application/json", "https://site.example/") is None


def test_usual_addresses_are_beside_the_page_then_at_the_root():
    assert common_feed_urls("https://site.example/") == [f"https://site.example/{p}" for p in COMMON_FEED_PATHS]
    beside = common_feed_urls("https://site.example/blog/post.html")
    assert beside[0] == "https://site.example/blog/feed" and beside[-1] == "https://site.example/index.xml"
    assert len(beside) == 2 * len(COMMON_FEED_PATHS)
