"""Digest posts keep under Discord's global rate limit instead of running into 429s."""

from __future__ import annotations

import asyncio

import pytest

from adapters.discord_bot._pace import Pacer
from bot.models import Digest, DigestItem
from bot.values import ChannelRef
from tests.adapters.discord_bot.test_discord_adapter import discord_settings, running
from tests.fakes.discord_server import GUILD_ID, FakeDiscord
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing

CHANNELS = 70  # more than the server's burst of 50, so an unpaced fan-out meets the limit
_BASE = 1_300_000_000_000_002_000


class SteppedClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_turns_are_spaced_evenly_at_the_rate():
    clock = SteppedClock()
    pacer = Pacer(50.0, clock=clock)
    assert [round(pacer.reserve(), 6) for _ in range(3)] == [0.0, 0.02, 0.04]
    clock.now += 1.0  # a quiet second: no debt is kept, and no burst is saved up either
    assert [round(pacer.reserve(), 6) for _ in range(2)] == [0.0, 0.02]


@pytest.fixture
async def limited_discord():
    fake = FakeDiscord(global_rate=50)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def _fan_out(fake: FakeDiscord, **settings: str) -> list[BaseException]:
    """Post a digest to every channel at once; return the posts that failed."""
    digest = Digest(items=(DigestItem(briefing=sample_briefing()),), title="Daily news digest", key=None)
    async with running(discord_settings(fake, **settings), Recorder()) as adapter:
        rooms = [ChannelRef("discord", str(GUILD_ID), str(_BASE + n)) for n in range(CHANNELS)]
        results = await asyncio.gather(*(adapter.deliver(room, digest) for room in rooms), return_exceptions=True)
    return [result for result in results if isinstance(result, BaseException)]


async def test_a_paced_fan_out_meets_no_429(limited_discord):
    assert await _fan_out(limited_discord) == []
    assert sorted(limited_discord.messages) == [_BASE + n for n in range(CHANNELS)]
    assert limited_discord.rate_limited == 0


async def test_the_server_does_answer_429_to_posts_faster_than_its_limit(limited_discord):
    # The check above could not fail if the loopback Discord never refused anything: unpaced, it does.
    await _fan_out(limited_discord, DISCORD_POSTS_PER_SECOND="10000")
    assert limited_discord.rate_limited > 0
