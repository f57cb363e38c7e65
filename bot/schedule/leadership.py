"""Lead or follow: only the leading `newsbrief run` sweeps digests and polls feeds; every process answers commands.

Every `interval` seconds each process asks the database's leader lock (bot.storage.leadership):
a follower tries to take it, the leader checks it still holds it. Becoming leader starts the
scheduled work (which first sends whatever was due and not sent: due-ness lives in the database);
losing the lock stops it at once. So after a leader dies, another takes over within about one
interval (NEWSBRIEF_LEADER_CHECK_SECONDS).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from bot.storage.leadership import LeaderLock

_log = logging.getLogger("newsbrief.schedule")

DEFAULT_CHECK_SECONDS = 5.0

Transition = Callable[[], Awaitable[None]]


class Leadership:
    """Ask the lock on an interval; run `on_lead` when this process becomes leader and `on_follow` when it stops."""

    def __init__(
        self,
        lock: LeaderLock,
        *,
        on_lead: Transition,
        on_follow: Transition,
        on_schedule_changed: Callable[[], None] | None = None,
        on_change: Callable[[bool], None] | None = None,
        interval: float = DEFAULT_CHECK_SECONDS,
    ) -> None:
        self.lock = lock
        self.interval = interval
        self._on_lead = on_lead
        self._on_follow = on_follow
        self._on_schedule_changed = on_schedule_changed
        self._on_change = on_change
        self._leading: bool | None = None  # None: not asked yet
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._turn = asyncio.Lock()

    @property
    def leading(self) -> bool:
        return bool(self._leading)

    async def check(self) -> bool:
        """Ask the lock once, act on a change, and return whether this process leads."""
        async with self._turn:
            leading = await asyncio.to_thread(self.lock.try_lead)
            changed = leading != self._leading
            self._leading = leading
            if changed:
                if self._on_change is not None:
                    self._on_change(leading)
                if leading:
                    _log.info("This process now leads: it sends the scheduled digests and polls the feeds.")
                    await self._on_lead()
                else:
                    _log.info("Another process leads; this one answers commands and stands by to take over.")
                    await self._on_follow()
            elif leading and self._on_schedule_changed is not None and self.lock.schedule_changed():
                self._on_schedule_changed()
            return leading

    async def start(self) -> bool:
        """Ask once now, then keep asking in the background; return whether this process leads."""
        leading = await self.check()
        self._stopping.clear()
        self._task = asyncio.create_task(self._keep_checking(), name="leadership")
        return leading

    async def stop(self) -> None:
        """Stop asking and let go of the lock (another process can take over at its next check)."""
        self._stopping.set()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(self.lock.close)

    async def announce(self) -> None:
        """Tell the leader the schedule changed, unless this process is the leader (it already knows)."""
        if self._leading:
            return
        try:
            await asyncio.to_thread(self.lock.announce)
        except Exception:  # the leader's periodic sweep still finds the change, within a minute
            _log.warning("Could not tell the leading process about a schedule change.", exc_info=True)

    async def _keep_checking(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval)
            if self._stopping.is_set():
                return
            try:
                await self.check()
            except Exception:  # one failed round must not end the loop; the next one asks again
                _log.exception("Checking leadership failed.")
