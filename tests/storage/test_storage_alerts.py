"""Follows, alerts and article updates in real SQLite: once per person and article, once per channel and update."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.models import Article, Briefing, Facts, Stats
from bot.storage import open_store
from bot.storage.alerts import HELD, SENT, TOLD
from bot.storage.schema import AlertRow
from bot.values import ChannelRef, UserRef

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ROOM = ChannelRef("slack", "T1", "C-news")
ADA = UserRef("slack", "T1", "U-ada")


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'alerts.sqlite3'}")
    yield opened
    opened.database.close()


def add(store, n: int, feed_id: int | None = None, *, text: str | None = None, guid: str | None = None) -> int:
    body = text or f"Story {n} tells how the harbour crew fixed quay {n} in {n + 2} days with {n * 3} divers."
    article = Article(text=body, title=f"Story {n}", url=f"https://news.example/{n}", published=T0)
    briefing = Briefing(title=f"Story {n}", summary=(body,), facts=Facts(), stats=Stats(20, 20))
    stored, created = store.articles.add_article(article, briefing, feed_id=feed_id, guid=guid, now=T0)
    assert created
    return stored.id


# --- follows ---------------------------------------------------------------------------------------


def test_follows_are_per_person_and_workspace_and_ignore_case_and_accents(store):
    added, known = store.follows.add_follows(ADA, ROOM, ["Zürich", "port strike"], private=False, now=T0)
    again, known_again = store.follows.add_follows(ADA, ROOM, ["zurich", "ferry"], private=False, now=T0)
    assert (added, known, again, known_again) == (["Zürich", "port strike"], [], ["ferry"], ["zurich"])
    other_workspace = UserRef("slack", "T2", "U-ada")
    store.follows.add_follows(other_workspace, ChannelRef("slack", "T2", "C-x"), ["ferry"], private=True, now=T0)
    assert [f.term for f in store.follows.follows_of(ADA)] == ["Zürich", "port strike", "ferry"]
    assert [f.private for f in store.follows.follows_of(other_workspace)] == [True]

    removed, missing = store.follows.remove_follows(ADA, ["ZURICH", "weather"])
    assert (removed, missing) == (["Zürich"], ["weather"])
    assert len(store.follows.all_follows()) == 3


# --- alerts ----------------------------------------------------------------------------------------


def test_an_article_is_reserved_for_a_person_once_and_the_message_is_marked_sent(store):
    feed, _ = store.feeds.add_feed("https://news.example/rss")
    first, second = add(store, 1, feed.id), add(store, 2, feed.id)
    assert [a.id for a in store.alerts.unalerted_articles(ADA, [feed.id], since=T0)] == [second, first]

    batch = store.alerts.reserve_alerts(ADA, "b1", [first, second], per_hour=10, now=T0)
    assert [a.id for a in batch.articles] == [first, second] and batch.held == 0
    again = store.alerts.reserve_alerts(ADA, "b2", [first, second], per_hour=10, now=T0)
    assert again.articles == () and again.held == 0
    assert store.alerts.pending_batches() == [(ADA, "b1")]
    assert store.alerts.unalerted_articles(ADA, [feed.id], since=T0) == []

    assert store.alerts.mark_sent(ADA, "b1", now=T0) == 2
    assert store.alerts.pending_batches() == []
    # Another person is told separately.
    bob = UserRef("slack", "T1", "U-bob")
    assert len(store.alerts.reserve_alerts(bob, "b3", [first], per_hour=10, now=T0).articles) == 1


def test_over_the_hourly_cap_matches_are_held_and_counted_in_the_next_message(store):
    ids = [add(store, n) for n in range(5)]
    batch = store.alerts.reserve_alerts(ADA, "b1", ids[:3], per_hour=2, now=T0)
    assert len(batch.articles) == 2 and batch.held == 1
    store.alerts.mark_sent(ADA, "b1", now=T0)

    full = store.alerts.reserve_alerts(ADA, "b2", ids[3:4], per_hour=2, now=T0 + timedelta(minutes=20))
    assert full.articles == () and full.held == 1  # at the cap: nothing to send, one more counted

    later = store.alerts.reserve_alerts(ADA, "b3", ids[4:], per_hour=2, now=T0 + timedelta(minutes=61))
    assert len(later.articles) == 1 and later.held == 1  # the one held while at the cap is told now
    store.alerts.mark_sent(ADA, "b3", now=T0 + timedelta(minutes=61))
    with store.database.read() as session:
        statuses = dict(session.execute(select(AlertRow.article_id, AlertRow.status)).all())
    assert statuses == {ids[0]: SENT, ids[1]: SENT, ids[2]: TOLD, ids[3]: TOLD, ids[4]: SENT}
    assert HELD not in statuses.values()


def test_a_dropped_message_is_never_posted_again(store):
    article = add(store, 1)
    store.alerts.reserve_alerts(ADA, "b1", [article], per_hour=10, now=T0)
    assert store.alerts.drop_batch(ADA, "b1") == 1
    assert store.alerts.pending_batches() == []
    assert store.alerts.reserve_alerts(ADA, "b2", [article], per_hour=10, now=T0).articles == ()


# --- updates ---------------------------------------------------------------------------------------


def test_an_update_is_recorded_only_once_a_channel_was_sent_the_article(store):
    feed, _ = store.feeds.add_feed("https://news.example/rss")
    article_id = add(store, 1, feed.id, guid="g-1")
    known = store.articles.find_item(feed_id=feed.id, guid="g-1", url=None)
    assert known is not None and known.id == article_id
    new_text = known.text + " The crew found a second crack. Divers will return on Monday with cement."
    revised = Article(text=new_text, title="Story 1, revised", url="https://news.example/1")
    briefing = Briefing(title="Story 1, revised", summary=(new_text,), facts=Facts(), stats=Stats(30, 30))

    quiet = store.articles.revise_article(article_id, revised, briefing, new_sentences=("x",), now=T0)
    assert quiet is None  # nobody saw the old version: the new text simply replaces it
    assert store.articles.get_article(article_id).title == "Story 1, revised"

    store.subscriptions.save_subscription(ROOM, time="08:00", timezone="UTC", feed_ids=[feed.id], now=T0)
    sent = store.deliveries.reserve_deliveries(ROOM, "d1", feed_ids=[feed.id], now=T0)
    store.deliveries.mark_sent(ROOM, "d1", now=T0)
    assert [a.id for a in sent.articles] == [article_id]

    update = store.articles.revise_article(
        article_id, revised, briefing, new_sentences=("The crew found a second crack.",), new_share=0.5,
        now=T0 + timedelta(hours=1),
    )
    assert update is not None and update.new_sentences == ("The crew found a second crack.",)

    other = ChannelRef("slack", "T1", "C-other")
    store.subscriptions.save_subscription(other, time="08:00", timezone="UTC", feed_ids=[feed.id], now=T0)
    later = T0 + timedelta(hours=2)
    for_room = store.deliveries.reserve_deliveries(ROOM, "d2", feed_ids=[feed.id], since=T0, now=later)
    for_other = store.deliveries.reserve_deliveries(other, "d3", feed_ids=[feed.id], since=T0, now=later)
    [changed] = for_room.articles
    assert changed.id == article_id and changed.update is not None and changed.update.id == update.id
    # The other channel never saw the story: it gets the story (already revised), not "Updated".
    [fresh] = for_other.articles
    assert fresh.update is None and fresh.title == "Story 1, revised"

    # Resumed after a crash: the same update comes back; once sent, it is never offered again.
    assert set(store.deliveries.pending_digests()) == {(ROOM, "d2"), (other, "d3")}
    assert [a.update.id for a in store.deliveries.pending_for(ROOM, "d2")] == [update.id]
    assert store.deliveries.reserve_deliveries(ROOM, "d2", feed_ids=[feed.id], now=later).resumed
    assert store.deliveries.mark_sent(ROOM, "d2", now=later) == 1
    assert store.deliveries.reserve_deliveries(ROOM, "d4", feed_ids=[feed.id], since=T0, now=later).articles == ()


def test_a_released_update_goes_back_to_undelivered(store):
    feed, _ = store.feeds.add_feed("https://news.example/rss")
    article_id = add(store, 1, feed.id)
    store.deliveries.reserve_deliveries(ROOM, "d1", feed_ids=[feed.id], now=T0)
    store.deliveries.mark_sent(ROOM, "d1", now=T0)
    article = Article(text="A new text about the harbour crew and its divers at the quay.", title="Story 1")
    briefing = Briefing(title="Story 1", summary=(article.text,), facts=Facts(), stats=Stats(12, 12))
    store.articles.revise_article(article_id, article, briefing, new_sentences=("New.", "Newer."), now=T0)
    store.deliveries.reserve_deliveries(ROOM, "d2", feed_ids=[feed.id], now=T0)
    assert store.deliveries.release_deliveries(ROOM, "d2") == 1
    assert [a.update is not None for a in store.deliveries.reserve_deliveries(
        ROOM, "d3", feed_ids=[feed.id], now=T0).articles] == [True]


def test_counting_undelivered_articles_by_age(store):
    feed, _ = store.feeds.add_feed("https://news.example/rss")
    for n, age in enumerate((1, 30, 40)):
        article = Article(text=f"Story {n} about quay {n} and the divers who fixed it in {n} days.",
                          title=f"Story {n}", url=f"https://news.example/{n}", published=T0 - timedelta(days=age))
        store.articles.add_article(article, Briefing(f"Story {n}", (), Facts(), Stats(9, 0)), feed_id=feed.id, now=T0)
    window = T0 - timedelta(days=7)
    assert store.deliveries.count_undelivered(ROOM, [feed.id], before=window) == 2
    assert store.deliveries.count_undelivered(ROOM, [feed.id], since=window) == 1
    assert store.deliveries.count_undelivered(ROOM, []) == 0


def test_a_subscription_made_in_a_direct_message_stays_private_and_keeps_its_filters(store):
    dm = ChannelRef("slack", "T1", "D-ada")
    record, _ = store.subscriptions.save_subscription(dm, time="08:00", timezone="UTC", private=True, now=T0)
    assert record.private
    again, _ = store.subscriptions.save_subscription(dm, time="09:00", timezone="UTC", now=T0)
    assert again.private  # decided when the row was made
    filtered = store.subscriptions.set_subscription_filters(dm, {"include": ["port"], "exclude": []})
    assert filtered.filters == {"include": ["port"], "exclude": []}
    assert store.subscriptions.set_subscription_filters(ROOM, {}) is None
