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
from datetime import date, datetime, timedelta
from typing import NamedTuple

from bot.facts.date_phrases import written_dates
from bot.facts.date_tense import (
    FUTURE_RE,
    PAST_TENSE_RE,
    PAST_VERB_RE,
    REPORTING_RE,
    SENTENCE_PAST,
    clause_tense,
    is_schedule,
    tense_of,
    untensed,
)
from bot.facts.holidays import holiday_date
from bot.facts.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.models import DAY, MONTH, WEEK, WEEKEND, YEAR, DateMention, date_display

_PRECISION = {
    "iso": DAY, "wmd": DAY, "mdy": DAY, "dmy": DAY, "dm": DAY, "md": DAY,
    "weekday": DAY, "deictic": DAY, "holiday": DAY, "my": MONTH, "month": MONTH, "year": YEAR, "weekend": WEEKEND,
}  # fmt: skip
_RELATIVE_PRECISION = {"week": WEEK, "weekend": WEEKEND, "month": MONTH, "year": YEAR}
# Kinds that name a day counted from the publication date: a quotation's "Friday" is its speaker's.
_RELATIVE_KINDS = frozenset(("weekday", "deictic", "relative", "weekend"))
_FUTURE_CUES = frozenset(("as early as", "as soon as", "next", "by", "until", "till", "through", "this"))
_SPAN_CUES = frozenset(["by", "until", "till", "through"])
_TWEET_RE = re.compile(r"pic\.twitter\.com|\(@\w+\)|— @\w+|twitter\.com/", re.IGNORECASE)


class DateSpan(NamedTuple):
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


def _weekday(match: re.Match[str], cue: str, sentence: str, published: date) -> date:
    target = WEEKDAYS.index(match.group("weekday").lower())
    before = sentence[: match.start()].removesuffix(" ").removesuffix(cue) if cue else sentence[: match.start()]
    clause = clause_tense(sentence, match.start(), match.end())
    # "until Friday" looks ahead, unless the sentence tells of the past: "by Wednesday night most sites were back".
    told_of_the_past = cue in _SPAN_CUES and not FUTURE_RE.search(sentence) and PAST_TENSE_RE.search(sentence)
    future = (
        clause == "future"
        or (cue in _FUTURE_CUES and not told_of_the_past)
        or (
            cue in ("", "on", "before", "from", "for", "to")
            and clause != "past"  # "were gathered on Tuesday night when they were told he would come"
            and FUTURE_RE.search(sentence) is not None
            and not REPORTING_RE.search(before)
            and not PAST_VERB_RE.search(before)
        )
    )
    ahead = (target - published.weekday()) % 7
    if future or (0 < ahead <= 3 and untensed(sentence, clause, cue)):
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
        or (tense == SENTENCE_PAST and day > published + timedelta(days=31))
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
    tense = tense_of(sentence, match.start(), match.end(), would_looks_ahead=kind not in ("md", "dm"))
    if kind in ("md", "dm"):
        month, day = (group("m4"), group("d4")) if kind == "md" else (group("m9"), group("d9"))
        if tense is None and is_schedule(sentence, match.start()):
            tense = "future"  # "June 3 – Dublin", "plays Dublin on June 3 and London on June 5"
        found = _safe_date(published.year, _month_number(month), int(day))
        return _nearest_year(found, tense, published) if found is not None else None
    if kind == "holiday":
        this_year = holiday_date(group("holiday"), published.year)
        moved = _nearest_year(this_year, tense, published)
        return this_year if moved == this_year else holiday_date(group("holiday"), moved.year)
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


def _as_date(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


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
