"""The one pass that picks out where figures, dates and sources can start, and the readers that rely on it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.cues import cue_indexes
from bot.facts.dates import find_dates
from bot.facts.numbers import find_numbers
from bot.facts.quote_marks import QuoteSpan, _outermost
from bot.facts.tokens import tokenize


def _cues(sentence: str) -> list[str]:
    tokens = tokenize(sentence)
    return [tokens[index].text for index in cue_indexes(sentence)]


def test_number_tokens_and_number_words_are_cues():
    assert _cues("Five people and 1,200 others came") == ["Five", "1,200"]


def test_a_hyphenated_word_opened_by_a_number_word_is_a_cue():
    assert _cues("The five-year-old girl sang") == ["five-year-old"]


def test_date_and_source_words_are_cues_in_reading_order():
    assert _cues("On Monday, police said according to the ministry") == ["Monday", "said", "according"]


def test_a_sentence_of_plain_words_has_no_cue():
    assert _cues("The cat sat on the mat") == []


def test_the_weekend_is_a_date_though_the_is_no_cue():
    assert "the" not in _cues("They met over the weekend")
    assert [d.text for d in find_dates(["They met over the weekend."])] == ["over the weekend"]


def test_a_figure_opened_by_a_word_is_found_from_its_cue():
    assert [n.value for n in find_numbers(["Rebels fired a dozen rockets at the town."])] == ["a dozen rockets"]


def _held(span: QuoteSpan, spans: list[QuoteSpan]) -> bool:
    """The definition _outermost sweeps for: a longer span starts no later and ends no earlier."""
    return any(
        other is not span
        and other.start <= span.start
        and span.end <= other.end
        and other.end - other.start > span.end - span.start
        for other in spans
    )


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 6)), max_size=8))
def test_the_outermost_spans_are_those_no_longer_span_holds(bounds):
    spans = sorted((QuoteSpan(a, a + n, a + 1, a + n, '"', True) for a, n in bounds), key=lambda s: s.start)
    assert _outermost(spans) == [span for span in spans if not _held(span, spans)]
