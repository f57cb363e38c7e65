"""Plain data that flows through the engine: article, document, facts, briefing, digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for paragraph in self.paragraphs for s in paragraph)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class DateMention:
    text: str
    date: date | None = None


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
    """What a reader gets for one article."""

    title: str
    summary: tuple[str, ...]
    facts: Facts
    stats: Stats
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class DigestItem:
    """One story in a digest; `also_reported_by` lists the other outlets merged into it."""

    briefing: Briefing
    also_reported_by: tuple[str, ...] = ()

    @property
    def source_count(self) -> int:
        return 1 + len(self.also_reported_by)


@dataclass(frozen=True)
class Digest:
    """Many briefings, duplicates merged, best first; `more` counts items left out."""

    items: tuple[DigestItem, ...]
    title: str = "Your news digest"
    generated_at: datetime | None = None
    more: int = 0
