"""Decide from local evidence whether a capitalised span names a person, place or organisation."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.facts.gazetteer import Place, lookup_place
from bot.facts.lexicon import (
    EAST_ASIAN_SURNAMES,
    GRAMMAR_WORDS,
    MISC_HEADS,
    NAME_PARTICLES,
    ORG_FOR_HEADS,
    ORG_HEADS,
    ORG_OF_HEADS,
    PERSON_DESCRIPTORS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VENUE_HEADS,
    given_names,
    is_known_org,
    surnames,
    world_given_names,
)
from bot.facts.shapes import is_acronym, is_demonym, unaccented
from bot.facts.spans import ARABIC_ARTICLE, Span
from bot.facts.tokens import Token
from bot.facts.usage import (
    CLOSING_QUOTES,
    IN_PLACE,
    IN_PLACE_WORD,
    OPENING_QUOTES,
    REGION_FOLLOWS,
    ROLE_DETERMINERS,
    acts_as_body,
    acts_as_company,
    describes_a_body,
    place_setting,
)
from bot.text.wordlist import word_set

PER, LOC, ORG, MISC = "PER", "LOC", "ORG", "MISC"

# Strength of the evidence behind a label; doc-level resolution lets stronger evidence win.
STRONG, MEDIUM, WEAK = 3, 2, 1

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
_ROLE_CUES = ROLE_NOUNS | PERSON_DESCRIPTORS | word_set(
    "leader striker midfielder defender goalkeeper batsman bowler "
    "all-rounder discard hopeful skipper rival opponent"
)



_ORG_NOUNS = word_set(
    "group newspaper daily broadcaster agency network channel magazine company firm "
    "bank club militia carrier insurer lender retailer automaker startup"
)


@dataclass(frozen=True, slots=True)
class Evidence:
    label: str | None
    strength: int


_UNKNOWN = Evidence(None, 0)


def _words(tokens: Sequence[Token], span: Span) -> list[str]:
    return [t.text for t in tokens[span.start : span.end]]


def _org_evidence(words: list[str], tokens: Sequence[Token], span: Span) -> Evidence:
    name = " ".join(words)
    if is_known_org(name):
        return Evidence(ORG, STRONG)
    if len(words) >= 2 and words[-1].lower() in ORG_HEADS:
        return Evidence(ORG, STRONG)
    if any(
        (a.lower() in ORG_OF_HEADS and b == "of") or (a.lower() in ORG_FOR_HEADS and b == "for")
        for a, b in itertools.pairwise(words)
    ):
        return Evidence(ORG, STRONG)
    following = [t.lower for t in tokens[span.end : span.end + 2]]
    caption_label = span.sentence_initial and len(words) == 1  # "Big group: the cast at the party"
    outlet = following[:1] in (["newspaper"], ["daily"], ["group"]) or following == ["news", "agency"]
    if outlet and not caption_label:
        return Evidence(ORG, STRONG)
    # A set look-up first: the full check below runs only when a body noun is among the next two words.
    body_noun = not caption_label and not _BODY_FOLLOWING_NOUNS.isdisjoint(following)
    if body_noun and _body_noun_follows(tokens, span.end) and _after_the(tokens, span.title_start):
        return Evidence(ORG, MEDIUM)  # "the ruling Syriza party", "the Naqshbandi Order insurgent group"
    previous = tokens[span.title_start - 1].lower if span.title_start > 0 else ""
    owner = span.title_start > 0 and tokens[span.title_start - 1].possessive
    if previous in _ORG_NOUNS and span.title_start == span.start and not owner:
        return Evidence(ORG, MEDIUM)  # "the mercenary group Wagner", "Spanish newspaper Marca"
    if len(words) == 1 and is_acronym(words[0]):
        # Capitals are as often a product, a unit, a ticker or a shouted word ("HDMI", "RRP", "VOTE"): an
        # acronym is a body only where it acts like one; the document may still define it ("… Studies (CIS)").
        return Evidence(ORG, MEDIUM if acts_as_body(tokens, span) else WEAK)
    return Evidence(ORG, MEDIUM) if acts_as_company(tokens, span) else _UNKNOWN


def _not_a_person(words: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether the span's shape or setting rules out a person: a venue, a work's title, a place."""
    names = given_names()
    last, first = words[-1].lower(), words[0].lower()
    if len(words) >= 2 and last in VENUE_HEADS and (first not in names or lookup_place(words[0]) is not None):
        return True  # "Selhurst Park", "Buchanan Street", "Sydney Harbour"; "Brad Hall" stays a person
    if first in ("st", "st.") and len(words) >= 2:
        return True  # "St James", "St Mirren": a saint's name is a place, church or club
    before = tokens[span.title_start - 1].text if span.title_start > 0 else ""
    after = tokens[span.end].text if span.end < len(tokens) else ""
    if before in OPENING_QUOTES and after in CLOSING_QUOTES:
        return True  # 'American Pie', “Modern Family”: the title of a work
    if before in ("@", "#") or (len(words) == 1 and (len(words[0]) == 1 or words[0].isupper())):
        return True  # a handle or hashtag, "Mr X", "MP": people's names are not single letters or capitals
    if before.lower() in _POSSESSIVE_DETERMINERS:
        return True  # "his Red Bull", "her Mercedes": a thing someone has, not a person
    if tokens[span.end - 1].possessive and _full_name_at(tokens, span.end):
        return True  # "Red Bull's Daniel Ricciardo", "Chelsea's John Terry": a team or firm and its person
    return _BRAND_SHAPE.match(words[-1]) is not None or before.lower() in IN_PLACE


_POSSESSIVE_DETERMINERS = word_set("his her their its my our your")
# Lower-case nouns after a name that make it a body's: "the Scottish Labour party", "the Haqqani network".
_BODY_FOLLOWING_NOUNS = word_set("party group network militia movement faction organisation organization")


def _after_the(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "the" opens the phrase, alone or before one adjective: "the ruling Syriza party".

    "a Christmas party" and "a WhatsApp group" name an occasion and a chat, not a body.
    """
    before = [t.lower for t in tokens[max(0, index - 2) : index]]
    return before[-1:] == ["the"] or (len(before) == 2 and before[0] == "the" and before[1] not in GRAMMAR_WORDS)


def _body_noun_follows(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a body noun follows, after at most one adjective: "party", "insurgent group"."""
    for token in tokens[index : index + 2]:
        if token.kind != "word" or token.is_capitalized or token.lower in GRAMMAR_WORDS:
            return False
        if token.lower in _BODY_FOLLOWING_NOUNS:
            return not token.possessive
    return False


def _full_name_at(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a first name and a surname start at `index`."""
    if index + 1 >= len(tokens) or tokens[index].lower not in given_names():
        return False
    return tokens[index].is_capitalized and tokens[index + 1].is_capitalized and tokens[index + 1].kind == "word"


# "SoftBank", "PlayStation": a capital inside a word after a longer stem is a brand's, unlike "McDonald",
# "DiCaprio", "LeBron" or "MacKenzie".
_BRAND_SHAPE = re.compile(r"^(?!Mac)[A-Z][a-z]{2,}[A-Z]")




def _person_evidence(words: list[str], tokens: Sequence[Token], span: Span) -> Evidence:
    lowered = [w.lower() for w in words]
    # Name lists are written without accents: "Díaz" is looked up as "diaz", "José" as "jose".
    core = [
        unaccented(w) for w in lowered if w not in NAME_PARTICLES and not w.endswith(".") and w not in _NAME_SUFFIXES
    ]
    if len(words) == 1 and len(words[0].rstrip(".")) == 1:
        return _UNKNOWN  # "Mr X": an anonymous witness, not a name to list
    if span.has_title:
        return Evidence(PER, STRONG)
    if not core or (span.start > 0 and tokens[span.start - 1].lower == "the"):
        return _UNKNOWN  # people are not "the Santiago Bernabeu"
    names, family = given_names(), surnames()
    first = core[0].split("-")[0]
    if _initials_without_points(words, family) or _stage_name(words):
        return Evidence(PER, MEDIUM)
    if len(words) >= 2 and any(w.endswith(".") and len(w) <= 4 for w in lowered[:-1]):
        # "M. Atherton", "J.R. Smith", "Patrick W. Carlineo Jr."; "labelled C. Adult females" is a caption's
        # letter and a common word.
        known = core[-1] in family or core[-1] in names or (len(core) >= 2 and core[0] in names)
        return Evidence(PER, STRONG if known else WEAK)
    if 2 <= len(words) <= 4 and (first in names or core[0] in names):
        return Evidence(PER, STRONG)
    if len(words) == 2 and first in _MODAL_FIRST_NAMES and not span.sentence_initial and core[-1] in family:
        return Evidence(PER, MEDIUM)  # "Will Stevens" inside a sentence; "Will Win" is a headline's question
    if 2 <= len(words) <= 3 and first in EAST_ASIAN_SURNAMES:
        return Evidence(PER, STRONG)
    if 2 <= len(words) <= 3 and _world_first_name(lowered[0]) and _looks_like_name(words[1:]):
        # "Thibaut Courtois", "Umberto Eco": a first name from elsewhere, then a name; not "Alston Primary".
        return Evidence(PER, MEDIUM) if lowered[-1] not in _NOT_SURNAME_HEADS else _UNKNOWN
    article_led = len(words) >= 2 and "-" in words[-1] and ARABIC_ARTICLE.match(words[-1]) is not None
    if article_led and any(w in names for w in lowered[:-1]):
        return Evidence(PER, MEDIUM)  # "Izzat Ibrahim al-Douri": a given name and an article-led surname
    if span.sentence_initial and first not in names:
        return _UNKNOWN  # "Rival Lowe's was lower": a sentence's capital makes any word look like a first name
    surname = core[-1] in family or core[-1].endswith(_SURNAME_ENDINGS)
    if len(words) == 2 and surname and lookup_place(words[-1]) is None and lookup_place(words[0]) is None:
        return Evidence(PER, MEDIUM)
    if len(words) == 1 and not span.sentence_initial:
        if core[0] in family or core[0].endswith(_SURNAME_ENDINGS[:-2]):
            return Evidence(PER, WEAK)
        if core[0] in names:
            return Evidence(PER, WEAK)
    return _UNKNOWN


def _initials_without_points(words: list[str], family: frozenset[str]) -> bool:
    """Tell "J P Hartley" and "K Osei" from a letter before a word: initials, then a name.

    Two letters may open any name-shaped surname; one letter needs a known surname, and "A" or "I" alone
    is an article or a pronoun ("A Smith spokesman", "I Hartley" is no one).
    """
    *initials, last = words
    if not 1 <= len(initials) <= 2 or not all(len(w) == 1 and w.isupper() for w in initials):
        return False
    if not _is_name_word(last) or last.lower() in _NOT_SURNAME_HEADS:
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
    """Tell whether a stage name's capitals open the span, then one or two name-shaped words."""
    if not 2 <= len(words) <= 3 or words[0] not in _STAGE_NAME_PREFIXES:
        return False
    return _looks_like_name(words[1:]) and words[-1].lower() not in _NOT_SURNAME_HEADS


def _world_first_name(lowered: str) -> bool:
    """Tell whether a lower-case word is a given name only the world list knows ("thibaut", "pero")."""
    return lowered not in NAME_PARTICLES and unaccented(lowered) in world_given_names()


# Last words that make "<first name> <word>" a school, venue or body: "Alston Primary", "Milo Academy".
_NOT_SURNAME_HEADS = ORG_HEADS | VENUE_HEADS | MISC_HEADS | word_set("primary secondary junior senior elementary high")



# Suffixes after a surname that are no part of the name to compare: "Carlos Sainz Jr", "John Smith III".
_NAME_SUFFIXES = word_set("jr sr ii iii iv")
# Given names that are also modal verbs, and so kept off the first-name list.
_MODAL_FIRST_NAMES = word_set("will")
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


def _place_evidence(words: list[str], tokens: Sequence[Token], span: Span) -> Evidence:
    """Turn where an unknown name stands into evidence for a place."""
    setting = place_setting(words, tokens, span)
    if not setting:
        return _UNKNOWN
    return Evidence(LOC, {REGION_FOLLOWS: STRONG, IN_PLACE_WORD: MEDIUM}.get(setting, WEAK))


def _age_follows(words: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether an age is set off after the name: "Lizzi Crawford, 32, tipped the scales"."""
    after = [t.text for t in tokens[span.end : span.end + 3]]
    if len(after) < 3 or after[0] != "," or after[2] != "," or not after[1].isdigit():
        return False
    return 2 <= len(words) <= 3 and 0 < int(after[1]) < 110 and _looks_like_name(words)


# Nouns for a person that are no role to report: "a 22-year-old man, Sam Lee, was arrested".
_PERSON_WORDS = word_set("man woman boy girl teenager teen child person resident mother father")


def _after_role_appositive(words: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name is set off after a role: "Malaysia's foreign minister, Farid Hamzah, said"."""
    start = span.title_start
    if not (1 <= len(words) <= 4 and start >= 2 and tokens[start - 1].text == ","):
        return False
    role = tokens[start - 2]
    if len(words) == 1 and not _kin_of_someone(tokens, start - 2):
        return False  # one word after a role may be a place or a thing; after "his son," it is a given name
    if role.kind != "word" or role.is_capitalized or (role.lower not in ROLE_NOUNS and role.lower not in _PERSON_WORDS):
        return False
    closer = tokens[span.end].text if span.end < len(tokens) else "."
    return closer in (",", ".", ";", "—") and _looks_like_name(words)


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
    return bool(before) and (before[-1] in _POSSESSIVE_DETERMINERS or before[0] in _POSSESSIVE_DETERMINERS)


def _context_evidence(words: list[str], tokens: Sequence[Token], span: Span, allow_person: bool = True) -> Evidence:
    previous = tokens[span.title_start - 1].lower if span.title_start > 0 else ""
    following = tokens[span.end].lower if span.end < len(tokens) else ""
    if following == "," and describes_a_body(tokens, span.end + 1):
        return Evidence(ORG, MEDIUM)  # "Ascom, a global solutions provider, said"
    if not allow_person:
        return _place_evidence(words, tokens, span)
    if _after_role_appositive(words, tokens, span) or _age_follows(words, tokens, span):
        return Evidence(PER, STRONG)
    postnominal = span.end < len(tokens) and tokens[span.end].is_upper and following.upper() in _POSTNOMINALS
    if postnominal and 2 <= len(words) <= 3:
        return Evidence(PER, STRONG)  # "Anas Sarwar MP"
    if previous in _ROLE_CUES and span.title_start > 0 and not tokens[span.title_start - 1].is_capitalized:
        if following in _CHANNEL_NOUNS:
            return _UNKNOWN  # "the star's official Instagram account": a service the person uses, not a name
        return Evidence(PER, MEDIUM)
    if following == "," and _role_follows(tokens, span.end + 1):
        return Evidence(PER, MEDIUM)
    if following in SPEECH_VERBS and len(words) <= 3 and not span.sentence_initial:
        return Evidence(PER, WEAK)
    pointed_at = previous != "the" and _placed_in_picture(tokens, span.end)  # "the Magic Box (left)" is a thing
    titled = words[0].lower() in _TITLE_OR_ROLE_WORDS  # "Founder Quan Marsh, pictured,": the name is the last two
    if 2 <= len(words) <= 3 and pointed_at and not titled and _looks_like_name(words):
        return Evidence(PER, MEDIUM)  # "Myleene Klass, right, during a rally": a caption points at a person
    return _place_evidence(words, tokens, span)


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


# Head nouns of bodies that are also common surnames.
_SURNAME_HEADS = word_set("church force post press times guard bank banks court hall house")
# Last words of administrative areas.
_AREA_HEADS = word_set("county province prefecture borough township parish canton oblast governorate")


def _is_first_name(word: str) -> bool:
    return word.lower() in given_names() and lookup_place(word) is None


def _names_a_team(words: list[str]) -> bool:
    last = words[-1]
    if len(words) < 2 or not last.endswith("s") or last.endswith("ss") or not last[1:].islower():
        return False
    if last.lower() in VENUE_HEADS or last.lower() in _PLACE_PLURALS:
        return False  # "Cayman Islands", "Golan Heights", "Florida Keys"
    if last.lower() in surnames() or words[0].lower() in given_names():
        return False  # "George Soros", "Mila Kunis": a first name that is also a town, and a surname
    return lookup_place(" ".join(words[:-1])) is not None and lookup_place(" ".join(words)) is None


_PLACE_PLURALS = word_set("keys isles heights falls springs lakes mountains plains highlands rapids sands flats downs")


def _place_of(words: list[str]) -> Place | None:
    """Look a span up as a place; capitals in running text are initials, not a city's other name ("DACA")."""
    place = lookup_place(" ".join(words))
    if place is not None and place.kind == "city" and len(words) == 1 and words[0].isupper():
        return None
    return place


def _home_after_age(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name follows ", 32, of" or ", 32, from" after a person: the town they live in."""
    start = span.title_start
    if start < 4 or span.has_title or tokens[start - 1].lower not in ("of", "from"):
        return False
    comma, age, opening = tokens[start - 2], tokens[start - 3], tokens[start - 4]
    if comma.text != "," or age.kind != "num" or opening.text != "," or not age.text.isdigit():
        return False
    return 0 < int(age.text) < 110 and start >= 5 and tokens[start - 5].is_capitalized


def classify_span(tokens: Sequence[Token], span: Span) -> Evidence:
    """Label a span from the words in it and right around it."""
    words = _words(tokens, span)
    name = " ".join(words)
    if is_known_org(name) or name.endswith((".com", ".org", ".net")):
        return Evidence(ORG, STRONG)  # "White House" is not a place, whatever other names a city has
    if _home_after_age(tokens, span):
        return Evidence(LOC, STRONG)  # "Ryan Hollman, 31, of Hope": where someone lives, whatever the word
    last = words[-1].lower()
    if len(words) >= 2:
        if last.endswith("s") and _names_a_team(words):
            return Evidence(ORG, STRONG)  # "Indiana Pacers", "New York Knicks": a town and a plural are a team
        if last in _AREA_HEADS:
            return Evidence(LOC, STRONG)  # "Humboldt County", "Yunnan Province" (a club is relabelled later)
        if len(words) == 2 and last in _SURNAME_HEADS and _is_first_name(words[0]):
            return Evidence(PER, MEDIUM)  # "Julia Church", "Suzi Force": a first name and a surname
    if len(words) >= 2 and last in ORG_HEADS:
        place = lookup_place(name)
        return Evidence(LOC, STRONG) if place is not None else Evidence(ORG, STRONG)
    place = _place_of(words)
    if place is not None and len(words) > 1 and not span.has_title:
        return Evidence(LOC, STRONG)
    if (words[-1].lower() in MISC_HEADS and len(words) >= 2) or is_demonym(words):
        return Evidence(MISC, STRONG)
    org = _org_evidence(words, tokens, span)
    if org.strength == STRONG:
        return org
    if place is not None and not span.has_title:
        strong = place.kind in ("country", "region")
        return Evidence(LOC, STRONG if strong else MEDIUM)
    if not span.has_title and _not_a_person(words, tokens, span):
        return org if org.strength else _context_evidence(words, tokens, span, allow_person=False)
    person = _person_evidence(words, tokens, span)
    if person.strength >= MEDIUM or org.strength:
        if person.strength == org.strength and words[0].lower() not in given_names():
            return org  # "according to Vivelo Hoy": a surname alone does not outweigh how the name is used
        return person if person.strength >= org.strength else org
    context = _context_evidence(words, tokens, span)
    if context.strength > person.strength:
        return context
    if person.label is None and 2 <= len(words) <= 3 and not span.sentence_initial and _looks_like_name(words):
        return Evidence(PER, WEAK)
    return person


def _looks_like_name(words: list[str]) -> bool:
    """Tell whether unknown capitalised words could be a first and last name."""
    return all(_is_name_word(w) and lookup_place(w) is None for w in words)


# "Smith", "O'Donnell", "McGowan", "Louis-Dreyfus": a capital, then lower case with the odd inner capital.
_NAME_PREFIX = re.compile(r"^(?:O['’]|Mc|Mac|D['’])")


def _is_name_word(word: str) -> bool:
    """Tell whether a word is shaped like a name, in any Latin alphabet ("Özil", "Łukasz", "Dvořák")."""
    parts = _NAME_PREFIX.sub("", word).split("-")
    shaped = all(len(p) >= 2 and p[0].isupper() and p[1:].isalpha() and p[1:].islower() for p in parts)
    return len(parts) <= 2 and shaped
