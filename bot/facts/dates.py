"""Find date phrases and resolve them against the publication date, at the precision the text gives.

Resolution rules (a story's own words, read from the day it was published):
- Tense decides the direction. The clause around a phrase is read first ("a meeting will be postponed from
  Tuesday to Friday" looks ahead even in a story told in the past tense), then its sentence.
- A weekday is the most recent such day on or before publication, unless the clause speaks of the future or
  a future cue comes with it ("next", "as early as", "by", "until", "through", "this"), then the next such
  day on or after publication ("next" and "last" exclude the publication day itself).
- A month and day without a year is the nearest such day, the coming one when the clause looks ahead and
  the last one when it looks back; a month alone likewise ("in January" that "will" come is next year's).
- "last/this/next week" is a week, "... month" a month, "... year" a year, "(over) the weekend" a weekend;
  a bare year is a year and "February 2022" a month: never the first day of either.
- Holidays (Black Friday, Christmas Day, Thanksgiving...) are days of the publication year, moved a year by
  tense like any day without a year.
- Without a publication date only phrases that carry their own year resolve; the rest get None. Relative
  phrases inside quotations and embedded posts speak from their speaker's day, which the article need not
  give, so they stay unresolved too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from bot.facts.cues import DATE_ANCHORS, cue_indexes
from bot.facts.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.facts.tokens import tokenize
from bot.models import DAY, MONTH, WEEK, WEEKEND, YEAR, DateMention, date_display
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
# Which patterns can start at a given kind of word; only those words are tried.
_BY_ANCHOR = {
    "num": ("iso", "dmy", "dm", "year"),
    "month": ("mdy", "my", "md", "month"),
    "weekday": ("wmd", "weekday"),
    "relative": ("relative",),
    "deictic": ("deictic",),
    "the": ("weekend",),
    "holiday": ("holiday",),
}
# "the" opens only "the weekend", so it is no cue word: where "weekend" is, the date finder reads it too.
_ANCHORS_WITH_THE = {**DATE_ANCHORS, "the": "the"}
_PRECISION = {
    "iso": DAY, "wmd": DAY, "mdy": DAY, "dmy": DAY, "dm": DAY, "md": DAY,
    "weekday": DAY, "deictic": DAY, "holiday": DAY, "my": MONTH, "month": MONTH, "year": YEAR, "weekend": WEEKEND,
}  # fmt: skip
_RELATIVE_PRECISION = {"week": WEEK, "weekend": WEEKEND, "month": MONTH, "year": YEAR}
# Kinds that name a day counted from the publication date: a quotation's "Friday" is its speaker's.
_RELATIVE_KINDS = frozenset(("weekday", "deictic", "relative", "weekend"))
# Words before a date that change its meaning or are needed to trust it ("in July", "as early as").
_CUE_RE = re.compile(
    r"(?i:\b(as early as|as soon as|earlier this|later this|next|last|this|on|by|until|till|through|"
    r"since|from|before|after|in|during|early|late|to|over|at|of|fiscal|fiscal year))\s+$"
)
# Months that are also names or words ("May", "March", "June", "August") need a cue before them.
_AMBIGUOUS_MONTHS = frozenset(("may", "march", "june", "august", "april"))
_WEEKEND_CUES = frozenset(("over", "during", "at", "on", "this", "last", "next"))
_FUTURE_CUES = frozenset(("as early as", "as soon as", "next", "by", "until", "till", "through", "this"))
_FUTURE_RE = re.compile(
    r"\b(?:will|won't|would|shall|(?:is|are|was|were) (?:expected|scheduled|due|set|to)\b|plans? to|planned for|"
    r"upcoming|set for|due (?:on|to)|going to)\b|['’]ll\b"
)
# Within a clause "would" mostly reports a past intention ("indicated jobs would be cut"), so only these count.
_CLAUSE_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|(?:is|are) (?:expected|due|set|to)\b|upcoming|set for|due (?:on|to)|going to)\b|['’]ll\b"
)
_PLANNED_RE = re.compile(r"\b(?:scheduled|planned|slated|proposed)\b", re.IGNORECASE)
_SPAN_CUES = frozenset(["by", "until", "till", "through"])
_PAST_TENSE_RE = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.IGNORECASE)
# Reported speech is told after the fact even in the present tense: "officials say Monday's storm …".
_SAYS_RE = re.compile(r"\b(?:say|says|said|told|tells|according to)\b", re.IGNORECASE)
_REPORTING_RE = re.compile(r"\b(?:said|told|announced|reported|added|says)\s*$")
# "ruled on Wednesday", "met on Monday": a past-tense verb right before the date fixes it in the past.
_PAST_VERB_RE = re.compile(
    r"\b(?:\w{3,}ed|met|made|took|gave|held|won|lost|began|left|came|went|saw|spoke|wrote|rose|fell|sold|"
    r"bought|struck|hit|said|told|was|were)\s*$",
    re.IGNORECASE,
)
# Where a clause begins, looking back from a date: the tense of that clause is the one that counts.
_SENTENCE_PAST = "past (sentence)"
_CLAUSE_BREAK_RE = re.compile(r"[,;:—–(]|\b(?:that|and|but|while|which|who|when|where|unless|if|because)\b")
_CLAUSE_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|ago|\w{3,}ed|met|made|took|gave|held|won|lost|began|left|came|went|saw|spoke|"
    r"wrote|rose|fell|sold|bought|struck|said|told)\b",
    re.IGNORECASE,
)
# A figure, not a year: "2000 people", "1900 miles".
_COUNT_NOUNS = word_set(
        "people men women children troops soldiers police officers votes voters residents homes houses "
        "jobs cases deaths patients students employees workers fans members miles metres meters feet km "
        "kg times euros dollars pounds tonnes tons acres calories units copies"
    )
_NUMBER_WORDS_BEFORE = word_set("no number room flight route page model bus platform apartment suite unit")
_TALLY_BEFORE_RE = re.compile(r"\b(?:score|total|tally|count|sum|rating) of\s+$", re.IGNORECASE)
_TWEET_RE = re.compile(r"pic\.twitter\.com|\(@\w+\)|— @\w+|twitter\.com/", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date phrase found in a sentence, with its position (numbers inside it are not numbers)."""

    mention: DateMention
    sentence: int
    start: int
    end: int


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


def _clause_tense(sentence: str, start: int, end: int) -> str | None:
    """Return "future", "past" or "planned" from the verbs of the clause holding [start, end), or None.

    "Planned" ("a scheduled Dec. 15 vote", "tariffs planned for Oct. 15") says the date was set in advance,
    not whether it has come: the nearest such date is meant.
    """
    clause_start = 0
    for opened in _CLAUSE_BREAK_RE.finditer(sentence, 0, start):
        clause_start = opened.end()
    closing = _CLAUSE_BREAK_RE.search(sentence, end)
    clause = sentence[clause_start : closing.start() if closing else len(sentence)]
    if _CLAUSE_FUTURE_RE.search(clause):
        return "future"
    if _PLANNED_RE.search(clause):
        return "planned"
    if _CLAUSE_PAST_RE.search(clause):
        return "past"
    return None


def _tense(sentence: str, start: int, end: int, would_looks_ahead: bool = True) -> str | None:
    """Return the tense that decides a date's direction: its clause's, else its sentence's.

    Without `would_looks_ahead`, "would" says nothing: "a vow that Britain would leave on Oct. 31" may be
    about a day gone by, and the nearest such day is meant.
    """
    clause = _clause_tense(sentence, start, end)
    if clause is not None:
        return None if clause == "planned" else clause
    future = _FUTURE_RE.search(sentence)
    if future and not would_looks_ahead and future.group() == "would":
        future = _FUTURE_RE.search(sentence, future.end())
    if future and not _REPORTING_RE.search(sentence[:start]):
        return "future"
    if _PAST_TENSE_RE.search(sentence):
        return _SENTENCE_PAST  # weaker than a past verb in the date's own clause
    return None


def _weekday(match: re.Match[str], cue: str, sentence: str, published: date) -> date:
    target = WEEKDAYS.index(match.group("weekday").lower())
    before = sentence[: match.start()].removesuffix(" ").removesuffix(cue) if cue else sentence[: match.start()]
    clause = _clause_tense(sentence, match.start(), match.end())
    # "until Friday" looks ahead, unless the sentence tells of the past: "by Wednesday night most sites were back".
    told_of_the_past = cue in _SPAN_CUES and not _FUTURE_RE.search(sentence) and _PAST_TENSE_RE.search(sentence)
    future = (
        clause == "future"
        or (cue in _FUTURE_CUES and not told_of_the_past)
        or (
            cue in ("", "on", "before", "from", "for", "to")
            and clause != "past"  # "were gathered on Tuesday night when they were told he would come"
            and _FUTURE_RE.search(sentence) is not None
            and not _REPORTING_RE.search(before)
            and not _PAST_VERB_RE.search(before)
        )
    )
    ahead = (target - published.weekday()) % 7
    if future or (0 < ahead <= 3 and _untensed(sentence, clause, cue)):
        return published + timedelta(days=ahead or (7 if cue == "next" else 0))
    back = (published.weekday() - target) % 7
    return published - timedelta(days=back or (7 if cue == "last" else 0))


def _untensed(sentence: str, clause: str | None, cue: str) -> bool:
    """Say whether nothing in the sentence tells past from future ("Lowe's reports earnings Wednesday").

    Such a sentence is a timetable in the present tense, and the nearest such day is meant: in a Tuesday
    story "Wednesday" is tomorrow, not six days ago.
    """
    return (
        clause is None
        and cue in ("", "on")
        and _PAST_TENSE_RE.search(sentence) is None
        and _SAYS_RE.search(sentence) is None
        and _FUTURE_RE.search(sentence) is None
    )


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


def _last_weekend(published: date, future: bool) -> date:
    """Return the Saturday of the weekend meant by "the weekend": the coming one or the one just gone."""
    saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
    if future:
        return saturday if saturday >= published - timedelta(days=1) else saturday + timedelta(weeks=1)
    return saturday if saturday <= published else saturday - timedelta(weeks=1)


def _month_alone(month: int, cue: str, tense: str | None, published: date) -> date:
    if cue == "next" or (tense == "future" and cue not in ("last", "since")):
        return date(
            published.year + (month < published.month or (cue == "next" and month == published.month)), month, 1
        )
    if cue == "last":
        return date(published.year - (month >= published.month), month, 1)
    return date(published.year - (month > published.month and cue != "this"), month, 1)


def _nearest_year(day: date, tense: str | None, published: date) -> date:
    """Move a day of the publication year by a year when tense or distance says it is another year's."""
    if tense == "future" and day < published - timedelta(days=7):
        moved = _safe_date(day.year + 1, day.month, day.day)
    # A past tense read from elsewhere in the sentence, about a day a few weeks ahead, is likelier misread.
    elif (
        (tense == "past" and day > published + timedelta(days=1))
        or (tense == _SENTENCE_PAST and day > published + timedelta(days=31))
        or (tense is None and (day - published).days > 183)
    ):
        moved = _safe_date(day.year - 1, day.month, day.day)
    elif tense is None and (published - day).days > 183:
        moved = _safe_date(day.year + 1, day.month, day.day)
    else:
        moved = day
    return moved or day


def _weekday_and_day(match: re.Match[str], published: date | None) -> date | None:
    """Resolve "Friday, Dec. 6": the year is the one, near publication, in which that day is that weekday."""
    month = _month_number(match.group("m10") or match.group("m11"))
    day = int(match.group("d10") or match.group("d11"))
    if match.group("y10"):
        return _safe_date(int(match.group("y10")), month, day)
    if published is None:
        return None
    weekday = WEEKDAYS.index(match.group("wd").lower())
    for year in (published.year, published.year + 1, published.year - 1):
        found = _safe_date(year, month, day)
        if found is not None and found.weekday() == weekday:
            return found
    return None


_DAY_OF_MONTH_RE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+[0-3]?\d\b"
)


def _is_schedule(sentence: str, start: int) -> bool:
    """Tell a list of dates or a line that opens with one (a tour, a fixture list): those lie ahead."""
    return len(_DAY_OF_MONTH_RE.findall(sentence)) >= 2 or not sentence[:start].strip(" -–•*")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """Return the nth (1-based; -1 for last) given weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _holiday(name: str, year: int) -> date:
    key = name.lower().replace("’", "'")
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
        "halloween": (10, 31), "valentine's day": (2, 14), "new year's day": (1, 1), "new year's eve": (12, 31),
        "independence day": (7, 4), "fourth of july": (7, 4),
    }  # fmt: skip
    if key in fixed:
        return date(year, *fixed[key])
    if key.startswith("thanksgiving"):
        return thanksgiving
    if key == "black friday":
        return thanksgiving + timedelta(days=1)
    if key == "cyber monday":
        return thanksgiving + timedelta(days=4)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if key in ("labor day", "labour day"):
        return _nth_weekday(year, 9, 0, 1)
    return _easter(year) + timedelta(days=1 if key == "easter monday" else 0)


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
    if kind == "wmd":
        return _weekday_and_day(match, published)
    if published is None:
        return None
    tense = _tense(sentence, match.start(), match.end(), would_looks_ahead=kind not in ("md", "dm"))
    if kind in ("md", "dm"):
        month, day = (group("m4"), group("d4")) if kind == "md" else (group("m9"), group("d9"))
        if tense is None and _is_schedule(sentence, match.start()):
            tense = "future"  # "June 3 – Dublin", "plays Dublin on June 3 and London on June 5"
        found = _safe_date(published.year, _month_number(month), int(day))
        return _nearest_year(found, tense, published) if found is not None else None
    if kind == "holiday":
        this_year = _holiday(group("holiday"), published.year)
        moved = _nearest_year(this_year, tense, published)
        return this_year if moved == this_year else _holiday(group("holiday"), moved.year)
    if kind == "relative":
        return _relative(group("c5").lower(), group("unit").lower(), published)
    if kind == "weekend":
        return _last_weekend(published, future=tense == "future")
    if kind == "weekday":
        return _weekday(match, cue, sentence, published)
    if kind == "month":
        return _month_alone(_month_number(group("m7")), cue, tense, published)
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    return published + timedelta(days=offsets[group("deictic").lower()])


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


_WORD_AFTER_RE = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?\s+$")


def _is_figure(sentence: str, match: re.Match[str]) -> bool:
    """Tell a bare four-digit figure ("2000 people", "No. 1999") from a year."""
    after = _WORD_AFTER_RE.match(sentence, match.end())
    if after and after.group(1).lower() in _COUNT_NOUNS:
        return True
    before = _WORD_BEFORE_RE.search(sentence[: match.start()])
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


Quoted = Callable[[int, int], bool]


def find_date_spans(
    sentences: Sequence[str], published: date | datetime | None = None, quoted: Quoted | None = None
) -> list[DateSpan]:
    """Return every date phrase in reading order, resolved where the publication date allows.

    `quoted(sentence_index, offset)` tells whether an offset is inside a quotation.
    """
    day = _as_date(published)
    spans: list[DateSpan] = []
    story_year: tuple[int, int] | None = None  # (sentence, year) of the last date written with its year
    for index, sentence in enumerate(sentences):
        tweet = None
        for found in written_dates(sentence):
            match, kind, cue = found.match, found.kind, found.cue
            when = _resolve(kind, match, cue, sentence, day)
            if kind == "relative" and _THE_BEFORE_RE.search(sentence, max(0, match.start() - 5), match.start()):
                when = _story_relative(match, story_year, index)  # "in August 2016. The next year, …"
            elif kind in _WITH_YEAR and when is not None:
                story_year = (index, when.year)
            if kind in _RELATIVE_KINDS and when is not None:
                if tweet is None:
                    tweet = bool(_TWEET_RE.search(sentence))
                if tweet or (quoted is not None and quoted(index, match.start())):
                    when = None  # the speaker's "Friday", not necessarily the article's
            precision = _RELATIVE_PRECISION[match.group("unit").lower()] if kind == "relative" else _PRECISION[kind]
            shown = date_display(when, precision, day.year if day else None) if when else ""
            mention = DateMention(sentence[found.start : match.end()], when, precision, shown)
            spans.append(DateSpan(mention, index, found.start, match.end()))
    return spans


class _WrittenDate(NamedTuple):
    """A date phrase as the sentence writes it, before it is resolved against a publication date."""

    match: re.Match[str]
    kind: str
    cue: str
    start: int  # where the phrase starts, its cue included when kept


@lru_cache(maxsize=4096)
def written_dates(sentence: str) -> tuple[_WrittenDate, ...]:
    """Return the date phrases of one sentence in reading order; this reads the sentence alone, so once per sentence."""
    found: list[_WrittenDate] = []
    covered = 0
    tokens = tokenize(sentence)
    # What a date can start with: a number, or a month, weekday, relative or holiday word (see cue_indexes).
    if "weekend" in sentence.lower():
        anchors = _ANCHORS_WITH_THE
        candidates = [token for token in tokens if token.kind == "num" or token.lower in anchors]
    else:
        anchors = DATE_ANCHORS
        candidates = [tokens[index] for index in cue_indexes(sentence)]
    for token in candidates:
        if token.start < covered:
            continue
        anchor = "num" if token.kind == "num" else anchors.get(token.lower)
        if anchor is None:
            continue  # a cue of figures or sources, not of dates
        match, kind = _match_at(sentence, token.start, anchor)
        if match is None:
            continue
        cue, cue_start = ("", match.start()) if kind == "relative" else _cue(sentence, match.start())
        if not _accepted(kind, match, cue, sentence):
            continue
        covered = match.end()
        found.append(_WrittenDate(match, kind, cue, _phrase_start(kind, match, cue, cue_start, sentence)))
    return tuple(found)


# Kinds that write their year out, and so set the story's time for "the next year".
_WITH_YEAR = frozenset(("iso", "mdy", "dmy", "my", "year"))
_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
_STORY_YEAR_REACH = 3  # sentences: further back, "the next year" may count from another time


def _story_relative(match: re.Match[str], story_year: tuple[int, int] | None, sentence: int) -> date | None:
    """Resolve "the next year" from the story's own time, never from publication.

    Counted from a year written just before; anything else ("the next week" after a month) stays unresolved.
    """
    if match.group("unit").lower() != "year" or match.group("c5").lower() != "next":
        return None  # "the last year" is the twelve months gone by, not a calendar year
    if story_year is None or sentence - story_year[0] > _STORY_YEAR_REACH:
        return None
    return date(story_year[1] + 1, 1, 1)


def find_dates(sentences: Sequence[str], published: date | datetime | None = None) -> tuple[DateMention, ...]:
    """Return distinct date phrases in reading order."""
    return distinct_dates(find_date_spans(sentences, published))


# Prepositions that add nothing once the date is resolved: "on Wednesday" is "Wednesday".
_PLAIN_CUE_RE = re.compile(r"^(?:on|in|at)\s+", re.IGNORECASE)


def distinct_dates(spans: Sequence[DateSpan]) -> tuple[DateMention, ...]:
    """Keep the first of each date phrase ("Wednesday" and "on Wednesday" are one), most important first.

    The lead's dates come first, then the rest in reading order; phrases left unresolved come last.
    """
    seen: set[tuple[str, date | None]] = set()
    found: list[tuple[tuple[int, int, int], DateMention]] = []
    for order, span in enumerate(spans):
        key = (_PLAIN_CUE_RE.sub("", span.mention.text).lower(), span.mention.date)
        if key not in seen:
            seen.add(key)
            rank = (span.mention.date is None, span.sentence >= _LEAD_SENTENCES, order)
            found.append((rank, span.mention))
    return tuple(mention for _, mention in sorted(found, key=lambda pair: pair[0]))


_LEAD_SENTENCES = 2
