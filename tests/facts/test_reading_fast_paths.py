"""The shortcuts taken while reading a sentence's names must read it exactly as the general path does."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.facts.name_candidates import _is_caps_line
from bot.facts.spans import _OPENERS, Span, _new_span, _starts_sentence, find_spans
from bot.facts.sports import _SCORE_RE
from bot.facts.tokens import tokenize

_SENTENCES = [
    "Prime Minister Theresa May met Xi Jinping in London on Monday, officials said.",
    "(CNN) The Bank of England raised rates; U.S. Defense Secretary Mark Esper was not told.",
    "I met A. N. Other and DJ Khaled at the Sunday Times party in St Louis.",
    "Will Moy asked: Will the Trinidad and Tobago FA's chief speak to the BBC?",
    "LONDON, England",
    "BREAKING NEWS: MAN UNITED SIGN STRIKER",
    "SOCCER - Spain 1 Italy 1",
    "the quick brown fox jumps over the lazy dog",
    "",
    "ÖZIL AND MÜLLER SCORE for Germany",
    "Nico Rosberg (Germany) beat Lewis Hamilton (Britain) at Monaco.",
    "I said A. I'm OK",
    "NHS A1 A&E",
    "WHO's chief, CNN's Anderson",
]


@pytest.mark.parametrize("sentence", [s for s in _SENTENCES if "-" not in s])
def test_spans_of_a_sentence_without_hyphens_are_those_the_general_path_finds(sentence: str) -> None:
    tokens = tokenize(sentence)
    assert find_spans(tokens, hyphens=False) == find_spans(tokens)


def _counted_caps_line(sentence: str) -> bool:
    """Count words in capitals the long way, with no early answer: the rule `_is_caps_line` applies."""
    texts = [t.text for t in tokenize(sentence) if t.kind == "word"]
    words = [t for t in texts if len(t) >= 3 or (len(t) == 2 and t.isalpha())]
    upper = sum(1 for t in words if t.isupper())
    return bool(words) and upper / len(words) >= 0.6 and (upper >= 2 or len(words) == 1)


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_a_line_in_capitals_is_told_as_by_counting_every_word(sentence: str) -> None:
    assert _is_caps_line(sentence, tokenize(sentence)) == _counted_caps_line(sentence)


_WRITTEN_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # the score as first written: a boundary, then the digits


@pytest.mark.parametrize(
    "text",
    [
        "Spain drew 1-1 with Italy",
        "a 2-0 win",
        "(3-2)",
        "won 10-9,",
        "1234-5",
        "A1-2",
        "x12-3",
        "_1-2",
        "1-2345",
        "12-34-56",
        "٣-١ in Arabic digits",
        "no score here",
        "2014-15 season",
        "a 1 - 0 win",
    ],
)
def test_a_score_is_found_where_the_pattern_as_first_written_finds_one(text: str) -> None:
    assert (_SCORE_RE.search(text) is None) == (_WRITTEN_SCORE.search(text) is None)


_OPENING_PIECES = st.sampled_from(["(", "\"", "“", "‘", "'", "[", "—", "–", "-", ":", "A", "a", "1", ",", "'s", " "])


@given(st.lists(_OPENING_PIECES, max_size=8).map("".join))
def test_a_sentence_start_is_told_by_texts_alone_as_by_kinds_and_texts(sentence: str) -> None:
    tokens = tokenize(sentence)
    for index in range(len(tokens) + 1):
        by_kind = index < 4 and all(t.kind == "punct" and t.text in _OPENERS for t in tokens[:index])
        assert _starts_sentence(tokens, index) == by_kind


@given(st.integers(), st.integers(), st.integers(), st.booleans())
def test_a_span_built_by_its_slots_is_the_span_the_dataclass_builds(
    start: int, end: int, title_start: int, initial: bool
) -> None:
    built, general = _new_span(start, end, title_start, initial), Span(start, end, title_start, initial)
    assert built == general and hash(built) == hash(general) and repr(built) == repr(general)
    with pytest.raises(FrozenInstanceError):
        built.start = start  # type: ignore[misc]
