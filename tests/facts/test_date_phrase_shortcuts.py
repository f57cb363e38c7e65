"""The date finder's shortcuts find exactly what its patterns would: the word before a year, the numbers, the cue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.date_phrases import (
    _COMPILED,
    _CUE_RE,
    _CUE_REACH,
    _NUMBER_ANCHORS,
    _WORD_BEFORE_RE,
    _cue,
    _match_at,
    _word_before,
)
from bot.facts.dates import find_dates
from bot.facts.tokens import tokenize

_TEXT = st.text(alphabet="ab .,\t(Z", max_size=90)


def _found(match):
    return match and (match.span(), match.group(1))


@given(_TEXT, st.integers(0, 90))
def test_the_window_finds_what_the_whole_sentence_does(sentence, end):
    end = min(end, len(sentence))
    assert _found(_word_before(sentence, end)) == _found(_WORD_BEFORE_RE.search(sentence[:end]))


def test_a_long_word_or_long_spaces_before_the_year_are_read_whole():
    sentence = "x " + "a" * 40 + " " * 30 + "1999"
    end = sentence.index("1999")
    assert _found(_word_before(sentence, end)) == _found(_WORD_BEFORE_RE.search(sentence[:end]))


def test_a_number_word_before_a_year_still_makes_it_a_figure():
    assert [d.text for d in find_dates(["He took flight 1999 and was home by 2014."])] == ["2014"]


_PIECES = st.sampled_from(
    ["1", "12", "123", "2014", "20145", "1,200", "3.5", "10:30", "-", " ", "May", "st", ",", "1999", "2014-05-03",
     "1:3", "1/2", "3rd", "Jan.", "of", "\t", "٣"]
)  # fmt: skip
_NUMBER_KINDS = ("iso", "dmy", "dm", "year")  # every pattern that can open at a number, in the order tried


def _first_match(sentence, position, kinds):
    for kind in kinds:
        match = _COMPILED[kind].match(sentence, position)
        if match is not None:
            return match.span(), kind
    return None


@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
def test_a_number_of_another_length_opens_no_date(sentence):
    for token in tokenize(sentence):
        if token.kind == "num" and len(token.text) not in _NUMBER_ANCHORS:
            assert _first_match(sentence, token.start, _NUMBER_KINDS) is None


@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
def test_a_number_is_tried_with_the_patterns_its_length_allows_and_matches_as_with_all(sentence):
    for token in tokenize(sentence):
        if token.kind == "num" and len(token.text) in _NUMBER_ANCHORS:
            match, kind = _match_at(sentence, token.start, _NUMBER_ANCHORS[len(token.text)])
            found = (match.span(), kind) if match else None
            assert found == _first_match(sentence, token.start, _NUMBER_KINDS)


_CUE_PIECES = st.sampled_from(
    ["as", "early", "soon", "earlier", "this", "later", "On", "IN", "By", "fiscal", "year", "x", "of", "to", "Till",
     " ", "  ", "\t", "\u00a0", "-", ".", "é", "ſ", "K", "_", "1"]
)  # fmt: skip


@given(st.lists(_CUE_PIECES, max_size=14).map("".join), st.integers(0, 40))
def test_the_cue_is_what_the_case_blind_pattern_finds_before_the_date(sentence, start):
    start = min(start, len(sentence))
    found = _CUE_RE.search(sentence, max(0, start - _CUE_REACH), start)
    assert _cue(sentence, start) == ((found.group(1).lower(), found.start(1)) if found else ("", start))
