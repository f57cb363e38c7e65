"""Acceptance 1: `newsbrief run`, as a user starts it, registers the slash commands on a Discord-compatible server."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.fakes.discord_server import APP_ID, FakeDiscord
from tests.paths import REPO

pytestmark = pytest.mark.skipif(importlib.util.find_spec("bot.app") is None, reason="bot.app (newsbrief run) not built yet")


def run_environment(fake: FakeDiscord, data_dir: Path) -> dict[str, str]:
    # Only Discord is configured: no Slack variables may leak in from the developer's shell.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return {
        **env,
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "NEWSBRIEF_DATA_DIR": str(data_dir),
        "NEWSBRIEF_LOG_LEVEL": "INFO",
    }


async def test_newsbrief_run_registers_the_commands_and_connects(fake_discord, tmp_path):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run",
        cwd=REPO,
        env=run_environment(fake_discord, tmp_path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await fake_discord.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=60)
        identify = await fake_discord.wait_identified(timeout=60)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    commands = {c["name"]: [o["name"] for o in c.get("options", [])] for c in fake_discord.commands[None]}
    assert commands == {
        "brief": ["input"],
        "lookup": ["query"],
        "digest": [],
        "subscribe": ["time", "timezone"],
        "unsubscribe": [],
        "feeds": ["add", "remove", "list", "export"],
        "filter": ["include", "exclude", "list", "clear"],
        "follow": ["words"],
        "unfollow": ["words"],
        "following": [],
        "status": [],
        "help": [],
    }, output.decode(errors="replace")
    assert identify["token"] == fake_discord.token
    assert process.returncode == 0, output.decode(errors="replace")
    assert "registered 12 slash commands" in output.decode(errors="replace")


@pytest.mark.parametrize(("html_error", "expected"), [
    (None, "newsbrief: Discord refused the token (401 Unauthorized): check DISCORD_TOKEN"),
    (403, "newsbrief: Discord answered 403 Forbidden (Access denied | discord.example used a firewall): check DISCORD_TOKEN"),
])
async def test_a_refused_login_is_one_line_on_standard_error(fake_discord, tmp_path, html_error, expected):
    fake_discord.html_error = html_error
    env = {**run_environment(fake_discord, tmp_path), "DISCORD_TOKEN": "not-the-token"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run", cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    output, errors = await asyncio.wait_for(process.communicate(), 60)
    lines = errors.decode().splitlines()
    assert process.returncode == 1 and output == b""
    assert len(lines) == 1 and lines[0].startswith(expected), lines
