"""`NEWSBRIEF_HTTP_PORT`: `/healthz` (database and adapters alive: 200, else 503, JSON either way) and `/metrics`.

A few lines of HTTP/1.1 on asyncio streams: two GET routes for a container's health check and a
Prometheus scraper need no web framework (and the engine may not import aiohttp).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Protocol, runtime_checkable

from bot.ops.metrics import METRICS_CONTENT_TYPE, Metrics

_log = logging.getLogger("newsbrief.ops")

# A check returns None when all is well, else a short sentence saying what is wrong.
HealthCheck = Callable[[], Awaitable[str | None]]
CHECK_TIMEOUT = 5.0  # a check that hangs (a database behind a dead network) counts as failed
_REQUEST_TIMEOUT = 10.0
_MAX_REQUEST_BYTES = 8192


@runtime_checkable
class ReportsHealth(Protocol):
    """An adapter that can tell whether its connection to the platform is up."""

    async def health_problem(self) -> str | None:
        """Return None when connected and answering, else what is wrong."""
        ...


async def run_checks(checks: Mapping[str, HealthCheck]) -> tuple[bool, dict[str, str]]:
    """Run every check at once (each bounded); return (all well, {name: "ok" or the problem})."""

    async def one(check: HealthCheck) -> str | None:
        try:
            return await asyncio.wait_for(check(), CHECK_TIMEOUT)
        except TimeoutError:
            return f"no answer within {CHECK_TIMEOUT:g} s"
        except Exception as error:  # a check that breaks is a failed check, not a failed server
            return f"{type(error).__name__}: {error}"

    names = list(checks)
    problems = await asyncio.gather(*(one(checks[name]) for name in names))
    results = {name: problem or "ok" for name, problem in zip(names, problems, strict=True)}
    return all(problem is None for problem in problems), results


class OpsServer:
    """Serve /healthz and /metrics on host:port until stopped."""

    def __init__(self, metrics: Metrics, checks: Mapping[str, HealthCheck], *, host: str, port: int) -> None:
        self._metrics = metrics
        self._checks = dict(checks)
        self._details: dict[str, Callable[[], object]] = {}
        self._host = host
        self._port = port
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    @property
    def port(self) -> int:
        """Return the port listened on (the one picked when configured as 0)."""
        if self._server is None or not self._server.sockets:
            return self._port
        return int(self._server.sockets[0].getsockname()[1])

    def add_check(self, name: str, check: HealthCheck) -> None:
        """Include `check` in /healthz under `name`."""
        self._checks[name] = check

    def add_detail(self, name: str, detail: Callable[[], object]) -> None:
        """Show `detail()` in /healthz under `name` (a fact about this process, not a check)."""
        self._details[name] = detail

    async def start(self) -> None:
        """Start listening; an OSError (port taken) propagates for the caller to report."""
        self._server = await asyncio.start_server(self._serve, self._host, self._port)
        _log.info("Health and metrics at http://%s:%d/healthz and /metrics", self._host, self.port)

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        if self._server is not None:
            self._server.close()
            for writer in list(self._open):  # a client that sends nothing must not hold the stop
                writer.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _REQUEST_TIMEOUT)
            status, content_type, body = await self._answer(head)
            if head.startswith(b"HEAD "):
                length, body = len(body), b""
            else:
                length = len(body)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            status, content_type, body = HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"bad request\n"
            length = len(body)
        try:
            writer.write(
                f"HTTP/1.1 {status.value} {status.phrase}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        except ConnectionError:
            pass  # the client went away; nothing to tell it
        finally:
            self._open.discard(writer)
            writer.close()

    async def _answer(self, head: bytes) -> tuple[HTTPStatus, str, bytes]:
        if len(head) > _MAX_REQUEST_BYTES:
            return HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "text/plain; charset=utf-8", b"too large\n"
        parts = head.split(b"\r\n", 1)[0].decode("latin-1").split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            return HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"bad request\n"
        method, target = parts[0], parts[1].split("?", 1)[0]
        if target not in ("/healthz", "/metrics"):
            return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found: try /healthz or /metrics\n"
        if method not in ("GET", "HEAD"):
            return HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"only GET\n"
        if target == "/metrics":
            return HTTPStatus.OK, METRICS_CONTENT_TYPE, self._metrics.exposition()
        healthy, results = await run_checks(self._checks)
        shown: dict[str, object] = {"status": "ok" if healthy else "unavailable", "checks": results}
        shown.update({name: detail() for name, detail in self._details.items()})
        body = json.dumps(shown).encode() + b"\n"
        return (HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE), "application/json", body
