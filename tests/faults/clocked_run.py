"""`newsbrief run` on a clock the test moves, for scenarios that would otherwise wait for a wall-clock minute.

Run as `python -m tests.faults.clocked_run`. The clock is the wall clock plus an offset: each line
`offset SECONDS` on standard input sets the offset anew, prints `clock moved` and asks the runner
for a sweep, as any jump of the clock would be followed by the periodic one. Everything else is
`newsbrief run` itself: the same settings, logging and app, with this clock injected where
`build_app` takes one. It holds no tests.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from datetime import UTC, datetime, timedelta

from bot.app import App, build_app
from bot.errors import UserError
from bot.logs import configure_logging
from bot.settings import load_settings

MOVED = "clock moved"


class OffsetClock:
    """The wall clock plus an offset the test sets."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


def _read_commands(loop: asyncio.AbstractEventLoop, clock: OffsetClock, app: App) -> None:
    def move(seconds: float) -> None:
        clock.offset = timedelta(seconds=seconds)
        print(f"{MOVED} to {clock().isoformat()}", flush=True)
        app.runner.request_sweep()

    for line in sys.stdin:
        word, _, value = line.strip().partition(" ")
        if word == "offset":
            loop.call_soon_threadsafe(move, float(value))


async def _main() -> int:
    settings = load_settings()
    configure_logging(settings.core.log_level or "INFO", settings.core.log_format)
    clock = OffsetClock()
    try:
        app = build_app(settings, clock=clock)
        threading.Thread(target=_read_commands, args=(asyncio.get_running_loop(), clock, app), daemon=True).start()
        await app.run_until_stopped()
    except UserError as error:
        print(f"newsbrief: {error.message}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_main()))
