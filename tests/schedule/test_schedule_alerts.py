"""Alerts after a poll: one direct message per person, each article once, scoped, filtered, capped, resumed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bot.chat import RecipientUnavailable
from bot.commands.model import Reply
from bot.models import Article
from bot.schedule.alerts import AlertOptions, AlertSender
from bot.storage import open_store
from bot.values import ChannelRef, UserRef
from tests.kit import FakeClock, briefing_for

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
NEWS = ChannelRef("slack", "T1", "C-news")
SPORT = ChannelRef("slack", "T1", "C-sport")
ELSEWHERE = ChannelRef("slack", "T2", "C-news")
ADA = UserRef("slack", "T1", "U-ada")


@dataclass
class RecordingMessenger:
    """A direct-message sink that keeps what it was asked to send, and can be told to fail."""

    platform: str = "slack"
    sent: list[tuple[UserRef, Reply]] = field(default_factory=list)
    failure: Exception | None = None

    async def send_direct(self, recipient: UserRef, reply: Reply) -> None:
        if self.failure is not None:
            raise self.failure
        self.sent.append((recipient, reply))


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'alerts.sqlite3'}")
    yield opened
    opened.database.close()


@pytest.fixture
def clock():
    return FakeClock(T0)


def sender(store, clock, messenger, **options) -> AlertSender:
    return AlertSender(store.follows, store.alerts, store.subscriptions, clock=clock,
                       options=AlertOptions(**options), messengers=[messenger])


def feed_for(store, channel: ChannelRef, url: str, *, private: bool = False, filters=None) -> int:
    feed, _ = store.feeds.add_feed(url, now=T0)
    existing = store.subscriptions.get_subscription(channel)
    feed_ids = [*(existing.feed_ids if existing else ()), feed.id]
    store.subscriptions.save_subscription(channel, time="08:00", timezone="UTC", feed_ids=feed_ids, private=private,
                                          filters=filters, now=T0)
    return feed.id


def story(store, feed_id: int, title: str, text: str, at: datetime) -> int:
    article = Article(text=text, title=title, url=f"https://news.example/{title.replace(' ', '-')}", published=at)
    stored, _ = store.articles.add_article(article, briefing_for(title, text), feed_id=feed_id, now=at)
    return stored.id


async def test_new_matching_articles_from_the_workspace_come_as_one_message_once(store, clock):
    news, sport = feed_for(store, NEWS, "https://a.example/rss"), feed_for(store, SPORT, "https://b.example/rss")
    elsewhere = feed_for(store, ELSEWHERE, "https://c.example/rss")
    store.follows.add_follows(ADA, NEWS, ["antwerp", "ferry"], private=False, now=T0)
    clock.set(T0 + timedelta(minutes=30))
    story(store, news, "Antwerp dockers strike", "Dockworkers in Antwerp walked out.", clock())
    story(store, sport, "Ferry cup final", "The ferry crews played the cup final.", clock())
    story(store, news, "Library hours", "The library opens late.", clock())
    story(store, elsewhere, "Antwerp elsewhere", "Another workspace's Antwerp news.", clock())
    messenger = RecordingMessenger()

    report = await sender(store, clock, messenger).send_alerts()
    [(recipient, reply)] = messenger.sent
    assert recipient == ADA
    assert reply.text == "2 new articles about antwerp and ferry:"
    assert {b.title for b in reply.briefings} == {"Antwerp dockers strike", "Ferry cup final"}
    assert (report.messages, report.articles) == (1, 2)
    assert report.summary() == "1 alert sent (2 articles)"

    await sender(store, clock, messenger).send_alerts()
    assert len(messenger.sent) == 1  # nothing new, nothing sent again


async def test_only_articles_stored_after_the_follow_and_within_a_day_count(store, clock):
    news = feed_for(store, NEWS, "https://a.example/rss")
    story(store, news, "Antwerp before", "Antwerp news from before the follow.", T0 - timedelta(minutes=1))
    store.follows.add_follows(ADA, NEWS, ["antwerp"], private=False, now=T0)
    story(store, news, "Antwerp after", "Antwerp news from after the follow.", T0 + timedelta(minutes=1))
    clock.set(T0 + timedelta(hours=30))
    story(store, news, "Antwerp today", "Antwerp news from today.", clock())
    messenger = RecordingMessenger()
    await sender(store, clock, messenger).send_alerts()
    [(_, reply)] = messenger.sent
    assert [b.title for b in reply.briefings] == ["Antwerp today"]


async def test_a_channels_filter_and_other_peoples_direct_messages_are_respected(store, clock):
    feed_for(store, NEWS, "https://a.example/rss", filters={"include": [], "exclude": ["strike"]})
    private_feed = feed_for(store, ChannelRef("slack", "T1", "D-bob"), "https://bob.example/rss", private=True)
    store.follows.add_follows(ADA, NEWS, ["antwerp"], private=False, now=T0)
    news = store.feeds.get_feed("https://a.example/rss").id
    story(store, news, "Antwerp strike", "Antwerp dockers strike again.", T0)
    story(store, private_feed, "Antwerp in Bob's feed", "Bob follows this Antwerp feed privately.", T0)
    messenger = RecordingMessenger()
    await sender(store, clock, messenger).send_alerts()
    assert messenger.sent == []

    # Bob, following from his own direct message, does hear about his feed.
    bob = UserRef("slack", "T1", "U-bob")
    store.follows.add_follows(bob, ChannelRef("slack", "T1", "D-bob"), ["antwerp"], private=True, now=T0)
    await sender(store, clock, messenger).send_alerts()
    [(recipient, reply)] = messenger.sent
    assert recipient == bob and [b.title for b in reply.briefings] == ["Antwerp in Bob's feed"]


async def test_the_hourly_cap_sends_the_first_and_counts_the_rest(store, clock):
    news = feed_for(store, NEWS, "https://a.example/rss")
    store.follows.add_follows(ADA, NEWS, ["antwerp"], private=False, now=T0)
    for n in range(4):
        story(store, news, f"Antwerp story {n}", f"Antwerp report number {n}.", T0 + timedelta(minutes=n))
    messenger = RecordingMessenger()
    clock.set(T0 + timedelta(minutes=10))
    report = await sender(store, clock, messenger, per_hour=3).send_alerts()
    [(_, reply)] = messenger.sent
    assert len(reply.briefings) == 3 and report.held == 1
    assert "Also 1 more article over your limit of 3 alerts an hour" in reply.text


async def test_a_failed_message_is_sent_again_and_an_unreachable_person_is_dropped(store, clock):
    news = feed_for(store, NEWS, "https://a.example/rss")
    store.follows.add_follows(ADA, NEWS, ["antwerp"], private=False, now=T0)
    story(store, news, "Antwerp story", "Antwerp report.", T0)
    messenger = RecordingMessenger(failure=ConnectionError("Slack is down"))
    report = await sender(store, clock, messenger).send_alerts()
    assert report.failed == 1 and store.alerts.pending_batches()

    messenger.failure = None
    await sender(store, clock, messenger).send_alerts()
    [(_, reply)] = messenger.sent
    assert [b.title for b in reply.briefings] == ["Antwerp story"]
    assert store.alerts.pending_batches() == []

    story(store, news, "Antwerp again", "Antwerp report two.", T0 + timedelta(minutes=5))
    messenger.failure = RecipientUnavailable("user_not_found")
    report = await sender(store, clock, messenger).send_alerts()
    assert report.dropped == 1 and store.alerts.pending_batches() == []
    messenger.failure = None
    await sender(store, clock, messenger).send_alerts()
    assert len(messenger.sent) == 1  # the dropped one is never tried again


async def test_people_on_a_platform_without_a_running_adapter_wait(store, clock):
    news = feed_for(store, NEWS, "https://a.example/rss")
    store.follows.add_follows(ADA, NEWS, ["antwerp"], private=False, now=T0)
    story(store, news, "Antwerp story", "Antwerp report.", T0)
    discord_only = RecordingMessenger(platform="discord")
    await sender(store, clock, discord_only).send_alerts()
    assert discord_only.sent == [] and store.alerts.pending_batches() == []
    slack = RecordingMessenger()
    await sender(store, clock, slack).send_alerts()
    assert len(slack.sent) == 1
