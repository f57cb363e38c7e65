"""Fetching pages from a real loopback server: redirects, limits, refusals, decoding, articles."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import tracemalloc

import httpx
import pytest
import pytest_asyncio

from bot.errors import UserError
from bot.sources.guard import UrlGuard
from bot.sources.http import USER_AGENT, GuardedTransport, HostLimiter, make_client
from bot.sources.web import Fetched, fetch, fetch_article, site_name
from tests.fakes import content
from tests.fakes.http_server import (
    HUGE_BODY_BYTES,
    PUBLIC_ADDRESS,
    FakeDns,
    proxied_client,
    self_signed_certificate,
    tls_site,
)

LOCAL = UrlGuard(allow_private=True)
STRICT_DNS = {
    "news.example.test": PUBLIC_ADDRESS,
    "intranet.example.test": "10.0.0.1",
    "files.example.test": PUBLIC_ADDRESS,
}


@pytest_asyncio.fixture
async def client():
    async with make_client(guard=LOCAL) as client:
        yield client


@pytest_asyncio.fixture
async def proxied(loopback_site):
    """A client that reaches made-up public names through the loopback site, and a strict guard."""
    async with proxied_client(loopback_site) as client:
        yield client, UrlGuard(allow_private=False, resolver=FakeDns(STRICT_DNS))


def _fetched(body: bytes, charset: str | None = None, content_type: str = "text/html") -> Fetched:
    return Fetched("http://x.test/", 200, httpx.Headers(), body, content_type, charset)


async def test_fetches_a_page_with_our_user_agent(loopback_site, client):
    page = await fetch(loopback_site.url("/pages/story-1.html"), client=client, guard=LOCAL)
    assert (page.status, page.content_type, page.encoding) == (200, "text/html", "utf-8")
    assert content.STORIES["story-1"][1][1] in page.text
    sent = loopback_site.requests[-1].headers
    assert sent["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsbrief/0.1.0 (+https://")


async def test_windows_1251_page_declared_in_header_and_meta_decodes(loopback_site, client):
    page = await fetch(loopback_site.url("/pages/cyrillic.html"), client=client, guard=LOCAL)
    assert page.charset == "windows-1251"
    assert content.CYRILLIC_TEXT in page.text


async def test_iso_8859_1_in_meta_only_is_read_as_windows_1252(loopback_site, client):
    page = await fetch(loopback_site.url("/pages/latin.html"), client=client, guard=LOCAL)
    assert page.charset is None
    assert content.LATIN_TEXT in page.text
    assert content.LATIN_QUOTE in page.text  # curly quotes need cp1252, not strict latin-1


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        ("<p>naïve</p>".encode("utf-8-sig"), "windows-1251", "utf-8-sig"),  # a BOM beats the header
        ('<meta charset="utf-8"><p>Ёж</p>'.encode("cp1251"), "windows-1251", "cp1251"),  # header beats meta
        ('<meta charset="koi8-r"><p>Ёж</p>'.encode("koi8-r"), None, "koi8-r"),
        ('<?xml version="1.0" encoding="iso-8859-2"?><t>Łódź</t>'.encode("iso-8859-2"), None, "iso8859-2"),
        ("<p>déjà vu</p>".encode(), "no-such-charset", "utf-8"),  # unknown label: keep sniffing
        ("<p>déjà vu</p>".encode(), None, "utf-8"),
        ("<p>déjà “vu”</p>".encode("cp1252"), None, "cp1252"),  # not UTF-8: the web's usual fallback
    ],
)
def test_encoding_is_chosen_in_order(body, charset, expected):
    page = _fetched(body, charset)
    assert page.encoding == expected
    assert "\ufffd" not in page.text


async def test_three_redirects_are_followed_hop_by_hop(loopback_site, client):
    page = await fetch(loopback_site.url("/hop/3"), client=client, guard=LOCAL)
    assert page.url == loopback_site.url("/hop/0")
    assert loopback_site.paths() == ["/hop/3", "/hop/2", "/hop/1", "/hop/0"]


async def test_five_redirects_are_the_limit(loopback_site, client):
    page = await fetch(loopback_site.url("/hop/5"), client=client, guard=LOCAL)
    assert page.status == 200
    with pytest.raises(UserError, match=r"The link redirected more than 5 times\."):
        await fetch(loopback_site.url("/hop/6"), client=client, guard=LOCAL)
    assert loopback_site.paths()[-1] == "/hop/1"  # the sixth hop's target was never requested


async def test_redirect_to_a_private_name_is_refused_before_connecting(loopback_site, proxied):
    client, guard = proxied
    with pytest.raises(UserError, match=r"intranet\.example\.test points to a private"):
        await fetch("http://news.example.test/redirect/private", client=client, guard=guard)
    assert loopback_site.paths() == ["/redirect/private"]


async def test_redirect_to_cloud_metadata_is_refused_before_connecting(loopback_site, proxied):
    client, guard = proxied
    with pytest.raises(UserError, match="cloud metadata service"):
        await fetch("http://news.example.test/redirect/metadata", client=client, guard=guard)
    assert loopback_site.paths() == ["/redirect/metadata"]


async def test_redirect_to_another_scheme_is_refused(loopback_site, proxied):
    client, guard = proxied
    with pytest.raises(UserError, match=r"Only http and https links are supported\."):
        await fetch("http://news.example.test/redirect/ftp", client=client, guard=guard)


async def test_public_names_are_fetched_through_the_guard(loopback_site, proxied):
    client, guard = proxied
    page = await fetch("http://news.example.test/hop/2", client=client, guard=guard)
    assert page.url == "http://news.example.test/hop/0"
    assert {r.host for r in loopback_site.requests} == {"news.example.test"}


class RebindingDns:
    """Answer a public address first and a loopback one afterwards, like a rebinding attack."""

    def __init__(self) -> None:
        self.answers = [[PUBLIC_ADDRESS], ["127.0.0.1"]]

    async def __call__(self, host: str) -> list[str]:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


async def test_connections_go_only_to_addresses_the_guard_approved(loopback_site):
    guard = UrlGuard(allow_private=False, resolver=RebindingDns())
    port = loopback_site.port
    async with make_client(guard=guard) as client:
        with pytest.raises(UserError, match="private or local network address"):
            await fetch(f"http://rebind.example.test:{port}/pages/story-1.html", client=client, guard=guard)
    assert loopback_site.requests == []


async def test_the_guarded_transport_connects_to_the_resolved_address(loopback_site):
    # The name exists only in the injected table, so reaching the page proves the socket used it.
    guard = UrlGuard(allow_private=True, resolver=FakeDns({"courier.example.test": "127.0.0.1"}))
    port = loopback_site.port
    async with make_client(guard=guard) as client:
        page = await fetch(f"http://courier.example.test:{port}/pages/story-2.html", client=client, guard=guard)
    assert page.status == 200
    assert loopback_site.requests[-1].host == f"courier.example.test:{port}"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
async def test_https_to_a_pinned_address_still_checks_the_certificate_name(tmp_path):
    cert, key = self_signed_certificate(tmp_path, "courier.example.test")
    site = tls_site(cert, key)
    await site.start()
    dns = FakeDns({"courier.example.test": "127.0.0.1", "impostor.example.test": "127.0.0.1"})
    guard = UrlGuard(allow_private=True, resolver=dns)
    transport = GuardedTransport(guard, ssl_context=ssl.create_default_context(cafile=str(cert)))
    try:
        async with make_client(transport=transport) as client:
            page = await fetch(f"https://courier.example.test:{site.port}/pages/story-3.html", client=client, guard=guard)
            assert page.status == 200
            with pytest.raises(UserError, match=r"impostor\.example\.test failed: its certificate is not valid"):
                await fetch(f"https://impostor.example.test:{site.port}/pages/story-3.html", client=client, guard=guard)
    finally:
        await site.stop()
    assert site.paths() == ["/pages/story-3.html"]


async def test_a_slow_site_times_out_with_the_configured_budget(loopback_site):
    async with make_client(timeout=0.2, guard=LOCAL) as client:
        with pytest.raises(UserError, match=r"^The site did not answer within 0.2 seconds\.$"):
            await fetch(loopback_site.url("/slow"), client=client, guard=LOCAL)


async def test_waiting_for_a_host_slot_does_not_use_up_the_time_budget(loopback_site):
    limiter = HostLimiter(per_host=1)
    async with make_client(timeout=0.2, guard=LOCAL) as client:
        hog = asyncio.create_task(fetch(loopback_site.url("/slow"), client=client, guard=LOCAL, limiter=limiter))
        await asyncio.sleep(0)  # let the hog take the only slot; it keeps it until its own budget runs out
        page = await fetch(loopback_site.url("/pages/story-1.html"), client=client, guard=LOCAL, limiter=limiter)
        with pytest.raises(UserError, match=r"did not answer within 0\.2 seconds"):
            await hog
    assert page.status == 200
    assert loopback_site.paths() == ["/slow", "/pages/story-1.html"]


async def test_a_50_mb_body_is_cut_off_not_loaded(loopback_site, client):
    with pytest.raises(UserError, match=r"^The page is larger than 5 MB\.$"):
        await fetch(loopback_site.url("/huge"), client=client, guard=LOCAL)
    await asyncio.wait_for(loopback_site.huge_stream.done.wait(), timeout=10)
    assert loopback_site.huge_stream.sent < HUGE_BODY_BYTES


async def test_a_declared_50_mb_body_is_refused_from_its_headers(loopback_site, client):
    with pytest.raises(UserError, match="larger than 5 MB"):
        await fetch(loopback_site.url("/huge-declared"), client=client, guard=LOCAL)


async def test_a_gzip_bomb_is_counted_as_it_inflates(loopback_site, client):
    assert len(content.gzip_bomb()) < 100_000
    with pytest.raises(UserError, match="larger than 5 MB"):
        await fetch(loopback_site.url("/pages/bomb.html"), client=client, guard=LOCAL)


async def test_a_gzip_bomb_is_stopped_before_it_fills_memory(loopback_site, client):
    limit = 1_000_000  # the bomb inflates to 20 MB from a body smaller than one network read
    tracemalloc.start()
    try:
        with pytest.raises(UserError, match=r"^The page is larger than 1 MB\.$"):
            await fetch(loopback_site.url("/pages/bomb.html"), client=client, guard=LOCAL, max_bytes=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * limit


@pytest.mark.parametrize(
    ("path", "slug"),
    [("/pages/gzipped.html", "story-1"), ("/pages/raw-deflate.html", "story-2"), ("/pages/twice-encoded.html", "story-3")],
)
async def test_compressed_pages_are_decoded(loopback_site, client, path, slug):
    fetched = await fetch(loopback_site.url(path), client=client, guard=LOCAL)
    assert fetched.body == content.article_page(slug)


async def test_a_body_that_is_not_what_its_encoding_says_is_a_user_error(loopback_site, client):
    with pytest.raises(UserError, match=r"^127\.0\.0\.1 sent a response that could not be decoded\.$"):
        await fetch(loopback_site.url("/pages/broken-gzip.html"), client=client, guard=LOCAL)


@pytest.mark.parametrize(
    ("path", "message"),
    [("/status/404", "The page was not found (HTTP 404)."), ("/status/500", "The site had an error (HTTP 500); try again later.")],
)
async def test_error_statuses_become_sentences(loopback_site, client, path, message):
    with pytest.raises(UserError) as caught:
        await fetch(loopback_site.url(path), client=client, guard=LOCAL)
    assert str(caught.value) == message
    answer = await fetch(loopback_site.url(path), client=client, guard=LOCAL, raise_for_status=False)
    assert (answer.status, answer.body) == (int(path[-3:]), b"")


async def test_a_closed_port_reports_that_the_site_could_not_be_reached(client):
    with socket.socket() as probe:  # find a port, then close it so that nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UserError, match=r"^Could not connect to 127\.0\.0\.1\.$"):
        await fetch(f"http://127.0.0.1:{port}/", client=client, guard=LOCAL)


async def test_a_malformed_address_is_a_user_error(client):
    with pytest.raises(UserError):
        await fetch("http://exa mple.test/", client=client, guard=LOCAL)


async def test_fetch_article_extracts_the_story_not_the_clutter(loopback_site, client):
    article = await fetch_article(loopback_site.url("/hop/1"), client=client, guard=LOCAL)
    title, paragraphs = content.STORIES["story-2"]
    assert article.url == loopback_site.url("/hop/0")
    assert title in (article.title or "")
    assert paragraphs[2] in article.text
    assert "Subscribe to the Valley Courier" not in article.text
    assert article.source


async def test_fetch_article_decodes_a_windows_1251_page(loopback_site, client):
    article = await fetch_article(loopback_site.url("/pages/cyrillic.html"), client=client, guard=LOCAL)
    assert "Городской совет утвердил план ремонта" in article.text


async def test_fetch_article_takes_plain_text_as_is(loopback_site, client):
    article = await fetch_article(loopback_site.url("/pages/note.txt"), client=client, guard=LOCAL)
    assert article.text == content.PLAIN_TEXT.strip()
    assert article.source == "127.0.0.1"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/files/report.pdf", "That link is a PDF, not a web page."),
        ("/files/report-mislabelled", "That link is a PDF, not a web page."),
        ("/data.json", "That link is JSON data, not a web page."),
        ("/feeds/rss20.xml", "That link is a news feed, not a web page; subscribe to it instead."),
        ("/redirect/to-feed", "That link is a news feed, not a web page; subscribe to it instead."),
    ],
)
async def test_fetch_article_refuses_what_is_not_a_web_page(loopback_site, client, path, message):
    with pytest.raises(UserError) as caught:
        await fetch_article(loopback_site.url(path), client=client, guard=LOCAL)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("image/png", b"\x89PNG\r\n", "image"),
        ("application/octet-stream", b"\xff\xd8\xff\xe0JFIF", "image"),
        ("video/mp4", b"\x00\x00\x00\x18ftypmp42", "media"),
        ("application/zip", b"PK\x03\x04", "file"),
        ("", b"<!DOCTYPE html><html><p>hi</p></html>", "html"),
        ("text/xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        ("application/xml", b"<?xml version='1.0'?><sitemap/>", "xml"),
        ("application/ld+json", b"{}", "json"),
    ],
)
def test_kind_is_told_by_magic_bytes_then_media_type(content_type, body, kind):
    assert _fetched(body, content_type=content_type).kind == kind


def test_site_name_drops_www():
    assert site_name("https://www.Courier.example/a") == "courier.example"
    assert site_name("mailto:someone@example.test") is None


async def test_host_limiter_holds_extra_requests_for_the_same_host():
    limiter = HostLimiter(per_host=2)
    inside, peak, release = 0, 0, asyncio.Event()

    async def visit(url: str) -> None:
        nonlocal inside, peak
        async with limiter.slot(url):
            inside += 1
            peak = max(peak, inside)
            await release.wait()
            inside -= 1

    tasks = [asyncio.create_task(visit(f"https://one.example.test/{n}")) for n in range(5)]
    other = asyncio.create_task(visit("https://two.example.test/"))
    for _ in range(5):
        await asyncio.sleep(0)  # let every task reach its slot (no wall-clock wait)
    assert inside == 3  # two for one.example.test, one for two.example.test
    release.set()
    await asyncio.gather(*tasks, other)
    assert peak == 3
    assert limiter.busy_hosts() == []


async def test_fetch_uses_the_limiter_for_each_hop(loopback_site, client):
    limiter = HostLimiter(per_host=1)
    pages = await asyncio.gather(
        *(fetch(loopback_site.url("/hop/2"), client=client, guard=LOCAL, limiter=limiter) for _ in range(3))
    )
    assert [p.status for p in pages] == [200, 200, 200]
    assert limiter.busy_hosts() == []
