"""Fetch web pages safely: guarded redirects, size and time limits, correct text decoding."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass
from functools import cached_property

import httpx

from bot.errors import UserError
from bot.models import Article
from bot.sources.decode import Decoded, declared_charsets, decode_text
from bot.sources.guard import UrlGuard, host_of
from bot.sources.http import HostLimiter, total_timeout
from bot.sources.inflate import iter_decoded

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_REDIRECTS = 5
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"

_NOT_A_PAGE = {
    "pdf": "That link is a PDF, not a web page.",
    "image": "That link is an image, not a web page.",
    "media": "That link is a video or audio file, not a web page.",
    "json": "That link is JSON data, not a web page.",
    "feed": "That link is a news feed, not a web page; subscribe to it instead.",
    "xml": "That link is an XML file, not a web page.",
    "file": "That link is a file download, not a web page.",
}
# Only these say "use the new address from now on"; 302/303/307 are for this request alone.
_PERMANENT_REDIRECTS = frozenset({301, 308})
_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"))


@dataclass
class Fetched:
    """A final (non-redirect) response: where it came from, its headers and its body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    content_type: str  # media type in lower case, "" when the server sent none
    charset: str | None  # charset parameter of the Content-Type header, if any
    moved_to: str | None = None  # where the leading run of permanent (301/308) redirects led, if any

    @cached_property
    def decoded(self) -> Decoded | None:
        """Return the body's text in the encoding it is really in (declarations checked, not trusted)."""
        return decode_text(self.body, (self.charset, *declared_charsets(self.body)))

    @property
    def encoding(self) -> str:
        """Return the codec the body was decoded with ("utf-8" when none fitted)."""
        return self.decoded.encoding if self.decoded else "utf-8"

    @property
    def text(self) -> str:
        """Return the body's text; raise UserError when no encoding fits it."""
        if self.decoded is None:
            raise UserError("The page's text could not be read: it is not in the encoding it declares, "
                            "nor in one newsbrief recognizes.")
        return self.decoded.text

    @property
    def kind(self) -> str:
        """Return what the body is: html, text, pdf, image, media, json, feed, xml or file."""
        return _kind_of(self.content_type, self.body)


async def fetch(
    url: str,
    *,
    client: httpx.AsyncClient,
    guard: UrlGuard,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    headers: dict[str, str] | None = None,
    limiter: HostLimiter | None = None,
    raise_for_status: bool = True,
) -> Fetched:
    """GET `url`, following redirects through the guard; raise UserError with a plain reason on failure.

    A body over `max_bytes` is refused rather than truncated: half an HTML page gives half an
    article with no warning, and a feed cut short is not valid XML. With `raise_for_status`
    off, 4xx/5xx responses come back (with an empty body) instead of raising.
    """
    budget = _Budget(total_timeout(client))
    request = _Request(client, guard, headers, limiter, max_bytes, max_redirects)
    try:
        fetched = await _follow_redirects(url, request, budget)
    except (TimeoutError, httpx.TimeoutException):
        raise UserError(f"The site did not answer within {budget.seconds:g} seconds.") from None
    except httpx.InvalidURL:  # not an HTTPError subclass in httpx
        raise UserError("That is not a valid web address.") from None
    except httpx.HTTPError as exc:
        raise UserError(_transport_failure(exc, url)) from None
    if raise_for_status and fetched.status >= 400:
        raise UserError(status_message(fetched.status))
    return fetched


async def fetch_article(
    url: str,
    *,
    client: httpx.AsyncClient,
    guard: UrlGuard,
    limiter: HostLimiter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Fetch a web page and extract its article; refuse PDFs, images, JSON and other non-pages."""
    fetched = await fetch(
        url, client=client, guard=guard, max_bytes=max_bytes, headers={"Accept": PAGE_ACCEPT}, limiter=limiter
    )
    kind = fetched.kind
    if kind == "text":
        return Article(text=fetched.text.strip(), url=fetched.url, source=site_name(fetched.url))
    if kind != "html":
        raise UserError(_NOT_A_PAGE[kind])
    # Imported here: trafilatura takes a while to load and feed polling never needs it.
    from bot.sources.html import article_from_html

    article = article_from_html(fetched.text, url=fetched.url)
    if not article.text.strip():
        raise UserError("Could not find any article text on that page.")
    return dataclasses.replace(article, url=fetched.url, source=article.source or site_name(fetched.url))


def site_name(url: str | None) -> str | None:
    """Return a URL's host without a leading "www.", to name the source when nothing better is known."""
    if not url:
        return None
    try:
        host = host_of(url).lower()
    except UserError:
        return None
    return host.removeprefix("www.")


def status_message(status: int) -> str:
    """Return the sentence shown when a site answers with an HTTP error status."""
    if status == 404:
        return "The page was not found (HTTP 404)."
    if status == 410:
        return "The page has been removed (HTTP 410)."
    if status in (401, 403):
        return f"The site refused access to the page (HTTP {status})."
    if status == 429:
        return "The site is limiting requests right now (HTTP 429); try again later."
    if status >= 500:
        return f"The site had an error (HTTP {status}); try again later."
    return f"The site refused the request (HTTP {status})."


class _Budget:
    """Seconds a fetch may spend talking to sites; time queued for a host slot is not counted."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._left = seconds

    @asynccontextmanager
    async def spend(self) -> AsyncIterator[None]:
        """Run the block under what is left of the budget, then deduct the time it took."""
        started = time.monotonic()
        try:
            async with asyncio.timeout(None if self._left is None else max(self._left, 0.0)):
                yield
        finally:
            if self._left is not None:
                self._left -= time.monotonic() - started


@dataclass(frozen=True)
class _Request:
    """How every hop of one fetch is made."""

    client: httpx.AsyncClient
    guard: UrlGuard
    headers: dict[str, str] | None
    limiter: HostLimiter | None
    max_bytes: int
    max_redirects: int


async def _follow_redirects(url: str, request: _Request, budget: _Budget) -> Fetched:
    moved_to: str | None = None
    still_permanent = True
    for _ in range(request.max_redirects + 1):
        async with budget.spend():
            await request.guard.check(url)
        # A host's queue can be long when many items link to one site; waiting there is not the site's fault.
        async with (
            request.limiter.slot(url) if request.limiter else nullcontext(),
            budget.spend(),
            request.client.stream("GET", url, headers=request.headers) as response,
        ):
            if response.has_redirect_location:
                url = _redirect_target(response)
                # A temporary hop ends the move: what lies beyond it may change back.
                still_permanent = still_permanent and response.status_code in _PERMANENT_REDIRECTS
                moved_to = url if still_permanent else moved_to
                continue
            body = b"" if response.status_code >= 400 else await _read_limited(response, request.max_bytes)
            return _fetched(response, body, moved_to)
    raise UserError(f"The link redirected more than {request.max_redirects} times.")


def _redirect_target(response: httpx.Response) -> str:
    try:
        return str(response.url.join(response.headers["location"]))
    except httpx.InvalidURL:
        raise UserError("The site sent a broken redirect.") from None


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks, size = [], 0
    # Decoded in bounded slices, so a gzip bomb is counted as it inflates and stops near the limit.
    async for chunk in iter_decoded(response):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> UserError:
    return UserError(f"The page is larger than {max_bytes / 1_000_000:g} MB.")


def _fetched(response: httpx.Response, body: bytes, moved_to: str | None = None) -> Fetched:
    media_type, _, params = response.headers.get("content-type", "").partition(";")
    match = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", params, re.IGNORECASE)
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        headers=response.headers,
        body=body,
        content_type=media_type.strip().lower(),
        charset=match.group(1) if match else None,
        moved_to=moved_to,
    )


def _transport_failure(exc: httpx.HTTPError, url: str) -> str:
    host = exc.request.url.host if _has_request(exc) else url
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "That is not a valid web address."
    if isinstance(exc, httpx.ConnectError) and _caused_by(exc, ssl.SSLCertVerificationError):
        return f"The secure connection to {host} failed: its certificate is not valid."
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect to {host}."
    if isinstance(exc, httpx.DecodingError):
        return f"{host} sent a response that could not be decoded."
    return f"The connection to {host} failed before the page arrived."


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _has_request(exc: httpx.HTTPError) -> bool:
    try:
        exc.request  # noqa: B018 - raises RuntimeError when the error has no request
    except RuntimeError:
        return False
    return True


def _kind_of(content_type: str, body: bytes) -> str:
    head = body[:1024].lstrip()
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type == "application/pdf":
        return "pdf"
    if content_type.startswith("image/"):
        return "image"
    if content_type.startswith(("video/", "audio/")):
        return "media"
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    return _kind_from_body(content_type, head.lower())


def _kind_from_body(content_type: str, head: bytes) -> str:
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if content_type.endswith("xml") or head.startswith(b"<?xml"):
        return "xml"
    if content_type == "text/plain":
        return "text"
    if content_type in ("", "application/octet-stream") and head.startswith((b"{", b"[")):
        return "json"
    return "file"
