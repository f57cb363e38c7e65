"""Split a sentence into word, number and punctuation tokens that keep their character offsets."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.text.abbreviations import ABBREVIATIONS, NUMBER_ABBREVIATIONS

_FULL_STOP_WORDS = ABBREVIATIONS | NUMBER_ABBREVIATIONS

_TOKEN_RE = re.compile(
    r"(?P<word>(?:[^\W\d_]\.){2,}(?![^\W\d_])|[^\W\d_]\w*(?:(?:['’]|[-&]+)\w+)*(?:\.(?:com|org|net)\b)?)"
    r"|(?P<num>\d+(?:[.,:/]\d+)*)"
    r"|(?P<punct>[^\w\s])"
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


_POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
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
        kind = match.lastgroup
        text = match.group()
        start = match.start()
        if kind == "word":
            end = start + len(text)
            # "Mr." and "M." keep their full stop; a possessive "'s" is cut off and flagged.
            if end < length and sentence[end] == "." and (
                text.lower() in _FULL_STOP_WORDS
                or (len(text) == 1 and text.isupper() and sentence[end + 1 : end + 3].strip()[:1].isupper())
            ):
                text += "."
            possessive = len(text) > 2 and text.endswith(_POSSESSIVE_ENDINGS)
            if possessive:
                text = text[:-2]
            end = start + len(text)
            append(_new_token(Token, (text, start, end, "word", possessive, text.lower(), text[:1].isupper())))
            reach = end + 2 if possessive else end
        elif start < reach:
            continue  # the full stop of "Mr." already belongs to its word
        else:
            end = match.end()
            append(_new_token(Token, (text, start, end, kind or "punct", False, text, False)))
            reach = end
    return tuple(tokens)
