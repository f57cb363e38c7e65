"""The shortcuts taken while classifying a name span must label it exactly as the general path does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.facts.classify import PER, classify_span
from bot.facts.shapes import is_acronym, is_brand_shaped
from bot.facts.spans import find_spans
from bot.facts.tokens import tokenize
from bot.text.normalize import unaccented

_WORDS = st.sampled_from(
    ["J.", "M.", "Jr.", "J.R.", "W.", "Sr.", "DJ", "K", "A", "van", "al", "bin", "Díaz", "José", "Smith", "jr"]
)


@given(st.text(max_size=12))
def test_a_word_is_unaccented_only_off_ascii(word: str) -> None:
    # `person_evidence` calls `unaccented` only for a word outside ASCII.
    assert (word if word.isascii() else unaccented(word)) == unaccented(word)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Malaysia's foreign minister, Farid Hamzah, said.", "Farid Hamzah"),  # a role appositive after a comma
        ("She met DJ Khaled there.", "DJ Khaled"),  # a stage name: two words
        ("She met J P Hartley there.", "J P Hartley"),  # initials without points: three words
        ("She met K Smith there.", "K Smith"),
    ],
)
def test_names_the_shortcuts_pass_by_are_still_people(sentence: str, name: str) -> None:
    tokens = tokenize(sentence)
    spans = {" ".join(t.text for t in tokens[s.start : s.end]): s for s in find_spans(tokens)}
    assert classify_span(tokens, spans[name]).label == PER


_SHAPES = st.lists(st.sampled_from(["A", "B", "a", "b", ".", "&", "-", "'", "Mac", "Ł", "ł", "1", "É"]), max_size=8)


@given(_SHAPES.map("".join))
def test_an_acronym_is_in_capitals(word: str) -> None:
    # `classify_span` asks `is_acronym` only of a word in capitals.
    assert not is_acronym(word) or word.isupper()


@given(_SHAPES.map("".join))
def test_a_brand_shape_has_no_lower_case_tail(word: str) -> None:
    # `classify_span` asks `is_brand_shaped` only of a word whose tail is not all lower case.
    assert not is_brand_shaped(word) or not word[1:].islower()
