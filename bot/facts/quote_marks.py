"""Find quoted passages in a paragraph: double and single marks, straight and curly, apostrophes told apart.

British style quotes with single marks, which are also apostrophes ("don't", "Jones' car", "the '90s",
"rock 'n' roll"). A mark is read from the characters on both sides of it: between two letters it is an
apostrophe; after a space and before a word it opens; after a word or punctuation and before a space it
closes. A closing mark right after a plural "s" may be a possessive ("the players' union"), so it closes
only when no other closing mark follows before the next opening one.

A quotation that runs over several paragraphs repeats its opening mark at each paragraph and closes only
at the end; in text whose paragraphs were run together, that shows as an opening mark right after a
sentence end while a quote is still open. Each such paragraph becomes its own span, flagged `continues`.
"""

from __future__ import annotations

import re
from operator import itemgetter, le, lt
from typing import NamedTuple

DOUBLE, SINGLE = '"', "'"

_DOUBLE_MARKS, _SINGLE_MARKS = '"“”„', "'‘’"
# Words that begin with an apostrophe standing for dropped letters: never an opening mark.
_ELISION_RE = re.compile(r"['‘’](?:n['’‘]?(?=\s)|em\b|cause\b|til\b|tis\b|twas\b|bout\b|\d0s\b)", re.I)
# Two digits after the mark, where a date or "of"/"in"/"since" comes before it: a year written short.
_SHORT_YEAR_RE = re.compile(r"['‘’]\d\d(?![\d\w])")
_YEAR_CONTEXT_RE = re.compile(
    r"(?:\d,|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?|\b(?:of|in|since|class))\s$", re.I
)
_OPENER_BEFORE = frozenset("([{—–-/:;")
_CLOSE_AFTER_PUNCT = frozenset('.,!?;:…"”)]—–-')
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”'’)]*\s+$")
_SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"”'’)]*(?=\s)")
# First and second person words: a sentence without any of them, inside an open quote, is the writer's again.
_SPEAKER_VOICE_RE = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|we|we're|we've|us|our|ours|you|your|yours)\b", re.I
)


class QuoteSpan(NamedTuple):  # a NamedTuple, cheaper to build than a frozen dataclass
    """One quoted passage of a paragraph's text: where its marks are and how it ends."""

    start: int  # offset of the opening mark
    end: int  # offset after the closing mark, or after the last quoted character when unclosed
    body_start: int
    body_end: int
    style: str  # DOUBLE or SINGLE
    closed: bool
    continues: bool = False  # the quotation goes on in the next span (a new paragraph, same speaker)


# A span's offsets, read in C when many spans are sorted or compared.
_START, _END = itemgetter(QuoteSpan._fields.index("start")), itemgetter(QuoteSpan._fields.index("end"))


class _Mark(NamedTuple):  # a NamedTuple: one is built for every quotation mark and apostrophe
    position: int
    role: str  # "open", "close" or "weak" (a closing mark after a letter: maybe a possessive)


def _classify_single(text: str, position: int) -> str | None:
    char = text[position]
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    # Whether a letter or digit comes before the mark, read once: the tests below ask it up to three times.
    word_before = before.isalnum()
    if word_before and after.isalnum():
        return None  # don't, O'Donnell, 1990's
    if not word_before and _ELISION_RE.match(text, position):
        return None  # 'em, 'til, the '90s, rock 'n' roll
    if _SHORT_YEAR_RE.match(text, position) and _YEAR_CONTEXT_RE.search(text, max(0, position - 12), position):
        return None  # "Feb 24, '90", "the class of '85": a year with its century left out
    if text[position - 2 : position] in ("'n", "’n", "‘n") and not text[position - 3 : position - 2].isalnum():
        return None  # the second mark of 'n'
    if char == "‘" and not word_before:
        return "open"
    if (before.isspace() or before in _OPENER_BEFORE or before in '"“') and (after.isalnum() or after in '"“(…'):
        return "open"
    if not before.isspace() and (after.isspace() or after in '.,;:!?)]—–-"”…'):
        return "close" if before in _CLOSE_AFTER_PUNCT else "weak"
    return None


def _classify_double(text: str, position: int) -> str | None:
    char = text[position]
    if char in "“„":
        return "open"
    if char == "”":
        return "close"
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if before.isspace() or before in _OPENER_BEFORE or before in "'‘":
        return None if after.isspace() else "open"
    if after.isspace() or after in ".,;:!?)]—–-'’…":
        return "close"
    return "toggle"


def _positions(text: str, characters: str) -> list[int]:
    """Return the offsets of any of these characters in the text, in order.

    `str.find` skips to each one at memory-search speed; a character-class pattern steps through the whole
    story in the regex engine, which cost more than everything else the marks need.
    """
    found = []
    for character in characters:
        position = text.find(character)
        while position >= 0:
            found.append(position)
            position = text.find(character, position + 1)
    found.sort()
    return found


def _marks(text: str, style: str, masked: list[tuple[int, int]]) -> list[_Mark]:
    found: list[_Mark] = []
    is_double = style == DOUBLE
    for position in _positions(text, _DOUBLE_MARKS if is_double else _SINGLE_MARKS):
        if masked and _inside(position, masked):
            continue
        role = _classify_double(text, position) if is_double else _classify_single(text, position)
        if role is not None:
            found.append(_Mark(position, role))
    return found


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Tell whether a position lies strictly inside one of the spans, given in order of their starts."""
    for start, end in spans:
        if start >= position:
            return False  # this span and every later one start at or after the position
        if position < end:
            return True
    return False


def _speaker_voice(text: str) -> bool:
    return bool(_SPEAKER_VOICE_RE.search(text))


def _last_sentence_end(text: str, start: int, stop: int) -> int | None:
    """Return the offset after the last sentence-ending punctuation in text[start:stop], if any."""
    ends = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text, start, stop)]
    return ends[-1] if ends else None


def _span(
    text: str, start: int, body_end: int, end: int, style: str, closed: bool, continues: bool = False
) -> QuoteSpan:
    body_start = start + 1
    while body_end > body_start and text[body_end - 1].isspace():
        body_end -= 1
    return QuoteSpan(start, end, body_start, body_end, style, closed, continues)


def _pair(text: str, marks: list[_Mark], style: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    nested = 0
    for index, mark in enumerate(marks):
        role = mark.role
        if role == "toggle":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is None:
                open_at = mark.position
                continue
            if _SENTENCE_END_RE.search(text, open_at + 1, mark.position) and nested == 0:
                # The same quotation's next paragraph, its opening mark repeated.
                spans.append(_span(text, open_at, mark.position, mark.position, style, False, True))
                open_at = mark.position
                continue
            ended = _last_sentence_end(text, open_at + 1, mark.position)
            between = text[ended : mark.position] if ended is not None else ""
            if ended is not None and nested == 0 and len(between.split()) >= 2 and not _speaker_voice(between):
                # The writer spoke again ("He added: '...") and the quote before was never closed.
                spans.append(_span(text, open_at, ended, ended, style, False))
                open_at = mark.position
                continue
            if style == DOUBLE:
                spans.append(_span(text, open_at, mark.position, mark.position, style, False))
                open_at = mark.position
                continue
            nested += 1
            continue
        if open_at is None:
            continue  # a possessive, or the close of a quote whose opening was lost
        if role == "weak" and _possessive(text, marks, index):
            continue
        if nested:
            nested -= 1
            continue
        spans.append(_span(text, open_at, mark.position, mark.position + 1, style, True))
        open_at = None
    if open_at is not None:
        spans.append(_span(text, open_at, len(text), len(text), style, False))
    return spans


def _possessive(text: str, marks: list[_Mark], index: int) -> bool:
    """Tell whether a mark after a letter is an apostrophe: "the players' union" inside a longer quote."""
    position = marks[index].position
    following = text[position + 1 : position + 3]
    if text[position - 1] not in "sS" or not (following[:1] == " " and following[1:2].islower()):
        return False  # before punctuation, a capital or the end of the text it closes
    for later in marks[index + 1 :]:
        if later.role == "open":
            # "…each others' company. 'I realised…": the quote ran on to a sentence end and its next paragraph.
            ended = _SENTENCE_END_RE.search(text, position, later.position)
            return ended is not None and len(text[position : ended.start()].split()) <= 6
        if later.role == "close":
            return True  # the quote ends later, after punctuation: this mark was inside it
    return False


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return the outermost quoted passages of one paragraph's text, in order."""
    if not any(mark in text for mark in _DOUBLE_MARKS + _SINGLE_MARKS):
        return []
    doubles = _pair(text, _marks(text, DOUBLE, []), DOUBLE)
    singles = _pair(text, _marks(text, SINGLE, [(s.start, s.end) for s in doubles]), SINGLE)
    return _outermost(sorted(doubles + singles, key=_START))


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Drop the spans a longer one holds; the spans are sorted by start."""
    # Nearly always each span holds some text and ends where or before the next starts, so none holds
    # another: sweeps in C tell so.
    ends = list(map(_END, spans))
    if all(map(lt, map(_START, spans), ends)) and all(map(le, ends, map(_START, spans[1:]))):
        return spans
    return _sweep_outermost(spans)


def _sweep_outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Drop the spans a longer one holds; the spans are sorted by start, and the sweep reads each once.

    A longer span holds another when it starts before it and ends no earlier, or starts with it and ends
    later: so a span is held when the furthest end of the earlier starts reaches its end, or the furthest
    end among the spans of its own start goes past it.
    """
    kept: list[QuoteSpan] = []
    reach = -1  # the furthest end of the spans that start before the current start
    first = 0
    while first < len(spans):
        start = spans[first].start
        last = first
        while last < len(spans) and spans[last].start == start:
            last += 1
        group = spans[first:last]
        furthest = max(span.end for span in group)
        kept += [span for span in group if reach < span.end and furthest <= span.end]
        reach = max(reach, furthest)
        first = last
    return kept


def trim_unclosed(text: str, span: QuoteSpan) -> QuoteSpan:
    """Cut an unclosed quote that nothing continues after its last sentence in the speaker's voice."""
    if span.closed or span.continues:
        return span
    stop = span.body_start
    for match in _SENTENCE_BREAK_RE.finditer(text, span.body_start, span.body_end):
        sentence = text[stop : match.end()]
        if stop > span.body_start and not _speaker_voice(sentence):
            break
        stop = match.end()
    else:
        tail = text[stop : span.body_end]
        if stop == span.body_start or _speaker_voice(tail):
            stop = span.body_end
    return _span(text, span.start, stop, stop, span.style, False)
