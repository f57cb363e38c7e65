"""A real HTTP server on 127.0.0.1 serving the pages, feeds and misbehaviours in tests.fakes.content."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest_asyncio
from aiohttp import web

from tests.fakes import content

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HUGE_BODY_BYTES = 50_000_000
CONDITIONAL_ETAG = '"courier-v7"'
CONDITIONAL_LAST_MODIFIED = "Wed, 04 Jun 2025 10:00:00 GMT"
PUBLIC_ADDRESS = "93.184.215.14"  # a public address for made-up names; traffic goes through the proxy


@dataclass(frozen=True)
class RecordedRequest:
    host: str
    path: str
    headers: dict[str, str]


@dataclass
class StreamLog:
    """How much of a streamed body the server wrote before the client hung up."""

    sent: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class LoopbackSite:
    """A running loopback site; `requests` records every request it received."""

    base_url: str = ""
    requests: list[RecordedRequest] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)  # frees requests held by /slow
    # What /feeds/port.xml lists right now (content.PORT_STORIES slugs), and which text the strike story has.
    port_stories: list[str] = field(default_factory=lambda: ["ferry-timetable", "library-laptops"])
    port_strike_version: str = "first"
    huge_stream: StreamLog = field(default_factory=StreamLog)
    ssl_context: ssl.SSLContext | None = None  # serve https when given
    _runner: web.AppRunner | None = None
    _routes: dict[str, Handler] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """Return the absolute URL of `path` on this site."""
        return f"{self.base_url}{path}"

    @property
    def proxy_url(self) -> str:
        """Return the URL to use as an HTTP proxy so made-up host names land here."""
        return self.base_url

    def paths(self) -> list[str]:
        """Return the paths requested so far, in order."""
        return [r.path for r in self.requests]

    async def start(self) -> None:
        """Bind to 127.0.0.1 on a free port and start serving."""
        self._routes = _exact_routes(self)
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.ssl_context).start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"{'https' if self.ssl_context else 'http'}://{host}:{port}"

    @property
    def port(self) -> int:
        """Return the port the site listens on."""
        return int(self.base_url.rsplit(":", 1)[1])

    async def stop(self) -> None:
        """Free held requests and shut the server down."""
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(RecordedRequest(request.host, request.path, dict(request.headers)))
        handler = self._routes.get(request.path) or _prefix_handler(self, request.path)
        if handler is None:
            return web.Response(status=404, text="No such page here.")
        return await handler(request)


def _origin(request: web.Request) -> str:
    return f"{request.scheme}://{request.host}"


def _xml(body: bytes, content_type: str = "application/rss+xml") -> web.Response:
    return web.Response(body=body, headers={"Content-Type": f"{content_type}; charset=utf-8"})


def _feed(make: Callable[[str], bytes], content_type: str = "application/rss+xml") -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return _xml(make(_origin(request)), content_type)

    return handler


def _static(body: bytes, content_type: str, **headers: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": content_type, **headers})

    return handler


def _redirect(location: str, status: int = 302) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Location": location})

    return handler


def _status(status: int, **headers: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, text=f"Status {status}.", headers=headers)

    return handler


def _exact_routes(site: LoopbackSite) -> dict[str, Handler]:
    html = "text/html; charset=utf-8"
    return {
        "/": _static(content.page_with_feed_link(), html),
        "/blog/": _static(content.blog_page(), html),
        "/blog/feed.xml": _feed(content.rss20),
        "/about/": _static(content.page_without_feed(), html),
        "/pages/private-feed.html": _static(content.page_with_private_feed_link(), html),
        "/feeds/port.xml": _port_feed(site),
        "/feeds/undated.xml": _feed(content.undated_feed),
        "/pages/cyrillic.html": _static(content.cyrillic_page(), "text/html; charset=windows-1251"),
        "/pages/latin.html": _static(content.latin_page(), "text/html"),
        "/pages/home.html": _static(content.page_with_feed_link(), html),
        "/pages/note.txt": _static(content.PLAIN_TEXT.encode(), "text/plain; charset=utf-8"),
        "/pages/bomb.html": _static(content.gzip_bomb(), html, **{"Content-Encoding": "gzip"}),
        "/pages/gzipped.html": _static(content.gzipped_page(), html, **{"Content-Encoding": "gzip"}),
        "/pages/raw-deflate.html": _static(content.raw_deflated_page(), html, **{"Content-Encoding": "deflate"}),
        "/pages/broken-gzip.html": _static(b"this is not gzip at all", html, **{"Content-Encoding": "gzip"}),
        "/pages/twice-encoded.html": _static(content.twice_encoded_page(), html, **{"Content-Encoding": "deflate, gzip"}),
        "/files/report.pdf": _static(content.PDF_BYTES, "application/pdf"),
        "/files/report-mislabelled": _static(content.PDF_BYTES, "text/html"),
        "/data.json": _static(b'{"headline": "not a page"}', "application/json"),
        "/feeds/rss20.xml": _feed(content.rss20),
        "/feeds/atom.xml": _feed(content.atom, "application/atom+xml"),
        "/feeds/rss10.rdf": _feed(content.rss10, "application/rdf+xml"),
        "/feeds/rss091.xml": _static_feed_latin1(),
        "/feeds/teasers.xml": _feed(content.teaser_feed),
        "/feeds/broken-teasers.xml": _feed(content.broken_teaser_feed),
        "/feeds/malformed.xml": _feed(content.malformed_feed),
        "/feeds/bare.xml": _feed(content.bare_items_feed),
        "/feeds/duplicates.xml": _feed(content.duplicate_feed),
        "/feeds/huge.xml": _feed(content.huge_feed),
        "/feeds/conditional.xml": _conditional_feed,
        "/feeds/limited.xml": _status(429, **{"Retry-After": "120"}),
        "/feeds/down.xml": _down_for_an_hour,
        "/redirect/private": _redirect("http://intranet.example.test/secret"),
        "/redirect/metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
        "/redirect/ftp": _redirect("ftp://files.example.test/archive.zip"),
        "/redirect/to-feed": _redirect("/feeds/rss20.xml", status=301),
        "/redirect/to-feed-308": _redirect("/feeds/rss20.xml", status=308),
        "/redirect/to-feed-302": _redirect("/feeds/rss20.xml", status=302),
        "/redirect/to-feed-307": _redirect("/feeds/rss20.xml", status=307),
        "/redirect/moved-then-temporary": _redirect("/redirect/to-feed-302", status=301),
        "/status/404": _status(404),
        "/status/500": _status(500),
        "/slow": _held_until(site.release),
        "/huge": _streamed_body(site.huge_stream, declare_length=False),
        "/huge-declared": _streamed_body(StreamLog(), declare_length=True),
    }


def _port_feed(site: LoopbackSite) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return _xml(content.port_feed(_origin(request), list(site.port_stories), strike_version=site.port_strike_version))

    return handler


def _prefix_handler(site: LoopbackSite, path: str) -> Handler | None:
    if path.startswith("/pages/") and path.endswith(".html") and path[7:-5] in content.STORIES:
        return _static(content.article_page(path[7:-5]), "text/html; charset=utf-8")
    if path.startswith("/port/") and path[6:] in content.PORT_STORIES:
        title, paragraphs = content.PORT_STORIES[path[6:]]
        page = "".join(f"<p>{p}</p>" for p in paragraphs)
        return _static(f"<html><head><title>{title}</title></head><body><article>{page}</article></body></html>"
                       .encode(), "text/html; charset=utf-8")
    if path.startswith("/hop/") and path[5:].isdigit():
        return _hop(int(path[5:]))
    return None


def _static_feed_latin1() -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=content.rss091(_origin(request)), headers={"Content-Type": "text/xml"})

    return handler


def _hop(remaining: int) -> Handler:
    """Redirect /hop/N to /hop/N-1 (relative and absolute Locations alternate); /hop/0 is a story."""

    async def handler(request: web.Request) -> web.Response:
        if remaining == 0:
            return web.Response(body=content.article_page("story-2"), content_type="text/html", charset="utf-8")
        target = f"/hop/{remaining - 1}" if remaining % 2 else f"{_origin(request)}/hop/{remaining - 1}"
        return web.Response(status=301 if remaining % 3 == 0 else 302, headers={"Location": target})

    return handler


async def _conditional_feed(request: web.Request) -> web.Response:
    validators = {"ETag": CONDITIONAL_ETAG, "Last-Modified": CONDITIONAL_LAST_MODIFIED}
    if request.headers.get("If-None-Match") == CONDITIONAL_ETAG:
        return web.Response(status=304, headers=validators)
    if request.headers.get("If-Modified-Since") == CONDITIONAL_LAST_MODIFIED:
        return web.Response(status=304, headers=validators)
    response = _xml(content.conditional_feed(_origin(request)))
    response.headers.update(validators)
    return response


async def _down_for_an_hour(request: web.Request) -> web.Response:
    later = datetime.now(UTC) + timedelta(hours=1)
    return web.Response(status=503, text="Maintenance.", headers={"Retry-After": format_datetime(later, usegmt=True)})


def _held_until(release: asyncio.Event) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        await release.wait()  # set only when the site stops, so the client always times out first
        return web.Response(text="Too late.")

    return handler


def _streamed_body(log: StreamLog, *, declare_length: bool) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        if declare_length:
            response.content_length = HUGE_BODY_BYTES
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65_529 + b"</p>"
        try:
            while log.sent < HUGE_BODY_BYTES:
                await response.write(chunk)
                log.sent += len(chunk)
        except ConnectionError:
            pass  # the client hung up, as it should
        finally:
            log.done.set()
        return response

    return handler


class FakeDns:
    """A resolver for UrlGuard that answers from a table and fails for unknown names."""

    def __init__(self, table: dict[str, list[str] | str]) -> None:
        self._table = {name: [a] if isinstance(a, str) else list(a) for name, a in table.items()}
        self.lookups: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.lookups.append(host)
        try:
            return list(self._table[host])
        except KeyError:
            raise OSError(f"no such host: {host}") from None


def proxied_client(site: LoopbackSite, **client_options) -> httpx.AsyncClient:
    """Return a make_client() client whose every request goes to `site` as an HTTP proxy."""
    from bot.sources.http import make_client

    return make_client(transport=httpx.AsyncHTTPTransport(proxy=site.proxy_url), **client_options)


@pytest_asyncio.fixture
async def loopback_site():
    """Serve tests.fakes.content on 127.0.0.1 for one test and stop afterwards."""
    site = LoopbackSite()
    await site.start()
    try:
        yield site
    finally:
        await site.stop()


def self_signed_certificate(directory: Path, host: str) -> tuple[Path, Path]:
    """Make a one-day certificate and key for `host` with the openssl command; return their paths."""
    cert, key = directory / f"{host}.crt", directory / f"{host}.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


def tls_site(cert: Path, key: Path) -> LoopbackSite:
    """Return a LoopbackSite (not started) that serves https with the given certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return LoopbackSite(ssl_context=context)
