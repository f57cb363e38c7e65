"""Rank facts by how central they are to the story: how often, how early, in the lead, in the headline.

Every fact kind uses the same signal, so a chat renderer that shows only the first few of each list shows
the ones the story is about. A fact's place in the story is given as the indexes of the sentences that
mention it (indexes into the story's sentences, the headline not counted) and, for the headline, the
words that name it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

# The lead: the sentences a news story puts its point in.
LEAD_SENTENCES = 3
# Weights of the signals; a fact named in the headline and the lead outranks one merely repeated.
_FREQUENCY = 1.0
_EARLINESS = 1.0
_IN_LEAD = 0.5
_IN_TITLE = 1.5
# Sentences after which an earliest mention counts half as much as one in the first sentence.
_HALF_EARLINESS_AT = 3
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class StoryLayout:
    """What ranking reads of a story: its headline's words; build once per document."""

    def __init__(self, title: str | None, lead: int = LEAD_SENTENCES) -> None:
        self._title_words = frozenset(word.lower() for word in _WORD.findall(title or ""))
        self._lead = lead

    def in_title(self, names: Iterable[str]) -> bool:
        """Tell whether the headline names the fact: all words of one of its names appear in it."""
        title_words = self._title_words
        for name in names:
            words = [word.lower() for word in _WORD.findall(name)]
            if words and title_words.issuperset(words):
                return True
        return False

    def prominence(self, sentences: Sequence[int], names: Iterable[str] = ()) -> float:
        """Score how central a fact is from the sentences mentioning it and the names it goes by."""
        if not sentences:
            return _IN_TITLE if self.in_title(names) else 0.0
        first = min(sentences)
        score = _FREQUENCY * math.log2(1 + len(sentences))
        score += _EARLINESS / (1 + first / _HALF_EARLINESS_AT)
        score += _IN_LEAD if first < self._lead else 0.0
        score += _IN_TITLE if self.in_title(names) else 0.0
        return score


def by_prominence(items: Iterable[T], score: Callable[[T], float]) -> list[T]:
    """Return the items most central first; equal scores keep their given (reading) order."""
    return sorted(items, key=score, reverse=True)
