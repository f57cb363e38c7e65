"""Slack direct messages (alerts) and file answers (OPML), through slack-bolt and slack_sdk against the loopback Slack."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager

import pytest

from adapters.slack_bot.adapter import SlackAdapter
from bot.chat import RecipientUnavailable
from bot.commands.model import Attachment, Reply
from bot.settings import load_settings
from bot.values import UserRef
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing
from tests.fakes.slack_server import (
    DM_CHANNEL,
    GENERAL_CHANNEL,
    MEMBER_ID,
    TEAM_ID,
    FakeSlack,
    post_slash_command,
)

SECRET = "harbour-signing-secret"
OPML = b'<?xml version="1.0"?>\n<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>\n'
EXPORT = Reply(text="This channel's 1 feed as OPML:", attachment=Attachment("newsbrief-feeds.opml", OPML))


@asynccontextmanager
async def running(fake: FakeSlack, service):
    settings = load_settings(SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_HTTP_PORT=0,
                             SLACK_API_URL=fake.api_url)
    adapter = SlackAdapter(settings.slack, service, http_host="127.0.0.1")
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


def events_url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.http_port}/slack/events"


async def test_an_alert_opens_the_conversation_and_posts_the_briefing(fake_slack):
    async with running(fake_slack, Recorder()) as adapter:
        reply = Reply(text="A new article about ferry:", briefings=(sample_briefing(),))
        await adapter.send_direct(UserRef("slack", TEAM_ID, MEMBER_ID), reply)
    [opened] = fake_slack.calls_to("conversations.open")
    assert opened.args["users"] == MEMBER_ID
    posts = fake_slack.calls_to("chat.postMessage", channel=DM_CHANNEL)
    assert posts[0].args["text"] == "A new article about ferry:"
    assert posts[1].args["blocks"][0]["text"]["text"] == "Harbour council backs night ferry"


async def test_a_person_slack_cannot_reach_is_unavailable_and_an_outage_is_not(fake_slack):
    async with running(fake_slack, Recorder()) as adapter:
        fake_slack.fail_method("conversations.open", "user_not_found")
        with pytest.raises(RecipientUnavailable, match="user_not_found"):
            await adapter.send_direct(UserRef("slack", TEAM_ID, "U0GONE"), Reply(text="Hello"))
        fake_slack.fail_method("conversations.open", "internal_error")
        with pytest.raises(Exception, match="internal_error") as raised:
            await adapter.send_direct(UserRef("slack", TEAM_ID, MEMBER_ID), Reply(text="Hello"))
        assert not isinstance(raised.value, RecipientUnavailable)  # retried after the next poll


async def test_feeds_export_uploads_the_opml_file_with_its_sentence(fake_slack):
    service = Recorder(lambda request: EXPORT)
    response_url = fake_slack.new_response_url()
    async with running(fake_slack, service) as adapter:
        await post_slash_command(events_url(adapter), SECRET, "/feeds", "export", response_url=response_url)
        [completed] = await fake_slack.wait_calls("files.completeUploadExternal")
    [asked] = fake_slack.calls_to("files.getUploadURLExternal")
    assert (asked.args["filename"], int(asked.args["length"])) == ("newsbrief-feeds.opml", len(OPML))
    files = json.loads(completed.args["files"])
    assert fake_slack.uploads[files[0]["id"]] == OPML
    assert completed.args["channel_id"] == GENERAL_CHANNEL
    assert completed.args["initial_comment"] == "This channel's 1 feed as OPML:"
    assert fake_slack.responses(response_url) == []  # the file's comment is the answer


async def test_where_no_file_can_go_the_opml_comes_as_text(fake_slack):
    fake_slack.fail_channel(GENERAL_CHANNEL, "not_in_channel")
    response_url = fake_slack.new_response_url()
    async with running(fake_slack, Recorder(lambda request: EXPORT)) as adapter:
        await post_slash_command(events_url(adapter), SECRET, "/feeds", "export", response_url=response_url)
        messages = await fake_slack.wait_responses(response_url, count=2)
    assert messages[0]["text"] == "This channel's 1 feed as OPML:"
    assert messages[1]["text"].startswith("newsbrief-feeds.opml:\n```&lt;?xml")  # "<" would open a link
    assert "https://a.example/rss" in messages[1]["text"]
