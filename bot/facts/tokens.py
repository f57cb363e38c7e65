"""Split a sentence into word, number and punctuation tokens that keep their character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from bot.text.abbreviations import ABBREVIATIONS, NUMBER_ABBREVIATIONS

_FULL_STOP_WORDS = ABBREVIATIONS | NUMBER_ABBREVIATIONS

# Group 1 the spaces before a token, 2 a word, 3 a number, 4 a punctuation mark, 5 an underscore (the one
# character none of the others starts, and no token). Every other character starts a match, so the matches
# follow each other without gaps and a token's offset is the running sum of their lengths: `findall` then
# hands over plain strings, with no match object to ask for groups and spans (tokenizing is hot).
_TOKEN_RE = re.compile(
    r"(\s*)(?:((?:[^\W\d_]\.){2,}(?![^\W\d_])|[^\W\d_]\w*(?:(?:['’]|[-&]+)\w+)*(?:\.(?:com|org|net)\b)?)"
    r"|(\d+(?:[.,:/]\d+)*)"
    r"|([^\w\s])"
    r"|(_))"
)


class Token(NamedTuple):
    """A word, number or punctuation mark and where it sits in its sentence."""

    text: str
    start: int
    end: int
    kind: str  # word, num or punct
    possessive: bool = False
    lower: str = ""
    is_capitalized: bool = False

    @property
    def is_upper(self) -> bool:
        return len(self.text) >= 2 and self.text.isupper()


# Whether each of many tokens is capitalised, read in C (`map(CAPITALIZED_OF, tokens)`), not token by token.
CAPITALIZED_OF = itemgetter(Token._fields.index("is_capitalized"))
# Each of many tokens' text, read in C: "text in map(TEXT_OF, tokens)" compares with no Python loop.
TEXT_OF = itemgetter(Token._fields.index("text"))
# A token's offsets as bisection keys (`bisect_left(tokens, offset, key=START_OF)`).
START_OF = itemgetter(Token._fields.index("start"))
END_OF = itemgetter(Token._fields.index("end"))
# Each of many tokens' lower-case form, read in C (`map(LOWER_OF, tokens)`).
LOWER_OF = itemgetter(Token._fields.index("lower"))

_POSSESSIVE_ENDINGS = frozenset(("'s", "’s", "'S", "’S"))
_new_token = tuple.__new__  # builds a Token without NamedTuple's keyword handling: tokenizing is hot


@lru_cache(maxsize=4096)
def tokenize(sentence: str) -> tuple[Token, ...]:
    """Split a sentence into tokens; possessive "'s" is cut off and flagged on its word."""
    tokens: list[Token] = []
    append = tokens.append
    start = 0
    # No token spans a space, so the sentence is read piece by piece between single spaces: a piece of
    # letters alone (most of them) is one word, and only the others go through the pattern.
    for piece in sentence.split(" "):
        end = start + len(piece)
        if piece.isalpha():
            if piece.islower():
                # Most words are in lower case already: the token keeps one string as both forms (a copy
                # would add a sixth to the memory the sentence caches hold in tokens).
                append(_new_token(Token, (piece, start, end, "word", False, piece, False)))
            else:
                append(_new_token(Token, (piece, start, end, "word", False, piece.lower(), piece[0].isupper())))
        elif piece:
            # The next most common pieces are a word and one mark after it ("said,", "year.") or before it
            # ("(AP", "'We"): split by hand, as the pattern would, unless a full stop may belong to the word.
            word, mark = piece[:-1], piece[-1]
            if mark in _CLOSING_MARKS and word.isalpha():
                lower = word if word.islower() else word.lower()
                if mark != "." or (len(word) > 1 and lower not in _FULL_STOP_WORDS):
                    append(_new_token(Token, (word, start, end - 1, "word", False, lower, word[0].isupper())))
                    append(_new_token(Token, (mark, end - 1, end, "punct", False, mark, False)))
                    start = end + 1
                    continue
            mark, word = piece[0], piece[1:]
            if mark in _OPENING_MARKS and word.isalpha():
                append(_new_token(Token, (mark, start, start + 1, "punct", False, mark, False)))
                append(_new_token(Token, (word, start + 1, end, "word", False, word.lower(), word[0].isupper())))
            else:
                _tokenize_piece(sentence, start, end, append)
        start = end + 1
    return tuple(tokens)


_CLOSING_MARKS = frozenset(",.:;?!)\"”’")
_OPENING_MARKS = frozenset("(\"“‘'")


def _tokenize_piece(sentence: str, position: int, stop: int, append: Callable[[Token], None]) -> None:
    """Append the tokens of the sentence between two spaces (a piece with more than letters in it)."""
    length = len(sentence)
    reach = -1  # where the last token ended, and how far a possessive word's cut-off "'s" reaches past that
    for space, word, number, mark, underscore in _TOKEN_RE.findall(sentence, position, stop):
        start = position + len(space)
        if word:
            end = position = start + len(word)
            # "Mr." and "M." keep their full stop; a possessive "'s" is cut off and flagged.
            if end < length and sentence[end] == "." and (
                word.lower() in _FULL_STOP_WORDS
                or (len(word) == 1 and word.isupper() and sentence[end + 1 : end + 3].strip()[:1].isupper())
            ):
                word += "."
                end += 1
            if word[-2:] in _POSSESSIVE_ENDINGS and len(word) > 2:
                word = word[:-2]
                append(_new_token(Token, (word, start, end - 2, "word", True, word.lower(), word[:1].isupper())))
            else:
                append(_new_token(Token, (word, start, end, "word", False, word.lower(), word[:1].isupper())))
            reach = end
            continue
        text = number or mark or underscore
        position = start + len(text)
        if underscore or start < reach:
            continue  # an underscore is no token; the full stop of "Mr." already belongs to its word
        append(_new_token(Token, (text, start, position, "num" if number else "punct", False, text, False)))
        reach = position
