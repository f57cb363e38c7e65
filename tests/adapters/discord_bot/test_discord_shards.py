"""Gateway shards: DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS choose what this process connects, else Discord's count."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from contextlib import asynccontextmanager

import pytest

from adapters.discord_bot.adapter import DiscordAdapter
from bot.commands.model import Reply
from bot.errors import UserError
from bot.settings import load_settings
from tests.fakes.discord_server import APP_ID, GUILD_ID, FakeDiscord, shard_of
from tests.fakes.recorder import Recorder
from tests.paths import REPO

# The fake guild's id puts it on shard 1 of 2 (guild id >> 22, modulo 2).
assert shard_of(GUILD_ID, 2) == 1


def discord_settings(fake: FakeDiscord, **extra):
    return load_settings(
        env_file=None, DISCORD_TOKEN=fake.token, DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url, **extra,
    )


@asynccontextmanager
async def running(settings, service):
    adapter = DiscordAdapter(settings.discord, service, guild_ready_timeout=0.05)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


async def test_one_shard_of_two_identifies_once_as_that_shard_and_answers_its_guild(fake_discord):
    service = Recorder(lambda request: Reply(text="fine"))
    async with running(discord_settings(fake_discord, DISCORD_SHARD_COUNT="2", DISCORD_SHARD_IDS="1"), service) as adapter:
        token = await fake_discord.slash("help")
        await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
        assert adapter.client.shard_ids == [1] and adapter.client.shard_count == 2
        assert adapter.client.get_guild(GUILD_ID) is not None
    assert fake_discord.identified_shards() == [[1, 2]]
    assert not any(r.path == "/gateway/bot" for r in fake_discord.requests)  # the count was given


async def test_the_shard_without_the_guild_still_answers_direct_messages(fake_discord):
    service = Recorder(lambda request: Reply(text="found nothing"))
    async with running(discord_settings(fake_discord, DISCORD_SHARD_COUNT="2", DISCORD_SHARD_IDS="0"), service) as adapter:
        assert adapter.client.get_guild(GUILD_ID) is None  # it lives on shard 1
        await fake_discord.direct_message("harbour cranes")
        await fake_discord.wait_for("POST", r"/channels/\d+/messages")
    assert fake_discord.identified_shards() == [[0, 2]]
    assert service.requests[0].is_dm and service.requests[0].text == "harbour cranes"


async def test_without_settings_the_process_runs_every_shard_discord_recommends():
    fake = FakeDiscord(recommended_shards=3)
    await fake.start()
    try:
        async with running(discord_settings(fake), Recorder()) as adapter:
            assert adapter.client.shard_count == 3
        assert sorted(fake.identified_shards()) == [[0, 3], [1, 3], [2, 3]]
        assert [r.path for r in fake.requests if r.path.startswith("/gateway")] == ["/gateway/bot"]
    finally:
        await fake.stop()


@pytest.mark.parametrize(("variables", "message"), [
    ({"DISCORD_SHARD_IDS": "1"}, "DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT"),
    ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "0,2"}, "from 0 to 1"),
    ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "one"}, "DISCORD_SHARD_IDS is invalid"),
    ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT is invalid"),
])
def test_shard_settings_that_cannot_work_are_refused_with_a_sentence(variables, message):
    with pytest.raises(UserError, match=message):
        load_settings(env_file=None, DISCORD_TOKEN="t", **variables)


def test_shard_ids_are_a_comma_list():
    settings = load_settings(env_file=None, DISCORD_SHARD_COUNT="4", DISCORD_SHARD_IDS=" 3, 1,1 ")
    assert settings.discord.shard_ids == (1, 3)


async def test_newsbrief_run_with_shard_1_of_2_identifies_once_as_1_2(fake_discord, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_", "DATABASE_URL"))}
    env |= {
        "DISCORD_TOKEN": fake_discord.token, "DISCORD_API_BASE": fake_discord.api_base,
        "DISCORD_GATEWAY_URL": fake_discord.gateway_url, "NEWSBRIEF_DATA_DIR": str(tmp_path),
        "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run", cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await fake_discord.wait_identified(timeout=60)
        await fake_discord.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=60)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode(errors="replace")
    assert fake_discord.identified_shards() == [[1, 2]]
