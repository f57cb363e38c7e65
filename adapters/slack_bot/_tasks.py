"""Keep track of the listener tasks bolt runs in the background, so stopping lets answers finish."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)

_CANCEL_GRACE = 1.0  # seconds a cancelled listener gets to unwind


class ListenerTasks:
    """Remember the tasks running newsbrief's listeners and wait for them on shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()

    def track_current(self) -> None:
        """Remember the task this listener runs in until it ends."""
        # Bolt acks, then runs each listener in a task it keeps no handle to (asyncio.ensure_future),
        # so the listener itself is the only place that can say which task is still answering.
        task = asyncio.current_task()
        if task is None or task in self._tasks:
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def finish(self, grace: float) -> None:
        """Wait up to `grace` seconds for running listeners, then cancel the ones still going."""
        pending = {task for task in self._tasks if not task.done()}
        if not pending:
            return
        log.info("waiting up to %gs for %d Slack answer(s) still being posted", grace, len(pending))
        _, late = await asyncio.wait(pending, timeout=grace)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped with %d Slack answer(s) unfinished after %gs", len(late), grace)
            # Let the cancellations run their cleanup (closing HTTP sessions), without trusting them forever.
            await asyncio.wait(late, timeout=_CANCEL_GRACE)
