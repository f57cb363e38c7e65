"""Tell a real update of a story from an edit: which sentences of the new text are new, and how many.

A sentence of the new text counts as new when no sentence of the old text shares most of its
words, so a typo fix, a corrected figure or a re-flowed paragraph changes nothing, while an added
paragraph does. The headline is not part of the text: a new headline alone is never an update.
`bench/updates.py` measures the thresholds below on the seed articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.text.tokenize import split_sentences
from bot.topics import fold

# Two sentences are the same sentence, edited, when their word sets overlap this much (Jaccard).
# A typo fixed or a figure corrected in a 20-word sentence keeps about 0.9; a new sentence on the
# same story shares its names and little else (below 0.3 on the seeds).
SAME_SENTENCE = 0.6
# A new "sentence" this short is a caption, a "Read more" line or a byline, not news.
MIN_NEW_WORDS = 6
# An update needs this many new sentences, or (in a short text, such as a feed's summary) one new
# sentence that is this share of it. Measured by bench/updates.py on the seeds and 75 CNN/DailyMail
# articles: typo fixes, corrected figures, re-flowed or deleted paragraphs and "Read more" lines
# give no new sentence (ten typos at worst one, in 1% of articles); added sentences count one each.
MIN_NEW_SENTENCES = 2
MIN_NEW_SHARE = 0.2
# What a digest shows of an update.
SHOWN_NEW_SENTENCES = 3

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Revision:
    """How a text changed: the sentences that are new, in order, and their share of the new text."""

    new_sentences: tuple[str, ...]
    new_share: float

    @property
    def substantial(self) -> bool:
        """Tell whether readers should hear about it again ("Updated"), rather than a quiet edit."""
        return len(self.new_sentences) >= MIN_NEW_SENTENCES or (
            bool(self.new_sentences) and self.new_share >= MIN_NEW_SHARE
        )


def compare_texts(old: str, new: str) -> Revision:
    """Return what is new in `new` compared to `old`, sentence by sentence."""
    if _squashed(old) == _squashed(new):
        return Revision((), 0.0)
    old_words = [_words(sentence) for sentence in split_sentences(old)]
    sentences = split_sentences(new)
    fresh = tuple(
        sentence for sentence, words in ((s, _words(s)) for s in sentences)
        if len(words) >= MIN_NEW_WORDS and not _seen(words, old_words)
    )
    return Revision(fresh, len(fresh) / len(sentences) if sentences else 0.0)


def _seen(words: frozenset[str], old: Sequence[frozenset[str]]) -> bool:
    return any(_jaccard(words, earlier) >= SAME_SENTENCE for earlier in old)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _words(sentence: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(sentence)))


def _squashed(text: str) -> str:
    return " ".join(text.split())
