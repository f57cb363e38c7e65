"""The news score's per-sentence signals agree with their plain definitions, whatever was met before."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.summarize.centrality import THRESHOLD, _links, sentences_containing
from bot.summarize.news import _QUOTE_SPANS, SentenceView, fact_density, sentence_features

_SENTENCES = [
    ("Obama", "met", "Putin", "in", "2015", "at", "the", "G20", "."),
    ("2015", "was", "a", "year", "of", "talks", "with", "iPhone", "sales", "up", "3.5", "%"),
    ("He", "said", "the", "Ü-Bahn", "and", "B52s", "were", "late"),
    ("obama", "Obama", "OBAMA", "n't", "'s", "--"),
    ("Alone",),
]


def _plain_fact_density(words: tuple[str, ...]) -> float:
    numbers = re.compile(r"\d")
    facts = sum(1 for w in words[1:] if w[:1].isupper() or numbers.search(w))
    return (facts + (1 if numbers.search(words[0]) else 0)) / len(words)


@pytest.mark.parametrize("words", _SENTENCES)
def test_fact_density_counts_names_and_numbers_past_the_first_word_and_a_first_number(words: tuple[str, ...]) -> None:
    assert fact_density(words) == _plain_fact_density(words)
    assert fact_density(words) == _plain_fact_density(words)  # every spelling is known the second time


_WORDS = st.text(alphabet=st.sampled_from("aZé2²٣.-'ßİ"), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8).map(tuple))
def test_fact_density_of_any_words_agrees_with_its_plain_definition(words: tuple[str, ...]) -> None:
    # A first word of letters only is known to hold no number without the pattern's search.
    assert fact_density(words) == _plain_fact_density(words)
    assert fact_density(words) == _plain_fact_density(words)


def test_fact_density_of_no_words_is_zero() -> None:
    assert fact_density(()) == 0.0


def _plain_links(sentences: list[tuple[str, ...]]) -> list[set[int]]:
    """Link sentences whose tf-idf cosine exceeds the threshold, comparing every pair (sumy's dense LexRank)."""
    count = len(sentences)
    containing = sentences_containing(sentences)
    vectors = []
    for stems in sentences:
        counts = Counter(stems)
        top = max(counts.values(), default=1)
        vectors.append({s: n / top * math.log(count / (1.0 + containing[s])) for s, n in counts.items()})

    def cosine(first: dict[str, float], second: dict[str, float]) -> float:
        norms = math.sqrt(sum(v * v for v in first.values())) * math.sqrt(sum(v * v for v in second.values()))
        return sum(v * second.get(s, 0.0) for s, v in first.items()) / norms if norms > 0 else 0.0

    return [{j for j, other in enumerate(vectors) if cosine(vector, other) > THRESHOLD} for vector in vectors]


def test_links_skip_stems_of_one_sentence_yet_match_comparing_every_pair() -> None:
    sentences = [
        ("storm", "hit", "coast", "friday"),
        ("storm", "flood", "coast", "coast", "town"),
        ("mayor", "said", "town", "flood"),
        ("unrelated", "words", "only"),
        (),
        ("storm", "storm", "hit", "mayor"),
        ("coast", "guard", "rescu", "friday"),
    ]
    links = _links(sentences, sentences_containing(sentences), THRESHOLD, [frozenset(stems) for stems in sentences])
    assert [set(linked) for linked in links] == _plain_links(sentences)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from("storm coast flood town mayor said guard".split()), max_size=7).map(tuple)))
def test_links_of_any_sentences_with_or_without_repeats_match_comparing_every_pair(sentences) -> None:
    # A sentence without repeats takes its weights from the postings' idf; one with repeats from its own counts.
    links = _links(sentences, sentences_containing(sentences), THRESHOLD, [frozenset(stems) for stems in sentences])
    assert [set(linked) for linked in links] == _plain_links(sentences)


_STEM_LISTS = st.lists(st.lists(st.sampled_from("storm coast flood town mayor said".split()), max_size=6).map(tuple))


@settings(max_examples=200, deadline=None)
@given(_STEM_LISTS, st.frozensets(st.sampled_from("storm coast town".split())))
def test_features_from_the_caller_s_stem_sets_are_those_from_the_stems(stem_lists, title_stems) -> None:
    # The sets the redundancy penalty needs serve the stem counts and the title overlap too, uncopied.
    views = [SentenceView(" ".join(stems), stems, stems) for stems in stem_lists]
    stem_sets = [frozenset(stems) for stems in stem_lists]
    assert sentence_features(views, title_stems, stem_sets) == sentence_features(views, title_stems)
    assert sentences_containing(stem_sets) == sentences_containing(stem_lists)


# The quoted-span patterns as first written, with a lazy span that tries the closing mark after every character.
_AFTER_CLOSING = r"(?=$|[\s.,;:!?)\]\u2013\u2014-])"
_LAZY_QUOTE_SPANS = (
    re.compile(r"“([^“”]{3,}?)”"),
    re.compile(r'"([^"]{3,}?)"'),
    re.compile(r"‘(.{3,}?)’" + _AFTER_CLOSING),
    re.compile(r"'(?<![^\s(\[\u2013\u2014-]')(?=\S)(.{3,}?)(?<=\S)'" + _AFTER_CLOSING),
)


def _assert_spans_as_lazy(text: str) -> None:
    for (_, pattern), lazy in zip(_QUOTE_SPANS, _LAZY_QUOTE_SPANS, strict=True):
        assert [match.span(1) for match in pattern.finditer(text)] == [match.span(1) for match in lazy.finditer(text)]


_QUOTING_TEXT = st.text(alphabet=st.sampled_from("ab '’‘“”\"\n\t.,(-—x\u00a0"), max_size=40)


@settings(max_examples=1000, deadline=None)
@given(_QUOTING_TEXT)
def test_quoted_spans_end_where_the_lazy_patterns_end_them(text: str) -> None:
    _assert_spans_as_lazy(text)


@pytest.mark.parametrize(
    "text",
    [
        "'Hillary Clinton has gotten so much for her hairstyles over the years,' Julia said.",
        "He said 'it's over' and left; 'rock 'n' roll' she added, 'unfinished",
        "‘I’d be on board,’ Locke said. ‘Jones’ car’s gone’.",
        '“We will win,” she said, “and soon.” "Straight," too; "open',
        "'a' 'ab' 'abc' 'abcd' ' spaced ' 'line\nbreak' 'x'",
    ],
)
def test_quoted_spans_of_news_quotes_end_where_the_lazy_patterns_end_them(text: str) -> None:
    _assert_spans_as_lazy(text)
