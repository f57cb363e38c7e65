"""Socket Mode: the adapter fetches a websocket URL, is greeted, acks envelopes and answers them."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack_bot.adapter import SlackAdapter, SlackStartError
from bot.commands.model import Reply
from bot.settings import load_settings
from tests.adapters.slack_bot.test_slack_adapter import running
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing
from tests.fakes.slack_server import (
    DM_CHANNEL,
    FakeSlack,
    direct_message,
    event_callback,
    slash_command,
)


def socket_settings(fake: FakeSlack, app_token: str | None = None):
    # No signing secret: Socket Mode needs none, and no HTTP port is opened.
    return load_settings(
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_APP_TOKEN=app_token or fake.app_token,
        SLACK_API_URL=fake.api_url,
    )


async def test_a_slash_command_envelope_is_acked_then_answered(fake_slack):
    release = asyncio.Event()

    class SlowService(Recorder):
        async def handle(self, request):
            await release.wait()
            return await super().handle(request)

    service = SlowService(lambda request: Reply(briefings=(sample_briefing(),)))
    response_url = fake_slack.new_response_url()
    async with running(socket_settings(fake_slack), service) as adapter:
        assert (adapter.mode, adapter.http_port) == ("socket", None)
        await fake_slack.wait_connected()
        envelope = await fake_slack.push(
            "slash_commands", slash_command("/brief", "Night ferry article text.", response_url=response_url),
            accepts_response_payload=True,
        )
        ack = await fake_slack.wait_ack(envelope)
        assert fake_slack.responses(response_url) == []  # acknowledged while the service is still working
        release.set()
        [message] = await fake_slack.wait_responses(response_url)
    assert ack["envelope_id"] == envelope and not ack.get("payload")
    assert [(r.command, r.text) for r in service.requests] == [("brief", "Night ferry article text.")]
    assert message["response_type"] == "in_channel" and message["text"]
    assert message["blocks"][0]["text"]["text"] == "Harbour council backs night ferry"
    assert fake_slack.calls_to("apps.connections.open")[0].token == fake_slack.app_token


async def test_a_direct_message_event_arrives_over_the_socket(fake_slack):
    service = Recorder(lambda request: Reply(text="No briefings mention that yet."))
    async with running(socket_settings(fake_slack), service):
        await fake_slack.wait_connected()
        envelope = await fake_slack.push("events_api", event_callback(direct_message("lighthouse")))
        await fake_slack.wait_ack(envelope)
        [reply] = await fake_slack.wait_calls("chat.postMessage", channel=DM_CHANNEL)
    assert [(r.command, r.text, r.is_dm) for r in service.requests] == [("", "lighthouse", True)]
    assert reply.args["text"] == "No briefings mention that yet."


async def test_a_wrong_app_token_fails_start_with_a_plain_sentence(fake_slack):
    with pytest.raises(SlackStartError, match="SLACK_APP_TOKEN"):
        await SlackAdapter(socket_settings(fake_slack, app_token="xapp-wrong").slack, Recorder()).start()
