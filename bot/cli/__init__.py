"""The `newsbrief` command line (entry point: bot.cli.main:main)."""

from __future__ import annotations

import sys


def report_error(message: str) -> None:
    """Print one plain line on standard error."""
    print(f"newsbrief: {message}", file=sys.stderr)
