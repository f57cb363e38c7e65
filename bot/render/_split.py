"""Measure, cut, pack and truncate text so every piece fits a platform limit without breaking markup."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

ELLIPSIS = "…"

# Cutting before these would orphan them from the character they modify.
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}
_ENTITIES = ("&amp;", "&lt;", "&gt;")


def text_size(text: str) -> int:
    """Return the length in UTF-16 code units, never less than the code-point count."""
    # Platforms disagree on what a "character" is; UTF-16 units are the stricter count.
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _fit(text: str, limit: int) -> int:
    """Return how many leading code points fit in `limit` UTF-16 units."""
    if len(text) <= limit and text_size(text) <= limit:
        return len(text)
    used = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _is_attached(ch: str) -> bool:
    """Tell whether `ch` belongs to the character before it (combining mark, joiner, selector)."""
    return ch in _JOINERS or unicodedata.combining(ch) != 0 or "\ufe00" <= ch <= "\ufe0f"


def _inside_entity(text: str, cut: int) -> int | None:
    """Return where an HTML entity that `cut` falls inside starts, if any."""
    start = text.rfind("&", max(0, cut - 4), cut)
    if start == -1 or ";" in text[start:cut]:
        return None
    return start if text.startswith(_ENTITIES, start) else None


def _inside_link(text: str, cut: int) -> int | None:
    """Return where an unclosed `<http…` link that `cut` falls inside starts, if any."""
    start = text.rfind("<", 0, cut)
    if start == -1 or ">" in text[start:cut] or not text.startswith("<http", start):
        return None
    if start > 0 and text[start - 1] == "\\":
        return None  # an escaped "<" is article text, not our link syntax
    return start


def _odd_backslashes_before(text: str, cut: int) -> bool:
    """Tell whether the character at `cut` is escaped by the backslashes before it."""
    count = 0
    while cut - count - 1 >= 0 and text[cut - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def safe_cut(text: str, cut: int) -> int:
    """Move `cut` left so it splits no escape, entity, link or combined character; keep it if impossible."""
    original = cut
    for _ in range(8):
        before = cut
        while 0 < cut < len(text) and _is_attached(text[cut]):
            cut -= 1
        for finder in (_inside_link, _inside_entity):
            start = finder(text, cut)
            if start is not None:
                cut = start
        if 0 < cut < len(text) and _odd_backslashes_before(text, cut):
            cut -= 1
        if cut == before:
            break
    # A cut at zero would make no progress; a rare split escape beats an endless loop.
    return cut if cut > 0 else original


def _whitespace_cut(window: str, floor: int) -> int | None:
    """Return the last newline, else the last whitespace, at or after `floor` in `window`."""
    newline = window.rfind("\n", floor)
    if newline > 0:
        return newline
    for index in range(len(window) - 1, max(floor, 1) - 1, -1):
        if window[index].isspace():
            return index
    return None


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into pieces of at most `limit` units, preferring newlines, then spaces."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if text_size(rest) <= limit:
            pieces.append(rest)
            break
        fit = max(1, _fit(rest, limit))  # at least one character, or a tiny limit would never progress
        # +1 so a whitespace character right after the fitting prefix can serve as the cut.
        cut = _whitespace_cut(rest[: fit + 1], fit // 2)
        if cut is None:
            cut = safe_cut(rest, fit)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if head:
            pieces.append(head)
    return pieces


def pack(blocks: Iterable[str], limit: int, joiner: str = "\n") -> list[str]:
    """Join `blocks` with `joiner` into as few chunks of at most `limit` units as they fit.

    An empty block adds a blank line (a paragraph break) unless it would start or end a chunk.
    """
    chunks: list[str] = []
    current = ""
    for block in blocks:
        if not block:
            current += joiner if current and not current.endswith(joiner * 2) else ""
            continue
        for piece in split_text(block, limit):
            candidate = f"{current}{joiner}{piece}" if current else piece
            if text_size(candidate) <= limit:
                current = candidate
                continue
            if current.strip():
                chunks.append(current.rstrip())
            current = piece
    if current.strip():
        chunks.append(current.rstrip())
    return chunks


def truncate(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` units, ending it with an ellipsis when cut."""
    if text_size(text) <= limit:
        return text
    cut = safe_cut(text, _fit(text, limit - text_size(ELLIPSIS)))
    return text[:cut].rstrip() + ELLIPSIS
