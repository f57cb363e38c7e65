"""Our Snowball stemmer gives NLTK's English stems, word for word."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.stem.snowball import EnglishStemmer

from bot.text import stem as stem_module
from bot.text.stem import stem
from tests.paths import REPO, SHARED

NLTK = EnglishStemmer()
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words that take each step's special paths: exceptions, R1 prefixes, y handling, every suffix group.
TRICKY = (
    "skies dying news inning proceeded exceeding succeeds generously communism arsenal yelling toying sayings "
    "'apostrophe dogs' cat's hopping hoped agreed feed bled sing relational conditional valenci hesitanci "
    "digitizer conformabli radicalli differentli vileli analogousli sensitiviti operator feudalism decisiveness "
    "hopefulness callousness formaliti sensibiliti fruitlessli archaeologi triplicate formative formalize "
    "electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible "
    "irritant replacement adjustment dependent adoption communism activate angulariti homologous effective "
    "bowdlerize probate rate cease controll roll added biologist yes y ay by dyeing ie"
).split()


def _vocabulary() -> set[str]:
    words = set(TRICKY)
    for path in (REPO / "seeds").glob("*.txt"):
        words.update(w.lower() for w in _WORD.findall(path.read_text(encoding="utf-8")))
    cnndm = SHARED / "eval" / "cnndm_dev.jsonl"
    if cnndm.is_file():
        for line in cnndm.read_text(encoding="utf-8").splitlines():
            words.update(w.lower() for w in _WORD.findall(json.loads(line)["article"]))
    return words


@pytest.mark.parametrize(("word", "expected"), [("running", "run"), ("ferries", "ferri"), ("generously", "generous")])
def test_common_words_stem_as_porter2_says(word, expected):
    assert stem(word) == expected


def test_every_word_at_hand_stems_as_nltk_stems_it():
    words = _vocabulary()
    assert len(words) > 1000
    assert {w: (stem(w), NLTK.stem(w)) for w in words if stem(w) != NLTK.stem(w)} == {}


@pytest.mark.parametrize("word", ["''s", "x's'", "'yyy'", "sayyying", "yyy", "ayyyy", "buys", "toys'", "obeyed", "y'"])
def test_edge_spellings_stem_as_nltk_stems_them(word):
    # Step 0 can take the whole word ("''s"); runs of "y" are marked every second one.
    assert stem(word) == NLTK.stem(word)


def test_every_short_spelling_of_vowels_ys_and_suffix_letters_stems_as_nltk_stems_it():
    # Every spelling of up to five of these letters: the step tables are looked up by last letter, so every
    # last letter and every "y" after a vowel or another "y" is met.
    alphabet = "aeysdl'"
    words = ["".join(letters) for size in range(1, 6) for letters in itertools.product(alphabet, repeat=size)]
    assert {w: (stem(w), NLTK.stem(w)) for w in words if stem(w) != NLTK.stem(w)} == {}


# Stems and every suffix the steps know, so words take the shortcuts (a plain plural, a region too short for a
# step, a last letter no step ends in) and the steps themselves in every order.
_STEM_PIECES = st.sampled_from(
    ["a", "e", "i", "o", "u", "y", "b", "c", "d", "g", "l", "n", "r", "s", "t", "'", "hop", "gener", "commun",
     "arsen", "feed", "sing", "controll", *(suffix for suffix, _, _ in stem_module._STEP2),
     *(suffix for suffix, _, _ in stem_module._STEP3), *stem_module._STEP4, *stem_module._STEP1B, "ies", "sses",
     "ied", "us", "ss", "'s", "s'", "ly", "le", "ll"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_STEM_PIECES, min_size=1, max_size=5).map("".join))
def test_any_word_of_stems_and_suffixes_stems_as_nltk_stems_it(word):
    assert stem(word) == NLTK.stem(word)
