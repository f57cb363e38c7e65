"""Regressions in the Discord adapter's edges, driven through the real discord.py client and the loopback Discord."""

from __future__ import annotations

from bot.commands.model import Reply
from tests.adapters.discord_bot.test_discord_adapter import EPHEMERAL, discord_settings, running
from tests.fakes.discord_server import APP_ID, DM_CHANNEL_ID
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing

APOLOGY_START = "Sorry, something went wrong (ref "


def long_answer(request) -> Reply:
    """Answer with three messages: a line of text, then two briefings."""
    return Reply(text="Here is what I found.", briefings=(sample_briefing(), sample_briefing("Library opens late")))


async def test_an_answer_failing_part_way_keeps_what_was_posted_and_apologizes_privately(fake_discord):
    fake_discord.refuse_followup(2)
    async with running(discord_settings(fake_discord), Recorder(long_answer)):
        token = await fake_discord.slash("brief", {"input": "some article text"})
        first, _refused, apology = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}", count=3)
    assert first.body["content"] == "Here is what I found."
    assert fake_discord.deletions(token) == []  # the placeholder now holds the answer's first part
    assert apology.flags & EPHEMERAL and apology.body["content"].startswith(APOLOGY_START)


async def test_an_answer_failing_before_anything_was_posted_withdraws_the_placeholder(fake_discord):
    fake_discord.refuse_followup(1)
    async with running(discord_settings(fake_discord), Recorder(long_answer)):
        token = await fake_discord.slash("brief", {"input": "some article text"})
        _refused, apology = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}", count=2)
    assert [d.path for d in fake_discord.deletions(token)] == [f"/webhooks/{APP_ID}/{token}/messages/@original"]
    assert apology.flags & EPHEMERAL and apology.body["content"].startswith(APOLOGY_START)


async def test_a_direct_message_over_the_text_limit_gets_a_polite_reply_instead_of_a_lookup(fake_discord):
    service = Recorder()
    async with running(discord_settings(fake_discord), service):
        await fake_discord.direct_message("ferry timetable " * 300)
        [reply] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert service.requests == []
    assert "too long" in reply.body["content"] and "/brief" in reply.body["content"]


async def test_a_direct_message_with_only_attachments_gets_a_polite_reply(fake_discord):
    service = Recorder()
    async with running(discord_settings(fake_discord), service):
        await fake_discord.direct_message("", files=("ferry-article.pdf",))
        [reply] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert service.requests == []
    assert "attachments" in reply.body["content"] and "link" in reply.body["content"]


async def test_a_direct_message_of_invisible_characters_is_ignored(fake_discord):
    service = Recorder()
    async with running(discord_settings(fake_discord), service):
        await fake_discord.direct_message(" \u200b\u2060 \n ")
        await fake_discord.direct_message("ferry")
        await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert [request.text for request in service.requests] == ["ferry"]
    assert len(fake_discord.channel_posts(DM_CHANNEL_ID)) == 1
