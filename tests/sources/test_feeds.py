"""Polling real feeds from the loopback server, and turning their items into articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from bot.sources.feeds import (
    FeedItem,
    html_to_text,
    item_article,
    next_poll_delay,
    parse_retry_after,
    poll_feed,
)
from bot.sources.guard import UrlGuard
from bot.sources.http import HostLimiter, make_client
from tests.fakes import content
from tests.fakes.http_server import CONDITIONAL_ETAG, CONDITIONAL_LAST_MODIFIED

LOCAL = UrlGuard(allow_private=True)
UTC = UTC


@pytest_asyncio.fixture
async def client():
    async with make_client(guard=LOCAL) as client:
        yield client


async def poll(site, path, client, **options):
    return await poll_feed(site.url(path), client=client, guard=LOCAL, **options)


async def test_rss2_items_carry_full_text_dates_authors_and_absolute_links(loopback_site, client):
    result = await poll(loopback_site, "/feeds/rss20.xml", client)
    assert (result.status, result.error, result.title) == (200, None, "Valley Courier")
    first = result.items[0]
    title, paragraphs = content.STORIES["story-1"]
    assert first.guid == "courier-1"
    assert first.url == loopback_site.url("/pages/story-1.html")  # the feed gave a relative link
    assert first.title == title
    assert first.published == datetime(2025, 6, 1, 8, 30, tzinfo=UTC)
    assert first.author == "Valley Desk"
    assert first.text.split("\n\n") == paragraphs
    assert not first.is_teaser
    assert [i.guid for i in result.items] == ["courier-1", "courier-2", "courier-3"]


async def test_atom_entries_convert_offsets_to_utc(loopback_site, client):
    result = await poll(loopback_site, "/feeds/atom.xml", client)
    entry = result.items[2]
    assert result.title == "Courier (Atom)"
    assert entry.guid == "tag:courier.example,2025:story-3"
    assert entry.published == datetime(2025, 6, 3, 7, 0, tzinfo=UTC)
    assert entry.author == "Reporter 3"
    assert content.STORIES["story-3"][1][-1] in entry.text


async def test_rss1_rdf_items_use_dublin_core(loopback_site, client):
    result = await poll(loopback_site, "/feeds/rss10.rdf", client)
    item = result.items[1]
    assert result.title == "Courier RDF"
    assert item.published == datetime(2025, 6, 2, 7, 15, tzinfo=UTC)
    assert item.author == "Desk 2"
    assert item.text == content.STORIES["story-2"][1][0]
    assert item.is_teaser  # one sentence and a link


async def test_rss091_items_without_guids_are_keyed_by_link(loopback_site, client):
    result = await poll(loopback_site, "/feeds/rss091.xml", client)
    assert result.title == "Courier Classic"
    assert [i.guid for i in result.items] == [None, None, None]
    assert [i.key for i in result.items] == [loopback_site.url(f"/pages/{s}.html") for s in content.STORIES]
    assert all(i.published is None for i in result.items)


async def test_a_malformed_feed_still_yields_its_items(loopback_site, client):
    result = await poll(loopback_site, "/feeds/malformed.xml", client)
    assert result.error is None
    assert result.title == "Courier & Friends"
    assert [i.title for i in result.items] == ["Bakers & brewers share the old market hall", "Night buses return on Fridays"]


async def test_items_missing_guid_link_or_title_still_come_through(loopback_site, client):
    linked, unlinked, bare = (await poll(loopback_site, "/feeds/bare.xml", client)).items
    assert (linked.guid, linked.url) == (None, loopback_site.url("/pages/story-3.html"))
    assert (unlinked.guid, unlinked.url, unlinked.is_teaser) == ("odds-2", None, False)
    assert (bare.guid, bare.url, bare.title) == (None, None, None)
    assert bare.text == "An item with neither guid, link nor title, only this sentence."
    assert bare.key.startswith("sha1:")
    assert len({linked.key, unlinked.key, bare.key}) == 3


async def test_a_repeated_guid_keeps_its_first_newest_copy(loopback_site, client):
    result = await poll(loopback_site, "/feeds/duplicates.xml", client)
    assert [(i.guid, i.title) for i in result.items] == [
        ("dup-1", "Ferry returns after repairs costing 1.8 million"),
        ("dup-2", "Library reopens"),
    ]


async def test_a_10000_item_feed_is_cut_to_the_newest_items(loopback_site, client):
    result = await poll(loopback_site, "/feeds/huge.xml", client, max_items=300)
    assert result.error is None
    assert len(result.items) == 300
    assert result.items[0].guid == f"note-{content.HUGE_FEED_ITEMS}"
    assert result.items[-1].guid == f"note-{content.HUGE_FEED_ITEMS - 299}"
    assert result.items[0].published == content.HUGE_FEED_START + timedelta(minutes=content.HUGE_FEED_ITEMS)


async def test_the_cut_keeps_the_newest_items_even_when_a_feed_lists_oldest_first(loopback_site, client):
    result = await poll(loopback_site, "/feeds/rss20.xml", client, max_items=2)  # dated June 1, 2, 3 in order
    assert [i.guid for i in result.items] == ["courier-2", "courier-3"]
    assert result.items[0].text.split("\n\n") == content.STORIES["story-2"][1]


async def test_the_cut_applies_to_malformed_feeds_too(loopback_site, client):
    result = await poll(loopback_site, "/feeds/malformed.xml", client, max_items=1)
    assert [i.title for i in result.items] == ["Bakers & brewers share the old market hall"]


async def test_conditional_get_turns_into_not_modified(loopback_site, client):
    first = await poll(loopback_site, "/feeds/conditional.xml", client)
    assert (first.etag, first.last_modified, len(first.items)) == (CONDITIONAL_ETAG, CONDITIONAL_LAST_MODIFIED, 1)

    again = await poll(loopback_site, "/feeds/conditional.xml", client, etag=first.etag)
    assert (again.status, again.not_modified, again.items, again.error) == (304, True, [], None)
    assert again.etag == CONDITIONAL_ETAG
    assert loopback_site.requests[-1].headers["If-None-Match"] == CONDITIONAL_ETAG

    by_date = await poll(loopback_site, "/feeds/conditional.xml", client, last_modified=first.last_modified)
    assert by_date.not_modified
    assert by_date.last_modified == CONDITIONAL_LAST_MODIFIED


async def test_rate_limited_feed_reports_retry_after_seconds(loopback_site, client):
    result = await poll(loopback_site, "/feeds/limited.xml", client, etag='"old"')
    assert (result.status, result.retry_after, result.items) == (429, 120.0, [])
    assert result.etag == '"old"'  # a failed poll hands back the validators it was given
    assert result.error == "The feed could not be read (HTTP 429)."


async def test_unavailable_feed_reports_retry_after_given_as_a_date(loopback_site, client):
    result = await poll(loopback_site, "/feeds/down.xml", client)
    assert result.status == 503
    assert 3500 < result.retry_after <= 3600


async def test_a_web_page_is_not_a_feed_but_its_feed_link_is_named(loopback_site, client):
    result = await poll(loopback_site, "/pages/home.html", client)
    assert result.items == []
    assert result.error == f"That link is a web page, not a news feed; its feed is at {loopback_site.url('/feeds/rss20.xml')}"


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/data.json", 200, "That link is not a news feed (RSS or Atom)."),
        ("/status/404", 404, "The feed could not be read (HTTP 404)."),
        ("/status/500", 500, "The feed could not be read (HTTP 500)."),
        ("/huge", 0, "The page is larger than 5 MB."),
        ("/hop/6", 0, "The link redirected more than 5 times."),
    ],
)
async def test_feed_problems_are_reported_not_raised(loopback_site, client, path, status, error):
    result = await poll(loopback_site, path, client)
    assert (result.status, result.error, result.items, result.not_modified) == (status, error, [], False)


async def test_a_refused_feed_url_is_reported(loopback_site, client):
    strict = UrlGuard(allow_private=False)
    result = await poll_feed(loopback_site.url("/feeds/rss20.xml"), client=client, guard=strict)
    assert result.status == 0
    assert "private or local network address" in result.error
    assert loopback_site.requests == []


async def test_a_slow_feed_times_out_into_an_error(loopback_site):
    async with make_client(timeout=0.1, guard=LOCAL) as client:
        result = await poll(loopback_site, "/slow", client)
    assert result.error == "The site did not answer within 0.1 seconds."


async def test_a_moved_feed_is_followed(loopback_site, client):
    result = await poll(loopback_site, "/redirect/to-feed", client, limiter=HostLimiter())
    assert result.url == loopback_site.url("/redirect/to-feed")
    assert len(result.items) == 3


@pytest.mark.parametrize("path", ["/redirect/to-feed", "/redirect/to-feed-308"])
async def test_a_permanent_redirect_reports_the_new_address(loopback_site, client, path):
    result = await poll(loopback_site, path, client)
    assert result.final_url == loopback_site.url("/feeds/rss20.xml")
    assert result.moved_to == loopback_site.url("/feeds/rss20.xml")


@pytest.mark.parametrize("path", ["/redirect/to-feed-302", "/redirect/to-feed-307"])
async def test_a_temporary_redirect_is_followed_but_is_no_move(loopback_site, client, path):
    result = await poll(loopback_site, path, client)
    assert (result.error, len(result.items)) == (None, 3)
    assert result.final_url == loopback_site.url("/feeds/rss20.xml")
    assert result.moved_to is None


async def test_a_move_ends_where_a_temporary_redirect_begins(loopback_site, client):
    result = await poll(loopback_site, "/redirect/moved-then-temporary", client)
    assert result.final_url == loopback_site.url("/feeds/rss20.xml")
    assert result.moved_to == loopback_site.url("/redirect/to-feed-302")


async def test_teasers_are_replaced_by_the_linked_page(loopback_site, client):
    result = await poll(loopback_site, "/feeds/teasers.xml", client)
    ferry, _library, moved = result.items
    assert all(item.is_teaser for item in result.items)

    article = (await item_article(ferry, client=client, guard=LOCAL, feed_title=result.title)).article
    title, paragraphs = content.STORIES["story-1"]
    assert paragraphs[3] in article.text
    assert (article.title, article.source, article.url) == (title, "Courier Teasers", ferry.url)

    fallback = (await item_article(moved, client=client, guard=LOCAL, feed_title=result.title)).article
    assert fallback.text == moved.text
    assert loopback_site.paths()[-1] == "/status/404"


async def test_full_text_items_are_not_fetched_again(loopback_site, client):
    result = await poll(loopback_site, "/feeds/atom.xml", client)
    article = (await item_article(result.items[0], client=client, guard=LOCAL)).article
    assert article.text == result.items[0].text
    assert article.source == "127.0.0.1"
    assert article.published == datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
    assert loopback_site.paths() == ["/feeds/atom.xml"]


async def test_a_refused_teaser_link_falls_back_to_the_teaser(client):
    teaser = FeedItem("g", "http://169.254.169.254/latest/", "Title", "Short teaser.", None, None, True)
    article = (await item_article(teaser, client=client, guard=LOCAL, feed_title="Feed")).article
    assert (article.text, article.title, article.source) == ("Short teaser.", "Title", "Feed")


async def test_a_teaser_whose_page_fails_says_why(loopback_site, client):
    teaser = FeedItem("g", loopback_site.url("/status/404"), "Title", "Photos", None, None, True)
    resolved = await item_article(teaser, client=client, guard=LOCAL, feed_title="Feed")
    assert resolved.article.text == "Photos"
    assert resolved.page_error == "The page was not found (HTTP 404)."


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    html = "Intro <p>One <b>two</b></p><script>track()</script><ul><li>a &amp; b</li></ul>Line<br>next"
    assert html_to_text(html) == "Intro\n\nOne two\n\na & b\n\nLine\n\nnext"
    assert html_to_text("Fish &amp; chips") == "Fish & chips"
    assert html_to_text("  plain\n\n text ") == "plain\n\ntext"


def test_retry_after_reads_seconds_and_dates():
    now = datetime(2025, 6, 4, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 04 Jun 2025 12:30:00 GMT", now=now) == 1800.0
    assert parse_retry_after("Wed, 04 Jun 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.parametrize(
    ("failures", "retry_after", "expected"),
    [
        (0, None, timedelta(minutes=30)),
        (1, None, timedelta(hours=1)),
        (3, None, timedelta(hours=4)),
        (6, None, timedelta(hours=24)),  # 32 h, capped
        (500, None, timedelta(hours=24)),
        (0, 7200.0, timedelta(hours=2)),  # Retry-After longer than the back-off wins
        (2, 60.0, timedelta(hours=2)),  # shorter Retry-After does not shorten the back-off
        (0, 3 * 86400.0, timedelta(hours=24)),
    ],
)
def test_next_poll_delay_backs_off_and_respects_retry_after(failures, retry_after, expected):
    assert next_poll_delay(failures, 30, retry_after) == expected
