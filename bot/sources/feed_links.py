"""Read which feeds a web page points to: its <link rel="alternate"> feeds first, then feed-looking links."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed

FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


def feeds_in_page(body: bytes, content_type: str, url: str) -> tuple[str, ...] | None:
    """Return the feeds an HTML page points to, best first; None when the body is not a web page."""
    if "html" not in content_type.lower() and b"<html" not in body[:4096].lower():
        return None
    try:
        root = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    # Typed <link rel="alternate"> elements are the page's own word for its feed; trafilatura's
    # parser adds feed-looking links (<a href="/rss">) after them. Parsing only: it fetches nothing.
    declared = [
        urljoin(url, str(link.get("href"))) for link in root.iter("link")
        if "alternate" in (link.get("rel") or "").lower().split()
        and (link.get("type") or "").split(";")[0].strip().lower() in FEED_LINK_TYPES and link.get("href")
    ]
    host = urlsplit(url).hostname or ""
    suggested = determine_feed(lxml.html.tostring(root, encoding="unicode"), FeedParameters(url, host, url))
    return tuple(dict.fromkeys([*declared, *suggested]))
