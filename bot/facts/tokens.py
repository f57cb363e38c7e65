"""Split a sentence into word, number and punctuation tokens that keep their character offsets."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.text.abbreviations import ABBREVIATIONS, NUMBER_ABBREVIATIONS

_FULL_STOP_WORDS = ABBREVIATIONS | NUMBER_ABBREVIATIONS

# Group 1 a word, 2 a number, 3 a punctuation mark. The leading spaces are part of the match, so the
# engine skips them in one step instead of trying every alternative at every space; the groups give
# where each token itself starts.
_TOKEN_RE = re.compile(
    r"\s*(?:((?:[^\W\d_]\.){2,}(?![^\W\d_])|[^\W\d_]\w*(?:(?:['’]|[-&]+)\w+)*(?:\.(?:com|org|net)\b)?)"
    r"|(\d+(?:[.,:/]\d+)*)"
    r"|([^\w\s]))"
)
_WORD, _NUM = 1, 2


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


_POSSESSIVE_ENDINGS = frozenset(("'s", "’s", "'S", "’S"))
_new_token = tuple.__new__  # builds a Token without NamedTuple's keyword handling: tokenizing is hot


@lru_cache(maxsize=4096)
def tokenize(sentence: str) -> tuple[Token, ...]:
    """Split a sentence into tokens; possessive "'s" is cut off and flagged on its word."""
    tokens: list[Token] = []
    append = tokens.append
    length = len(sentence)
    # Where the last token ended, and how far a possessive word's cut-off "'s" reaches past that.
    reach = -1
    for match in _TOKEN_RE.finditer(sentence):
        group = match.lastindex or _WORD
        start, end = match.span(group)
        if group == _WORD:
            text = match.group(group)
            # "Mr." and "M." keep their full stop; a possessive "'s" is cut off and flagged.
            if end < length and sentence[end] == "." and (
                text.lower() in _FULL_STOP_WORDS
                or (len(text) == 1 and text.isupper() and sentence[end + 1 : end + 3].strip()[:1].isupper())
            ):
                text += "."
                end += 1
            if text[-2:] in _POSSESSIVE_ENDINGS and len(text) > 2:
                text = text[:-2]
                end -= 2
                append(_new_token(Token, (text, start, end, "word", True, text.lower(), text[:1].isupper())))
                reach = end + 2
            else:
                append(_new_token(Token, (text, start, end, "word", False, text.lower(), text[:1].isupper())))
                reach = end
        elif start < reach:
            continue  # the full stop of "Mr." already belongs to its word
        else:
            text = match.group(group)
            append(_new_token(Token, (text, start, end, "num" if group == _NUM else "punct", False, text, False)))
            reach = end
    return tuple(tokens)
