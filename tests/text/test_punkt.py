"""Our Punkt sentence splitter gives NLTK Punkt's sentences for the same fixed parameters."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import punkt
from bot.text.abbreviations import ABBREVIATIONS
from bot.text.punkt import SentenceSplitter
from bot.text.tokenize import SENTENCE_STARTERS
from tests.text.nltk_reference import PUNKT, news_paragraphs

SPLITTER = SentenceSplitter(ABBREVIATIONS, SENTENCE_STARTERS)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One fell. Two rose.", ["One fell.", "Two rose."]),
        ("Mr. Ode met aides. They left.", ["Mr. Ode met aides.", "They left."]),
        ("She moved to the U.S. The move was hard.", ["She moved to the U.S.", "The move was hard."]),
        ("T. J. Moreno scored.", ["T. J. Moreno scored."]),
        ("It ended 3-2. then he left.", ["It ended 3-2. then he left."]),
        ("He said “no.” She left.", ["He said “no.”", "She left."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("(Sent one.) Sent two.", ["(Sent one.)", "Sent two."]),
        ("He waited... Then spoke.", ["He waited...", "Then spoke."]),
    ],
)
def test_sentences_end_where_punkt_ends_them(text, sentences):
    assert SPLITTER.split(text) == sentences
    assert PUNKT.tokenize(text) == sentences


def test_every_paragraph_of_the_news_at_hand_splits_as_punkt_splits_it():
    paragraphs = list(news_paragraphs())
    assert len(paragraphs) > 100
    assert [p for p in paragraphs if SPLITTER.split(p) != PUNKT.tokenize(p)] == []


_PIECES = st.sampled_from(
    ["a", "B", "The", "said", "U.S.", "Mr.", "5", "10", ",", ".", ":", ";", "'", '"', "“", "”", "’", "-", "--",
     "...", "?", "!", "(", ")", " ", " ", "  ", "\n", "J.", "No.", "e.g.", "a.m.", "St.", "é", "²", "\t"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_any_mix_of_words_and_stops_splits_as_punkt_splits_it(text):
    assert SPLITTER.split(text) == PUNKT.tokenize(text)


# The candidate search as one pattern over all three marks, which the per-mark searches stand in for.
_ANY_MARK_CONTEXT = re.compile("[.?!]" + punkt._AFTER_MARK)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_the_per_mark_searches_find_the_candidates_one_search_for_any_mark_finds(text):
    def found(matches):
        return [(match.span(), match.groups()) for match in matches]

    assert found(punkt._candidates(text)) == found(_ANY_MARK_CONTEXT.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join), st.integers(min_value=0, max_value=40))
def test_a_closing_run_is_matched_only_where_a_closing_character_stands(text, start):
    if text[start : start + 1] not in punkt._CLOSERS:
        assert punkt._CLOSING.match(text, start) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_without_other_white_space_the_last_space_is_the_last_plain_space(text, start, stop):
    if not any(space in text for space in punkt._ASCII_SPACE):
        assert punkt._last_space(text, start, stop) == text.rfind(" ", start, stop)
