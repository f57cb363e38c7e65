"""Hand due digests to channels, many at a time: claim in the digest log, post, mark sent.

Each channel's digest for one local day has one key and one digest-log row. Claiming it and
reserving its articles is one transaction; marking it sent (with its articles) is another,
right after the sink returns. A crash in between leaves it pending, and the next sweep sends it
again with the same articles, the same key and a higher attempt number, which adapters use to
de-duplicate on the platform (Discord's message nonce, Slack's message metadata).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import ParamSpec, TypeVar

from bot.chat import ChannelUnavailable, DigestSink
from bot.schedule.channel_digests import SCHEDULED_TITLE, ChannelDigests, scheduled_digest_key
from bot.storage.digest_log import SKIPPED, ClaimState, DigestLogRepository
from bot.storage.records import SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.values import ChannelRef, Clock

_log = logging.getLogger("newsbrief.schedule")

DisabledCallback = Callable[[SubscriptionRecord], None]
_P = ParamSpec("_P")
_T = TypeVar("_T")

# A claim older than this is taken to belong to a sender that died (one post takes seconds).
CLAIM_LEASE = timedelta(minutes=10)
# A failed post waits 1, 2, 4 … minutes before the next try, at most half an hour.
_FIRST_RETRY = timedelta(minutes=1)
_LONGEST_RETRY = timedelta(minutes=30)


@dataclass(frozen=True)
class DispatchOptions:
    """How digests go out: channels sent to at once, whether empty digests are skipped, write queueing."""

    concurrency: int = 20
    skip_empty: bool = False
    # SQLite takes one writer at a time; queueing writers here rather than in SQLite's busy
    # handler (which sleeps and retries) keeps per-channel latency flat and threads free.
    serialize_writes: bool = True


@dataclass(frozen=True)
class DueDigest:
    """One digest to send now: whose, which (its key) and when it was due."""

    channel: ChannelRef
    digest_key: str
    due_at: datetime


class Outcome(enum.Enum):
    """What happened to one channel's digest."""

    SENT = "sent"
    SENT_EMPTY = "sent-empty"
    SKIPPED_EMPTY = "skipped-empty"
    ALREADY_SENT = "already-sent"
    BUSY = "busy"
    WAITING = "waiting"
    NOT_SUBSCRIBED = "not-subscribed"
    NO_SINK = "no-sink"
    CHANNEL_GONE = "channel-gone"
    FAILED = "failed"


def sender_id() -> str:
    """Return a name for this process's claims: host, pid and a random part (pids get reused)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def retry_delay(attempt: int) -> timedelta:
    """Return how long a digest whose `attempt`-th post failed waits before the next one."""
    doubled: timedelta = _FIRST_RETRY * (2 ** min(max(0, attempt - 1), 10))
    return min(doubled, _LONGEST_RETRY)


class DigestDispatcher:
    """Deliver channels' digests through their platform's sink with bounded concurrency."""

    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        digests: ChannelDigests,
        log: DigestLogRepository,
        *,
        clock: Clock,
        options: DispatchOptions = DispatchOptions(),
        sinks: Iterable[DigestSink] = (),
        owner: str | None = None,
    ) -> None:
        self.subscriptions = subscriptions
        self.digests = digests
        self.log = log
        self.owner = owner or sender_id()
        self._clock = clock
        self._skip_empty = options.skip_empty
        self._on_disabled: DisabledCallback | None = None
        self._sinks: dict[str, DigestSink] = {}
        # One slow channel holds one slot; the others keep flowing through the rest.
        self._slots = asyncio.Semaphore(max(1, options.concurrency))
        # A channel's digest is never assembled twice at once in this process (the claim guards across processes).
        self._channel_locks: dict[ChannelRef, asyncio.Lock] = {}
        self._write_turn = asyncio.Lock() if options.serialize_writes else None
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        for sink in sinks:
            self.register_sink(sink)

    def register_sink(self, sink: DigestSink) -> None:
        """Send digests for `sink.platform` through `sink` (the newest registration wins)."""
        self._sinks[sink.platform] = sink

    def remove_sink(self, sink: DigestSink) -> None:
        """Stop sending through `sink` (if it is still the one registered for its platform)."""
        if self._sinks.get(sink.platform) is sink:
            del self._sinks[sink.platform]

    @property
    def sinks(self) -> Mapping[str, DigestSink]:
        return dict(self._sinks)

    def set_disabled_callback(self, callback: DisabledCallback | None) -> None:
        """Call `callback` with each subscription disabled because its channel is gone."""
        self._on_disabled = callback

    async def deliver(self, due: DueDigest) -> Outcome:
        """Send one due digest unless it went out before; never raises."""
        with self._tracked():
            async with self._slots, self._channel_lock(due.channel):
                return await _contained(self._deliver(due), due.channel)

    async def fan_out(self, due: Iterable[DueDigest]) -> list[Outcome]:
        """Deliver many digests concurrently (bounded); one failure never stops the rest."""
        return list(await asyncio.gather(*(self.deliver(item) for item in due)))

    async def deliver_scheduled(self, channel: ChannelRef, slot: datetime) -> Outcome:
        """Deliver the channel's digest for the local day of `slot` (due at `slot`), unless it went out."""
        with self._tracked():
            subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
            if subscription is None or not subscription.enabled:
                return Outcome.NOT_SUBSCRIBED
            return await self.deliver(DueDigest(channel, scheduled_digest_key(subscription, slot), slot))

    async def drain(self) -> None:
        """Wait until every delivery in progress has finished."""
        # Tasks created just before this call get one turn of the loop to register themselves.
        await asyncio.sleep(0)
        await self._idle.wait()

    async def _deliver(self, due: DueDigest) -> Outcome:
        channel, key = due.channel, due.digest_key
        sink = self._sinks.get(channel.platform)
        if sink is None:
            _log.warning("No %s adapter is running; digest %s waits for the next run.", channel.platform, key)
            return Outcome.NO_SINK
        subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
        if subscription is not None and is_gone(subscription):
            await self._write(self.log.drop, channel, key)
            return Outcome.NOT_SUBSCRIBED
        if (subscription is None or not subscription.enabled) and not await self._was_started(channel, key):
            return Outcome.NOT_SUBSCRIBED  # only a digest begun before the unsubscribe still goes out
        now = self._clock()
        pick = self.digests.pick(subscription, now)  # its feeds, through its filter
        claim = await self._write(
            self.log.claim, channel, key, due_at=due.due_at, owner=self.owner, pick=pick, lease=CLAIM_LEASE, now=now
        )
        if claim.state is not ClaimState.CLAIMED:
            return _UNCLAIMED[claim.state]
        if not claim.articles and self._skip_empty:
            await self._write(self.log.finish, channel, key, status=SKIPPED, now=now)
            return Outcome.SKIPPED_EMPTY
        digest = await asyncio.to_thread(
            self.digests.build, claim.articles, title=SCHEDULED_TITLE, now=now, key=key, attempt=claim.attempt
        )
        try:
            await sink.deliver(channel, digest)
        except ChannelUnavailable as gone:
            await self._disable(channel, key, gone.reason)
            return Outcome.CHANNEL_GONE
        except Exception:  # the digest stays pending; a later sweep tries again after a pause
            retry_at = self._clock() + retry_delay(claim.attempt)
            _log.exception("Posting digest %s failed (attempt %d); next try after %s.", key, claim.attempt, retry_at)
            await self._write(self.log.fail, channel, key, retry_at=retry_at)
            return Outcome.FAILED
        await self._write(self.log.finish, channel, key, now=self._clock())
        return Outcome.SENT if claim.articles else Outcome.SENT_EMPTY

    async def _was_started(self, channel: ChannelRef, key: str) -> bool:
        entry = await asyncio.to_thread(self.log.entry, channel, key)
        return entry is not None and not entry.done

    async def _disable(self, channel: ChannelRef, digest_key: str, reason: str) -> None:
        _log.warning("Channel %s is unavailable (%s); its daily digest is now disabled.", channel, reason)
        # The promised articles go back to undelivered: the channel never saw them.
        await self._write(self.log.drop, channel, digest_key)
        updated = await self._write(
            self.subscriptions.set_subscription_enabled, channel, False, reason=f"{GONE}: {reason}"
        )
        if updated is not None and self._on_disabled is not None:
            self._on_disabled(updated)

    async def _write(self, function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        if self._write_turn is None:
            return await asyncio.to_thread(function, *args, **kwargs)
        async with self._write_turn:
            return await asyncio.to_thread(function, *args, **kwargs)

    def _channel_lock(self, channel: ChannelRef) -> asyncio.Lock:
        return self._channel_locks.setdefault(channel, asyncio.Lock())

    def _tracked(self) -> _InFlight:
        return _InFlight(self)


_UNCLAIMED = {
    ClaimState.DONE: Outcome.ALREADY_SENT,
    ClaimState.BUSY: Outcome.BUSY,
    ClaimState.WAITING: Outcome.WAITING,
}

# Prefix of `disabled_reason` when the platform said the channel is gone (not the user's choice).
GONE = "channel unavailable"


def is_gone(subscription: SubscriptionRecord) -> bool:
    """Tell whether the subscription was disabled because its channel is gone."""
    return not subscription.enabled and (subscription.disabled_reason or "").startswith(GONE)


async def _contained(work: Awaitable[Outcome], channel: ChannelRef) -> Outcome:
    """Await one channel's delivery; a bug or a database error there must not stop the others."""
    try:
        return await work
    except Exception:
        _log.exception("The digest for %s failed; anything it reserved stays pending for a retry.", channel)
        return Outcome.FAILED


class _InFlight:
    """Count a delivery as in progress for `drain` (entered before the first await)."""

    def __init__(self, dispatcher: DigestDispatcher) -> None:
        self._dispatcher = dispatcher

    def __enter__(self) -> None:
        self._dispatcher._in_flight += 1
        self._dispatcher._idle.clear()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._dispatcher._in_flight -= 1
        if self._dispatcher._in_flight == 0:
            self._dispatcher._idle.set()
