"""Plain data that flows through the engine: article, document, facts, briefing, digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property


@dataclass(frozen=True)
class Article:
    """An article as it came in: raw text plus whatever metadata the source knew."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned article: title, dateline and body sentences grouped by paragraph."""

    title: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    dateline: str | None = None
    outlet: str | None = None  # the agency or outlet whose tag opens the story: "(CNN)", "LONDON (AP) —"

    # Worked out once per document: a briefing asks for them several times (checks, cut, summary, counts).
    @cached_property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for paragraph in self.paragraphs for s in paragraph)

    @cached_property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None


DAY, WEEK, WEEKEND, MONTH, YEAR = "day", "week", "weekend", "month", "year"
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def date_display(day: date, precision: str = DAY, reference_year: int | None = None) -> str:
    """Write a date as people do, to its precision: "Fri 6 Dec", "week of 11 Nov", "November 2028", "2013".

    The year is left out of a day or week in the reference year (the story's own year), and kept otherwise.
    """
    if precision == YEAR:
        return str(day.year)
    if precision == MONTH:
        return f"{_MONTH_NAMES[day.month - 1]} {day.year}"
    short = f"{day.day} {_MONTH_NAMES[day.month - 1][:3]}"
    year = "" if day.year == reference_year else f" {day.year}"
    if precision == WEEK:
        return f"week of {short}{year}"
    if precision == WEEKEND:
        return f"weekend of {short}{year}"
    return f"{_WEEKDAY_NAMES[day.weekday()]} {short}{year}"


@dataclass(frozen=True)
class DateMention:
    """A date phrase as written, the first day of the period it names, and how precisely it names it."""

    text: str
    date: date | None = None
    precision: str = DAY  # day, week, weekend, month or year
    display: str = ""  # the date written for a reader, set where the story's year is known

    @property
    def iso(self) -> str | None:
        """Return ISO 8601 at the text's precision ("2013", "2028-11", "2026-12-06"); a week gives its month."""
        if self.date is None:
            return None
        if self.precision == YEAR:
            return f"{self.date.year:04d}"
        if self.precision in (MONTH, WEEK, WEEKEND):
            # A week belongs to the month holding its Thursday, as ISO weeks belong to years.
            anchor = self.date + timedelta(days=3) if self.precision == WEEK else self.date
            return f"{anchor.year:04d}-{anchor.month:02d}"
        return self.date.isoformat()

    @property
    def week(self) -> str | None:
        """Return the ISO week ("2019-W46") of a week or weekend, else None."""
        if self.date is None or self.precision not in (WEEK, WEEKEND):
            return None
        year, number, _ = self.date.isocalendar()
        return f"{year:04d}-W{number:02d}"

    @property
    def label(self) -> str:
        """Return the date as a reader would write it, or "" when unresolved."""
        if self.display:
            return self.display
        return date_display(self.date, self.precision) if self.date else ""


@dataclass(frozen=True)
class NumberMention:
    value: str
    context: str


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Facts:
    people: tuple[Person, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stats:
    words: int
    summary_words: int

    @property
    def reduction(self) -> float:
        """Share of the article's words the summary spares the reader, in percent."""
        if self.words == 0:
            return 0.0
        return round(100.0 * (1 - self.summary_words / self.words), 1)

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the whole article at 230 words a minute, at least one."""
        return max(1, round(self.words / 230))


@dataclass(frozen=True)
class Briefing:
    """What a reader gets for one article; `title` is "" when the article has no headline."""

    title: str
    summary: tuple[str, ...]
    facts: Facts
    stats: Stats
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    dateline: str | None = None
    # Where the whole briefing can be found again (bot.refs: the article body's fingerprint, and its id
    # once stored): what a "More facts" button carries. Not part of what the briefing says, so not compared.
    ref: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DigestItem:
    """One story in a digest; `also_reported_by` lists the other outlets merged into it."""

    briefing: Briefing
    also_reported_by: tuple[str, ...] = ()

    @property
    def source_count(self) -> int:
        return 1 + len(self.also_reported_by)


@dataclass(frozen=True)
class Matches:
    """Stored briefings that match a lookup, best first; chat shows each as title, one line and link."""

    briefings: tuple[Briefing, ...]
    heading: str = ""  # e.g. "2 matches for “ferry”:"

    @classmethod
    def found(cls, briefings: tuple[Briefing, ...], words: str) -> Matches:
        """Return the matches for `words`, headed the way the bot and the CLI both say it."""
        noun = "match" if len(briefings) == 1 else "matches"
        return cls(briefings, heading=f"{len(briefings)} {noun} for “{' '.join(words.split())}”:")


@dataclass(frozen=True)
class Digest:
    """Many briefings, duplicates merged, best first; `more` counts items left out."""

    items: tuple[DigestItem, ...]
    title: str = "Your news digest"
    generated_at: datetime | None = None
    more: int = 0
    # A scheduled digest's identity (one per channel and local day): adapters pass it to the platform
    # as an idempotency key where there is one, so a digest re-sent after a crash is not posted twice.
    key: str | None = None
    # 1 for the first try; more means an earlier try may have posted some of it before failing.
    attempt: int = 1
