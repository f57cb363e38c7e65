"""Acceptance 1: `newsbrief run` in HTTP mode answers a signed /brief with pasted text on a Slack-compatible server."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from tests.adapters.slack_bot.test_slack_adapter import block_text
from tests.fakes.slack_server import FakeSlack, post_slash_command
from tests.paths import REPO

SECRET = "harbour-signing-secret"
STRIKE_SEED = REPO / "seeds" / "09-antwerp-strike-wire.txt"
READY_LINE = "/slack/events"  # the adapter logs the URL it serves once it listens

pytestmark = pytest.mark.skipif(importlib.util.find_spec("bot.app") is None, reason="bot.app (newsbrief run) not built yet")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_environment(fake: FakeSlack, data_dir: Path, port: int) -> dict[str, str]:
    # Only Slack is configured: no Discord or other newsbrief variables may leak in from the shell.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return {
        **env,
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_HTTP_PORT": str(port),
        "SLACK_API_URL": fake.api_url,
        "NEWSBRIEF_DATA_DIR": str(data_dir),
        "NEWSBRIEF_LOG_LEVEL": "INFO",
    }


async def wait_for_line(process: asyncio.subprocess.Process, needle: str, seen: list[str]) -> None:
    """Read the process output until a line holds `needle`; fail if it exits first."""
    while True:
        line = (await process.stdout.readline()).decode(errors="replace")
        if not line:
            raise AssertionError("newsbrief run stopped before serving:\n" + "".join(seen))
        seen.append(line)
        if needle in line:
            return


async def test_newsbrief_run_acks_a_signed_brief_then_posts_its_blocks(fake_slack, tmp_path):
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run",
        cwd=REPO,
        env=run_environment(fake_slack, tmp_path, port),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    seen: list[str] = []
    try:
        await asyncio.wait_for(wait_for_line(process, READY_LINE, seen), 60)
        response_url = fake_slack.new_response_url()
        status, body = await post_slash_command(
            f"http://127.0.0.1:{port}/slack/events", SECRET, "/brief", STRIKE_SEED.read_text(encoding="utf-8"),
            response_url=response_url,
        )
        messages = await fake_slack.wait_responses(response_url, count=1)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    log = "".join(seen) + output.decode(errors="replace")
    assert (status, body) == (200, ""), log  # the acknowledgement is empty: the briefing follows separately
    first = messages[0]
    assert first["blocks"][0]["text"]["text"].startswith("Antwerp Dockworkers to Strike"), log
    assert "*People:*" in block_text(first) and "Koen Vermeulen" in block_text(first)
    assert "48 hours" in block_text(first).lower()
    assert first["text"].startswith("Antwerp Dockworkers to Strike")  # the plain-text fallback
    assert fake_slack.calls_to("auth.test")[0].token == fake_slack.bot_token


async def test_a_refused_bot_token_is_one_line_on_standard_error(fake_slack, tmp_path):
    env = {**run_environment(fake_slack, tmp_path, free_port()), "SLACK_BOT_TOKEN": "xoxb-not-the-token"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run", cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    output, errors = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1 and output == b""
    assert errors.decode().splitlines() == [
        "newsbrief: Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN (the Bot User OAuth Token)."
    ]
