"""Where a figure, a date or a cited source can start: their opening words, and the tokens of a sentence that are one.

Numbers, dates and sources each look at a handful of a sentence's tokens ("five", "March", "according").
Finding those took each of them a pass over every token of the story, as costly as the rest of its work;
one pass with their words together, kept per sentence like the tokens, serves all three.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.facts.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.facts.tokens import tokenize
from bot.text.wordlist import word_set

# Figures written in words, as alternatives of the figure pattern (`bot.facts.numbers`), longest last.
WORD_NUMBERS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|a dozen|dozens|hundreds|thousands|"
    r"millions|billions|tens of thousands|tens of millions|hundreds of thousands|hundreds of millions"
)
# A word that is a number, or opens a hyphenated one ("five-year", "second-largest").
NUMBER_WORDS = frozenset(w for w in re.split(r"\W+", WORD_NUMBERS) if w not in ("a", "of")) | word_set(
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
)
# Words that open a figure of several words: "a dozen", "tens of thousands".
NUMBER_STARTERS = frozenset(("a", "tens", "hundreds", "thousands", "millions", "billions", "dozens"))

_HOLIDAY_WORDS = (
    "black cyber thanksgiving christmas boxing halloween valentine's valentine’s new independence fourth "
    "memorial labor labour easter"
)
# The words a date phrase can start with and the kind of phrase each opens (see `bot.facts.date_phrases`); a word
# token ends in at most one full stop ("Jan."), so each is listed as written with and without one.
_ANCHORS = {
    **dict.fromkeys(MONTHS, "month"),
    **dict.fromkeys(MONTH_ABBREVIATIONS, "month"),
    **dict.fromkeys(WEEKDAYS, "weekday"),
    **dict.fromkeys(("last", "this", "next"), "relative"),
    **dict.fromkeys(("yesterday", "today", "tomorrow", "tonight"), "deictic"),
    **dict.fromkeys(_HOLIDAY_WORDS.split(), "holiday"),
}
DATE_ANCHORS = {**_ANCHORS, **{f"{word}.": anchor for word, anchor in _ANCHORS.items()}}

# Verbs of saying and reporting whose subject or object may be the source (see `bot.facts.citations`).
SOURCE_VERBS = word_set(
    "said says say reported reports report cited quoted told announced confirmed estimated estimate "
    "believe believes warned warn"
)
OUTLET_HEADS = word_set("agency newspaper daily broadcaster")
# Every attribution starts at one of these words.
SOURCE_TRIGGERS = SOURCE_VERBS | OUTLET_HEADS | frozenset(("according", "citing", "by", "cited", "told"))

_CUE_WORDS = NUMBER_WORDS | NUMBER_STARTERS | frozenset(DATE_ANCHORS) | SOURCE_TRIGGERS


@lru_cache(maxsize=4096)
def cue_indexes(sentence: str) -> tuple[int, ...]:
    """Return, in order, the indexes of the sentence's tokens where a figure, a date or a source can start.

    Those are its number tokens, the words above, and hyphenated words opened by a number word. The
    callers test each of these again for their own purpose.
    """
    tokens = tokenize(sentence)
    # One comprehension over every token of the story, the cheapest test first; the test for hyphenated
    # number words only where a hyphen is.
    if "-" not in sentence:
        return tuple([index for index, token in enumerate(tokens) if token.kind == "num" or token.lower in _CUE_WORDS])
    return tuple(
        [
            index
            for index, token in enumerate(tokens)
            if token.kind == "num"
            or token.lower in _CUE_WORDS
            or ("-" in token.lower and token.lower.split("-")[0] in NUMBER_WORDS)
        ]
    )
