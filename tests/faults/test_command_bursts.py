"""`newsbrief run` on Discord under bursts of writing commands: right after READY on a fresh database,
and `/feeds add` racing `/subscribe` in new channels. Every command is answered, the process stays up,
and what the bot confirmed is what the database holds."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.storage import open_store
from tests.fakes.discord_server import MANAGER_ID, FakeDiscord
from tests.faults.harness import DiscordPlatform, RunningBot, discord_answer_texts, wait_commands_registered
from tests.kit import settings_for

ANSWER_SECONDS = 180.0


async def manage(fake: FakeDiscord, name: str, options: dict[str, str], channel_id: int, **kwargs: str) -> str:
    return await fake.slash(name, options, user_id=MANAGER_ID, manage_channels=True, channel_id=channel_id, **kwargs)


async def answers(fake: FakeDiscord, tokens: list[str]) -> list[str]:
    """Wait until every interaction has a follow-up; return the first follow-up's text of each."""
    await fake.wait_until(lambda: all(fake.followups(token) for token in tokens), ANSWER_SECONDS)
    return [discord_answer_texts(fake, token)[0] for token in tokens]


def feed(site, channel: int, variant: str) -> str:
    """Return a real feed on the loopback site, under an address of the channel's own (`feeds add` checks it)."""
    return site.url(f"/feeds/rss20.xml?channel={channel}&variant={variant}")


def environment(platform: DiscordPlatform, data_dir: Path) -> dict[str, str]:
    return {**platform.environment(data_dir), "NEWSBRIEF_ALLOW_PRIVATE_URLS": "1"}


async def test_180_writing_commands_right_after_ready_on_a_fresh_database_are_all_answered(
    fake_discord, loopback_site, tmp_path
):
    platform = DiscordPlatform(fake_discord)
    channels = [int(platform.channel(number).channel) for number in range(60)]
    bot = await RunningBot.start(environment(platform, tmp_path))
    try:
        await wait_commands_registered(fake_discord)
        tokens = []
        for channel in channels:  # dispatched back to back, answered concurrently
            for variant in ("a", "b"):
                tokens.append(await manage(fake_discord, "feeds", {"url": feed(loopback_site, channel, variant)},
                                           channel, subcommand="add"))
            tokens.append(await manage(fake_discord, "subscribe", {"time": "08:00", "timezone": "UTC"}, channel))
        texts = await answers(fake_discord, tokens)
        assert bot.running, bot.output
    finally:
        status = await bot.stop()
    assert status == 0, bot.output
    assert [text.split(" ", 2)[:2] for text in texts] == [["Added", "feed"], ["Added", "feed"], ["Subscribed:", "daily"]] * 60
    assert "database is locked" not in bot.output and "Traceback" not in bot.output
    store = open_store(settings_for(tmp_path).storage.resolved_database_url)
    try:
        subscriptions = store.subscriptions.list_subscriptions()
    finally:
        store.close()
    assert len(subscriptions) == 60
    assert all(s.enabled and s.time == "08:00" and len(s.feed_ids) == 2 for s in subscriptions)


async def test_feeds_add_and_subscribe_at_once_in_new_channels_keep_what_they_confirmed(
    fake_discord, loopback_site, tmp_path
):
    platform = DiscordPlatform(fake_discord)
    channels = [int(platform.channel(number).channel) for number in range(20)]
    bot = await RunningBot.start(environment(platform, tmp_path))
    try:
        await wait_commands_registered(fake_discord)
        pairs = await asyncio.gather(*(
            asyncio.gather(
                manage(fake_discord, "feeds", {"url": feed(loopback_site, channel, "a")}, channel, subcommand="add"),
                manage(fake_discord, "subscribe", {"time": "23:45", "timezone": "UTC"}, channel),
            )
            for channel in channels
        ))
        confirmations = await answers(fake_discord, [subscribe for _, subscribe in pairs])
        added = await answers(fake_discord, [feed for feed, _ in pairs])
        statuses = await answers(fake_discord, [await manage(fake_discord, "status", {}, channel) for channel in channels])
    finally:
        await bot.stop()
    assert all(text.startswith("Subscribed: daily digest at 23:45 UTC") for text in confirmations), confirmations
    assert all(text.startswith("Added feed") for text in added), added
    for channel, status in zip(channels, statuses, strict=True):
        assert "Daily digest: every day at 23:45 UTC" in status, (channel, status)
        assert "Feeds (1):" in status, (channel, status)
