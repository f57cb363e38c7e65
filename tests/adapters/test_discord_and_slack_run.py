"""`newsbrief run` with both DISCORD_TOKEN and SLACK_BOT_TOKEN set serves both platforms from one process."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import sys

import pytest

from tests.adapters.slack_bot.test_slack_run import READY_LINE, REPO, SECRET, STRIKE_SEED, free_port, wait_for_line
from tests.fakes.discord_server import APP_ID, FakeDiscord
from tests.fakes.slack_server import FakeSlack, post_slash_command

pytestmark = pytest.mark.skipif(importlib.util.find_spec("bot.app") is None, reason="bot.app (newsbrief run) not built yet")

# What a shutdown that leaks sessions or tasks prints; a clean stop prints none of it.
UNCLEAN_STOP = ("Unclosed client session", "Unclosed connector", "Task was destroyed", "Traceback")


def both_platforms(discord: FakeDiscord, slack: FakeSlack, data_dir, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return {
        **env,
        "DISCORD_TOKEN": discord.token,
        "DISCORD_API_BASE": discord.api_base,
        "DISCORD_GATEWAY_URL": discord.gateway_url,
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_HTTP_PORT": str(port),
        "SLACK_API_URL": slack.api_url,
        "NEWSBRIEF_DATA_DIR": str(data_dir),
        "NEWSBRIEF_LOG_LEVEL": "INFO",
        "PYTHONWARNINGS": "always::ResourceWarning",
    }


async def test_newsbrief_run_answers_a_brief_on_discord_and_on_slack_and_stops_cleanly(fake_discord, fake_slack, tmp_path):
    port = free_port()
    article = STRIKE_SEED.read_text(encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run",
        cwd=REPO,
        env=both_platforms(fake_discord, fake_slack, tmp_path, port),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    seen: list[str] = []
    try:
        await asyncio.wait_for(wait_for_line(process, READY_LINE, seen), 60)
        await fake_discord.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=60)
        await fake_discord.wait_identified(timeout=60)
        response_url = fake_slack.new_response_url()
        acknowledgement = await post_slash_command(
            f"http://127.0.0.1:{port}/slack/events", SECRET, "/brief", article, response_url=response_url
        )
        # The first briefing in a fresh process loads the summarizer; allow for a busy machine.
        [on_slack, *_] = await fake_slack.wait_until(lambda: fake_slack.responses(response_url), timeout=60)
        token = await fake_discord.slash("brief", {"input": article})
        [on_discord, *_] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}", timeout=60)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    log = "".join(seen) + output.decode(errors="replace")
    assert acknowledgement == (200, ""), log
    assert on_slack["blocks"][0]["text"]["text"].startswith("Antwerp Dockworkers to Strike"), log
    assert on_discord.body["embeds"][0]["title"].startswith("Antwerp Dockworkers to Strike"), log
    assert process.returncode == 0, log
    assert not [line for line in log.splitlines() if line.startswith(UNCLEAN_STOP) or "Unclosed" in line], log
