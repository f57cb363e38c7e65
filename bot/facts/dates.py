"""Find date phrases and resolve them against the publication date.

Resolution rules (a story's own words, read from the day it was published):
- A weekday is the most recent such day on or before publication, unless a future cue comes with it
  ("next", "as early as", "by", "until", "through", "this", or "will ..." in the sentence without a
  reporting verb before the day), then it is the next such day on or after publication ("next" and
  "last" exclude the publication day itself).
- "last/this/next week" is that week's Monday; "... month" its first day; "... year" its January 1;
  "... weekend" that weekend's Saturday.
- A month without a year ("in July") is in the publication year, or the year before if that month
  has not come yet (after "next": the coming one). "February 2022" is 2022-02-01; a bare "in 2019"
  is 2019-01-01.
- Without a publication date only phrases that carry their own year resolve; the rest get None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.facts.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.facts.tokens import Token, tokenize
from bot.models import DateMention

_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>(?:1[89]|20)\d\d)(?![\d-])"

# Core patterns, most specific first; a cue word before the core is read separately (see _cue).
_PATTERNS = [
    ("iso", r"(?<![\d-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"),
    ("mdy", _MONTH.format(name="m1") + r"\s+" + _DAY.format(name="d1") + r",?\s+" + _YEAR.format(name="y1")),
    (
        "dmy",
        r"(?<!\d)" + _DAY.format(name="d2") + r"\s+" + _MONTH.format(name="m2") + r",?\s+" + _YEAR.format(name="y2"),
    ),
    ("my", _MONTH.format(name="m3") + r",?\s+" + _YEAR.format(name="y3")),
    ("md", _MONTH.format(name="m4") + r"\s+" + _DAY.format(name="d4") + r"(?![\d,]*\s*\d{4})\b"),
    ("relative", r"\b(?i:(?P<c5>last|this|next)\s+(?P<unit>week|month|year|weekend))\b"),
    ("weekday", _WEEKDAY + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("month", _MONTH.format(name="m7") + r"(?!\s+\d)\b"),
    ("deictic", r"\b(?P<deictic>yesterday|today|tomorrow|tonight)\b"),
    ("year", r"(?<![\w$€£.,-])" + _YEAR.format(name="y8")),
]
_COMPILED = {name: re.compile(pattern) for name, pattern in _PATTERNS}
# Which patterns can start at a given kind of word; only those words are tried.
_BY_ANCHOR = {
    "num": ("iso", "dmy", "year"),
    "month": ("mdy", "my", "md", "month"),
    "weekday": ("weekday",),
    "relative": ("relative",),
    "deictic": ("deictic",),
}
_ANCHOR_WORDS = {
    **{m: "month" for m in MONTHS},
    **{m: "month" for m in MONTH_ABBREVIATIONS},
    **{d: "weekday" for d in WEEKDAYS},
    **{w: "relative" for w in ("last", "this", "next")},
    **{w: "deictic" for w in ("yesterday", "today", "tomorrow", "tonight")},
}
# Words before a date that change its meaning or are needed to trust it ("in July", "as early as").
_CUE_RE = re.compile(
    r"(?i:\b(as early as|as soon as|earlier this|later this|next|last|this|on|by|until|till|through|"
    r"since|from|before|after|in|during|early|late|to))\s+$"
)
_NEEDS_CUE = frozenset(("month", "year"))
_YEAR_CUES = frozenset("in since by until from during before after early late".split())
_FUTURE_CUES = frozenset("as early as|as soon as|next|by|until|till|through|this".split("|"))
_FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|(?:is|are|was|were) (?:expected|scheduled|due|set|to)\b|plans to|planned for|"
    r"scheduled for|set for|due (?:on|to)|upcoming)\b"
)
_SPAN_CUES = frozenset("by until till through".split())
_PAST_TENSE_RE = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.IGNORECASE)
_REPORTING_RE = re.compile(r"\b(?:said|told|announced|reported|added|says)\s*$")
# "ruled on Wednesday", "met on Monday": a past-tense verb right before the date fixes it in the past.
_PAST_VERB_RE = re.compile(
    r"\b(?:\w{3,}ed|met|made|took|gave|held|won|lost|began|left|came|went|saw|spoke|wrote|rose|fell|sold|"
    r"bought|struck|hit|said|told|was|were)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date phrase found in a sentence, with its position (numbers inside it are not numbers)."""

    mention: DateMention
    sentence: int
    start: int
    end: int


def _anchor(token: Token) -> str | None:
    if token.kind == "num":
        return "num"
    return _ANCHOR_WORDS.get(token.lower.rstrip("."))


def _month_number(text: str) -> int:
    word = text.lower().rstrip(".")
    return MONTHS.index(word) + 1 if word in MONTHS else MONTH_ABBREVIATIONS[word]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cue(sentence: str, start: int) -> tuple[str, int]:
    """Return the cue word(s) right before a date core, lower-cased, and where they start."""
    window_start = max(0, start - 16)
    found = _CUE_RE.search(sentence, window_start, start)
    return (found.group(1).lower(), found.start(1)) if found else ("", start)


def _weekday(match: re.Match[str], cue: str, sentence: str, published: date) -> date:
    target = WEEKDAYS.index(match.group("weekday").lower())
    before = sentence[: match.start()].removesuffix(" ").removesuffix(cue) if cue else sentence[: match.start()]
    # "until Friday" looks ahead, unless the sentence tells of the past: "by Wednesday night most sites were back".
    told_of_the_past = cue in _SPAN_CUES and not _FUTURE_RE.search(sentence) and _PAST_TENSE_RE.search(sentence)
    future = (cue in _FUTURE_CUES and not told_of_the_past) or (
        cue in ("", "on", "before", "from", "for")
        and _FUTURE_RE.search(sentence) is not None
        and not _REPORTING_RE.search(before)
        and not _PAST_VERB_RE.search(before)
    )
    if future:
        ahead = (target - published.weekday()) % 7
        return published + timedelta(days=ahead or (7 if cue == "next" else 0))
    back = (published.weekday() - target) % 7
    return published - timedelta(days=back or (7 if cue == "last" else 0))


def _relative(cue: str, unit: str, published: date) -> date:
    step = {"last": -1, "this": 0, "next": 1}[cue]
    if unit == "week":
        return published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    if unit == "weekend":
        saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
        return saturday + timedelta(weeks=step)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return date(month_index // 12, month_index % 12 + 1, 1)
    return date(published.year + step, 1, 1)


def _month_alone(month: int, cue: str, published: date) -> date:
    if cue == "next":
        return date(published.year + (month <= published.month), month, 1)
    if cue == "last":
        return date(published.year - (month >= published.month), month, 1)
    return date(published.year - (month > published.month and cue != "this"), month, 1)


def _resolve(kind: str, match: re.Match[str], cue: str, sentence: str, published: date | None) -> date | None:
    group = match.group
    if kind == "iso":
        return _safe_date(*map(int, group("iso").split("-")))
    if kind == "mdy":
        return _safe_date(int(group("y1")), _month_number(group("m1")), int(group("d1")))
    if kind == "dmy":
        return _safe_date(int(group("y2")), _month_number(group("m2")), int(group("d2")))
    if kind == "my":
        return date(int(group("y3")), _month_number(group("m3")), 1)
    if kind == "year":
        return date(int(group("y8")), 1, 1)
    if published is None:
        return None
    if kind == "md":
        found = _safe_date(published.year, _month_number(group("m4")), int(group("d4")))
        if found is not None and (found - published).days > 183:
            found = _safe_date(published.year - 1, found.month, found.day)
        return found
    if kind == "relative":
        return _relative(group("c5").lower(), group("unit").lower(), published)
    if kind == "weekday":
        return _weekday(match, cue, sentence, published)
    if kind == "month":
        return _month_alone(_month_number(group("m7")), cue, published)
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    return published + timedelta(days=offsets[group("deictic").lower()])


def _phrase_start(kind: str, match: re.Match[str], cue: str, cue_start: int) -> int:
    """Return where the phrase as written starts; a plain preposition before a full date is left out."""
    if cue and (kind not in _FULL_DATES or cue in _KEPT_CUES):
        return cue_start
    return match.start()


_FULL_DATES = frozenset(("my", "md", "year", "iso", "mdy", "dmy"))
_KEPT_CUES = frozenset(("early", "late", "earlier this", "later this", "next", "last", "this"))


def _as_date(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def _match_at(sentence: str, position: int, anchor: str) -> tuple[re.Match[str] | None, str]:
    for kind in _BY_ANCHOR[anchor]:
        match = _COMPILED[kind].match(sentence, position)
        if match is not None:
            return match, kind
    return None, ""


def find_date_spans(sentences: Sequence[str], published: date | datetime | None = None) -> list[DateSpan]:
    """Return every date phrase in reading order, resolved where the publication date allows."""
    day = _as_date(published)
    spans: list[DateSpan] = []
    for index, sentence in enumerate(sentences):
        covered = 0
        for token in tokenize(sentence):
            anchor = _anchor(token) if token.start >= covered else None
            match, kind = _match_at(sentence, token.start, anchor) if anchor else (None, "")
            if match is None:
                continue
            covered = match.end()
            cue, cue_start = ("", match.start()) if kind == "relative" else _cue(sentence, match.start())
            if kind in _NEEDS_CUE and not (cue in _YEAR_CUES if kind == "year" else cue):
                continue
            start = _phrase_start(kind, match, cue, cue_start)
            mention = DateMention(sentence[start : match.end()], _resolve(kind, match, cue, sentence, day))
            spans.append(DateSpan(mention, index, start, match.end()))
    return spans


def find_dates(sentences: Sequence[str], published: date | datetime | None = None) -> tuple[DateMention, ...]:
    """Return distinct date phrases in reading order."""
    return distinct_dates(find_date_spans(sentences, published))


# Prepositions that add nothing once the date is resolved: "on Wednesday" is "Wednesday".
_PLAIN_CUE_RE = re.compile(r"^(?:on|in|at)\s+", re.IGNORECASE)


def distinct_dates(spans: Sequence[DateSpan]) -> tuple[DateMention, ...]:
    """Keep the first of each date phrase, counting "Wednesday" and "on Wednesday" as one."""
    seen: set[tuple[str, date | None]] = set()
    found: list[DateMention] = []
    for span in spans:
        key = (_PLAIN_CUE_RE.sub("", span.mention.text).lower(), span.mention.date)
        if key not in seen:
            seen.add(key)
            found.append(span.mention)
    return tuple(found)
