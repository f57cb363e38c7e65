"""What a running newsbrief counts and times, in Prometheus's terms (prometheus_client).

One `Metrics` per app, each on its own registry, so two apps in one process (the tests) never
share counts. The factory hands its parts the hooks below; nothing here knows a chat platform.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.chat import ChannelUnavailable, DigestSink
from bot.models import Article, Briefing, Digest
from bot.values import Briefer, ChannelRef

METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST
# Fetches wait on other people's servers (up to NEWSBRIEF_FETCH_TIMEOUT, 20 s by default)...
_FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 60.0)
# ...while a briefing is local work of a few milliseconds (bench/engine.py: ≈5 ms median).
_BRIEFING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_STARTED = "newsbrief_started"


@dataclass
class Metrics:
    """The counters and histograms `/metrics` shows."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        registry = self.registry
        self.digests_sent = Counter(
            "newsbrief_digests_sent", "Digests the chat platform accepted.", ["platform"], registry=registry
        )
        self.digests_failed = Counter(
            "newsbrief_digests_failed",
            "Digest posts that failed: 'retry' ones are sent again later, 'unavailable' channels are turned off.",
            ["platform", "reason"], registry=registry,
        )
        self.posts_retried = Counter(
            "newsbrief_posts_retried", "Digest posts attempted again after an earlier attempt failed.",
            ["platform"], registry=registry,
        )
        self.feeds_polled = Counter("newsbrief_feeds_polled", "Feed polls that succeeded.", registry=registry)
        self.feeds_failed = Counter("newsbrief_feeds_failed", "Feed polls that failed.", registry=registry)
        self.fetch_seconds = Histogram(
            "newsbrief_fetch_seconds", "Time from sending a page or feed request to its response headers.",
            buckets=_FETCH_BUCKETS, registry=registry,
        )
        self.briefing_seconds = Histogram(
            "newsbrief_briefing_seconds", "Time to brief one article (clean, summarize, key facts).",
            buckets=_BRIEFING_BUCKETS, registry=registry,
        )

        self.leader = Gauge(
            "newsbrief_leader",
            "1 while this process leads (sends scheduled digests, polls feeds), 0 while another one does.",
            registry=registry,
        )

    def set_leader(self, leading: bool) -> None:
        """Record whether this process leads."""
        self.leader.set(1 if leading else 0)

    def exposition(self) -> bytes:
        """Return every metric in Prometheus's text format."""
        return generate_latest(self.registry)

    def count_poll(self, ok: int, failed: int) -> None:
        """Add one refresh's feed results."""
        self.feeds_polled.inc(ok)
        self.feeds_failed.inc(failed)

    def timed_briefer(self, briefer: Briefer) -> Briefer:
        """Return `briefer`, timing every briefing it makes."""

        def brief(article: Article) -> Briefing:
            with self.briefing_seconds.time():
                return briefer(article)

        return brief

    def time_requests(self, client: httpx.AsyncClient) -> None:
        """Time every request `client` sends, until its response headers arrive."""

        async def started(request: httpx.Request) -> None:
            request.extensions[_STARTED] = time.perf_counter()

        async def answered(response: httpx.Response) -> None:
            began = response.request.extensions.get(_STARTED)
            if isinstance(began, float):
                self.fetch_seconds.observe(time.perf_counter() - began)

        client.event_hooks["request"].append(started)
        client.event_hooks["response"].append(answered)

    def metered(self, sink: DigestSink) -> MeteredSink:
        """Return `sink` counting what it sends, fails and sends again."""
        return MeteredSink(sink, self)


class MeteredSink:
    """A digest sink that counts sent, failed and retried posts around the real one."""

    def __init__(self, inner: DigestSink, metrics: Metrics) -> None:
        self.inner = inner
        self._metrics = metrics
        self._failed: set[ChannelRef] = set()  # channels whose last post failed and will be tried again

    @property
    def platform(self) -> str:
        return self.inner.platform

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        """Post through the real sink and count the outcome."""
        platform = self.platform
        if target in self._failed:
            self._metrics.posts_retried.labels(platform).inc()
        try:
            await self.inner.deliver(target, digest)
        except ChannelUnavailable:
            self._failed.discard(target)  # switched off, never retried
            self._metrics.digests_failed.labels(platform, "unavailable").inc()
            raise
        except Exception:
            self._failed.add(target)
            self._metrics.digests_failed.labels(platform, "retry").inc()
            raise
        self._failed.discard(target)
        self._metrics.digests_sent.labels(platform).inc()

