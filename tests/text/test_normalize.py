"""spaced_words finds the words a word pattern finds, with byte operations instead of the pattern."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.normalize import count_spaced_words, normalize_text, spaced_words

_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
_WORD_CHARACTERS = re.compile(r"\w+")


def test_curly_quotes_dashes_and_pounds_separate_words_and_accented_letters_stay_inside_them():
    text = "“Zürich’s” cost—£5_000… naïve"
    assert spaced_words(text) == "Zürich s cost 5 000 naïve".encode()
    assert spaced_words(text, underscore=True) == "Zürich s cost 5_000 naïve".encode()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9_ é²Ⅻ中\t\n’“—£…·\x1c\x85\xa0\u2028\u200b\ud800-.,'"), max_size=24))
def test_the_words_are_those_the_patterns_find(text):
    assert spaced_words(text) == " ".join(_LETTERS_AND_DIGITS.findall(text)).encode("utf-8", "surrogatepass")
    assert spaced_words(text, underscore=True) == " ".join(_WORD_CHARACTERS.findall(text)).encode(
        "utf-8", "surrogatepass"
    )
    assert count_spaced_words(text) == len(_LETTERS_AND_DIGITS.findall(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\v\f\n\r\u2028\u2029\xa0\u3000\u200b\u00ad"), max_size=16))
def test_normalized_text_has_single_spaces_and_trimmed_lines(text):
    normalized = normalize_text(text)
    assert "  " not in normalized
    assert all(line == line.strip() for line in normalized.split("\n"))


def _normalized_by_patterns(text: str) -> str:
    """Normalize as the character-class patterns did before substring tests replaced them."""
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]", " ", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")).strip()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab \t\v\f\n\r\u2028\u2029\xa0\u1680\u2000\u200a\u200b\u202f\u205f\u3000\u00ad\ufeffe\u0301"),
        max_size=24,
    )
)
def test_substring_tests_normalize_as_the_patterns_did(text):
    assert normalize_text(text) == _normalized_by_patterns(text)
