"""Our one-pass word tokenizer gives NLTK's word tokens, one behaviour per test, then on real news."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import words
from bot.text.tokenize import normalize_apostrophes, split_sentences
from bot.text.words import (
    _EARLY_APART,
    _RUN,
    _apart_spaced,
    _final_stop,
    _plain_words,
    _runs,
    _spaced_after,
    _words_by_run,
    tokenize_words,
)
from tests.text.nltk_reference import news_paragraphs, nltk_words


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Rates rose, then fell.", ["Rates", "rose", "then", "fell"]),
        ("It cost 1,250 dollars at 10:30 a.m. today.", ["It", "cost", "1,250", "dollars", "at", "10:30", "a.m.", "today"]),
        ("She moved to the U.S.", ["She", "moved", "to", "the", "U.S"]),
        ("The U.S. team won.", ["The", "U.S.", "team", "won"]),
        ("It's Bob's dogs' bowl.", ["It", "'s", "Bob", "'s", "dogs", "bowl"]),
        ("I can't and won't.", ["I", "ca", "n't", "and", "wo", "n't"]),
        ("'Tis the season.", ["Tis", "the", "season"]),
        ("I cannot stay, gonna go.", ["I", "can", "not", "stay", "gon", "na", "go"]),
        ("Wannabe stars CANNOT wait, gotta go.", ["Wannabe", "stars", "CAN", "NOT", "wait", "got", "ta", "go"]),
        ("Wait...what--now?", ["Wait", "what", "now"]),
        ("AT&T fell 5% to $9.99.", ["AT", "T", "fell", "5", "to", "9.99"]),
        ("He called it 'the best'.", ["He", "called", "it", "the", "best"]),
        ("Oddities: a,,b and x---y.", ["Oddities", "a", ",b", "and", "x", "-y"]),
    ],
)
def test_words_are_split_as_nltk_splits_them(sentence, words):
    assert tokenize_words(sentence) == words
    assert nltk_words(sentence) == words


def test_every_sentence_of_the_news_at_hand_splits_as_nltk_splits_it():
    sentences = [normalize_apostrophes(s) for p in news_paragraphs() for s in split_sentences(p)]
    assert len(sentences) > 300
    different = [s for s in sentences if tokenize_words(s) != nltk_words(s)]
    assert different == []


_PIECES = st.sampled_from(
    ["a", "The", "said", "U.S.", "Mr.", "5", ",", ".", ":", ";", "'", '"', "“", "”", "’", "-", "--", "...", "?",
     "(", ")", " ", "  ", "\n", "n't", "'s", "can", "J.", "$", "%", "&", "*", "—", "/", "gonna", "'tis", "é", "²"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_any_mix_of_words_and_punctuation_splits_as_nltk_splits_it(text):
    assert tokenize_words(text) == nltk_words(text)


def _pattern_spaced_after(text: str, index: int) -> bool:
    end = [match.end() for match in _RUN.finditer(text)][index]
    return end < len(text) and (text[end] == " " or text[end] in _EARLY_APART)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.characters(max_codepoint=127), min_size=1, max_size=16).map("".join))
def test_runs_and_what_follows_them_are_found_as_the_pattern_finds_them(text):
    runs = _runs(text)
    assert runs == _RUN.findall(text)
    assert [_spaced_after(text, runs, i) for i in range(len(runs))] == [
        _pattern_spaced_after(text, i) for i in range(len(runs))
    ]


def test_every_rare_contraction_holds_one_of_the_letters_that_let_a_sentence_through() -> None:
    for contraction in words._RARE_CONTRACTIONS:
        assert any(letters in contraction for letters in words._RARE_CONTRACTION_LETTERS), contraction


_ASCII_PIECES = st.sampled_from(
    ["a", "The", "said", "U.S.", "Mr.", "5", "1,000", "10:30", ",", ", ", ".", ". ", ":", ": ", "'", '"', "-", " - ",
     "--", "...", "?", "(", ")", " ", "  ", "\t", "/", "_", "+", "=", "n't", "'s", "$", ")."]
) | st.characters(max_codepoint=127)


def _plain_or_by_run(text: str) -> tuple[list[str] | None, list[str]]:
    final_stop = _final_stop(text)
    return _plain_words(_apart_spaced(text), final_stop), _words_by_run(text, _runs(text), final_stop)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ASCII_PIECES, min_size=1, max_size=16).map("".join))
def test_a_plain_sentence_splits_as_its_runs_read_one_by_one_do(text):
    plain, by_run = _plain_or_by_run(text)
    assert plain is None or plain == by_run


def test_most_plain_news_sentences_take_the_quick_split_and_split_the_same():
    sentences = [normalize_apostrophes(s) for p in news_paragraphs() for s in split_sentences(p) if s.isascii()]
    pairs = [_plain_or_by_run(s) for s in sentences]
    quick = [(plain, by_run) for plain, by_run in pairs if plain is not None]
    assert len(quick) > len(sentences) / 4
    assert all(plain == by_run for plain, by_run in quick)
