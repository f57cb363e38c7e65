"""A story's later versions, polled from a real feed on a loopback site: updates are listed once, edits are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_app
from bot.commands.model import CommandRequest
from bot.render import render_text
from bot.values import ChannelRef
from tests.fakes.content import PORT_STORIES, PORT_STRIKE_UPDATE
from tests.kit import FakeClock, RecordingSink, settings_for

ROOM = ChannelRef("console", "local", "terminal")
STRIKE = PORT_STORIES["antwerp-strike"][0]


def ask(command: str, text: str = "") -> CommandRequest:
    return CommandRequest(ROOM, "tester", command, text, can_manage=True)


async def test_an_updated_story_is_listed_once_as_updated_with_its_new_sentences(tmp_path, loopback_site):
    clock = FakeClock(datetime.now(UTC))
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    app = build_app(settings, clock=clock, extra_sinks=[RecordingSink()], platforms=(), fire_jobs=False)
    await app.start()
    try:
        loopback_site.port_stories = ["antwerp-strike", "ferry-timetable"]
        await app.service.handle(ask("feeds", f"add {loopback_site.url('/feeds/port.xml')}"))
        await app.runner.poll_feeds()
        first = (await app.service.handle(ask("digest"))).digest
        assert STRIKE in {item.briefing.title for item in first.items}

        # An editor fixes a typo, corrects a figure and rewrites the headline: no news, nothing to list.
        loopback_site.port_strike_version = "edited"
        clock.set(clock() + timedelta(minutes=30))
        await app.runner.poll_feeds()
        assert "Nothing new since the last digest" in (await app.service.handle(ask("digest"))).text
        stored = app.store.articles.search("remote-controlled cranes", 1)
        assert stored and "three hundred and twenty" in stored[0].article.text  # the edit is kept quietly

        # Two paragraphs of news are added: the next digest lists the story once, as "Updated".
        loopback_site.port_strike_version = "updated"
        clock.set(clock() + timedelta(minutes=30))
        await app.runner.poll_feeds()
        updated = (await app.service.handle(ask("digest"))).digest
        [item] = updated.items
        assert item.briefing.title.startswith("Updated: ")
        assert item.briefing.summary == tuple(PORT_STRIKE_UPDATE)
        text = render_text(updated)
        assert f"Updated: {STRIKE}" in text and "eleven container ships" in text

        clock.set(clock() + timedelta(minutes=30))
        await app.runner.poll_feeds()
        assert "Nothing new since the last digest" in (await app.service.handle(ask("digest"))).text
    finally:
        await app.stop()


async def test_a_channel_that_never_saw_the_story_gets_it_whole_not_as_an_update(tmp_path, loopback_site):
    clock = FakeClock(datetime.now(UTC))
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    app = build_app(settings, clock=clock, extra_sinks=[RecordingSink()], platforms=(), fire_jobs=False)
    await app.start()
    try:
        loopback_site.port_stories = ["antwerp-strike"]
        await app.service.handle(ask("feeds", f"add {loopback_site.url('/feeds/port.xml')}"))
        await app.runner.poll_feeds()
        loopback_site.port_strike_version = "updated"
        clock.set(clock() + timedelta(minutes=30))
        await app.runner.poll_feeds()
        [item] = (await app.service.handle(ask("digest"))).digest.items
        assert item.briefing.title == STRIKE
    finally:
        await app.stop()


async def test_an_undated_feed_item_fetched_today_is_in_the_digest(tmp_path, loopback_site):
    clock = FakeClock(datetime.now(UTC))
    settings = settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    app = build_app(settings, clock=clock, extra_sinks=[RecordingSink()], platforms=(), fire_jobs=False)
    await app.start()
    try:
        await app.service.handle(ask("feeds", f"add {loopback_site.url('/feeds/undated.xml')}"))
        await app.runner.poll_feeds()
        reply = await app.service.handle(ask("digest"))
        assert [item.briefing.title for item in reply.digest.items] == [PORT_STORIES["library-laptops"][0]]
        again = await app.service.handle(ask("digest"))
        assert again.text == ("Nothing new since the last digest: 2 articles are older than 7 days, the digest's "
                              "window (NEWSBRIEF_DIGEST_MAX_AGE_DAYS sets it).")
    finally:
        await app.stop()
