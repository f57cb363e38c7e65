"""Acceptance 2 and 3, and subscriptions end to end: the real bolt app over signed HTTP, the real
command service on a real SQLite database, and the real digest dispatcher against a loopback Slack."""

from __future__ import annotations

import importlib.util
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.slack_bot.adapter import SlackAdapter
from bot.settings import load_settings
from bot.storage import open_store
from tests.adapters.slack_bot.test_slack_adapter import block_text
from tests.fakes.slack_server import (
    ADMIN_ID,
    DM_CHANNEL,
    GENERAL_CHANNEL,
    MEMBER_ID,
    TEAM_ID,
    FakeSlack,
    direct_message,
    post_event,
    post_slash_command,
)
from tests.kit import command_service
from tests.paths import REPO

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("bot.commands.service") is None, reason="the command service is not built yet"
)

SECRET = "harbour-signing-secret"
STRIKE_SEED = REPO / "seeds" / "09-antwerp-strike-wire.txt"


def settings_for(fake: FakeSlack, data_dir: Path):
    return load_settings(
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_HTTP_PORT=0,
        SLACK_API_URL=fake.api_url,
        NEWSBRIEF_DATA_DIR=str(data_dir),
    )


@asynccontextmanager
async def newsbrief_on_slack(fake: FakeSlack, data_dir: Path):
    """Run the real command service behind the Slack adapter; yield (adapter, store, events URL)."""
    settings = settings_for(fake, data_dir)
    store = open_store(settings.storage.resolved_database_url)
    async with command_service(settings, store) as service:
        adapter = SlackAdapter(settings.slack, service, http_host="127.0.0.1")
        await adapter.start()
        try:
            yield adapter, store, f"http://127.0.0.1:{adapter.http_port}/slack/events"
        finally:
            await adapter.stop()
            store.close()


async def command(fake: FakeSlack, url: str, name: str, text: str, **kwargs) -> tuple[int, list[dict]]:
    """Send a signed slash command; return the HTTP status and the messages posted to its response_url."""
    response_url = fake.new_response_url()
    status, _ = await post_slash_command(url, SECRET, name, text, response_url=response_url, **kwargs)
    return status, await fake.wait_responses(response_url)


async def test_a_pasted_brief_then_a_dm_with_a_word_from_it_finds_it(fake_slack, tmp_path):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (_, _, url):
        status, briefed = await command(fake_slack, url, "/brief", STRIKE_SEED.read_text(encoding="utf-8"))
        assert status == 200
        assert (await post_event(url, SECRET, direct_message("Vermeulen")))[0] == 200
        [dm_reply] = await fake_slack.wait_calls("chat.postMessage", channel=DM_CHANNEL)
    first = briefed[0]
    assert first["response_type"] == "in_channel"
    assert first["blocks"][0]["text"]["text"].startswith("Antwerp Dockworkers to Strike")
    shown = block_text(first)
    assert "*People:*" in shown and "Koen Vermeulen" in shown  # key facts
    assert "48 hours" in shown.lower()  # the summary
    assert all(message["text"].strip() for message in briefed)  # a text fallback on every message
    heading, match = dm_reply.args["blocks"][:2]
    assert "Vermeulen" in heading["text"]["text"] and dm_reply.args["text"]
    assert match["text"]["text"].startswith("*1.* <https://example.com/wire/2026/11/24/antwerp-bruges-dockworkers")


async def test_garbage_gets_a_private_human_error_and_the_app_stays_up(fake_slack, tmp_path):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (_, _, url):
        status, [error] = await command(fake_slack, url, "/brief", "%%% ^^^ ###")
        assert status == 200
        status, [nothing] = await command(fake_slack, url, "/lookup", "lighthouse")
    assert error["response_type"] == "ephemeral"
    assert error["text"] == "No sentences found: the text needs at least one full sentence to brief."
    assert status == 200 and nothing["text"].startswith("Nothing I have stored matches")


async def test_only_an_admin_subscribes_and_an_archived_channel_loses_its_subscription(fake_slack, tmp_path):
    from bot.schedule.channel_digests import ChannelDigests
    from bot.schedule.fanout import DigestDispatcher, Outcome
    from bot.values import ChannelRef

    archived = "C0ARCHIVED"
    fake_slack.fail_channel(archived, "is_archived")
    async with newsbrief_on_slack(fake_slack, tmp_path) as (adapter, store, url):
        _, [refusal] = await command(fake_slack, url, "/subscribe", "08:00 Europe/Paris", user=MEMBER_ID)
        _, [confirmation] = await command(fake_slack, url, "/subscribe", "08:00 Europe/Paris", user=ADMIN_ID, channel=archived)
        channel = ChannelRef("slack", TEAM_ID, archived)
        dispatcher = DigestDispatcher(
            store.subscriptions,
            ChannelDigests(store.deliveries, max_items=5),
            store.digest_log,
            clock=lambda: datetime.now(UTC),
            sinks=[adapter],
        )
        outcome = await dispatcher.deliver_scheduled(channel, datetime.now(UTC))
        subscription = store.subscriptions.get_subscription(channel)
        untouched = store.subscriptions.get_subscription(ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL))
    assert refusal["response_type"] == "ephemeral" and refusal["text"].startswith("Sorry, only people who can manage")
    assert confirmation["response_type"] == "in_channel" and confirmation["text"].startswith("Subscribed")
    assert untouched is None
    assert outcome is Outcome.CHANNEL_GONE
    assert subscription.enabled is False and "is_archived" in subscription.disabled_reason
