"""Terms people filter and follow by: parsing what they type, and matching whole words without case or accents."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.topics import MAX_TERMS, TermMatcher, TopicFilter, fold, parse_terms, show_terms


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ('strike "port of Antwerp"', ("strike", "port of Antwerp")),
        ("“harbour   strike” ferry", ("harbour strike", "ferry")),
        ("„Hafen Streik“ Zürich", ("Hafen Streik", "Zürich")),
        ("strike, Strike STRIKE", ("strike",)),  # one term, as first typed; the comma is the sentence's
        ('"" "  " (antwerp)', ("antwerp",)),
        ('"unclosed phrase', ("unclosed", "phrase")),
        ("strike*", ("strike*",)),
    ],
)
def test_terms_are_words_or_quoted_phrases_once_each(typed, terms):
    assert parse_terms(typed) == terms


def test_matching_takes_whole_words_and_ignores_case_and_accents():
    matcher = TermMatcher(["strike", "Zurich", "port of antwerp", "São Paulo"])
    text = "STRIKE! Zürich reacts as the Port  of\nAntwerp closes; sao paulo watches."
    assert matcher.found_in(text) == ["strike", "Zurich", "port of antwerp", "São Paulo"]
    assert not TermMatcher(["strike"]).any_in("Strikes and an airstrike; the striker scored.")
    assert not TermMatcher(["port"]).any_in("The airport and the report.")


def test_a_trailing_star_takes_longer_words_too():
    assert TermMatcher(["strike*"]).found_in("Strikers and strikes") == ["strike*"]
    assert not TermMatcher(["strike*"]).any_in("An airstrike.")


def test_a_filter_needs_one_include_term_and_no_exclude_term():
    only_port = TopicFilter(include=("port", "harbour"), exclude=("strike",))
    assert only_port.accepts("The harbour reopens.")
    assert not only_port.accepts("The harbour strike goes on.")
    assert not only_port.accepts("A quiet day at the library.")
    assert TopicFilter(exclude=("strike",)).accepts("A quiet day at the library.")
    assert TopicFilter().accepts("anything") and not TopicFilter().active


def test_adding_a_term_to_one_list_takes_it_out_of_the_other():
    first = TopicFilter().with_terms("exclude", ["strike", "football"])
    moved = first.with_terms("include", ["Strike", "port"])
    assert moved == TopicFilter(include=("Strike", "port"), exclude=("football",))
    assert moved.with_terms("include", ["PORT"]).include == ("Strike", "port")  # no duplicate


def test_filters_round_trip_through_what_a_subscription_stores():
    chosen = TopicFilter(include=("port of Antwerp",), exclude=("strike",))
    assert TopicFilter.from_settings(chosen.to_settings()) == chosen
    assert TopicFilter.from_settings({"include": "not a list", "other": 1}) == TopicFilter()
    assert TopicFilter.from_settings(None) == TopicFilter()


def test_terms_are_shown_back_as_typed_with_phrases_quoted():
    assert show_terms(["strike", "port of Antwerp"]) == "strike “port of Antwerp”"


def test_a_filter_keeps_at_most_the_limit_of_terms():
    many = [f"word{n}" for n in range(MAX_TERMS + 5)]
    assert len(TopicFilter().with_terms("include", many).include) == MAX_TERMS


@given(st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12))
def test_any_word_is_found_in_a_sentence_around_it_in_upper_case(word):
    # Letters whose capital folds to another letter (Turkish dotless ı → I → i) are a different word.
    assume(fold(word).strip() and fold(word.upper()) == fold(word) and re.fullmatch(r"\w+", fold(word)))
    assert TermMatcher([word]).any_in(f"Yesterday, {word.upper()}. And more.")
    assert not TermMatcher([word]).any_in(f"Yesterday, x{word.upper()}x.")
