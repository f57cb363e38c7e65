"""OPML, the file feed readers exchange subscription lists in: read its feeds, write ours (OPML 2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from bot.errors import UserError

OPML_MEDIA_TYPE = "text/x-opml"
# A subscription list, not a document: even thousands of feeds stay far below this.
MAX_OPML_BYTES = 5_000_000
# An XML element; lxml ships no types.
_Element = object


@dataclass(frozen=True)
class OpmlFeed:
    """One feed an OPML file lists: its address, its title, and the folders it sits in."""

    url: str
    title: str | None = None
    folders: tuple[str, ...] = ()


def read_opml(data: bytes, *, name: str = "the file") -> list[OpmlFeed]:
    """Return every feed in an OPML file (outlines with `xmlUrl`, at any depth), each address once.

    Raises UserError with one line when the file is not OPML.
    """
    if len(data) > MAX_OPML_BYTES:
        raise UserError(f"{name} is over {MAX_OPML_BYTES // 1_000_000} MB; that is not a list of feeds.")
    # No entities, no network, no DTDs: an OPML file from the internet must not read our files.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UserError(f"{name} is not valid XML ({_first_line(error)}).") from None
    if _local(root.tag) != "opml":
        raise UserError(f"{name} is XML, but not OPML (its root is <{_local(root.tag)}>, not <opml>).")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise UserError(f"{name} is OPML without a <body>, so it lists no feeds.")
    found: dict[str, OpmlFeed] = {}
    _walk(body, (), found)
    return list(found.values())


def write_opml(feeds: Iterable[tuple[str, str | None]], *, title: str, created: datetime) -> bytes:
    """Return an OPML 2.0 document listing (url, title) feeds as RSS outlines."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(created, usegmt=created.utcoffset() is not None)
    etree.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for url, feed_title in feeds:
        label = feed_title or url
        etree.SubElement(body, "outline", type="rss", text=label, title=label, xmlUrl=url)
    serialized: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return serialized


def _walk(outline_parent: _Element, folders: tuple[str, ...], found: dict[str, OpmlFeed]) -> None:
    for child in outline_parent:  # type: ignore[attr-defined]
        if not isinstance(child.tag, str) or _local(child.tag) != "outline":
            continue  # comments and processing instructions
        label = (child.get("title") or child.get("text") or "").strip() or None
        url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
        if url:
            found.setdefault(url, OpmlFeed(url, label, folders))
        _walk(child, (*folders, label) if label and not url else folders, found)


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1] if "}" in text else text


def _first_line(error: etree.XMLSyntaxError) -> str:
    message = (getattr(error, "msg", "") or str(error) or "unreadable").splitlines()[0]
    message = re.sub(r",? line \d+, column \d+.*$", "", message).rstrip(". ")
    line = getattr(error, "lineno", None)
    return f"line {line}: {message}" if line else message
