"""Issue 6 acceptance through the real discord.py client, the real command service and a real SQLite store."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import UTC, datetime

from adapters.discord_bot.adapter import DiscordAdapter
from bot.schedule.channel_digests import ChannelDigests
from bot.schedule.fanout import DigestDispatcher, Outcome
from bot.settings import load_settings
from bot.storage import open_store
from bot.values import ChannelRef
from tests.fakes.content import STORIES
from tests.fakes.discord_server import (
    APP_ID,
    DM_CHANNEL_ID,
    GENERAL_CHANNEL_ID,
    GUILD_ID,
    LOCKED_CHANNEL_ID,
    MANAGER_ID,
)
from tests.kit import command_service

EPHEMERAL = 64
DEFERRED_WITH_SOURCE = 5

# Slash-command options are one line, so a pasted article arrives with its newlines flattened.
PASTED_ARTICLE = " ".join(
    """
Glenhaven council approves overnight ferry to Marlow Island
GLENHAVEN — The Glenhaven town council voted 6 to 3 on Wednesday to fund an overnight ferry to Marlow Island,
ending a decade in which the last boat left the harbour at nine in the evening.
The service will cost $2.4 million a year and start on 1 September, council treasurer Edwin Hartley told the meeting.
"Nurses and bakers have been sleeping on the mainland for years because they could not get home," said Mayor
Priya Castellano, who proposed the plan in March.
Island residents packed the public gallery, and one of them held up a sign that read "@everyone ride the night boat".
The ferry will leave every ninety minutes between midnight and six in the morning. Tickets will cost four dollars,
the same as the daytime fare.
Opponents on the council said the money would be better spent repairing the harbour wall, which was damaged in the
January storms.
The harbour authority expects about 300 passengers a night during the summer and fewer than half that in winter.
Hartley said the council would review the numbers after one year and could cut the service to weekends if demand
stays low.
""".split()
)


def embed_texts(message) -> list[str]:
    texts = [message.body.get("content") or ""]
    for embed in message.body.get("embeds") or []:
        texts += [embed.get("title", ""), embed.get("description", ""), embed.get("footer", {}).get("text", "")]
        texts += [f"{field['name']}\n{field['value']}" for field in embed.get("fields", [])]
    return texts


@asynccontextmanager
async def newsbrief_on(fake, tmp_path, **settings_overrides):
    """Run the real service over a fresh SQLite file, behind the Discord adapter."""
    settings = load_settings(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        NEWSBRIEF_DATA_DIR=str(tmp_path),
        **settings_overrides,
    )
    store = open_store(settings.storage.resolved_database_url)
    async with command_service(settings, store) as service:
        adapter = DiscordAdapter(settings.discord, service, guild_ready_timeout=0.05)
        await adapter.start()
        try:
            yield adapter, store
        finally:
            await adapter.stop()
            store.close()


async def test_brief_of_pasted_text_is_deferred_then_answered_with_summary_and_facts_and_pings_nobody(
    fake_discord, tmp_path
):
    async with newsbrief_on(fake_discord, tmp_path):
        token = await fake_discord.slash("brief", {"input": PASTED_ARTICLE})
        [answer] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    [callback] = fake_discord.callbacks(token)
    assert callback.body["type"] == DEFERRED_WITH_SOURCE
    assert fake_discord.requests.index(callback) < fake_discord.requests.index(answer)
    [embed, *_] = answer.body["embeds"]
    assert "$2.4 million a year" in embed["description"]  # a summary sentence
    facts = {field["name"]: field["value"] for field in embed["fields"]}
    assert "Edwin Hartley" in facts["People"] and "Priya Castellano" in facts["People"]
    assert "$2.4 million" in facts["Numbers"]
    assert answer.body["allowed_mentions"] == {"parse": []}
    assert not answer.flags & EPHEMERAL
    shown = "\n".join(embed_texts(answer))
    assert "night boat" in shown and "@everyone" not in shown


async def test_brief_of_a_link_works_the_same(fake_discord, loopback_site, tmp_path):
    title, _ = STORIES["story-1"]
    async with newsbrief_on(fake_discord, tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS=True):
        token = await fake_discord.slash("brief", {"input": loopback_site.url("/pages/story-1.html")})
        [answer] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    assert fake_discord.callbacks(token)[0].body["type"] == DEFERRED_WITH_SOURCE
    [embed, *_] = answer.body["embeds"]
    assert embed["title"] == title
    assert embed["url"].endswith("/pages/story-1.html")
    assert "Ilse Marrow" in "\n".join(embed_texts(answer))
    assert "Subscribe to the Valley Courier newsletter" not in "\n".join(embed_texts(answer))


async def test_a_dm_with_a_word_from_a_briefed_article_finds_it(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path):
        token = await fake_discord.slash("brief", {"input": PASTED_ARTICLE})
        await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        await fake_discord.direct_message("Castellano")
        [found] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert "Castellano" in found.body["content"]
    assert found.body["embeds"][0]["title"].startswith("1. Glenhaven council approves overnight ferry")
    assert found.body["allowed_mentions"] == {"parse": []}


async def test_garbage_gets_a_private_human_error_and_the_bot_keeps_answering(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path):
        garbage = await fake_discord.slash("brief", {"input": "}{ %% ]]] ### !!"})
        [error] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{garbage}")
        bad_time = await fake_discord.slash(
            "subscribe", {"time": "7pm", "timezone": "Mars/Olympus"}, user_id=MANAGER_ID, manage_channels=True
        )
        [mistake] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{bad_time}")
        after = await fake_discord.slash("lookup", {"query": "ferry"})
        [answer] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{after}")
    for token, message in ((garbage, error), (bad_time, mistake)):
        # Deferred in public, so the placeholder is withdrawn and the error sent privately.
        assert fake_discord.callbacks(token)[0].flags == 0 and fake_discord.deletions(token)
        assert message.flags & EPHEMERAL
        text = message.body["content"]
        assert text.endswith((".", "!", "?")) and "Traceback" not in text and "ref " not in text
    assert "sentence" in error.body["content"] and "HH:MM" in mistake.body["content"]
    assert "ferry" in answer.body["content"]


async def test_a_member_without_manage_channels_is_refused_privately(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path) as (_, store):
        token = await fake_discord.slash("subscribe", {"time": "07:30", "timezone": "Europe/Oslo"})
        [refusal] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        assert store.subscriptions.get_subscription(ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID))) is None
    assert fake_discord.callbacks(token)[0].flags & EPHEMERAL
    assert refusal.flags & EPHEMERAL and "manage" in refusal.body["content"]


async def test_a_scheduled_digest_to_a_lost_channel_disables_it_and_others_still_get_theirs(fake_discord, tmp_path):
    general = ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID))
    locked = ChannelRef("discord", str(GUILD_ID), str(LOCKED_CHANNEL_ID))
    async with newsbrief_on(fake_discord, tmp_path) as (adapter, store):
        for channel in (GENERAL_CHANNEL_ID, LOCKED_CHANNEL_ID):
            token = await fake_discord.slash(
                "subscribe", {"time": "08:00", "timezone": "UTC"}, user_id=MANAGER_ID, manage_channels=True,
                channel_id=channel,
            )
            await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        dispatcher = DigestDispatcher(
            store.subscriptions, ChannelDigests(store.deliveries, max_items=5), store.digest_log,
            clock=lambda: datetime.now(UTC), sinks=[adapter],
        )
        slot = datetime.now(UTC)
        outcomes = [await dispatcher.deliver_scheduled(channel, slot) for channel in (locked, general)]
        assert outcomes == [Outcome.CHANNEL_GONE, Outcome.SENT_EMPTY]
        assert not store.subscriptions.get_subscription(locked).enabled
        assert store.subscriptions.get_subscription(general).enabled
    posted = [m for m in fake_discord.channel_posts(GENERAL_CHANNEL_ID) if "subscription is now off" not in (m.body.get("content") or "")]
    assert posted, "the reachable channel got its digest"
    notes = [m for m in fake_discord.channel_posts(GENERAL_CHANNEL_ID) if "subscription is now off" in (m.body.get("content") or "")]
    assert len(notes) == 1 and f"<#{LOCKED_CHANNEL_ID}>" in notes[0].body["content"]
