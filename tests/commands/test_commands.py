"""The command layer against a real SQLite file: briefs, lookups, subscriptions, feeds, permissions, errors."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.commands.model import CommandRequest, Reply
from bot.commands.table import all_actions
from bot.storage import PollOutcome, open_store
from bot.values import ChannelRef
from tests.kit import REPO, FakeClock, add_feed_articles, command_service, settings_for

NOW = datetime(2025, 11, 28, 12, 0, tzinfo=UTC)  # a Friday; Berlin is on CET
ROOM = ChannelRef("discord", "guild-1", "news-room")
SEED = REPO / "seeds" / "09-antwerp-strike-wire.txt"
REFUSAL = "only people who can manage this channel"


class ScheduleSpy:
    """Collects the subscriptions the service reports as changed (the scheduler's side)."""

    def __init__(self) -> None:
        self.changed = []

    def subscription_changed(self, subscription) -> None:
        self.changed.append(subscription)


def ask(command: str, text: str = "", *, manager: bool = True, dm: bool = False, channel: ChannelRef = ROOM) -> CommandRequest:
    return CommandRequest(channel=channel, user="user-7", command=command, text=text, is_dm=dm, can_manage=manager)


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.database.close()


@pytest.fixture
def spy():
    return ScheduleSpy()


@pytest.fixture
async def service(store, tmp_path, spy):
    # These tests are about the channel's bookkeeping, so feeds are stored unchecked (no network).
    async with command_service(settings_for(tmp_path), store, clock=FakeClock(NOW), schedule=spy, find_feed=None) as built:
        yield built


def assert_refused(reply: Reply) -> None:
    assert reply.is_error and reply.ephemeral
    assert REFUSAL in reply.text


# --- brief and lookup -----------------------------------------------------------------------------


async def test_pasted_text_is_briefed_and_kept_for_lookup(service, store):
    reply = await service.handle(ask("brief", SEED.read_text()))
    assert not reply.is_error, reply.text
    [briefing] = reply.briefings
    assert "Antwerp" in briefing.title and briefing.source == "Continental Wire"
    assert 1 <= len(briefing.summary) <= 3
    assert store.articles.count_articles() == 1

    found = await service.handle(ask("lookup", "dockworkers crane"))
    assert found.matches.heading == "1 match for “dockworkers crane”:"
    assert [b.title for b in found.matches.briefings] == [briefing.title] and found.briefings == ()


async def test_more_facts_answers_privately_with_the_whole_stored_briefing(service, store):
    [briefing] = (await service.handle(ask("brief", SEED.read_text()))).briefings
    assert briefing.ref and store.articles.find_by_ref(briefing.ref) is not None
    card = await service.handle(ask("facts", briefing.ref))
    assert card.fact_card and card.is_private and not card.is_error
    [whole] = card.briefings
    assert whole == briefing and whole.ref == briefing.ref
    found = await service.handle(ask("lookup", "dockworkers"))
    assert [b.ref for b in found.matches.briefings] == [briefing.ref]  # a lookup's buttons name the same article


async def test_more_facts_still_finds_a_story_edited_since_it_was_posted(service, store):
    [posted] = (await service.handle(ask("brief", SEED.read_text()))).briefings
    stored = store.articles.find_by_ref(posted.ref)
    edited = replace(stored.as_article(), text=stored.text + "\n\nUnions called off the strike late on Wednesday.")
    store.articles.revise_article(stored.id, edited, replace(stored.briefing, summary=("Unions called it off.",)))
    assert store.articles.get_article(stored.id).content_hash != stored.content_hash  # a new fingerprint
    card = await service.handle(ask("facts", posted.ref))
    assert card.fact_card and card.briefings[0].summary == ("Unions called it off.",)
    fingerprint_only = await service.handle(ask("facts", stored.content_hash))
    assert fingerprint_only.text.startswith("Sorry, I no longer keep that article")  # the CLI's reference, before storing


async def test_more_facts_for_an_article_no_longer_stored_gets_a_polite_private_answer(service):
    reply = await service.handle(ask("facts", "0" * 64))
    assert reply.is_private and not reply.is_error and reply.briefings == ()
    assert reply.text.startswith("Sorry, I no longer keep that article") and "/brief" in reply.text
    nonsense = await service.handle(ask("facts", "'; DROP TABLE articles; --"))
    assert nonsense.is_error and "More facts" in nonsense.text


async def test_a_link_is_fetched_briefed_and_kept(tmp_path, store, loopback_site):
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="true")
    async with command_service(settings, store, clock=FakeClock(NOW)) as service:
        reply = await service.handle(ask("brief", loopback_site.url("/pages/story-1.html")))
    assert not reply.is_error, reply.text
    assert reply.briefings[0].title == "Riverside ferry returns after winter repairs"
    assert "/pages/story-1.html" in loopback_site.paths()
    assert [hit.article.title for hit in store.articles.search("ferry")] == [reply.briefings[0].title]


async def test_links_to_private_networks_are_refused_with_a_sentence(service, loopback_site):
    reply = await service.handle(ask("brief", loopback_site.url("/pages/story-1.html")))
    assert reply.is_error and "private or local network" in reply.text
    assert loopback_site.paths() == []


async def test_lookup_with_no_match_says_so_and_empty_commands_explain_their_use(service):
    nothing = await service.handle(ask("lookup", "zeppelin"))
    assert not nothing.is_error and "Nothing I have stored matches “zeppelin”" in nothing.text
    for command, expected in (("brief", "Give me a link"), ("lookup", "Tell me what to look up"),
                              ("subscribe", "Give the time")):
        reply = await service.handle(ask(command, "  "))
        assert reply.is_error and reply.ephemeral and expected in reply.text


async def test_an_unknown_command_gets_a_sentence(service):
    reply = await service.handle(ask("teleport", "now"))
    assert reply.is_error and "I don't know the command “teleport”" in reply.text


# --- direct messages -------------------------------------------------------------------------------


async def test_a_direct_message_with_a_link_gets_its_briefing(tmp_path, store, loopback_site):
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="true")
    link = loopback_site.url("/pages/story-1.html")
    async with command_service(settings, store, clock=FakeClock(NOW)) as service:
        reply = await service.handle(ask("", f"what is this? {link}.", dm=True, manager=False))
    assert reply.briefings and reply.briefings[0].title.startswith("Riverside ferry")


async def test_direct_message_help_gets_help_and_other_words_are_looked_up(service):
    await service.handle(ask("brief", SEED.read_text()))
    helped = await service.handle(ask("", "help", dm=True))
    assert "subscribe <HH:MM>" in helped.text and helped.briefings == ()
    looked_up = await service.handle(ask("", "antwerp strike", dm=True))
    assert looked_up.matches.heading.startswith("1 match for “antwerp strike”")
    assert "Antwerp" in looked_up.matches.briefings[0].title


async def test_a_blank_request_outside_a_direct_message_asks_what_to_do(service):
    reply = await service.handle(ask("", ""))
    assert reply.is_error and "`help` lists the commands" in reply.text


# --- permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "text"),
    [("subscribe", "08:00"), ("unsubscribe", ""), ("feeds", "add https://feeds.example/a.xml"),
     ("feeds", "remove https://feeds.example/a.xml")],
)
async def test_people_who_cannot_manage_the_channel_are_refused_politely(service, store, spy, command, text):
    reply = await service.handle(ask(command, text, manager=False))
    assert_refused(reply)
    assert store.subscriptions.get_subscription(ROOM) is None and store.feeds.list_feeds() == [] and spy.changed == []


async def test_anyone_may_read_status_list_feeds_and_ask_for_a_digest(service):
    for command, text in (("status", ""), ("feeds", "list"), ("digest", ""), ("help", "")):
        reply = await service.handle(ask(command, text, manager=False))
        assert not reply.is_error, (command, reply.text)


async def test_a_direct_message_channel_is_the_users_own_to_manage(service, store):
    dm = ChannelRef("discord", "@dm", "dm-55")
    reply = await service.handle(ask("subscribe", "07:30", dm=True, manager=False, channel=dm))
    assert not reply.is_error, reply.text
    assert store.subscriptions.get_subscription(dm).time == "07:30"


# --- subscribe, unsubscribe, status ----------------------------------------------------------------


async def test_subscribe_confirms_with_the_next_run_in_local_time_and_tells_the_scheduler(service, store, spy):
    reply = await service.handle(ask("subscribe", "08:00 Europe/Berlin"))
    assert reply.text.startswith("Subscribed: daily digest at 08:00 Europe/Berlin; next one Sat 29 Nov 08:00 CET.")
    saved = store.subscriptions.get_subscription(ROOM)
    assert (saved.time, saved.timezone, saved.enabled, saved.created_by) == ("08:00", "Europe/Berlin", True, "user-7")
    assert spy.changed == [saved]


async def test_subscribe_defaults_to_utc_and_reads_zones_in_any_case(service, store):
    utc_reply = await service.handle(ask("subscribe", "7:05"))
    assert "daily digest at 07:05 UTC; next one Sat 29 Nov 07:05 UTC." in utc_reply.text
    await service.handle(ask("subscribe", "18:30 america/new_york"))
    assert store.subscriptions.get_subscription(ROOM).timezone == "America/New_York"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("25:00", "is not a time like 08:00"), ("08:00 Mars/Base", "not a time zone I know"),
     ("08:00 Europe/Berlin extra", "Give just a time and a time zone")],
)
async def test_subscribe_refuses_bad_times_and_zones_with_a_sentence(service, store, text, expected):
    reply = await service.handle(ask("subscribe", text))
    assert reply.is_error and reply.ephemeral and expected in reply.text
    assert store.subscriptions.get_subscription(ROOM) is None


async def test_unsubscribe_stops_the_digest_keeps_the_feeds_and_status_shows_it(service, store, spy):
    await service.handle(ask("subscribe", "08:00 Europe/Berlin"))
    await service.handle(ask("feeds", "add https://feeds.example/valley.xml"))
    before = await service.handle(ask("status"))
    assert "every day at 08:00 Europe/Berlin; next one Sat 29 Nov 08:00 CET" in before.text

    stopped = await service.handle(ask("unsubscribe"))
    assert stopped.text.startswith("Unsubscribed")
    assert spy.changed[-1].enabled is False
    after = await service.handle(ask("status"))
    assert "Daily digest: off (unsubscribed)" in after.text
    assert "https://feeds.example/valley.xml — not polled yet" in after.text
    again = await service.handle(ask("unsubscribe"))
    assert again.text == "This channel has no daily digest to stop."


async def test_status_reports_each_feeds_health(service, store):
    await service.handle(ask("feeds", "add https://feeds.example/good.xml"))
    await service.handle(ask("feeds", "add https://feeds.example/bad.xml"))
    good, bad = store.feeds.get_feed("https://feeds.example/good.xml"), store.feeds.get_feed("https://feeds.example/bad.xml")
    store.feeds.update_feed_poll_result(good.id, PollOutcome(ok=True, status=200, next_poll_at=NOW), now=NOW.replace(hour=11, minute=48))
    for _ in range(2):
        store.feeds.update_feed_poll_result(bad.id, PollOutcome(ok=False, status=503, error="The site answered 503.",
                                                          next_poll_at=NOW), now=NOW.replace(hour=11))
    status = await service.handle(ask("status"))
    assert "Daily digest: off (no daily digest scheduled)" in status.text
    assert "https://feeds.example/good.xml — ok, polled 12 min ago" in status.text
    assert "https://feeds.example/bad.xml — failing (2 attempts, last 60 min ago): The site answered 503." in status.text


# --- feeds -----------------------------------------------------------------------------------------


async def test_feeds_are_added_listed_and_removed_per_channel(service, store):
    other = ChannelRef("discord", "guild-1", "sports")
    added = await service.handle(ask("feeds", "add https://feeds.example/valley.xml"))
    assert added.text.startswith("Added feed https://feeds.example/valley.xml.")
    twice = await service.handle(ask("feeds", "add https://feeds.example/valley.xml"))
    assert twice.text == "This channel already follows https://feeds.example/valley.xml."
    await service.handle(ask("feeds", "add https://feeds.example/scores.xml", channel=other))

    listed = await service.handle(ask("feeds"))
    assert listed.text.splitlines() == [
        "Feeds of this channel (1):", "• https://feeds.example/valley.xml — not polled yet",
    ]
    removed = await service.handle(ask("feeds", "remove https://feeds.example/valley.xml"))
    assert removed.text == "Removed feed https://feeds.example/valley.xml from this channel."
    assert store.subscriptions.get_subscription(ROOM).feed_ids == ()
    assert len(store.subscriptions.get_subscription(other).feed_ids) == 1
    # Following feeds alone schedules nothing.
    assert store.subscriptions.get_subscription(ROOM).enabled is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [("add", "Give the feed's address"), ("add ftp://feeds.example/x", "is not an http(s) link"),
     ("remove https://feeds.example/never.xml", "does not follow"), ("rename x", "I don't know `feeds rename`")],
)
async def test_feed_mistakes_get_sentences(service, text, expected):
    reply = await service.handle(ask("feeds", text))
    assert reply.is_error and expected in reply.text


# --- digest now ------------------------------------------------------------------------------------


async def test_digest_now_shows_unseen_news_once_and_the_daily_digest_will_not_repeat_it(service, store):
    none_yet = await service.handle(ask("digest"))
    assert "follows no feeds yet" in none_yet.text
    await service.handle(ask("feeds", "add https://feeds.example/valley.xml"))
    feed = store.feeds.get_feed("https://feeds.example/valley.xml")
    add_feed_articles(store, feed.id, "valley", 7, NOW)

    first = await service.handle(ask("digest"))
    assert first.digest is not None and len(first.digest.items) == 5 and first.digest.more == 2
    assert first.digest.items[0].briefing.title.endswith("(6)")  # newest first
    second = await service.handle(ask("digest"))
    assert second.digest is None and second.text == "Nothing new since the last digest."
    assert store.deliveries.undelivered_articles(ROOM, [feed.id]) == []
    assert store.deliveries.pending_digests() == []


# --- unexpected errors -----------------------------------------------------------------------------


async def test_a_bug_becomes_an_apology_with_a_reference_and_the_trace_is_logged(store, tmp_path, caplog):
    def broken_briefer(article):
        raise ZeroDivisionError("scorer divided by zero")

    async with command_service(settings_for(tmp_path), store, clock=FakeClock(NOW), brief=broken_briefer) as service:
        with caplog.at_level(logging.ERROR):
            reply = await service.handle(ask("brief", SEED.read_text()))
    match = re.fullmatch(r"Sorry, something went wrong \(ref ([0-9A-F]{6})\)\.", reply.text)
    assert match and reply.is_error and reply.ephemeral
    [record] = [r for r in caplog.records if match.group(1) in r.getMessage()]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


@pytest.mark.parametrize("action", [a for a in all_actions() if a.managers_only], ids=lambda a: a.name)
async def test_every_managers_only_command_of_the_table_is_refused_to_others(service, action):
    top, *sub = action.name.split()
    reply = await service.handle(ask(top, " ".join([*sub, "08:00 https://feeds.example/a.xml"]), manager=False))
    assert_refused(reply)
    assert action.action in reply.text
