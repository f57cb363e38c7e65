"""NEWSBRIEF_HTTP_PORT: /healthz says whether the database and adapters are alive, /metrics counts the work."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_app
from bot.chat import ChannelUnavailable
from bot.errors import UserError
from bot.factory import Factory
from bot.models import Article, Digest
from bot.ops.metrics import Metrics
from bot.ops.server import OpsServer
from bot.values import ChannelRef
from tests.kit import FakeClock, settings_for
from tests.paths import REPO

SEED = REPO / "seeds" / "09-antwerp-strike-wire.txt"

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
ROOM = ChannelRef("console", "local", "room")
EMPTY = Digest(items=(), generated_at=NOW)


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    """Return one sample's value from the /metrics text, 0 when absent."""
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for item in family.samples:
            if item.name == name and all(item.labels.get(k) == v for k, v in labels.items()):
                return item.value
    return 0.0


class Adapter:
    """A chat adapter whose connection the test switches off; `fail` refuses to start."""

    def __init__(self, platform: str, *, fail: bool = False) -> None:
        self.platform = platform
        self.fail = fail
        self.connected = True

    async def start(self) -> None:
        if self.fail:
            raise UserError("token rejected")

    async def stop(self) -> None:
        self.connected = False

    async def deliver(self, target, digest) -> None:
        pass

    async def health_problem(self) -> str | None:
        return None if self.connected else "not connected"


async def get(port: int, path: str, method: str = "GET") -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as client:
        return await client.request(method, f"http://127.0.0.1:{port}{path}")


@pytest.fixture
async def app(tmp_path, database_url):
    settings = settings_for(tmp_path, DATABASE_URL=database_url, NEWSBRIEF_HTTP_PORT="0", NEWSBRIEF_HTTP_HOST="127.0.0.1")
    built = build_app(settings, clock=FakeClock(NOW), platforms=(), fire_jobs=False)
    yield built
    await built.stop()


async def test_healthz_is_200_with_each_check_named_while_all_is_alive(app):
    adapter = Adapter("discord")
    app.add_adapter(adapter)
    await app.start()
    answer = await get(app.ops.port, "/healthz")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == {"status": "ok", "checks": {"database": "ok", "discord": "ok"}, "leader": True}

    adapter.connected = False
    answer = await get(app.ops.port, "/healthz")
    assert answer.status_code == 503
    assert answer.json() == {
        "status": "unavailable", "checks": {"database": "ok", "discord": "not connected"}, "leader": True,
    }


async def test_an_adapter_that_did_not_start_makes_healthz_503(app):
    app.add_adapter(Adapter("discord"))
    app.add_adapter(Adapter("slack", fail=True))
    await app.start()
    answer = await get(app.ops.port, "/healthz")
    assert answer.status_code == 503
    assert answer.json()["checks"] == {"database": "ok", "slack": "did not start; see the log", "discord": "ok"}


async def test_a_database_that_cannot_be_reached_makes_healthz_503(app):
    await app.start()
    app.store.database.engine.dispose()
    app.store.database.engine.pool.connect = _refuse  # every new connection now fails, as with a dead server
    answer = await get(app.ops.port, "/healthz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "unavailable" and "OSError" in body["checks"]["database"]


def _refuse():
    raise OSError("connection refused")


async def test_metrics_count_sent_failed_and_retried_digests_in_prometheus_text(app):
    flaky = FlakySink()
    app.register_sink(flaky)
    await app.start()
    sink = app.dispatcher.sinks["console"]
    with pytest.raises(ConnectionError):
        await sink.deliver(ROOM, EMPTY)
    await sink.deliver(ROOM, EMPTY)  # the same channel again: a retry that goes through
    await sink.deliver(ChannelRef("console", "local", "other"), EMPTY)
    with pytest.raises(ChannelUnavailable):
        await sink.deliver(ChannelRef("console", "local", "gone"), EMPTY)

    answer = await get(app.ops.port, "/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    metrics = app.metrics
    assert sample(metrics, "newsbrief_digests_sent_total", platform="console") == 2
    assert sample(metrics, "newsbrief_digests_failed_total", platform="console", reason="retry") == 1
    assert sample(metrics, "newsbrief_digests_failed_total", platform="console", reason="unavailable") == 1
    assert sample(metrics, "newsbrief_posts_retried_total", platform="console") == 1
    assert sample(metrics, "newsbrief_leader") == 1  # the only process on its database leads
    for name in ("newsbrief_feeds_polled_total", "newsbrief_fetch_seconds_bucket", "newsbrief_briefing_seconds_count"):
        assert name in answer.text


class FlakySink:
    """Fails its first post with a connection error; refuses channel "gone" for good."""

    platform = "console"

    def __init__(self) -> None:
        self.calls = 0

    async def deliver(self, target, digest) -> None:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("reset by peer")
        if target.channel == "gone":
            raise ChannelUnavailable("channel deleted")


async def test_fetches_briefings_and_feed_polls_are_measured(tmp_path, loopback_site):
    metrics = Metrics()
    factory = Factory(settings_for(tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1"), metrics=metrics)
    fetcher = factory.fetcher()
    try:
        await fetcher.article(loopback_site.url("/pages/latin.html"))
    finally:
        await fetcher.aclose()
    factory.briefer()(Article(text=SEED.read_text(), title="Antwerp dockworkers strike"))
    metrics.count_poll(ok=3, failed=1)
    assert sample(metrics, "newsbrief_fetch_seconds_count") >= 1
    assert sample(metrics, "newsbrief_briefing_seconds_count") == 1
    assert sample(metrics, "newsbrief_feeds_polled_total") == 3
    assert sample(metrics, "newsbrief_feeds_failed_total") == 1


async def test_a_check_that_hangs_or_breaks_fails_without_hanging_the_server(monkeypatch):
    monkeypatch.setattr("bot.ops.server.CHECK_TIMEOUT", 0.05)

    async def hangs() -> None:
        await asyncio.Event().wait()

    async def breaks() -> None:
        raise RuntimeError("boom")

    server = OpsServer(Metrics(), {"slow": hangs, "broken": breaks}, host="127.0.0.1", port=0)
    await server.start()
    try:
        answer = await get(server.port, "/healthz")
    finally:
        await server.stop()
    assert answer.status_code == 503
    assert json.loads(answer.text)["checks"] == {"slow": "no answer within 0.05 s", "broken": "RuntimeError: boom"}


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/", 404), ("GET", "/admin", 404), ("POST", "/healthz", 405), ("HEAD", "/metrics", 200),
    ("GET", "/healthz?verbose=1", 200),
])
async def test_other_requests_get_plain_answers(method, path, status):
    server = OpsServer(Metrics(), {}, host="127.0.0.1", port=0)
    await server.start()
    try:
        answer = await get(server.port, path, method)
    finally:
        await server.stop()
    assert answer.status_code == status


async def test_garbage_gets_400_and_a_silent_client_does_not_hold_the_stop():
    server = OpsServer(Metrics(), {}, host="127.0.0.1", port=0)
    await server.start()
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"\x16\x03\x01 not http\r\n\r\n")
    await writer.drain()
    reply = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    assert reply.startswith(b"HTTP/1.1 400 ")
    _silent_reader, silent = await asyncio.open_connection("127.0.0.1", server.port)
    await asyncio.wait_for(server.stop(), 5)
    silent.close()
