"""Drive `newsbrief run` as an operator would, against the loopback Discord and Slack fakes: start it,
feed it commands, kill it with SIGKILL mid-way, restart it, and count what each channel received.

Shared by the fault tests (tests/faults) and `bench/faults.py`; it holds no tests itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from bot.schedule.channel_digests import SCHEDULED_TITLE
from bot.storage import open_store
from bot.storage.records import PollOutcome
from bot.values import ChannelRef
from tests.fakes.discord_server import APP_ID, GUILD_ID, FakeDiscord
from tests.fakes.slack_server import TEAM_ID, FakeSlack
from tests.kit import add_feed_articles, settings_for
from tests.paths import REPO

SLACK_SECRET = "harbour-signing-secret"
# Channel ids for the many channels of a fault scenario, clear of the fakes' own fixtures.
_DISCORD_CHANNEL_BASE = 1_300_000_000_000_001_000
_START_SECONDS = 90.0  # a cold `newsbrief run` on a busy 2-core machine can take a while
_DIGEST_ARTICLES = 2


class Platform(Protocol):
    """One chat platform's fake, seen the way the fault scenarios need it."""

    name: str

    def environment(self, data_dir: Path, code: Path = REPO) -> dict[str, str]: ...

    def channel(self, number: int) -> ChannelRef: ...

    def digests_in(self, channel: ChannelRef) -> int: ...

    def digest_messages(self) -> int: ...

    async def wait_until(self, ready: Callable[[], Any], timeout: float) -> Any: ...  # noqa: ASYNC109

    def set_post_delay(self, seconds: float) -> None: ...


def _opens_a_digest(text: object) -> bool:
    """Tell whether a message is the first of a daily digest (it opens with the digest's title)."""
    return isinstance(text, str) and text.lstrip("*").startswith(SCHEDULED_TITLE)


def _base_environment(data_dir: Path, code: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_", "DATABASE_URL"))}
    return {**env, "NEWSBRIEF_DATA_DIR": str(data_dir), "NEWSBRIEF_LOG_LEVEL": "INFO", "NO_COLOR": "1",
            "PYTHONPATH": str(code)}


@dataclass
class DiscordPlatform:
    """The loopback Discord: channels by numeric id in one guild."""

    fake: FakeDiscord
    name: str = "discord"

    def environment(self, data_dir: Path, code: Path = REPO) -> dict[str, str]:
        return {**_base_environment(data_dir, code), "DISCORD_TOKEN": self.fake.token,
                "DISCORD_API_BASE": self.fake.api_base, "DISCORD_GATEWAY_URL": self.fake.gateway_url}

    def channel(self, number: int) -> ChannelRef:
        return ChannelRef("discord", str(GUILD_ID), str(_DISCORD_CHANNEL_BASE + number))

    def digests_in(self, channel: ChannelRef) -> int:
        return sum(1 for m in self.fake.created(int(channel.channel)) if _opens_a_digest(m.get("content")))

    def digest_messages(self) -> int:
        return sum(len(messages) for messages in self.fake.messages.values())

    async def wait_until(self, ready: Callable[[], Any], timeout: float) -> Any:  # noqa: ASYNC109
        return await self.fake.wait_until(ready, timeout)

    def set_post_delay(self, seconds: float) -> None:
        self.fake.post_delay = seconds


@dataclass
class SlackPlatform:
    """The loopback Slack, in HTTP mode."""

    fake: FakeSlack
    name: str = "slack"

    def environment(self, data_dir: Path, code: Path = REPO) -> dict[str, str]:
        return {**_base_environment(data_dir, code), "SLACK_BOT_TOKEN": self.fake.bot_token,
                "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_HTTP_PORT": "0", "SLACK_API_URL": self.fake.api_url}

    def channel(self, number: int) -> ChannelRef:
        return ChannelRef("slack", TEAM_ID, f"C0ROOM{number:04d}")

    def digests_in(self, channel: ChannelRef) -> int:
        return sum(1 for m in self.fake.history(channel.channel) if _opens_a_digest(m.get("text")))

    def digest_messages(self) -> int:
        return len(self.fake.calls_to("chat.postMessage"))

    async def wait_until(self, ready: Callable[[], Any], timeout: float) -> Any:  # noqa: ASYNC109
        return await self.fake.wait_until(ready, timeout)

    def set_post_delay(self, seconds: float) -> None:
        self.fake.post_delay = seconds


@dataclass
class RunningBot:
    """A `newsbrief run` child process; its merged output is read in the background into `lines`."""

    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    _seen: asyncio.Condition = field(default_factory=asyncio.Condition)
    _reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, environment: dict[str, str]) -> RunningBot:
        """Start `newsbrief run` from the code on the environment's PYTHONPATH (this checkout unless told)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli.main", "run", cwd=environment.get("PYTHONPATH", str(REPO)), env=environment,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )
        bot = cls(process)
        bot._reader = asyncio.create_task(bot._read())
        return bot

    @property
    def output(self) -> str:
        return "".join(self.lines)

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    async def wait_for_line(self, needle: str, *, after: int = 0, timeout: float = _START_SECONDS) -> str:  # noqa: ASYNC109
        """Wait for an output line (from line number `after` on) holding `needle`; fail if the process ends first."""

        def found() -> str | None:
            for line in self.lines[after:]:
                if needle in line:
                    return line
            return "" if self._reader is not None and self._reader.done() else None

        async with self._seen:
            await asyncio.wait_for(self._seen.wait_for(lambda: found() is not None), timeout)
        line = found()
        if not line:
            raise AssertionError(f"newsbrief run ended without printing {needle!r}:\n{self.output}")
        return line

    async def kill(self) -> None:
        """End the process with SIGKILL: nothing is flushed, nothing is cleaned up."""
        if self.running:
            self.process.kill()
        await self._finish()

    async def stop(self, timeout: float = 60.0) -> int:  # noqa: ASYNC109
        """Ask the process to stop as Ctrl-C does and return its exit status (SIGKILL if it hangs)."""
        if self.running:
            self.process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
        await self._finish()
        return self.process.returncode if self.process.returncode is not None else -9

    async def _finish(self) -> None:
        await self.process.wait()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._reader, 10)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            raw = await self.process.stdout.readline()
            async with self._seen:
                if raw:
                    self.lines.append(raw.decode(errors="replace"))
                self._seen.notify_all()
            if not raw:
                return


def seed_due_digests(data_dir: Path, channels: list[ChannelRef], *, now: datetime | None = None) -> datetime:
    """Subscribe every channel to a daily digest that fell due a minute ago, with news; return that fire time.

    The database is written directly, as a run the day before would have left it, so that the
    next `newsbrief run` finds every digest due at once (without waiting for a wall-clock minute).
    """
    moment = now or datetime.now(UTC)
    fire = moment.replace(second=0, microsecond=0) - timedelta(minutes=1)
    since = fire - timedelta(hours=1)
    store = open_store(settings_for(data_dir).storage.resolved_database_url)
    try:
        for number, channel in enumerate(channels):
            feed, _ = store.feeds.add_feed(f"https://feeds.example/{channel.platform}/{number}.xml", now=since)
            # Polled just now as far as the bot knows: the run under test must not go looking for it.
            store.feeds.update_feed_poll_result(feed.id, PollOutcome(ok=True, next_poll_at=moment + timedelta(days=1)),
                                                now=since)
            store.subscriptions.save_subscription(
                channel, time=f"{fire:%H:%M}", timezone="UTC", feed_ids=[feed.id], now=since
            )
            add_feed_articles(store, feed.id, channel.channel, _DIGEST_ARTICLES, since)
    finally:
        store.close()
    return fire


@dataclass(frozen=True)
class CrashResult:
    """What one crash-and-restart run left in the channels."""

    platform: str
    channels: int
    before_crash: int  # digest messages created before the kill
    lost: int  # channels without that day's digest
    duplicated: int  # channels that got it more than once
    seconds: float


async def crash_and_restart(
    platform: Platform, data_dir: Path, *, channels: int, kill_after: int, post_delay: float = 0.2
) -> CrashResult:
    """Seed `channels` due digests, start the bot, SIGKILL it after `kill_after` digest messages, restart, count."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    rooms = [platform.channel(number) for number in range(channels)]
    seed_due_digests(data_dir, rooms)
    platform.set_post_delay(post_delay)
    first = await RunningBot.start(platform.environment(data_dir))
    try:
        await platform.wait_until(lambda: platform.digest_messages() >= kill_after, _START_SECONDS)
    finally:
        await first.kill()
    before = platform.digest_messages()
    second = await RunningBot.start(platform.environment(data_dir))
    try:
        # The start-up sweep logs its tally once every due digest has been handled.
        await second.wait_for_line("Digests:")
    finally:
        status = await second.stop()
    if status != 0:
        raise AssertionError(f"the restarted newsbrief run exited {status}:\n{second.output}")
    counts = [platform.digests_in(room) for room in rooms]
    return CrashResult(
        platform=platform.name, channels=channels, before_crash=before, lost=sum(1 for c in counts if c == 0),
        duplicated=sum(1 for c in counts if c > 1), seconds=loop.time() - started,
    )


def discord_answer_texts(fake: FakeDiscord, token: str) -> list[str]:
    """Return the text of every follow-up the bot sent for one interaction."""
    return [(r.body or {}).get("content") or "" for r in fake.followups(token)]


async def wait_commands_registered(fake: FakeDiscord) -> None:
    """Wait until a freshly started bot has registered its slash commands and said READY."""
    await fake.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=_START_SECONDS)
    await fake.wait_identified(timeout=_START_SECONDS)
