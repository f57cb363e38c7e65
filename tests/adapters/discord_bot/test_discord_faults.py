"""Discord under faults: a digest re-sent after a crash is not posted twice, and an event discord.py
cannot read never stops the bot (real discord.py client, loopback Discord)."""

from __future__ import annotations

from dataclasses import replace

from adapters.discord_bot._send import NONCE_LENGTH, digest_nonce
from bot.values import ChannelRef
from tests.adapters.discord_bot.test_discord_acceptance import newsbrief_on
from tests.fakes.discord_server import APP_ID, GENERAL_CHANNEL_ID, GUILD_ID
from tests.render.fixtures import sample_digest

GENERAL = ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID))
OTHER_CHANNEL_ID = 1_200_000_000_000_000_299  # not in the guild's cache: posted to by id alone
EPHEMERAL = 64


def test_nonces_are_short_stable_and_distinct_per_part():
    key = "discord:1200000000000000100:1200000000000000201:2026-05-04"
    nonces = [digest_nonce(key, part) for part in range(12)]
    assert all(len(nonce) <= NONCE_LENGTH for nonce in nonces)
    assert len(set(nonces)) == 12
    assert nonces == [digest_nonce(key, part) for part in range(12)]
    assert digest_nonce(key.replace("05-04", "05-05"), 0) != nonces[0]


async def test_a_digest_sent_again_with_its_key_is_not_posted_twice(fake_discord, tmp_path):
    digest = replace(sample_digest(), key=f"{GENERAL}:2026-05-04")
    async with newsbrief_on(fake_discord, tmp_path) as (adapter, _store):
        await adapter.deliver(GENERAL, digest)
        first = fake_discord.created(GENERAL_CHANNEL_ID)
        await adapter.deliver(GENERAL, replace(digest, attempt=2))  # after a crash before it was marked sent
    posts = fake_discord.channel_posts(GENERAL_CHANNEL_ID)
    assert len(posts) == 2 * len(first) and first
    assert fake_discord.created(GENERAL_CHANNEL_ID) == first
    assert all(post.body["enforce_nonce"] is True for post in posts)
    assert [post.body["nonce"] for post in posts[: len(first)]] == [post.body["nonce"] for post in posts[len(first):]]


async def test_digests_without_a_key_and_different_days_are_separate_messages(fake_discord, tmp_path):
    async with newsbrief_on(fake_discord, tmp_path) as (adapter, _store):
        await adapter.deliver(GENERAL, replace(sample_digest(), key=f"{GENERAL}:2026-05-04"))
        once = len(fake_discord.created(GENERAL_CHANNEL_ID))
        await adapter.deliver(GENERAL, replace(sample_digest(), key=f"{GENERAL}:2026-05-05"))
        await adapter.deliver(GENERAL, sample_digest())
    assert len(fake_discord.created(GENERAL_CHANNEL_ID)) == 3 * once


async def test_an_interaction_whose_channel_lacks_an_optional_field_is_still_answered(fake_discord, tmp_path):
    def without_position(payload: dict) -> None:
        del payload["channel"]["position"]
        del payload["channel"]["permission_overwrites"]

    async with newsbrief_on(fake_discord, tmp_path) as (_adapter, _store):
        token = await fake_discord.slash("help", channel_id=OTHER_CHANNEL_ID, mangle=without_position)
        [answer, *_] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    assert "/subscribe" in (answer.body.get("content") or "")


async def test_an_interaction_that_cannot_be_read_gets_an_apology_and_the_bot_keeps_answering(fake_discord, tmp_path):
    def unreadable(payload: dict) -> None:
        del payload["attachment_size_limit"]  # a field discord.py requires

    async with newsbrief_on(fake_discord, tmp_path) as (adapter, _store):
        broken = await fake_discord.slash("help", mangle=unreadable)
        [apology] = await fake_discord.wait_for("POST", rf"/interactions/\d+/{broken}/callback")
        token = await fake_discord.slash("help")
        [answer, *_] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        assert adapter.client is not None and adapter.client.is_ready()
    assert apology.body["data"]["content"].startswith("Sorry, something went wrong (ref ")
    assert apology.body["data"]["flags"] == EPHEMERAL
    assert "/subscribe" in (answer.body.get("content") or "")
