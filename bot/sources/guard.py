"""Refuse links that would make the bot fetch from private networks or cloud metadata services."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from bot.errors import UserError

Resolver = Callable[[str], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Metadata endpoints hand out cloud credentials; they stay refused even when private addresses are
# allowed, because no news source lives there (AWS/GCP/Azure/Oracle, AWS IPv6, Alibaba).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
# NAT64 addresses carry an IPv4 address in their last 32 bits; judge the embedded one.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


async def system_resolver(host: str) -> list[str]:
    """Return the addresses the operating system resolves `host` to."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class UrlGuard:
    """Check each URL (and each connection) before the bot talks to it."""

    def __init__(self, allow_private: bool = False, resolver: Resolver | None = None) -> None:
        self.allow_private = allow_private
        self._resolve = resolver or system_resolver

    async def check(self, url: str) -> None:
        """Raise UserError unless `url` is http(s) and its host resolves only to allowed addresses."""
        await self.safe_addresses(host_of(url))

    async def safe_addresses(self, host: str) -> list[str]:
        """Resolve `host` and return its addresses, raising UserError if any of them is refused."""
        name = host.strip("[]").rstrip(".").lower()
        if name in METADATA_HOSTS:
            raise UserError(f"The host {host} is a cloud metadata service, which newsbrief does not fetch.")
        literal = _ip_or_none(name)
        addresses = [name] if literal else await self._lookup(name)
        for text in addresses:
            self._refuse_if_forbidden(host, _ip_or_none(text))
        return addresses

    async def _lookup(self, name: str) -> list[str]:
        try:
            addresses = await self._resolve(name)
        except (OSError, UnicodeError):
            addresses = []
        if not addresses:
            raise UserError(f"Could not find the host {name}.")
        return addresses

    def _refuse_if_forbidden(self, host: str, address: IPAddress | None) -> None:
        if address is None:
            raise UserError(f"The host {host} resolved to an address newsbrief cannot use.")
        address = _embedded_ipv4(address) or address
        if address in METADATA_ADDRESSES:
            raise UserError(f"The host {host} is a cloud metadata service, which newsbrief does not fetch.")
        if not self.allow_private and not is_public_address(address):
            where = f"The host {host} points to" if _ip_or_none(host.strip("[]")) is None else "That link points to"
            raise UserError(
                f"{where} a private or local network address ({address}); newsbrief fetches public sites only. "
                "To fetch from an intranet, whoever runs newsbrief can set NEWSBRIEF_ALLOW_PRIVATE_URLS=1."
            )


def host_of(url: str) -> str:
    """Return the host name of an http(s) URL, raising UserError for any other kind of link."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise UserError("That is not a valid web address.") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UserError("Only http and https links are supported.")
    if not host:
        raise UserError("That link has no host name.")
    return host


def is_public_address(address: IPAddress) -> bool:
    """Tell whether `address` is a routable public unicast address."""
    address = _embedded_ipv4(address) or address
    forbidden = (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast  # 224.0.0.0/4 counts as "global" in ipaddress, so check it apart
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not forbidden


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if address.version == 4:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _ip_or_none(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
