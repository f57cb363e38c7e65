"""Tell a word's kind from its shape: acronyms and nationality adjectives."""

from __future__ import annotations

import re
import unicodedata

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


def unaccented(word: str) -> str:
    """Return a word without its accents: name lists are written "diaz", "jose", "antic"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
