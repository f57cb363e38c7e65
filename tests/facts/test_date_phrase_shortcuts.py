"""The date finder's shortcuts find exactly what its patterns would: the word before a year, the numbers tried."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.date_phrases import _BY_ANCHOR, _COMPILED, _DATE_NUMBER_LENGTHS, _WORD_BEFORE_RE, _word_before
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


_PIECES = st.sampled_from(["1", "12", "123", "2014", "20145", "1,200", "3.5", "10:30", "-", " ", "May", "st", ",", "1999"])


@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
def test_a_number_of_another_length_opens_no_date(sentence):
    for token in tokenize(sentence):
        if token.kind == "num" and len(token.text) not in _DATE_NUMBER_LENGTHS:
            assert not any(_COMPILED[kind].match(sentence, token.start) for kind in _BY_ANCHOR["num"])
