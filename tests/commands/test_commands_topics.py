"""`filter`, `follow`, `feeds export`, the digest's window and chat `feeds add` on a web page, against real SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands.model import CommandRequest
from bot.models import Article
from bot.sources.opml import read_opml
from bot.storage import open_store
from bot.values import ChannelRef, UserRef
from tests.kit import FakeClock, briefing_for, command_service, settings_for

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
ROOM = ChannelRef("discord", "guild-1", "news-room")


def ask(command: str, text: str = "", *, manager: bool = True, dm: bool = False, channel: ChannelRef = ROOM,
        user: str = "user-7") -> CommandRequest:
    return CommandRequest(channel=channel, user=user, command=command, text=text, is_dm=dm, can_manage=manager)


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'topics.sqlite3'}")
    yield opened
    opened.database.close()


@pytest.fixture
async def service(store, tmp_path):
    async with command_service(settings_for(tmp_path), store, clock=FakeClock(NOW), find_feed=None) as built:
        yield built


def add_story(store, feed_id: int, title: str, text: str, *, age: timedelta = timedelta(hours=1),
              dated: bool = True) -> None:
    published = NOW - age if dated else None
    article = Article(text=text, title=title, url=f"https://news.example/{title.replace(' ', '-')}", published=published)
    store.articles.add_article(article, briefing_for(title, text, published=published), feed_id=feed_id,
                               now=NOW - age)


async def channel_with_feed(service, store) -> int:
    await service.handle(ask("feeds", "add https://feeds.example/port.xml"))
    return store.feeds.get_feed("https://feeds.example/port.xml").id


# --- filters ---------------------------------------------------------------------------------------


async def test_an_exclude_filter_keeps_an_article_about_a_strike_out_of_the_digest(service, store):
    feed_id = await channel_with_feed(service, store)
    add_story(store, feed_id, "Dockers strike in Antwerp", "Dockworkers began a two-day STRIKE at dawn on Tuesday.")
    add_story(store, feed_id, "Ferry adds a late crossing", "The ferry will leave the pier at eleven each evening.")
    reply = await service.handle(ask("filter", "exclude strike"))
    assert "leaving out articles that mention: strike" in reply.text

    digest = (await service.handle(ask("digest"))).digest
    assert [item.briefing.title for item in digest.items] == ["Ferry adds a late crossing"]
    # The strike story is not lost: clearing the filter lets it in.
    assert "left out by this channel's filters" in (await service.handle(ask("digest"))).text
    await service.handle(ask("filter", "clear"))
    assert [i.briefing.title for i in (await service.handle(ask("digest"))).digest.items] == ["Dockers strike in Antwerp"]


async def test_include_needs_one_word_and_lists_show_both_kinds(service, store):
    feed_id = await channel_with_feed(service, store)
    add_story(store, feed_id, "Harbour cranes idle", "Crews at the harbour waited for spare parts.")
    add_story(store, feed_id, "Library opens late", "Readers queued past nine for the evening hours.")
    await service.handle(ask("filter", 'include harbour "port of antwerp"'))
    await service.handle(ask("filter", "exclude football"))
    listed = await service.handle(ask("filter"))
    assert listed.ephemeral and listed.text.splitlines()[1:3] == [
        "• only articles that mention one of: harbour “port of antwerp”",
        "• leaving out articles that mention: football",
    ]
    digest = (await service.handle(ask("digest"))).digest
    assert [item.briefing.title for item in digest.items] == ["Harbour cranes idle"]


async def test_filters_are_for_channel_managers_and_need_words(service):
    refused = await service.handle(ask("filter", "exclude strike", manager=False))
    assert refused.is_error and "can change this channel's filters" in refused.text
    shown = await service.handle(ask("filter", "list", manager=False))
    assert "has no filters" in shown.text
    empty = await service.handle(ask("filter", "include"))
    assert empty.is_error and "Give the words to include" in empty.text
    assert (await service.handle(ask("filter", "clear"))).text == "This channel has no filters to clear."


# --- the digest's window ---------------------------------------------------------------------------


async def test_an_empty_digest_says_how_many_articles_are_older_than_the_window(service, store):
    feed_id = await channel_with_feed(service, store)
    for n in range(3):
        add_story(store, feed_id, f"Old story {n}", f"Something happened long ago, part {n}.", age=timedelta(days=9 + n))
    reply = await service.handle(ask("digest"))
    assert reply.digest is None
    assert reply.text == (
        "Nothing new since the last digest: 3 articles are older than 7 days, the digest's window "
        "(NEWSBRIEF_DIGEST_MAX_AGE_DAYS sets it)."
    )


async def test_the_window_is_a_setting(store, tmp_path):
    settings = settings_for(tmp_path, NEWSBRIEF_DIGEST_MAX_AGE_DAYS="30")
    async with command_service(settings, store, clock=FakeClock(NOW), find_feed=None) as service:
        feed_id = await channel_with_feed(service, store)
        add_story(store, feed_id, "Old story", "Something happened three weeks ago.", age=timedelta(days=21))
        add_story(store, feed_id, "Older story", "Something happened two months ago.", age=timedelta(days=60))
        reply = await service.handle(ask("digest"))
        assert [item.briefing.title for item in reply.digest.items] == ["Old story"]
        assert "1 article is older than 30 days" in (await service.handle(ask("digest"))).text


async def test_an_undated_article_counts_from_when_it_was_first_seen(store, tmp_path):
    settings = settings_for(tmp_path, NEWSBRIEF_DIGEST_MAX_ITEMS="1")
    async with command_service(settings, store, clock=FakeClock(NOW), find_feed=None) as service:
        feed_id = await channel_with_feed(service, store)
        add_story(store, feed_id, "Dated two days ago", "The council met two days ago.", age=timedelta(days=2))
        add_story(store, feed_id, "Undated but new", "The ferry runs again.", age=timedelta(minutes=5), dated=False)
        digest = (await service.handle(ask("digest"))).digest
        assert [item.briefing.title for item in digest.items] == ["Undated but new"] and digest.more == 1


# --- follows ---------------------------------------------------------------------------------------


async def test_follow_unfollow_and_following_are_private_and_per_person(service, store):
    followed = await service.handle(ask("follow", 'antwerp "port strike"'))
    assert followed.ephemeral and "Following antwerp “port strike”" in followed.text
    assert "from the feeds of the channels here mentions one of them" in followed.text
    again = await service.handle(ask("follow", "Antwerp"))
    assert again.text == "You already follow Antwerp."
    assert [f.term for f in store.follows.follows_of(UserRef("discord", "guild-1", "user-7"))] == [
        "antwerp", "port strike"]

    listed = await service.handle(ask("following"))
    assert listed.text.startswith("You follow antwerp “port strike”.")
    other = await service.handle(ask("following", user="user-8"))
    assert other.text.startswith("You follow no words yet.")

    stopped = await service.handle(ask("unfollow", "ANTWERP weather"))
    assert stopped.text == "Stopped following antwerp.\nYou don't follow weather; `following` lists what you do."
    missing = await service.handle(ask("unfollow", "weather"))
    assert missing.is_error


async def test_a_follow_made_in_a_direct_message_is_private_to_that_conversation(service, store):
    dm = ChannelRef("discord", "@me", "dm-7")
    reply = await service.handle(ask("follow", "ferry", dm=True, channel=dm))
    assert "from the feeds of this conversation" in reply.text
    [follow] = store.follows.follows_of(UserRef("discord", "@me", "user-7"))
    assert follow.private and follow.channel == dm


# --- feeds export ----------------------------------------------------------------------------------


async def test_feeds_export_answers_with_an_opml_file_of_the_channels_feeds(service, store):
    assert "follows no feeds yet" in (await service.handle(ask("feeds", "export"))).text
    await service.handle(ask("feeds", "add https://feeds.example/port.xml"))
    await service.handle(ask("feeds", "add https://feeds.example/valley.xml"))
    await service.handle(ask("feeds", "add https://feeds.example/other.xml", channel=ChannelRef("discord", "g", "c")))
    reply = await service.handle(ask("feeds", "export", manager=False))
    assert reply.text.startswith("This channel's 2 feeds as OPML") and not reply.is_private
    assert reply.attachment.filename.endswith(".opml")
    assert sorted(feed.url for feed in read_opml(reply.attachment.data)) == [
        "https://feeds.example/port.xml", "https://feeds.example/valley.xml"]


# --- feeds add on a web page (the real check, against the loopback site) ------------------------


async def test_chat_feeds_add_on_a_home_page_follows_the_feed_it_advertises(store, tmp_path, loopback_site):
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    async with command_service(settings, store, clock=FakeClock(NOW)) as service:
        home = loopback_site.url("/")
        reply = await service.handle(ask("feeds", f"add {home}"))
        feed = loopback_site.url("/feeds/rss20.xml")
        assert reply.text.startswith(f"{home} is a web page; following the feed it advertises: {feed}.")
        stored = store.feeds.get_feed(feed)
        assert stored.title == "Valley Courier" and store.subscriptions.get_subscription(ROOM).feed_ids == (stored.id,)

        refused = await service.handle(ask("feeds", f"add {loopback_site.url('/status/404')}"))
        assert refused.is_error and "HTTP 404" in refused.text
        nothing = await service.handle(ask("feeds", f"add {loopback_site.url('/about/')}"))
        assert nothing.is_error and "found no feed for it" in nothing.text
        assert store.subscriptions.get_subscription(ROOM).feed_ids == (stored.id,)
