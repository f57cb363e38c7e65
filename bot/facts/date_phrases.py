"""Find the date phrases a sentence writes, before any is resolved against a publication date.

Each phrase is read from its own sentence alone, so this is cached per sentence; `bot.facts.dates` resolves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from bot.facts.cues import DATE_ANCHORS, cue_indexes
from bot.facts.tokens import Token, tokenize
from bot.text.wordlist import word_set

_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_FULL_MONTH = r"(?P<m7>January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>(?:1[89]|20)\d\d)(?![\d-])"
_HOLIDAY = (
    r"(?P<holiday>Black Friday|Cyber Monday|Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|Boxing Day|Halloween|"
    r"Valentine['’]s Day|New Year['’]s (?:Day|Eve)|Independence Day|Fourth of July|Memorial Day|Labou?r Day|"
    r"Easter(?: Sunday| Monday)?)\b"
)


# Core patterns, most specific first; a cue word before the core is read separately (see _cue).
_PATTERNS = [
    ("iso", r"(?<![\d-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"),
    ("mdy", _MONTH.format(name="m1") + r"\s+" + _DAY.format(name="d1") + r",?\s+" + _YEAR.format(name="y1")),
    (
        "dmy",
        r"(?<!\d)" + _DAY.format(name="d2") + r"\s+" + _MONTH.format(name="m2") + r",?\s+" + _YEAR.format(name="y2"),
    ),
    ("dm", r"(?<!\d)" + _DAY.format(name="d9") + r"\s+" + _MONTH.format(name="m9") + r"(?![\w,]*\s*\d{4})\b"),
    ("my", _MONTH.format(name="m3") + r",?\s+(?:of\s+)?" + _YEAR.format(name="y3")),
    ("md", _MONTH.format(name="m4") + r"\s+" + _DAY.format(name="d4") + r"(?![\d,]*\s*\d{4})\b"),
    ("relative", r"\b(?i:(?P<c5>last|this|next)\s+(?P<unit>week|month|year|weekend))\b"),
    ("weekend", r"\b(?i:the\s+weekend)\b"),
    ("holiday", _HOLIDAY),
    (
        "wmd",
        r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?"
        + r"(?:"
        + _MONTH.format(name="m10")
        + r"\s+"
        + _DAY.format(name="d10")
        + r"|"
        + _DAY.format(name="d11")
        + r"(?:\s+of)?\s+"
        + _MONTH.format(name="m11")
        + r")(?:,?\s+"
        + _YEAR.format(name="y10")
        + r")?(?![\d])",
    ),
    ("weekday", _WEEKDAY + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("month", _FULL_MONTH + r"(?!\s+\d)\b"),
    ("deictic", r"\b(?P<deictic>yesterday|today|tomorrow|tonight)\b"),
    ("year", r"(?<![\w$€£.,#/-])" + _YEAR.format(name="y8") + r"(?!,\d|\.\d|%)"),
]
_COMPILED = {name: re.compile(pattern) for name, pattern in _PATTERNS}
# Which patterns can start at a given kind of word; only those words are tried. Of the four a number opens
# ("iso", "dmy", "dm", "year"), a number token (the whole run of digits and separators there) of four
# characters can open only an ISO date or a year, and one of one or two only a day ("12 May", "3rd June").
_BY_ANCHOR = {
    "year number": ("iso", "year"),
    "day number": ("dmy", "dm"),
    "month": ("mdy", "my", "md", "month"),
    "weekday": ("wmd", "weekday"),
    "relative": ("relative",),
    "deictic": ("deictic",),
    "the": ("weekend",),
    "holiday": ("holiday",),
}
# The patterns themselves, in the same order: a match is tried without looking each one up by name.
_PATTERNS_BY_ANCHOR = {
    anchor: tuple((kind, _COMPILED[kind]) for kind in kinds) for anchor, kinds in _BY_ANCHOR.items()
}
# "the" opens only "the weekend", so it is no cue word: where "weekend" is, the date finder reads it too.
_ANCHORS_WITH_THE = {**DATE_ANCHORS, "the": "the"}

# Words before a date that change its meaning or are needed to trust it ("in July", "as early as").
_CUE_WORDS = (
    r"as early as|as soon as|earlier this|later this|next|last|this|on|by|until|till|through|"
    r"since|from|before|after|in|during|early|late|to|over|at|of|fiscal|fiscal year"
)
_CUE_RE = re.compile(rf"(?i:\b({_CUE_WORDS}))\s+$")
# The same read in lower-case text, where each word is passed over at its first letter: a case-blind
# alternative is tried letter by letter, at every word of the window.
_LOWER_CUE_RE = re.compile(rf"\b({_CUE_WORDS})\s+$")
_CUE_REACH = 16  # characters before a date core, enough for "as early as " and a few spaces more
# Months that are also names or words ("May", "March", "June", "August") need a cue before them.
_AMBIGUOUS_MONTHS = frozenset(("may", "march", "june", "august", "april"))
_WEEKEND_CUES = frozenset(("over", "during", "at", "on", "this", "last", "next"))
# A figure, not a year: "2000 people", "1900 miles".
_COUNT_NOUNS = word_set(
    "people men women children troops soldiers police officers votes voters residents homes houses "
    "jobs cases deaths patients students employees workers fans members miles metres meters feet km "
    "kg times euros dollars pounds tonnes tons acres calories units copies"
)
_NUMBER_WORDS_BEFORE = word_set("no number room flight route page model bus platform apartment suite unit")
_TALLY_BEFORE_RE = re.compile(r"\b(?:score|total|tally|count|sum|rating) of\s+$", re.IGNORECASE)


def _cue(sentence: str, start: int) -> tuple[str, int]:
    """Return the cue word(s) right before a date core, lower-cased, and where they start."""
    window_start = max(0, start - _CUE_REACH)
    # Lower-casing keeps an ASCII window's letters, lengths and word edges, so it is searched lowered (with
    # the character before it, which tells whether a word starts there); other text is searched as written.
    lead = 1 if window_start else 0
    window = sentence[window_start - lead : start]
    if window.isascii():
        lowered = _LOWER_CUE_RE.search(window.lower(), lead)
        return (lowered.group(1), window_start - lead + lowered.start(1)) if lowered else ("", start)
    found = _CUE_RE.search(sentence, window_start, start)
    return (found.group(1).lower(), found.start(1)) if found else ("", start)


def _phrase_start(kind: str, match: re.Match[str], cue: str, cue_start: int, sentence: str) -> int:
    """Return where the phrase as written starts; a plain preposition before a full date is left out."""
    if kind == "relative":
        earlier = _EARLIER_LATER_RE.search(sentence[max(0, match.start() - 9) : match.start()])
        return match.start() - (len(earlier.group()) if earlier else 0)
    if cue and (kind not in _FULL_DATES or cue in _KEPT_CUES):
        return cue_start
    return match.start()


_EARLIER_LATER_RE = re.compile(r"(?i:\b(?:earlier|later)\s+)$")
_FULL_DATES = frozenset(("wmd", "my", "md", "dm", "year", "iso", "mdy", "dmy", "holiday"))
_KEPT_CUES = frozenset(("early", "late", "earlier this", "later this", "next", "last", "this", "fiscal", "fiscal year"))


def _match_at(sentence: str, position: int, anchor: str) -> tuple[re.Match[str] | None, str]:
    for kind, pattern in _PATTERNS_BY_ANCHOR[anchor]:
        match = pattern.match(sentence, position)
        if match is not None:
            return match, kind
    return None, ""


_WORD_AFTER_RE = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?\s+$")
_WORD_BEFORE_REACH = 24  # characters: the word before a year is looked for in these, unless it runs on past them


def _word_before(sentence: str, end: int) -> re.Match[str] | None:
    """Return the word (and its spaces) that ends right before an offset, as _WORD_BEFORE_RE finds it."""
    # Searching the whole sentence before the offset tries the pattern at every letter of it; the word ends
    # at the offset, so a window holds it unless the word (or the spaces after it) reach the window's start.
    window = max(0, end - _WORD_BEFORE_REACH)
    found = _WORD_BEFORE_RE.search(sentence, window, end)
    if window and (found.start() == window if found else sentence[window + 1 : end].isspace()):
        return _WORD_BEFORE_RE.search(sentence[:end])
    return found


def _is_figure(sentence: str, match: re.Match[str]) -> bool:
    """Tell a bare four-digit figure ("2000 people", "No. 1999") from a year."""
    after = _WORD_AFTER_RE.match(sentence, match.end())
    if after and after.group(1).lower() in _COUNT_NOUNS:
        return True
    before = _word_before(sentence, match.start())
    if before and before.group(1).lower() in _NUMBER_WORDS_BEFORE:
        return True
    return bool(_TALLY_BEFORE_RE.search(sentence, max(0, match.start() - 20), match.start()))


def _accepted(kind: str, match: re.Match[str], cue: str, sentence: str) -> bool:
    """Tell whether a match is a date here: months that are also words need a cue, years must not be figures."""
    if kind == "year":
        return not _is_figure(sentence, match)
    if kind == "month":
        return bool(cue) or match.group("m7").lower() not in _AMBIGUOUS_MONTHS
    if kind == "weekend":
        return cue in _WEEKEND_CUES or sentence[: match.start()].rstrip().lower().endswith("this past")
    if kind == "holiday" and match.group("holiday").lower().startswith("easter"):
        return bool(cue)  # "Easter" alone is also an island and a name
    return True


# A number token is the whole run of digits and separators there; a date opens with a day (one or two digits,
# then a suffix or a space) or a year (four, in "2014" or "2014-05-03"), so only such tokens are tried.
_NUMBER_ANCHORS = {1: "day number", 2: "day number", 4: "year number"}


class WrittenDate(NamedTuple):
    """A date phrase as the sentence writes it, before it is resolved against a publication date."""

    match: re.Match[str]
    kind: str
    cue: str
    start: int  # where the phrase starts, its cue included when kept


@lru_cache(maxsize=4096)
def written_dates(sentence: str) -> tuple[WrittenDate, ...]:
    """Return the date phrases of one sentence in reading order; this reads the sentence alone, so once per sentence."""
    found: list[WrittenDate] = []
    covered = 0
    tokens = tokenize(sentence)
    # What a date can start with: a number, or a month, weekday, relative or holiday word (see cue_indexes).
    candidates: Iterable[Token]
    if "weekend" in sentence.lower():
        anchors = _ANCHORS_WITH_THE
        candidates = [token for token in tokens if token.kind == "num" or token.lower in anchors]
    else:
        anchors = DATE_ANCHORS
        candidates = map(tokens.__getitem__, cue_indexes(sentence))
    for token in candidates:
        if token.start < covered:
            continue
        anchor = _NUMBER_ANCHORS.get(len(token.text)) if token.kind == "num" else anchors.get(token.lower)
        if anchor is None:
            continue  # a cue of figures or sources, not of dates; "1,200", "150", "3.5": neither a day nor a year
        match, kind = _match_at(sentence, token.start, anchor)
        if match is None:
            continue
        cue, cue_start = ("", match.start()) if kind == "relative" else _cue(sentence, match.start())
        if not _accepted(kind, match, cue, sentence):
            continue
        covered = match.end()
        found.append(WrittenDate(match, kind, cue, _phrase_start(kind, match, cue, cue_start, sentence)))
    return tuple(found)
