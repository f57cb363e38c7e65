"""Discord direct messages (alerts) and file answers (OPML), through discord.py against the loopback Discord."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from adapters.discord_bot.adapter import DiscordAdapter
from bot.chat import RecipientUnavailable
from bot.commands.model import Attachment, Reply
from bot.settings import load_settings
from bot.values import UserRef
from tests.fakes.discord_server import (
    APP_ID,
    CLOSED_DMS_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    MANAGER_ID,
    MEMBER_ID,
    FakeDiscord,
)
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing

OPML = b'<?xml version="1.0"?>\n<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>\n'


@asynccontextmanager
async def running(fake: FakeDiscord, service):
    settings = load_settings(DISCORD_TOKEN=fake.token, DISCORD_API_BASE=fake.api_base,
                             DISCORD_GATEWAY_URL=fake.gateway_url)
    adapter = DiscordAdapter(settings.discord, service, guild_ready_timeout=0.05)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


async def test_an_alert_opens_the_members_dm_channel_and_posts_the_briefing(fake_discord):
    async with running(fake_discord, Recorder()) as adapter:
        reply = Reply(text="A new article about ferry:", briefings=(sample_briefing(),))
        await adapter.send_direct(UserRef("discord", str(GUILD_ID), str(MEMBER_ID)), reply)
    [opened] = [r for r in fake_discord.requests if r.method == "POST" and r.path == "/users/@me/channels"]
    assert opened.body == {"recipient_id": MEMBER_ID}
    posts = fake_discord.channel_posts(DM_CHANNEL_ID)
    assert posts[0].body["content"] == "A new article about ferry:"
    assert posts[1].body["embeds"][0]["title"].startswith("Harbour council backs night ferry")
    assert all(post.body["allowed_mentions"] == {"parse": []} for post in posts)


async def test_a_member_who_accepts_no_dms_is_unavailable_for_good(fake_discord):
    async with running(fake_discord, Recorder()) as adapter:
        with pytest.raises(RecipientUnavailable, match="403"):
            await adapter.send_direct(UserRef("discord", str(GUILD_ID), str(CLOSED_DMS_ID)), Reply(text="Hello"))
        with pytest.raises(RecipientUnavailable, match="not a Discord user id"):
            await adapter.send_direct(UserRef("discord", str(GUILD_ID), "someone"), Reply(text="Hello"))


async def test_feeds_export_is_answered_with_the_opml_file_attached(fake_discord):
    answer = Reply(text="This channel's 1 feed as OPML:", attachment=Attachment("newsbrief-feeds.opml", OPML))
    service = Recorder(lambda request: answer)
    async with running(fake_discord, service):
        token = await fake_discord.slash("feeds", subcommand="export", user_id=MANAGER_ID, manage_channels=True)
        [followup] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    assert (service.requests[0].command, service.requests[0].text) == ("feeds", "export")
    assert followup.body["content"] == "This channel's 1 feed as OPML:"
    assert followup.files == (("newsbrief-feeds.opml", OPML),)


async def test_a_direct_message_answer_can_carry_a_file_too(fake_discord):
    answer = Reply(text="Here it is:", attachment=Attachment("newsbrief-feeds.opml", OPML))
    async with running(fake_discord, Recorder(lambda request: answer)):
        await fake_discord.direct_message("export my feeds")
        [post] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert post.body["content"] == "Here it is:" and post.files == (("newsbrief-feeds.opml", OPML),)
