"""Tell a word's kind from its shape: acronyms, nationality adjectives, name words and brands."""

from __future__ import annotations

import re

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import DEMONYMS_EXTRA, NON_ORG_ACRONYMS, given_names

_DEMONYM_RE = re.compile(r"(?:ian|ean|ese|ish|ians|eans)$")
_ACRONYM_RE = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4}|[A-Z]+&[A-Z]+)$")


def is_acronym(text: str) -> bool:
    """Tell whether a word is a short all-capitals name like "NATO" rather than "ICBM"."""
    return bool(_ACRONYM_RE.match(text)) and text.lower() not in NON_ORG_ACRONYMS


def is_demonym(words: list[str]) -> bool:
    """Tell whether words are a nationality adjective ("North Korean", "Russian")."""
    last = words[-1].lower()
    if len(words) == 2 and words[0].lower() in DEMONYMS_EXTRA:
        return is_demonym(words[1:])  # "Saudi Arabian"
    if len(words) > 2 or (len(words) == 2 and words[0].lower() not in ("north", "south", "east", "west", "new")):
        return False
    if last in DEMONYMS_EXTRA:
        return True
    return bool(_DEMONYM_RE.search(last)) and lookup_place(words[-1]) is None and last not in given_names()


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
