"""Read an article from a text or HTML file or standard input, with an optional `Key: value` header.

Reads are bounded whatever the file system says: only regular files are opened (a FIFO with no
writer would block for ever, /dev/zero never ends), and at most MAX_BYTES are read, in chunks,
even when `st_size` claims less. The bytes are decoded in the encoding they are really in
(bot.sources.decode), and a saved web page is recognised by its content and extracted like one.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from bot.errors import UserError
from bot.models import Article
from bot.sources.decode import declared_charsets, decode_text

MAX_BYTES = 5 * 1024 * 1024
_CHUNK = 64 * 1024
# What the start of an HTML document looks like, whatever its extension says.
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|h[1-6]|meta|title|article|section|script|br)\b[^>]*>", re.IGNORECASE)
_MIN_TAGS_FOR_HTML = 5
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# "03/04/2026": the third of April in Europe, the fourth of March in the US.
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.]\d{4}")
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z -]{0,20}):[ \t]*(?P<value>.*)$")
# Header keys we read, with the spellings people use for them.
_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "publisher": "source",
    "site": "source",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "author": "author",
    "by": "author",
    "byline": "author",
}
# Control characters other than tab, newline, carriage return and form feed never occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_C1_CONTROL = re.compile(r"[\x80-\x9f]")


def _parse_published(value: str, name: str) -> datetime:
    """Read a `Published:` header as people and feeds write it: ISO 8601, RFC 2822 or "24 November 2026"."""
    text = " ".join(value.split())
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)  # "Tue, 24 Nov 2026 08:30:00 +0000", as feeds and e-mail write it
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_written_date(text, name)


def _parse_written_date(text: str, name: str) -> datetime:
    """Read a date written in words ("24 November 2026", "Nov. 24, 2026 8:30"); refuse a vague or ambiguous one."""
    # Imported here: dateutil costs about 25 ms at start-up, paid only by headers that are neither ISO nor RFC 2822.
    from dateutil import parser as dateutil_parser

    refusal = UserError(
        f"The Published date in {name} is not a date I can read; write it like 2026-11-24, "
        "24 November 2026 or Tue, 24 Nov 2026 08:30:00 +0000."
    )
    if not _YEAR.search(text):
        raise refusal  # "last Tuesday", "November 24": no year, no date
    ambiguous = _NUMERIC_DATE.fullmatch(text)
    if ambiguous and ambiguous["first"] != ambiguous["second"] and max(map(int, ambiguous.group(1, 2))) <= 12:
        raise UserError(
            f"The Published date in {name}, {text}, could be read day-first or month-first; "
            "write it like 2026-11-24 or 24 November 2026."
        )
    readings = []
    for default in _DEFAULTS:  # two different defaults: any part the text leaves out shows as a difference
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                readings.append(dateutil_parser.parse(text, default=default, dayfirst=True))
        except (ValueError, OverflowError):
            raise refusal from None
    if readings[0] != readings[1]:
        raise refusal  # "November 2026": a month is not a publication date
    return readings[0]


def _split_header(raw: str) -> tuple[dict[str, str], str]:
    """Return the header fields and the text after the header; no header gives an empty dict."""
    block, separator, rest = raw.lstrip("\n").partition("\n\n")
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    fields: dict[str, str] = {}
    for line in lines:
        match = _HEADER_LINE.match(line)
        key = _HEADER_KEYS.get(match.group("key").strip().lower()) if match else None
        if match is None or key is None:
            return {}, raw  # one line that is not a known field means there is no header
        fields[key] = match.group("value").strip()
    if not fields or not separator:
        return {}, raw
    return fields, rest


def parse_article_text(raw: str, *, name: str | None = None) -> Article:
    """Build an Article from text that may open with a header block of `Key: value` lines."""
    label = name or "the text"
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    fields, body = _split_header(text)
    if not body.strip():
        raise UserError(f"{label[:1].upper()}{label[1:]} has no article text.")
    published = _parse_published(fields["published"], label) if fields.get("published") else None
    return Article(
        text=body.strip("\n"),
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        source=fields.get("source") or None,
        published=published,
        author=fields.get("author") or None,
    )


def looks_like_html(text: str) -> bool:
    """Tell whether a text is an HTML document (a saved page) rather than prose."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= _MIN_TAGS_FOR_HTML


def article_from_text(text: str, *, name: str) -> Article:
    """Build an Article from plain text (with an optional header) or from a saved web page."""
    if looks_like_html(text):
        # Imported here: trafilatura takes a while to load, and plain text never needs it.
        from bot.sources.html import article_from_html

        return article_from_html(text)
    return parse_article_text(text, name=name)


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = len(_CONTROL.findall(text)) + len(_C1_CONTROL.findall(text))
    return controls / len(text) <= _MAX_CONTROL_SHARE


def _decode(data: bytes, label: str) -> str:
    """Decode bytes in the encoding they are really in; raise UserError for binary or undecodable data."""
    decoded = decode_text(data, declared_charsets(data))
    if decoded is None:
        if b"\x00" in data:
            raise UserError(f"{label} is a binary file, not text.")
        raise UserError(f"{label} is not text newsbrief can read: it is not UTF-8, and no other encoding fits it.")
    if "\x00" in decoded.text or not _looks_like_text(decoded.text):
        raise UserError(f"{label} is a binary file, not text.")
    return decoded.text


def _article_from_bytes(data: bytes, label: str, name: str) -> Article:
    text = _decode(data, label)
    if not text.strip():
        raise UserError(f"{label} is empty.")
    return article_from_text(text, name=name)


def read_text_file(path: str | Path) -> str:
    """Return a text file's text, decoded; raise UserError for anything that is not a readable text file."""
    label = f"The file {str(path)!r}"
    text = _decode(_read_bounded(Path(path), label), label)
    if not text.strip():
        raise UserError(f"{label} is empty.")
    return text


def read_article_file(path: str | Path) -> Article:
    """Read an article from a text or HTML file; raise UserError on bad input."""
    return article_from_text(read_text_file(path), name=f"the file {str(path)!r}")


def read_stdin_article(stream: IO[str] | IO[bytes]) -> Article:
    """Read an article piped to standard input, text or binary stream; raise UserError on bad input."""
    label = "Standard input"
    binary = getattr(stream, "buffer", stream)
    data = binary.read(MAX_BYTES + 1)  # a bounded read: `cat /dev/zero | newsbrief brief -` stops here
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_BYTES:
        raise UserError(f"{label} is larger than 5 MB.")
    return _article_from_bytes(data, label, name="standard input")


def _read_bounded(file: Path, label: str) -> bytes:
    """Read at most MAX_BYTES from a regular file, refusing FIFOs, devices and sockets before opening them."""
    try:
        info = os.stat(file)  # never blocks, even on a FIFO
        refusal = _not_a_regular_file(info.st_mode)
        if refusal is not None:
            raise UserError(f"{label} {refusal}.")
        if info.st_size > MAX_BYTES:  # a cheap early answer; the read below is bounded regardless
            raise UserError(f"{label} is larger than 5 MB.")
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it cannot hang.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb", buffering=0) as handle:
            refusal = _not_a_regular_file(os.fstat(handle.fileno()).st_mode)
            if refusal is not None:
                raise UserError(f"{label} {refusal}.")
            chunks, size = [], 0
            while chunk := handle.read(min(_CHUNK, MAX_BYTES + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES:
                    raise UserError(f"{label} is larger than 5 MB.")
    except FileNotFoundError:
        raise UserError(f"{label} does not exist.") from None
    except PermissionError:
        raise UserError(f"{label} cannot be read: permission denied.") from None
    except OSError as error:
        raise UserError(f"{label} cannot be read: {error.strerror or 'input/output error'}.") from None
    return b"".join(chunks)


def _not_a_regular_file(mode: int) -> str | None:
    """Say what is wrong with a file that is not a regular one ("is a directory, …"), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a text file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file; pipe what a program writes into `newsbrief brief -` instead"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a text file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a text file"
    return "is not a regular file"
