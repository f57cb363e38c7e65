"""The chat form and its "More facts" button, through the real discord.py client and a real SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.digest import build_digest
from bot.render import DISCORD_FACTS_ID, render_discord
from bot.values import ChannelRef
from tests.adapters.discord_bot.test_discord_acceptance import EPHEMERAL, embed_texts, newsbrief_on
from tests.fakes.discord_server import APP_ID, DM_CHANNEL_ID, GENERAL_CHANNEL_ID, GUILD_ID, RecordedRequest
from tests.kit import REPO
from tests.render.fixtures import first_message_words

DEFERRED_WITH_SOURCE = 5
# The story of the longest bundled seed, pasted as a slash-command option carries it: on one line. (The
# page's footer is left out: flattened into the story's one paragraph, "Subscribe to our newsletter"
# would make bot.facts drop the whole paragraph as page furniture.)
LONGEST_SEED = (REPO / "seeds" / "07-feature-el-alto-water.txt").read_text().split("Subscribe to our newsletter")[0]
PASTED = " ".join(LONGEST_SEED.split())


def shown(messages: list[RecordedRequest]) -> str:
    return "\n".join(text for message in messages for text in embed_texts(message))


async def test_a_long_briefing_is_one_short_message_and_its_button_privately_shows_every_fact(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path) as (_, store):
        token = await fake_discord.slash("brief", {"input": PASTED})
        [briefing] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        press = await fake_discord.press(briefing, user_id=GUILD_ID + 7)
        card = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{press}")
        [stored] = store.articles.recent_articles()
    assert first_message_words(briefing.body) < 200
    assert not briefing.flags & EPHEMERAL
    [[button]] = [row["components"] for row in briefing.body["components"]]
    assert button["label"] == "More facts" and button["custom_id"] == f"newsbrief:facts:{stored.content_hash}.{stored.id}"
    # Acknowledged at once and privately, then answered privately with the whole card.
    [callback] = fake_discord.callbacks(press)
    assert callback.body["type"] == DEFERRED_WITH_SOURCE and callback.flags & EPHEMERAL
    assert card and all(message.flags & EPHEMERAL for message in card)
    assert not any(message.body.get("components") for message in card)
    whole = shown(card)
    facts = stored.briefing.facts
    for name in [p.name for p in facts.people] + list(facts.places) + list(facts.organizations):
        assert name in whole
    for quote in facts.quotes:
        assert quote.text.split()[0] in whole
    assert len(facts.people) > 4 and len(whole.split()) > 2 * first_message_words(briefing.body)


async def test_what_the_bot_posts_is_what_the_discord_format_prints(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path) as (_, store):
        token = await fake_discord.slash("brief", {"input": PASTED})
        [posted] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        [stored] = store.articles.recent_articles()
    [expected] = render_discord(stored.briefing)
    [embed] = posted.body["embeds"]
    [rendered] = expected["embeds"]
    assert (embed["title"], embed["description"], embed["footer"]) == (
        rendered["title"], rendered["description"], rendered["footer"],
    )
    assert [(f["name"], f["value"]) for f in embed["fields"]] == [(f["name"], f["value"]) for f in rendered["fields"]]
    assert [b["custom_id"] for r in posted.body["components"] for b in r["components"]] == [
        b["custom_id"] for r in expected["components"] for b in r["components"]
    ]


async def test_lookup_in_a_dm_lists_compact_matches_and_a_button_opens_one(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path):
        token = await fake_discord.slash("brief", {"input": PASTED})
        await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        await fake_discord.direct_message("glacier reservoir")
        [matches] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
        press = await fake_discord.press(matches, label="More facts · 1", in_dm=True)
        card = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{press}")
    assert matches.body["content"].startswith("1 match for “glacier reservoir”")
    [item] = matches.body["embeds"]
    assert item["title"].startswith("1. ") and "fields" not in item and len(item["description"].split()) < 45
    assert all(message.flags & EPHEMERAL for message in card) and "Lucía Torrez" in shown(card)


async def test_a_digest_story_has_its_own_button(fake_discord, tmp_path):
    general = ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID))
    async with newsbrief_on(fake_discord, tmp_path) as (adapter, store):
        token = await fake_discord.slash("brief", {"input": PASTED})
        await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        digest = build_digest([a.briefing for a in store.articles.recent_articles()], generated_at=datetime.now(UTC))
        await adapter.deliver(general, digest)
        [posted] = await fake_discord.wait_for("POST", f"/channels/{GENERAL_CHANNEL_ID}/messages")
        press = await fake_discord.press(posted, label="More facts · 1")
        card = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{press}")
    assert all(message.flags & EPHEMERAL for message in card) and "Efraín Choque" in shown(card)


async def test_a_button_for_an_article_no_longer_stored_gets_a_polite_private_answer(fake_discord, tmp_path):
    gone = {"components": [{"type": 1, "components": [
        {"type": 2, "style": 2, "label": "More facts", "custom_id": "newsbrief:facts:" + "0" * 64},
    ]}]}
    assert DISCORD_FACTS_ID.startswith("newsbrief:facts:")
    async with newsbrief_on(fake_discord, tmp_path):
        press = await fake_discord.press(RecordedRequest("POST", "/channels/1/messages", {}, gone))
        [answer] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{press}")
    assert answer.flags & EPHEMERAL
    assert answer.body["content"].startswith("Sorry, I no longer keep that article")
