"""The values a document is laid out in for quotations: paragraphs, the names in them, who may speak.

`bot.facts.quote_layout` builds them once per document; the speaker finder and the attribution read them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

PERSON, BODY, DESCRIPTION, PLACE = "person", "body", "description", "place"

_OFFSET = itemgetter(1)  # of a paragraph's (sentence index, offset) pair


# Speaker and Named are NamedTuples, not frozen dataclasses: one is built for every name of every story,
# and a frozen dataclass sets each field through object.__setattr__ (several times slower to build).
class Speaker(NamedTuple):
    """Who said a quotation: a person's display name, an organisation, or a description."""

    name: str
    kind: str
    gender: str | None = None
    uncertain: bool = False  # a name several people share: it blocks a later pronoun but is nobody's to quote


class Named(NamedTuple):
    """A name in a paragraph that could speak (or, for places, must not)."""

    start: int
    end: int
    order: tuple[int, int]  # (sentence index, offset in the paragraph): reading order across the document
    speaker: Speaker
    role_words: frozenset[str] = frozenset()
    # A person's name only: [start, end) of the words of its sentence before it (or its title), from which
    # `is_prominent` tells whether it is the sentence's subject; read only when a pronoun needs it.
    lead: tuple[int, int] | None = None


@dataclass
class Paragraph:
    """One paragraph's text, the sentence starts inside it and the names in it (in text order, by start)."""

    text: str
    sentence_starts: list[tuple[int, int]]  # (sentence index, offset)
    names: list[Named]
    # Quoted bodies, whose names do not count, in text order (by start); set with `mark_quoted`.
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # A news story is often one long paragraph of forty names and ten quotations: the lookups below bisect
    # these instead of reading every name or quotation.
    _name_starts: list[int] = field(init=False, repr=False)
    _quote_starts: list[int] = field(init=False, repr=False)
    _quote_reach: list[int] = field(init=False, repr=False)  # the furthest end of the quotations so far

    def __post_init__(self) -> None:
        self._name_starts = [named.start for named in self.names]
        self.mark_quoted(self.quoted)

    def mark_quoted(self, quoted: list[tuple[int, int]]) -> None:
        """Record the quoted bodies, in order of their starts."""
        self.quoted = quoted
        self._quote_starts = [start for start, _ in quoted]
        self._quote_reach = list(accumulate((end for _, end in quoted), max))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Return (sentence index, start offset) of the sentence holding an offset."""
        following = bisect_right(self.sentence_starts, offset, key=_OFFSET)
        return self.sentence_starts[following - 1 if following else 0]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Return [start, end) of the sentence holding an offset."""
        starts = self.sentence_starts
        following = bisect_right(starts, offset, key=_OFFSET)  # the first sentence that starts after the offset
        start = starts[following - 1][1] if following else 0
        end = starts[following][1] - 1 if following < len(starts) else len(self.text)
        return start, end

    def names_between(self, start: int, stop: int) -> list[Named]:
        """Return the names that start in [start, stop), in text order."""
        first = bisect_left(self._name_starts, start)
        return self.names[first : bisect_left(self._name_starts, stop, first)]

    def outside_quotes(self, start: int) -> bool:
        """Tell whether an offset lies outside every quoted body."""
        opened = bisect_right(self._quote_starts, start)  # the quotations that open at or before the offset
        return not opened or start >= self._quote_reach[opened - 1]
