"""Read a person or a place from the words around a name: roles, ages, kin, captions, prepositions."""

from __future__ import annotations

from collections.abc import Sequence

from bot.facts.evidence import (
    LOC_MEDIUM,
    LOC_STRONG,
    LOC_WEAK,
    ORG_MEDIUM,
    PER_MEDIUM,
    PER_STRONG,
    PER_WEAK,
    UNKNOWN,
    Evidence,
)
from bot.facts.lexicon import (
    GRAMMAR_WORDS,
    PERSON_DESCRIPTORS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from bot.facts.shapes import looks_like_name
from bot.facts.spans import Span
from bot.facts.tokens import Token
from bot.facts.usage import (
    IN_PLACE_WORD,
    NEAR_PLACE,
    POSSESSIVE_DETERMINERS,
    REGION_FOLLOWS,
    ROLE_DETERMINERS,
    describes_a_body,
    place_setting,
)
from bot.text.wordlist import word_set

_ROLE_CUES = ROLE_NOUNS | PERSON_DESCRIPTORS | word_set(
    "leader striker midfielder defender goalkeeper batsman bowler "
    "all-rounder discard hopeful skipper rival opponent"
)
# Letters after a name that only people carry: "Anas Sarwar MP", "Jane Ross QC".
_POSTNOMINALS = frozenset(("MP", "MPs", "QC", "KC", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE", "DBE"))


def _role_follows(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether ", the agency's director-general," style words follow a name."""
    if index < len(tokens) and tokens[index].lower in ("a", "an", "the"):
        index += 1
    for token in tokens[index : index + 7]:
        if token.kind == "num" or token.text == "-":
            continue  # an age: ", a 34-year-old welder,"
        if token.kind != "word" or (token.lower in GRAMMAR_WORDS and token.lower not in ROLE_DETERMINERS):
            return False  # ", as we head into …" is a clause, not an appositive
        if token.lower.endswith("year-old"):
            return True
        if token.lower in ROLE_NOUNS or token.lower.split("-")[0] in ROLE_NOUNS:
            return True
    return False


# Where an unknown name stands (`place_setting`), as evidence for a place.
_PLACE_EVIDENCE = {
    "": UNKNOWN,
    REGION_FOLLOWS: LOC_STRONG,
    IN_PLACE_WORD: LOC_MEDIUM,
    NEAR_PLACE: LOC_WEAK,
}


def _age_follows(words: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether an age is set off after the name: "Lizzi Crawford, 32, tipped the scales"."""
    after = [t.text for t in tokens[span.end : span.end + 3]]
    if len(after) < 3 or after[0] != "," or after[2] != "," or not after[1].isdigit():
        return False
    return 2 <= len(words) <= 3 and 0 < int(after[1]) < 110 and looks_like_name(words)


# Nouns for a person that are no role to report: "a 22-year-old man, Sam Lee, was arrested".
_PERSON_WORDS = word_set("man woman boy girl teenager teen child person resident mother father")


def _after_role_appositive(words: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name after a comma is set off after a role: "Malaysia's foreign minister, Farid Hamzah, said"."""
    start = span.title_start
    if not (1 <= len(words) <= 4 and start >= 2):
        return False
    role = tokens[start - 2]
    if len(words) == 1 and not _kin_of_someone(tokens, start - 2):
        return False  # one word after a role may be a place or a thing; after "his son," it is a given name
    if role.kind != "word" or role.is_capitalized or (role.lower not in ROLE_NOUNS and role.lower not in _PERSON_WORDS):
        return False
    closer = tokens[span.end].text if span.end < len(tokens) else "."
    return closer in (",", ".", ";", "—") and looks_like_name(words)


# Family ties: after "his son," a single capitalised word is the son's given name ("his newborn son, Wil,").
_KIN = word_set(
    "son daughter wife husband mother father brother sister child baby boyfriend girlfriend partner fiancee "
    "fiancé fiancée fiance stepson stepdaughter grandson granddaughter nephew niece"
)


def _kin_of_someone(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether token `index` is a family noun owned by a possessive: "his son", "her newborn daughter"."""
    if tokens[index].lower not in _KIN:
        return False
    before = [t.lower for t in tokens[max(0, index - 2) : index]]
    return bool(before) and (before[-1] in POSSESSIVE_DETERMINERS or before[0] in POSSESSIVE_DETERMINERS)


def context_evidence(words: list[str], tokens: Sequence[Token], span: Span, allow_person: bool = True) -> Evidence:
    """Label a name from its setting: a body's description, a role or age beside it, a caption, a place."""
    end = span.end
    previous = tokens[span.title_start - 1] if span.title_start > 0 else None
    following = tokens[end].lower if end < len(tokens) else ""
    comma = following == ","  # most settings below start with a comma after the name: asked once
    if comma and describes_a_body(tokens, end + 1):
        return ORG_MEDIUM  # "Ascom, a global solutions provider, said"
    if not allow_person:
        return _PLACE_EVIDENCE[place_setting(words, tokens, span)]
    after_comma = previous is not None and previous.text == ","
    if (after_comma and _after_role_appositive(words, tokens, span)) or (comma and _age_follows(words, tokens, span)):
        return PER_STRONG
    postnominal = following.upper() in _POSTNOMINALS and tokens[end].is_upper
    if postnominal and 2 <= len(words) <= 3:
        return PER_STRONG  # "Anas Sarwar MP"
    if previous is not None and previous.lower in _ROLE_CUES and not previous.is_capitalized:
        if following in _CHANNEL_NOUNS:
            return UNKNOWN  # "the star's official Instagram account": a service the person uses, not a name
        return PER_MEDIUM
    if comma and _role_follows(tokens, end + 1):
        return PER_MEDIUM
    if following in SPEECH_VERBS and len(words) <= 3 and not span.sentence_initial:
        return PER_WEAK
    if 2 <= len(words) <= 3 and (comma or following == "("):
        after_the = previous is not None and previous.lower == "the"  # "the Magic Box (left)" is a thing
        pointed_at = not after_the and _placed_in_picture(tokens, end)
        titled = words[0].lower() in _TITLE_OR_ROLE_WORDS  # "Founder Quan Marsh, pictured,": the name is the last two
        if pointed_at and not titled and looks_like_name(words):
            return PER_MEDIUM  # "Myleene Klass, right, during a rally": a caption points at a person
    return _PLACE_EVIDENCE[place_setting(words, tokens, span)]


# A role or title word opening a caption's name is not part of it; the pointer alone cannot split it off.
_TITLE_OR_ROLE_WORDS = ROLE_NOUNS | TITLE_HEADS | TITLE_MODIFIERS | PERSON_DESCRIPTORS

# Words a caption uses to point at someone in the picture: "X (left)", "X, second right,", "X (pictured)".
_PICTURE_POSITIONS = word_set(
    "left right centre center pictured far second third top bottom above below inset front back"
)


def _placed_in_picture(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "(left)" or ", right," follows a name: a photo caption's pointer at a person."""
    if index + 2 >= len(tokens) or tokens[index].text not in ("(", ","):
        return False
    closer = ")" if tokens[index].text == "(" else ","
    words = tokens[index + 1 : index + 3]
    if words[0].lower not in _PICTURE_POSITIONS:
        return False
    if words[1].text == closer or (closer == "," and words[1].text == "."):
        return True
    second = tokens[index + 3] if index + 3 < len(tokens) else None
    return words[1].lower in _PICTURE_POSITIONS and second is not None and second.text == closer


# Nouns after a brand that make it a channel someone posts on: "his official Instagram account".
_CHANNEL_NOUNS = word_set("account accounts page channel feed profile app site website blog post posts story stories")
