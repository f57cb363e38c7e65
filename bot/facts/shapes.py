"""Tell a word's kind from its shape: acronyms, nationality adjectives, name words and brands."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import DEMONYMS_EXTRA, NON_ORG_ACRONYMS, given_names

_DEMONYM_RE = re.compile(r"(?:ian|ean|ese|ish|ians|eans)$")
_ACRONYM_RE = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4}|[A-Z]+&[A-Z]+)$")


def is_acronym(text: str) -> bool:
    """Tell whether a word is a short all-capitals name like "NATO" rather than "ICBM"."""
    return bool(_ACRONYM_RE.match(text)) and text.lower() not in NON_ORG_ACRONYMS


def is_demonym(words: list[str]) -> bool:
    """Tell whether words are a nationality adjective ("North Korean", "Russian")."""
    if len(words) == 1:
        return _is_demonym_word(words[0])
    if len(words) != 2:
        return False
    first = words[0].lower()
    if first in DEMONYMS_EXTRA:
        return _is_demonym_word(words[1])  # "Saudi Arabian"
    return first in _DEMONYM_QUALIFIERS and _is_demonym_word(words[1])


_DEMONYM_QUALIFIERS = frozenset(("north", "south", "east", "west", "new"))


@lru_cache(maxsize=16384)
def _is_demonym_word(word: str) -> bool:
    """Tell whether one word is a nationality adjective; asked of nearly every capitalised word, so cached."""
    lower = word.lower()
    if lower in DEMONYMS_EXTRA:
        return True
    return _DEMONYM_RE.search(lower) is not None and lookup_place(word) is None and lower not in given_names()


# "SoftBank", "PlayStation": a capital inside a word after a longer stem is a brand's, unlike "McDonald",
# "DiCaprio", "LeBron" or "MacKenzie".
_BRAND_SHAPE = re.compile(r"^(?!Mac)[A-Z][a-z]{2,}[A-Z]")


def is_brand_shaped(word: str) -> bool:
    """Tell whether a word has a brand's inner capital: "SoftBank", "PlayStation"."""
    return _BRAND_SHAPE.match(word) is not None


def looks_like_name(words: list[str]) -> bool:
    """Tell whether unknown capitalised words could be a first and last name."""
    return all(is_name_word(w) and lookup_place(w) is None for w in words)


# "Smith", "O'Donnell", "McGowan", "Louis-Dreyfus": a capital, then lower case with the odd inner capital.
_NAME_PREFIX = re.compile(r"^(?:O['’]|Mc|Mac|D['’])")


def is_name_word(word: str) -> bool:
    """Tell whether a word is shaped like a name, in any Latin alphabet ("Özil", "Łukasz", "Dvořák")."""
    parts = _NAME_PREFIX.sub("", word).split("-")
    shaped = all(len(p) >= 2 and p[0].isupper() and p[1:].isalpha() and p[1:].islower() for p in parts)
    return len(parts) <= 2 and shaped
