"""`newsbrief run`: the bot itself, on Discord and Slack when their tokens are set, else in a console."""

from __future__ import annotations

import argparse
import asyncio

from bot.app import run_app
from bot.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run until SIGINT/SIGTERM (or end of console input) and return the exit status."""
    return asyncio.run(run_app(settings))
