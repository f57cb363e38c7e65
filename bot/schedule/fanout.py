"""Hand digests to channels exactly once, many at a time: reserve, post, mark sent.

Each channel's digest for one local day has one key. Its articles are reserved as `pending`
deliveries in one transaction before anything is posted and flipped to `sent` right after the
sink returns, so after a crash `resume_pending` re-posts exactly the digests still pending and
never one already marked sent. The one window left is a crash after the sink posted but before
the mark was written; that digest is posted again on restart (at-least-once there, by design:
losing a digest is worse than repeating one).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import ParamSpec, TypeVar

from bot.chat import ChannelUnavailable, DigestSink
from bot.schedule.channel_digests import (
    SCHEDULED_TITLE,
    ChannelDigests,
    channel_filter,
    scheduled_digest_key,
    title_for_key,
)
from bot.storage.deliveries import DeliveryRepository
from bot.storage.records import StoredArticle, SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.values import ChannelRef, Clock

_log = logging.getLogger("newsbrief.schedule")

DisabledCallback = Callable[[SubscriptionRecord], None]
_P = ParamSpec("_P")
_T = TypeVar("_T")


@dataclass(frozen=True)
class DispatchOptions:
    """How digests go out: channels sent to at once, whether empty digests are skipped, write queueing."""

    concurrency: int = 20
    skip_empty: bool = False
    # SQLite takes one writer at a time; queueing writers here rather than in SQLite's busy
    # handler (which sleeps and retries) keeps per-channel latency flat and threads free.
    serialize_writes: bool = True


class Outcome(enum.Enum):
    """What happened to one channel's digest."""

    SENT = "sent"
    SENT_EMPTY = "sent-empty"
    SKIPPED_EMPTY = "skipped-empty"
    ALREADY_SENT = "already-sent"
    NOTHING_PENDING = "nothing-pending"
    NOT_SUBSCRIBED = "not-subscribed"
    NO_SINK = "no-sink"
    CHANNEL_GONE = "channel-gone"
    FAILED = "failed"


class DigestDispatcher:
    """Deliver channels' digests through their platform's sink with bounded concurrency."""

    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        digests: ChannelDigests,
        *,
        clock: Clock,
        options: DispatchOptions = DispatchOptions(),
        sinks: Iterable[DigestSink] = (),
    ) -> None:
        self.subscriptions = subscriptions
        self.deliveries: DeliveryRepository = digests.deliveries
        self.digests = digests
        self._clock = clock
        self._skip_empty = options.skip_empty
        self._on_disabled: DisabledCallback | None = None
        self._sinks: dict[str, DigestSink] = {}
        # One slow channel holds one slot; the others keep flowing through the rest.
        self._slots = asyncio.Semaphore(max(1, options.concurrency))
        # A channel's digest is never assembled twice at once (a scheduled run and a resume).
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

    async def deliver_scheduled(self, channel: ChannelRef, slot: datetime) -> Outcome:
        """Deliver the channel's digest for the day of `slot`, unless that digest already went out."""
        with self._tracked():
            async with self._slots, self._channel_lock(channel):
                return await _contained(self._deliver_scheduled(channel, slot), channel)

    async def fan_out(self, due: Iterable[tuple[ChannelRef, datetime]]) -> list[Outcome]:
        """Deliver many channels' digests concurrently (bounded); one failure never stops the rest."""
        return list(await asyncio.gather(*(self.deliver_scheduled(channel, slot) for channel, slot in due)))

    async def resume_pending(self) -> list[Outcome]:
        """Post every digest reserved but never marked sent (after a crash or a failed send)."""
        pending = await asyncio.to_thread(self.deliveries.pending_digests)
        return list(await asyncio.gather(*(self._resume(channel, key) for channel, key in pending)))

    async def drain(self) -> None:
        """Wait until every delivery in progress has finished."""
        # Tasks created just before this call get one turn of the loop to register themselves.
        await asyncio.sleep(0)
        await self._idle.wait()

    async def _resume(self, channel: ChannelRef, digest_key: str) -> Outcome:
        with self._tracked():
            async with self._slots, self._channel_lock(channel):
                return await _contained(self._resume_locked(channel, digest_key), channel)

    async def _resume_locked(self, channel: ChannelRef, digest_key: str) -> Outcome:
        # Read under the lock: a delivery that held it may have just sent these.
        articles = await asyncio.to_thread(self.deliveries.pending_for, channel, digest_key)
        if not articles:
            return Outcome.NOTHING_PENDING
        subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
        if subscription is not None and is_gone(subscription):
            await self._write(self.deliveries.release_deliveries, channel, digest_key)
            return Outcome.NOT_SUBSCRIBED
        return await self._post(channel, digest_key, articles, subscription, title_for_key(digest_key))

    async def _deliver_scheduled(self, channel: ChannelRef, slot: datetime) -> Outcome:
        subscription = await asyncio.to_thread(self.subscriptions.get_subscription, channel)
        if subscription is None or not subscription.enabled:
            return Outcome.NOT_SUBSCRIBED
        if channel.platform not in self._sinks:
            _log.warning(
                "No %s adapter is running; the digest for %s waits for the next run.", channel.platform, channel
            )
            return Outcome.NO_SINK
        key = scheduled_digest_key(subscription, slot)
        now = self._clock()
        reservation = await self._write(
            self.digests.reserve, channel, subscription.feed_ids, key, now, accept=channel_filter(subscription)
        )
        if reservation.already_sent:
            return Outcome.ALREADY_SENT
        if not reservation.articles and self._skip_empty:
            return Outcome.SKIPPED_EMPTY
        return await self._post(channel, key, reservation.articles, subscription, SCHEDULED_TITLE)

    async def _post(
        self,
        channel: ChannelRef,
        digest_key: str,
        articles: tuple[StoredArticle, ...] | list[StoredArticle],
        subscription: SubscriptionRecord | None,
        title: str,
    ) -> Outcome:
        sink = self._sinks.get(channel.platform)
        if sink is None:
            _log.warning("No %s adapter is running; digest %s stays pending.", channel.platform, digest_key)
            return Outcome.NO_SINK
        digest = await asyncio.to_thread(self.digests.build, articles, title=title, now=self._clock())
        try:
            await sink.deliver(channel, digest)
        except ChannelUnavailable as gone:
            await self._disable(channel, digest_key, subscription, gone.reason)
            return Outcome.CHANNEL_GONE
        except Exception:  # the rows stay pending, so the next resume retries this digest
            _log.exception("Posting digest %s failed; it stays pending and will be retried.", digest_key)
            return Outcome.FAILED
        await self._write(self.deliveries.mark_sent, channel, digest_key, now=self._clock())
        return Outcome.SENT if articles else Outcome.SENT_EMPTY

    async def _disable(
        self, channel: ChannelRef, digest_key: str, subscription: SubscriptionRecord | None, reason: str
    ) -> None:
        _log.warning("Channel %s is unavailable (%s); its daily digest is now disabled.", channel, reason)
        # The promised articles go back to undelivered: the channel never saw them.
        await self._write(self.deliveries.release_deliveries, channel, digest_key)
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


