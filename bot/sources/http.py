"""The HTTP client newsbrief fetches with: polite headers, timeouts, guarded connections."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpcore
import httpx

from bot import __version__
from bot.sources.guard import UrlGuard, host_of

# What httpcore may pass as socket options: (level, option, value) or (level, option, None, length).
SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]

USER_AGENT = (
    f"newsbrief/{__version__} (+https://github.com/newsbrief/newsbrief; self-hosted news-briefing bot)"
)
DEFAULT_TIMEOUT = 20.0
CONNECT_TIMEOUT = 5.0
# httpx only decodes brotli/zstd when optional packages are installed; ask for what it can undo.
ACCEPT_ENCODING = "gzip, deflate"


def make_client(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    guard: UrlGuard | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """Build the shared async client: our User-Agent, 5 s connect / `timeout` total, no auto-redirects.

    Unless a `transport` is given, every connection is vetted again by `guard` (default: a strict
    one); pass the same guard you give to fetch() and poll_feed().
    """
    if transport is None:
        transport = GuardedTransport(guard or UrlGuard())
    return httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
        # Redirects are followed by bot.sources.web.fetch so that the guard sees every hop.
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
    )


def total_timeout(client: httpx.AsyncClient) -> float | None:
    """Return the client's overall budget for one fetch, in seconds."""
    return client.timeout.read


class GuardedTransport(httpx.AsyncHTTPTransport):
    """An httpx transport that only opens sockets to addresses the guard approved.

    Checking a URL and then letting httpx resolve the name again leaves a gap a rebinding DNS
    server can use; resolving once, checking, and connecting to that very address closes it.
    Environment proxies are not used with this transport.
    """

    def __init__(self, guard: UrlGuard, *, ssl_context: ssl.SSLContext | None = None) -> None:
        # Deliberately skip super().__init__: it would build a second pool we would throw away;
        # AsyncHTTPTransport only needs `_pool` to serve requests and close.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(guard),
        )


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve through the guard and connect to the first approved address that answers."""

    def __init__(self, guard: UrlGuard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's backend interface passes it
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._guard.safe_addresses(host)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's backend interface passes it
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("Unix sockets are not used by newsbrief.")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@dataclass
class _HostSlots:
    semaphore: asyncio.Semaphore
    users: int = 0


@dataclass
class HostLimiter:
    """Let at most `per_host` requests run against one host at a time."""

    per_host: int = 2
    _hosts: dict[str, _HostSlots] = field(default_factory=dict, repr=False)

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the host's slots for the duration of the block."""
        host = host_of(url).lower()
        slots = self._hosts.setdefault(host, _HostSlots(asyncio.Semaphore(self.per_host)))
        slots.users += 1
        try:
            async with slots.semaphore:
                yield
        finally:
            slots.users -= 1
            if slots.users == 0:  # forget idle hosts so a long-running bot does not grow forever
                del self._hosts[host]

    def busy_hosts(self) -> list[str]:
        """Return the hosts that currently hold or wait for a slot."""
        return sorted(self._hosts)
