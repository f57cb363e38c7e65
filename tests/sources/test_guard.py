"""The SSRF guard: which links it lets through, which it refuses, and what it tells the user."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from bot.errors import UserError
from bot.factory import Factory
from bot.settings import load_settings
from bot.sources.guard import UrlGuard, host_of, is_public_address
from tests.fakes.http_server import PUBLIC_ADDRESS, FakeDns

REFUSED_ADDRESSES = [
    "127.0.0.1",  # loopback
    "10.0.0.1",  # private
    "172.16.5.4",
    "192.168.1.20",
    "100.64.0.9",  # carrier-grade NAT
    "169.254.10.10",  # link-local
    "0.0.0.0",  # unspecified
    "224.0.0.251",  # multicast (ipaddress calls it global)
    "240.0.0.1",  # reserved
    "::1",
    "fe80::1",
    "fc00::5",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:10.1.2.3",
    "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
    "2002:c0a8:0101::1",  # 6to4 wrapping 192.168.1.1
    "ff02::1",
]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_non_public_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [PUBLIC_ADDRESS, "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "::ffff:192.168.0.1", "fe80::1"])
async def test_a_name_resolving_to_a_private_address_is_refused(address):
    guard = UrlGuard(allow_private=False, resolver=FakeDns({"intranet.example.test": address}))
    with pytest.raises(UserError, match=r"intranet\.example\.test points to a private or local network address"):
        await guard.check("https://intranet.example.test/report")


async def test_one_private_address_among_public_ones_is_enough_to_refuse():
    dns = FakeDns({"mixed.example.test": [PUBLIC_ADDRESS, "192.168.0.7"]})
    with pytest.raises(UserError, match=r"192\.168\.0\.7"):
        await UrlGuard(resolver=dns).check("http://mixed.example.test/")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/admin", "http://[::1]/", "http://[::ffff:10.0.0.1]/x"])
async def test_private_address_literals_are_refused_without_dns(url):
    dns = FakeDns({})
    with pytest.raises(UserError, match="That link points to a private or local network address") as refused:
        await UrlGuard(resolver=dns).check(url)
    assert dns.lookups == []
    assert "NEWSBRIEF_ALLOW_PRIVATE_URLS=1" in refused.value.message  # the refusal names the way out


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/",
        "http://[::ffff:169.254.169.254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.GOOGLE.INTERNAL./",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
async def test_cloud_metadata_is_refused_even_when_private_urls_are_allowed(url, allow_private):
    with pytest.raises(UserError, match="cloud metadata service"):
        await UrlGuard(allow_private=allow_private, resolver=FakeDns({})).check(url)


async def test_a_name_resolving_to_the_metadata_address_is_refused_when_private_is_allowed():
    dns = FakeDns({"sneaky.example.test": "169.254.169.254"})
    with pytest.raises(UserError, match="cloud metadata service"):
        await UrlGuard(allow_private=True, resolver=dns).check("http://sneaky.example.test/")


async def test_public_names_pass_and_are_looked_up_once():
    dns = FakeDns({"news.example.test": PUBLIC_ADDRESS})
    guard = UrlGuard(resolver=dns)
    await guard.check("https://news.example.test/world/story?id=4")
    assert dns.lookups == ["news.example.test"]
    assert await guard.safe_addresses("news.example.test") == [PUBLIC_ADDRESS]


async def test_allow_private_lets_local_addresses_through():
    dns = FakeDns({"nas.home.test": "192.168.1.10"})
    guard = UrlGuard(allow_private=True, resolver=dns)
    await guard.check("http://nas.home.test/feed.xml")
    await guard.check("http://127.0.0.1:8000/")


async def test_unknown_host_gives_a_plain_sentence():
    with pytest.raises(UserError) as caught:
        await UrlGuard(resolver=FakeDns({})).check("https://example.invalid/page")
    assert str(caught.value) == "Could not find the host example.invalid."


async def test_system_resolver_failure_is_reported_the_same_way():
    async def failing(host: str) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(UserError, match=r"Could not find the host nowhere\.test\."):
        await UrlGuard(resolver=failing).check("http://nowhere.test/")


async def test_the_default_resolver_resolves_a_literal_loopback_address():
    # "localhost" goes through the real getaddrinfo; no network traffic is needed for it.
    with pytest.raises(UserError, match="private or local"):
        await UrlGuard().check("http://localhost/")
    await UrlGuard(allow_private=True).check("http://localhost/")


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", ["ftp://files.example.test/a.zip", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"])
async def test_only_http_and_https_are_accepted(url, allow_private):
    with pytest.raises(UserError, match=r"Only http and https links are supported\."):
        await UrlGuard(allow_private=allow_private, resolver=FakeDns({})).check(url)


@pytest.mark.parametrize("url", ["http://", "https:///path-only", "http://example.test:99999/"])
def test_links_without_a_usable_host_are_refused(url):
    with pytest.raises(UserError):
        host_of(url)


async def test_the_factorys_guard_follows_the_allow_private_switch(monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_ALLOW_PRIVATE_URLS", "1")
    allowing = Factory(load_settings(env_file=None)).fetcher()
    monkeypatch.setenv("NEWSBRIEF_ALLOW_PRIVATE_URLS", "0")
    strict = Factory(load_settings(env_file=None)).fetcher()
    assert allowing.guard.allow_private is True and strict.guard.allow_private is False
    await allowing.aclose()
    await strict.aclose()
