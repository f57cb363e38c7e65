"""Fingerprints that tell whether two articles are the same story: canonical URL and body hash."""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

# The body's fingerprint has its home beside the text tools (briefing needs it without the database).
from bot.text.fingerprint import MIN_FINGERPRINT_WORDS, body_fingerprint, content_hash

__all__ = [
    "MIN_FINGERPRINT_WORDS", "body_fingerprint", "canonical_url", "content_hash", "normalize_feed_url", "story_url",
]

# Query parameters that only say who sent the reader, never which page it is.
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "igshid"})
_TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """Return the URL without tracking parameters, fragment or trailing slash, host lowercased."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    scheme = parts.scheme.lower()
    query = urlencode(sorted(
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(key)
    ))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, _netloc(parts, scheme), path, query, ""))


def story_url(url: str | None) -> str | None:
    """Return the canonical URL if it can name one story; a site's bare home page cannot."""
    canonical = canonical_url(url)
    if canonical is None:
        return None
    parts = urlsplit(canonical)
    # Some feeds link every item to their front page; those items are told apart by GUID or body.
    # A query still names a story on a bare path (WordPress's `/?p=12`).
    return canonical if parts.path.strip("/") or parts.query else None


def normalize_feed_url(url: str) -> str:
    """Return a feed URL trimmed, with lowercase scheme and host and no fragment."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    scheme = parts.scheme.lower()
    # Feed query strings are kept whole: on a feed URL even `ref=` may pick the content.
    return urlunsplit((scheme, _netloc(parts, scheme), parts.path or "/", parts.query, ""))


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def _netloc(parts: SplitResult, scheme: str) -> str:
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal needs its brackets back
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and _DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    if parts.username:
        credentials = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{credentials}@{host}"
    return host
