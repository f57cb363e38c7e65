"""Suggest IANA time-zone names for the /subscribe autocomplete."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

MAX_CHOICES = 25  # Discord refuses autocomplete answers with more choices

# Shown before the user types anything: one common zone per region.
_STARTERS = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "Pacific/Auckland",
)


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    """Return every usable zone name, sorted, without the posix/ and right/ duplicates."""
    names = zoneinfo.available_timezones()
    usable = (n for n in names if not n.startswith(("posix/", "right/")) and n not in {"Factory", "localtime"})
    return tuple(sorted(usable))


def timezone_choices(typed: str, limit: int = MAX_CHOICES) -> list[str]:
    """Return up to `limit` zone names matching what the user typed, best matches first."""
    needle = typed.strip().casefold().replace(" ", "_")
    zones = _zones()
    if not needle:
        return [z for z in _STARTERS if z in zones][:limit]
    return sorted((z for z in zones if needle in z.casefold()), key=lambda z: (_rank(z, needle), z))[:limit]


def _rank(zone: str, needle: str) -> int:
    """Rank a matching zone: whole-name prefix, then a place-name prefix, then anywhere."""
    name = zone.casefold()
    if name.startswith(needle):
        return 0
    if any(part.startswith(needle) for part in name.split("/")[1:]):
        return 1
    return 2
