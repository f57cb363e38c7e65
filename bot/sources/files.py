"""Read an article from a text file or standard input, with an optional `Key: value` header."""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from bot.errors import UserError
from bot.models import Article

MAX_BYTES = 5 * 1024 * 1024
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
_MIN_ASCII_SHARE = 0.9


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


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = len(_CONTROL.findall(text)) + len(_C1_CONTROL.findall(text))
    return controls / len(text) <= _MAX_CONTROL_SHARE


def _mostly_ascii(text: str) -> bool:
    # Real Windows-1252 English has a smart quote here and there; any byte soup decodes too, but
    # then most characters land above ASCII.
    return sum(1 for ch in text if ch < "\x80") >= _MIN_ASCII_SHARE * len(text)


def _decode_windows_1252(data: bytes, label: str) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UserError(f"{label} is not UTF-8 text.") from None
    if not _looks_like_text(text) or not _mostly_ascii(text):
        raise UserError(f"{label} is not UTF-8 text.")
    return text


def _decode(data: bytes, label: str) -> str:
    """Decode bytes as UTF-8, or as Windows-1252 when that gives sane text; raise UserError otherwise."""
    if b"\x00" in data:
        raise UserError(f"{label} is a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_windows_1252(data, label)
    if not _looks_like_text(text):
        raise UserError(f"{label} is a binary file, not text.")
    return text


def _article_from_bytes(data: bytes, label: str, name: str) -> Article:
    text = _decode(data, label)
    if not text.strip():
        raise UserError(f"{label} is empty.")
    return parse_article_text(text, name=name)


def read_text_file(path: str | Path) -> str:
    """Return a UTF-8 (or Windows-1252) text file's text; raise UserError for anything that is not one."""
    file = Path(path)
    label = f"The file {str(path)!r}"
    if not file.exists():
        raise UserError(f"{label} does not exist.")
    if file.is_dir():
        raise UserError(f"{label} is a directory, not a text file.")
    try:
        if file.stat().st_size > MAX_BYTES:
            raise UserError(f"{label} is larger than 5 MB.")
        data = file.read_bytes()
    except PermissionError:
        raise UserError(f"{label} cannot be read: permission denied.") from None
    except OSError as error:
        raise UserError(f"{label} cannot be read: {error.strerror or 'input/output error'}.") from None
    text = _decode(data, label)
    if not text.strip():
        raise UserError(f"{label} is empty.")
    return text


def read_article_file(path: str | Path) -> Article:
    """Read an article from a UTF-8 (or Windows-1252) text file; raise UserError on bad input."""
    return parse_article_text(read_text_file(path), name=f"the file {str(path)!r}")


def read_stdin_article(stream: IO[str] | IO[bytes]) -> Article:
    """Read an article piped to standard input, text or binary stream; raise UserError on bad input."""
    label = "Standard input"
    binary = getattr(stream, "buffer", stream)
    data = binary.read(MAX_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_BYTES:
        raise UserError(f"{label} is larger than 5 MB.")
    return _article_from_bytes(data, label, name="standard input")
