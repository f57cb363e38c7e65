"""Refreshing feeds against a real loopback site: new items briefed and stored once, failures contained."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.briefing import build_briefing
from bot.errors import UserError
from bot.ingest import FeedRefresher, RefreshOptions
from bot.sources.fetcher import Fetcher
from bot.sources.guard import UrlGuard
from bot.sources.http import make_client
from bot.storage import open_store
from tests.fakes.http_server import CONDITIONAL_ETAG

T0 = datetime(2025, 6, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.database.close()


async def refresh(store, *, now=T0, briefer=build_briefing, due_only=True, on_progress=None, **options):
    guard = UrlGuard(allow_private=True)
    async with make_client(guard=guard) as client:
        refresher = FeedRefresher(
            store.feeds, store.articles, Fetcher(client, guard), briefer, options=RefreshOptions(**options),
            clock=lambda: now,
        )
        return await refresher.refresh(due_only=due_only, on_progress=on_progress)


def page_requests(site) -> list[str]:
    return [path for path in site.paths() if path.startswith(("/pages/", "/status/"))]


async def test_new_items_are_briefed_stored_and_not_fetched_again(store, loopback_site):
    feed, _ = store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    report = await refresh(store)
    assert (report.feeds_ok, report.feeds_failed, report.new_articles) == (1, 0, 3)
    assert report.failures == [] and report.item_failures == []
    stored = store.articles.recent_articles(10)
    assert {a.guid for a in stored} == {"courier-1", "courier-2", "courier-3"}
    assert all(a.feed_id == feed.id and a.source == "Valley Courier" for a in stored)
    assert all(a.briefing.summary for a in stored)
    assert store.articles.search("ferry")[0].article.title == "Riverside ferry returns after winter repairs"

    polled = store.feeds.get_feed(feed.url)
    assert (polled.title, polled.last_status, polled.failures, polled.last_polled_at) == ("Valley Courier", 200, 0, T0)
    assert polled.next_poll_at == T0 + timedelta(minutes=30)

    again = await refresh(store, now=T0 + timedelta(hours=1))
    assert (again.new_articles, again.known_items) == (0, 3)
    assert store.articles.count_articles() == 3


async def test_teasers_fetch_the_full_page_once(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/teasers.xml"))
    report = await refresh(store)
    assert report.new_articles == 3  # the third links to a 404 and is briefed from its teaser
    assert set(page_requests(loopback_site)) == {"/pages/story-1.html", "/pages/story-2.html", "/status/404"}
    ferry = next(a for a in store.articles.recent_articles() if "ferry" in a.title.lower())
    assert "Captain Ilse Marrow" in ferry.text  # the full page, not the one-sentence teaser

    loopback_site.requests.clear()
    again = await refresh(store, now=T0 + timedelta(hours=1))
    assert again.new_articles == 0
    assert page_requests(loopback_site) == []  # known items are skipped before their page is fetched


async def test_the_same_story_from_another_feed_is_not_new(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    store.feeds.add_feed(loopback_site.url("/feeds/atom.xml"))
    report = await refresh(store)
    assert report.feeds_ok == 2
    assert report.new_articles == 3  # Atom links the same pages (and carries the same text)
    assert store.articles.count_articles() == 3


async def test_failing_feeds_back_off_and_never_stop_the_others(store, loopback_site):
    good, _ = store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    down, _ = store.feeds.add_feed(loopback_site.url("/feeds/down.xml"))
    limited, _ = store.feeds.add_feed(loopback_site.url("/feeds/limited.xml"))
    missing, _ = store.feeds.add_feed(loopback_site.url("/status/404"))
    page, _ = store.feeds.add_feed(loopback_site.url("/pages/home.html"))
    progress = []
    report = await refresh(store, on_progress=lambda done, total, url: progress.append((done, total)))
    assert (report.feeds_ok, report.feeds_failed, report.new_articles) == (1, 4, 3)
    assert {url for url, _ in report.failures} == {down.url, limited.url, missing.url, page.url}
    assert sorted(progress) == [(n, 5) for n in range(1, 6)]
    assert report.summary() == "1 feed ok, 4 failed, 3 new articles"

    after = {f.url: f for f in store.feeds.list_feeds()}
    assert after[good.url].failures == 0
    assert all(after[f.url].failures == 1 and after[f.url].last_error for f in (down, limited, missing, page))
    assert after[missing.url].last_status == 404
    # Back-off: one failure doubles the 30-minute base; Retry-After asks for more and wins.
    assert after[missing.url].next_poll_at == T0 + timedelta(minutes=60)
    assert after[limited.url].next_poll_at == T0 + timedelta(minutes=60)
    assert after[down.url].next_poll_at >= T0 + timedelta(minutes=59)

    second = await refresh(store, now=T0 + timedelta(hours=2))
    assert store.feeds.get_feed(missing.url).failures == 2
    assert store.feeds.get_feed(missing.url).next_poll_at == T0 + timedelta(hours=2, minutes=120)
    assert second.new_articles == 0


async def test_only_due_feeds_are_polled_unless_asked(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    await refresh(store)
    loopback_site.requests.clear()
    early = await refresh(store, now=T0 + timedelta(minutes=10), due_only=True)
    assert (early.feeds_ok, early.feeds_failed) == (0, 0) and loopback_site.requests == []
    due = await refresh(store, now=T0 + timedelta(minutes=31), due_only=True)
    assert due.feeds_ok == 1
    forced = await refresh(store, now=T0 + timedelta(minutes=32), due_only=False)
    assert forced.feeds_ok == 1


async def test_a_304_keeps_the_validators_and_counts_as_ok(store, loopback_site):
    feed, _ = store.feeds.add_feed(loopback_site.url("/feeds/conditional.xml"))
    first = await refresh(store)
    assert first.new_articles == 1
    assert store.feeds.get_feed(feed.url).etag == CONDITIONAL_ETAG
    second = await refresh(store, now=T0 + timedelta(hours=1))
    polled = store.feeds.get_feed(feed.url)
    assert (second.feeds_ok, second.new_articles) == (1, 0)
    assert (polled.last_status, polled.etag, polled.failures) == (304, CONDITIONAL_ETAG, 0)


async def test_an_item_that_cannot_be_briefed_is_reported_and_the_rest_go_on(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))

    def picky_briefer(article):
        # Real briefing for most; one refused as the engine refuses a page, one hitting a bug.
        if "Library" in (article.title or ""):
            raise UserError("This text does not look like English; newsbrief briefs English articles only.")
        if "Orchard" in (article.title or ""):
            raise RuntimeError("boom")
        return build_briefing(article)

    report = await refresh(store, briefer=picky_briefer)
    assert (report.feeds_ok, report.new_articles) == (1, 1)
    reasons = dict(report.item_failures)
    assert len(reasons) == 2
    assert any("English" in reason for reason in reasons.values())
    assert any(reason.startswith("Sorry, something went wrong") for reason in reasons.values())
    assert "could not be briefed" in report.summary()
    # Unbriefed items are not remembered, so the next run tries them again.
    retry = await refresh(store, now=T0 + timedelta(hours=1))
    assert retry.new_articles == 2


async def test_new_items_beyond_the_per_run_cap_wait_for_the_next_run(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    first = await refresh(store, max_items_per_feed=2)
    assert first.new_articles == 2
    second = await refresh(store, now=T0 + timedelta(hours=1), max_items_per_feed=2)
    assert (second.new_articles, second.known_items) == (1, 2)


async def test_a_permanently_moved_feed_is_stored_and_then_polled_at_its_new_address(store, loopback_site):
    feed, _ = store.feeds.add_feed(loopback_site.url("/redirect/to-feed-308"))
    first = await refresh(store)
    assert (first.feeds_ok, first.new_articles) == (1, 3)
    assert [f.url for f in store.feeds.list_feeds()] == [loopback_site.url("/feeds/rss20.xml")]
    assert store.feeds.get_feed_by_id(feed.id).url == loopback_site.url("/feeds/rss20.xml")

    loopback_site.requests.clear()
    await refresh(store, now=T0 + timedelta(hours=1))
    assert loopback_site.paths() == ["/feeds/rss20.xml"]  # no detour through the old address


async def test_a_temporarily_redirected_feed_keeps_its_address(store, loopback_site):
    feed, _ = store.feeds.add_feed(loopback_site.url("/redirect/to-feed-302"))
    report = await refresh(store)
    assert (report.feeds_ok, report.new_articles) == (1, 3)
    assert store.feeds.get_feed_by_id(feed.id).url == feed.url


async def test_a_move_onto_a_feed_already_stored_keeps_both_and_logs(store, loopback_site, caplog):
    moved, _ = store.feeds.add_feed(loopback_site.url("/redirect/to-feed"))
    target, _ = store.feeds.add_feed(loopback_site.url("/feeds/rss20.xml"))
    with caplog.at_level(logging.WARNING, logger="newsbrief.storage"):
        report = await refresh(store)
    assert report.feeds_ok == 2
    assert {f.id: f.url for f in store.feeds.list_feeds()} == {moved.id: moved.url, target.id: target.url}
    assert any("keeping both" in record.getMessage() for record in caplog.records)


async def test_a_teaser_too_short_to_brief_reports_why_its_page_failed(store, loopback_site):
    store.feeds.add_feed(loopback_site.url("/feeds/broken-teasers.xml"))
    report = await refresh(store)
    assert report.new_articles == 0
    reasons = dict(report.item_failures)
    assert reasons[loopback_site.url("/status/404")] == "The page was not found (HTTP 404)."
    assert reasons["http://169.254.169.254/latest/"] == (
        "The host 169.254.169.254 is a cloud metadata service, which newsbrief does not fetch."
    )


async def test_a_briefable_teaser_is_kept_and_its_page_failure_logged(store, loopback_site, caplog):
    store.feeds.add_feed(loopback_site.url("/feeds/teasers.xml"))
    with caplog.at_level(logging.INFO, logger="newsbrief.ingest"):
        report = await refresh(store)
    assert (report.new_articles, report.item_failures) == (3, [])
    council = next(a for a in store.articles.recent_articles() if a.title == "Council meeting moved to Thursday")
    assert council.text.startswith("The council moved its monthly meeting")
    logged = [r.getMessage() for r in caplog.records if r.name == "newsbrief.ingest"]
    assert logged == [f"Briefed {loopback_site.url('/status/404')} from its teaser: The page was not found (HTTP 404)."]
