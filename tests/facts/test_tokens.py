"""The facts tokenizer: words, numbers and marks with the offsets they have in their sentence."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.tokens import Token, _tokenize_piece, tokenize

_PIECES = st.sampled_from(
    ["Mr", "Mr.", "M.", "U.S.", "Kim's", "Jones’s", "well-known", "AT&T", "1,000", "3.5", "_", "__init", "Zoë",
     "x.com", "(CNN)", "—", "said,", " ", "  ", "\t", "\n", "A", ".", "'", "B.", "2015."]
)


@given(st.lists(_PIECES, max_size=25).map("".join))
def test_every_token_is_the_text_at_its_offsets_and_they_come_in_order(sentence):
    tokens = tokenize(sentence)
    assert all(sentence[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


def test_words_between_spaces_and_words_with_marks_are_split_alike():
    tokens = tokenize("Mr. Kim's  team\tscored 1,000 points_ in the U.S.")
    assert [(t.text, t.start, t.kind) for t in tokens] == [
        ("Mr.", 0, "word"), ("Kim", 4, "word"), ("team", 11, "word"), ("scored", 16, "word"),
        ("1,000", 23, "num"), ("points_", 29, "word"), ("in", 37, "word"), ("the", 40, "word"),
        ("U.S.", 44, "word"),
    ]
    assert tokens[1].possessive and tokens[0].is_capitalized and tokens[3].lower == "scored"


_MARKED_WORDS = st.sampled_from(
    ["said,", "year.", "Jan.", "Mr.", "A.", "B.", "St.", "(AP", "'We", "“It", "‘Tis", "end)", "now:", "why?", "go!",
     "so;", "it'", "too”", "Kim's.", "U.S.", "é.", "ab.", "Zoë,", "(", "'", " ", "  ", "Smith", "2015.", "x.com.",
     "don't", "Jones’s", "(Obama's)", "well-known,", "a--b", "a''b", "a'-b", "-", "--", "—", "...", "'s", "’S.",
     "1,000", "42", "(42)", "9a", "COVID-19", "£5", "[1]", "students'", "Mr's.", "İs", "A.B", "x.", "\t", "_a", "a_"]
)


@settings(max_examples=500)
@given(st.lists(st.tuples(_MARKED_WORDS, st.sampled_from([" ", "", "  "])), max_size=12))
def test_a_word_or_number_between_marks_splits_as_the_pattern_splits_it(pieces):
    sentence = "".join(piece + joiner for piece, joiner in pieces)
    by_pattern: list[Token] = []
    _tokenize_piece(sentence, 0, len(sentence), by_pattern.append)
    assert list(tokenize.__wrapped__(sentence)) == by_pattern
