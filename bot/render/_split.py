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
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _fit(text: str, limit: int) -> int:
    """Return how many leading code points fit in `limit` UTF-16 units."""
    prefix = text[:limit]  # never more code points than units
    if text_size(prefix) <= limit:
        return len(prefix)
    fits, overflows = 0, len(prefix)  # binary search: prefix[:fits] fits, prefix[:overflows] does not
    while overflows - fits > 1:
        middle = (fits + overflows) // 2
        if text_size(prefix[:middle]) <= limit:
            fits = middle
        else:
            overflows = middle
    return fits


def _is_attached(ch: str) -> bool:
    """Tell whether `ch` belongs to the character before it (combining mark, joiner, selector)."""
    if ch in _JOINERS or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return True  # joiners, variation selectors, emoji skin tones
    return unicodedata.combining(ch) != 0


def _starts_like(text: str, start: int, token: str) -> bool:
    """Tell whether `text` at `start` reads as `token`, or as much of it as `text` still holds."""
    return token.startswith(text[start : start + len(token)])


def _inside_entity(text: str, cut: int) -> int | None:
    """Return where an HTML entity that `cut` falls inside starts, if any."""
    start = text.rfind("&", max(0, cut - 4), cut)
    if start == -1 or ";" in text[start:cut]:
        return None
    # The text may be a window ending mid-entity, so a partial entity counts too.
    return start if any(_starts_like(text, start, entity) for entity in _ENTITIES) else None


def _inside_link(text: str, cut: int) -> int | None:
    """Return where an unclosed `<http…` link that `cut` falls inside starts, if any."""
    start = text.rfind("<", 0, cut)
    if start == -1 or ">" in text[start:cut] or not _starts_like(text, start, "<http"):
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
        while 0 < cut < len(text) and (_is_attached(text[cut]) or text[cut - 1] == "\u200d"):
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
    text = text.strip()
    pieces: list[str] = []
    start = 0
    while start < len(text):
        # Only a window is examined (and copied) per piece, so huge texts split in linear time.
        window = text[start : start + limit + 1]
        if len(window) <= limit and text_size(window) <= limit:
            pieces.append(window)
            break
        fit = max(1, _fit(window, limit))  # at least one character, or a tiny limit never progresses
        # +1 so a whitespace character right after the fitting prefix can serve as the cut.
        cut = _whitespace_cut(window[: fit + 1], fit // 2)
        # Link labels hold spaces: break before the link unless it starts the piece.
        cut = safe_cut(window, fit) if cut is None else (_inside_link(window, cut) or cut)
        head = window[:cut].rstrip()
        if head:
            pieces.append(head)
        start += cut
        while start < len(text) and text[start].isspace():
            start += 1
    return pieces


def pack(blocks: Iterable[str], limit: int, joiner: str = "\n") -> list[str]:
    """Join `blocks` with `joiner` into as few chunks of at most `limit` units as they fit.

    An empty block adds a blank line (a paragraph break) unless it would start or end a chunk.
    """
    chunks: list[str] = []
    current = ""
    for block in blocks:
        if not block:
            current += joiner if current and not current.endswith(joiner) else ""
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
