"""The chat form and its "More facts" button through the real bolt app, over signed HTTP and Socket Mode."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from adapters.slack_bot.adapter import SlackAdapter
from bot.cli.main import main
from bot.digest import build_digest
from bot.render import render_slack
from bot.settings import load_settings
from bot.storage import open_store
from bot.values import ChannelRef
from tests.adapters.slack_bot.test_slack_acceptance import SECRET, command, newsbrief_on_slack
from tests.adapters.slack_bot.test_slack_adapter import block_text
from tests.fakes.slack_server import (
    DM_CHANNEL,
    GENERAL_CHANNEL,
    MEMBER_ID,
    TEAM_ID,
    block_actions,
    direct_message,
    post_block_actions,
    post_event,
)
from tests.kit import command_service
from tests.paths import REPO
from tests.render.fixtures import first_message_words

LONGEST_SEED = REPO / "seeds" / "07-feature-el-alto-water.txt"


async def press(fake, url: str, message: dict, **kwargs) -> list[dict]:
    """Press a button of a posted message over signed HTTP; return what was posted to its response_url."""
    response_url = fake.new_response_url()
    status, _ = await post_block_actions(url, SECRET, block_actions(message, response_url=response_url, **kwargs))
    assert status == 200
    return await fake.wait_responses(response_url)


async def test_a_long_briefing_is_one_short_message_and_its_button_privately_shows_every_fact(fake_slack, tmp_path):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (_, store, url):
        _, [briefing] = await command(fake_slack, url, "/brief", LONGEST_SEED.read_text(encoding="utf-8"))
        card = await press(fake_slack, url, briefing)
        [stored] = store.articles.recent_articles()
    assert briefing["response_type"] == "in_channel" and first_message_words(briefing) < 200
    [button] = briefing["blocks"][-1]["elements"]
    assert button["text"]["text"] == "More facts" and button["value"] == f"{stored.content_hash}.{stored.id}"
    assert all(m["response_type"] == "ephemeral" and m["replace_original"] is False for m in card)
    assert not any(b["type"] == "actions" or "accessory" in b for m in card for b in m["blocks"])
    whole = "\n".join(block_text(m) for m in card)
    facts = stored.briefing.facts
    for name in [p.name for p in facts.people] + list(facts.places) + list(facts.organizations):
        assert name in whole
    assert len(facts.people) > 4 and "Lucía Torrez" not in block_text(briefing) and "Lucía Torrez" in whole


async def test_what_the_bot_posts_is_what_newsbrief_brief_format_slack_prints(fake_slack, tmp_path, capsys):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (_, store, url):
        _, posted = await command(fake_slack, url, "/brief", LONGEST_SEED.read_text(encoding="utf-8"))
        [stored] = store.articles.recent_articles()
    assert [m["blocks"] for m in posted] == [m["blocks"] for m in render_slack(stored.briefing)]
    capsys.readouterr()
    assert main(["brief", str(LONGEST_SEED), "--format", "slack"]) == 0
    printed = json.loads(capsys.readouterr().out)
    # The same messages; only the store knows the article's id, which the bot's button adds to the reference.
    [button] = printed[0]["blocks"][-1]["elements"]
    button["value"] += f".{stored.id}"
    assert [m["blocks"] for m in printed] == [m["blocks"] for m in posted]


async def test_lookup_in_a_dm_lists_compact_matches_with_a_button_each(fake_slack, tmp_path):
    async with newsbrief_on_slack(fake_slack, tmp_path) as (_, _, url):
        await command(fake_slack, url, "/brief", LONGEST_SEED.read_text(encoding="utf-8"))
        assert (await post_event(url, SECRET, direct_message("glacier reservoir")))[0] == 200
        [reply] = await fake_slack.wait_calls("chat.postMessage", channel=DM_CHANNEL)
        card = await press(fake_slack, url, reply.args, label="More facts · 1", channel=DM_CHANNEL)
    shown = block_text(reply.args)
    assert shown.startswith("1 match for “glacier reservoir”") and "*People:*" not in shown
    assert len(shown.split()) < 60 and "Lucía Torrez" in "\n".join(block_text(m) for m in card)


async def test_a_digest_story_button_and_a_stale_button_over_socket_mode(fake_slack, tmp_path):
    settings = load_settings(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_APP_TOKEN=fake_slack.app_token, SLACK_API_URL=fake_slack.api_url,
        NEWSBRIEF_DATA_DIR=str(tmp_path),
    )
    store = open_store(settings.storage.resolved_database_url)
    async with command_service(settings, store) as service, running(SlackAdapter(settings.slack, service)) as adapter:
        await fake_slack.wait_connected()
        await command_over_socket(fake_slack, "/brief", LONGEST_SEED.read_text(encoding="utf-8"))
        digest = build_digest([a.briefing for a in store.articles.recent_articles()], generated_at=datetime.now(UTC))
        await adapter.deliver(ChannelRef("slack", TEAM_ID, GENERAL_CHANNEL), digest)
        [posted] = await fake_slack.wait_calls("chat.postMessage", channel=GENERAL_CHANNEL)
        card_url, stale_url = fake_slack.new_response_url(), fake_slack.new_response_url()
        pressed = block_actions(posted.args, response_url=card_url, label="More facts · 1")
        await fake_slack.wait_ack(await fake_slack.push("interactive", pressed))
        card = await fake_slack.wait_responses(card_url)
        stale = block_actions(posted.args, response_url=stale_url, label="More facts · 1")
        stale["actions"][0]["value"] = "0" * 64
        await fake_slack.wait_ack(await fake_slack.push("interactive", stale))
        [sorry] = await fake_slack.wait_responses(stale_url)
    store.close()
    assert all(m["response_type"] == "ephemeral" for m in card) and "Efraín Choque" in block_text(card[0]) + block_text(card[-1])
    assert sorry["response_type"] == "ephemeral" and sorry["text"].startswith("Sorry, I no longer keep that article")


@asynccontextmanager
async def running(adapter: SlackAdapter):
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


async def command_over_socket(fake, name: str, text: str) -> list[dict]:
    response_url = fake.new_response_url()
    payload = {
        "command": name, "text": text, "team_id": TEAM_ID, "channel_id": GENERAL_CHANNEL, "user_id": MEMBER_ID,
        "channel_name": "general", "response_url": response_url, "trigger_id": "trigger-1", "api_app_id": "A0NEWSBRIEF",
    }
    await fake.wait_ack(await fake.push("slash_commands", payload))
    return await fake.wait_responses(response_url)
