"""The functions APScheduler runs: module-level, so the job store can pickle a reference to them.

A stored job outlives the process that created it, so it cannot hold the running app; each
function looks up the runner that the live process registered with `activate`.
"""

from __future__ import annotations

import logging
from typing import Protocol

from bot.values import ChannelRef

_log = logging.getLogger("newsbrief.schedule")


class JobRunner(Protocol):
    """What the scheduled jobs call into (bot.schedule.runner.DigestRunner)."""

    async def run_scheduled_digest(self, channel: ChannelRef) -> object: ...

    async def poll_feeds(self) -> object: ...


_active: JobRunner | None = None


def activate(runner: JobRunner) -> None:
    """Make `runner` the one scheduled jobs call in this process."""
    global _active
    _active = runner


def deactivate(runner: JobRunner) -> None:
    """Forget `runner` if it is the active one."""
    global _active
    if _active is runner:
        _active = None


def active_runner() -> JobRunner | None:
    """Return the runner registered in this process, if any."""
    return _active


async def run_channel_digest(platform: str, workspace: str, channel: str) -> None:
    """Deliver one channel's daily digest (the job of each subscription)."""
    # Stored jobs keep the channel as three plain strings: a pickled ChannelRef would tie every
    # job in the database to where that class lives.
    runner = _active
    if runner is None:
        _log.warning("A digest job fired with no running app; skipped.")
        return
    await runner.run_scheduled_digest(ChannelRef(platform, workspace, channel))


async def poll_feeds() -> None:
    """Poll the due feeds and retry digests left pending (the interval job)."""
    runner = _active
    if runner is None:
        _log.warning("The feed-polling job fired with no running app; skipped.")
        return
    await runner.poll_feeds()
