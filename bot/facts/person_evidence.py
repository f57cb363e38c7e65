"""Weigh whether a capitalised span is a person's name from its words: given names, surnames, initials."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.facts.evidence import PER_MEDIUM, PER_STRONG, PER_WEAK, UNKNOWN, Evidence
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    EAST_ASIAN_SURNAMES,
    MISC_HEADS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_HEADS,
    VENUE_HEADS,
    given_names,
    surnames,
    world_given_names,
)
from bot.facts.shapes import is_name_word, looks_like_name
from bot.facts.spans import ARABIC_ARTICLE, Span
from bot.facts.tokens import Token
from bot.text.normalize import unaccented
from bot.text.wordlist import word_set

_SURNAME_ENDINGS = (
    "ov",
    "ova",
    "ev",
    "eva",
    "enko",
    "sky",
    "ski",
    "ska",
    "skiy",
    "vich",
    "vic",
    "ić",
    "ovic",
    "escu",
    "opoulos",
    "akis",
    "idis",
    "sson",
    "ssen",
    "stein",
    "mann",
    "ovski",
    "shvili",
    "adze",
    "yan",
    "ian",
)
_SINGLE_SURNAME_ENDINGS = _SURNAME_ENDINGS[:-2]  # all but "-yan" and "-ian", for a word standing alone


def person_evidence(words: list[str], lowered: list[str], tokens: Sequence[Token], span: Span) -> Evidence:
    """Weigh the span's own words (and their lower-case forms) as a person's name: a title, first name, surname."""
    count = len(words)
    if count == 1 and len(words[0].rstrip(".")) == 1:
        return UNKNOWN  # "Mr X": an anonymous witness, not a name to list
    if any(map(_MARKET_CODE.match, words)):  # map, not a generator: asked of every name
        return UNKNOWN  # "Brent LCOc1": a market and its instrument code, as wire stories write them
    if span.title_start < span.start:
        return PER_STRONG
    # Name lists are written without accents: "Díaz" is looked up as "diaz", "José" as "jose".
    # (`unaccented` is called only off ASCII: most words need no call.)
    core = [
        w if w.isascii() else unaccented(w)
        for w in lowered
        if w not in NAME_PARTICLES and not w.endswith(".") and w not in NAME_SUFFIXES
    ]
    if not core or (span.start > 0 and tokens[span.start - 1].lower == "the"):
        return UNKNOWN  # people are not "the Santiago Bernabeu"
    names, family = given_names(), surnames()
    first = core[0].split("-")[0]
    if 2 <= count <= 3 and (_initials_without_points(words, family) or _stage_name(words)):
        return PER_MEDIUM
    if count >= 2 and any(w.endswith(".") and len(w) <= 4 for w in lowered[:-1]):
        # "M. Atherton", "J.R. Smith", "Patrick W. Carlineo Jr."; "labelled C. Adult females" is a caption's
        # letter and a common word.
        known = core[-1] in family or core[-1] in names or (len(core) >= 2 and core[0] in names)
        return PER_STRONG if known else PER_WEAK
    if 2 <= count <= 4 and (first in names or core[0] in names):
        return PER_STRONG
    if count == 2 and first in _MODAL_FIRST_NAMES and not span.sentence_initial and core[-1] in family:
        return PER_MEDIUM  # "Will Stevens" inside a sentence; "Will Win" is a headline's question
    if 2 <= count <= 3 and first in EAST_ASIAN_SURNAMES:
        return PER_STRONG
    if 2 <= count <= 3 and _world_first_name(lowered[0]) and looks_like_name(words[1:]):
        # "Thibaut Courtois", "Umberto Eco": a first name from elsewhere, then a name; not "Alston Primary".
        return PER_MEDIUM if lowered[-1] not in _NOT_SURNAME_HEADS else UNKNOWN
    article_led = count >= 2 and "-" in words[-1] and ARABIC_ARTICLE.match(words[-1]) is not None
    if article_led and any(w in names for w in lowered[:-1]):
        return PER_MEDIUM  # "Izzat Ibrahim al-Douri": a given name and an article-led surname
    if span.sentence_initial and first not in names:
        return UNKNOWN  # "Rival Lowe's was lower": a sentence's capital makes any word look like a first name
    surname = core[-1] in family or core[-1].endswith(_SURNAME_ENDINGS)
    if count == 2 and surname and lookup_place(words[-1]) is None and lookup_place(words[0]) is None:
        return PER_MEDIUM
    if count == 1 and not span.sentence_initial:
        if core[0] in family or core[0].endswith(_SINGLE_SURNAME_ENDINGS):
            return PER_WEAK
        if core[0] in names:
            return PER_WEAK
    return UNKNOWN


# A wire service's instrument code: capitals, a lower-case letter or two, a digit ("LCOc1", "CLc1", "HSIc1").
_MARKET_CODE = re.compile(r"[A-Z]{2,}[a-z]{1,2}\d+$")


def _initials_without_points(words: list[str], family: frozenset[str]) -> bool:
    """Tell "J P Hartley" and "K Osei" (two or three words) from a letter before a word: initials, then a name.

    Two letters may open any name-shaped surname; one letter needs a known surname, and "A" or "I" alone
    is an article or a pronoun ("A Smith spokesman", "I Hartley" is no one).
    """
    if len(words[0]) != 1:
        return False  # the common case, told apart before building anything
    *initials, last = words
    if not all(len(w) == 1 and w.isupper() for w in initials):
        return False
    if not is_name_word(last) or last.lower() in _NOT_SURNAME_HEADS:
        return False
    place = lookup_place(last)
    if place is not None and place.kind != "city":
        return False  # "N Ireland", "S Africa": a compass letter before a country or region
    known = unaccented(last.lower()) in family  # "Henderson" is a surname, whatever town shares it
    if len(initials) == 2:
        return known or place is None
    return initials[0] not in ("A", "I") and known


# Capitals that open performers' stage names: "DJ Khaled", "MC Solaar", "FKA Twigs", "ASAP Rocky".
_STAGE_NAME_PREFIXES = frozenset(("DJ", "MC", "FKA", "ASAP", "MF"))


def _stage_name(words: list[str]) -> bool:
    """Tell whether a stage name's capitals open two or three words, then one or two name-shaped words."""
    if words[0] not in _STAGE_NAME_PREFIXES:
        return False
    return looks_like_name(words[1:]) and words[-1].lower() not in _NOT_SURNAME_HEADS


def _world_first_name(lowered: str) -> bool:
    """Tell whether a lower-case word is a given name only the world list knows ("thibaut", "pero")."""
    return lowered not in NAME_PARTICLES and unaccented(lowered) in world_given_names()


# Last words that make "<first name> <word>" a school, venue or body: "Alston Primary", "Milo Academy".
_NOT_SURNAME_HEADS = ORG_HEADS | VENUE_HEADS | MISC_HEADS | word_set("primary secondary junior senior elementary high")
# Given names that are also modal verbs, and so kept off the first-name list.
_MODAL_FIRST_NAMES = word_set("will")


def is_first_name(word: str) -> bool:
    """Tell whether a word is a known given name and no place's name."""
    return word.lower() in given_names() and lookup_place(word) is None
