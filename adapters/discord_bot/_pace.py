"""Keep this process's channel posts under Discord's global rate limit instead of running into it.

Discord allows a bot about 50 requests a second across all its routes (interaction answers are
exempt) and answers more with 429 and `global: true`. discord.py waits and retries after a 429,
but during a fan-out to thousands of channels every request in flight runs into the same wall:
the 429s themselves spend the budget, and a request refused five times fails. Spacing the posts
evenly at DISCORD_POSTS_PER_SECOND (45 by default, leaving room for everything else the bot sends)
keeps the fan-out at the limit's pace with no 429 at all.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class Pacer:
    """Hand out evenly spaced turns, `rate` a second, to the posts that ask for one."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval = 1.0 / rate
        self._clock = clock
        self._next = 0.0

    def reserve(self) -> float:
        """Take the next free turn; return how many seconds from now it comes."""
        now = self._clock()
        turn = max(now, self._next)
        self._next = turn + self._interval
        return turn - now

    async def wait(self) -> None:
        """Wait for this post's turn."""
        delay = self.reserve()
        if delay > 0:
            await asyncio.sleep(delay)
