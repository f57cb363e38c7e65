"""Decide from local evidence whether a capitalised span names a person, place or organisation."""

from __future__ import annotations

from collections.abc import Sequence

from bot.facts.context_evidence import context_evidence
from bot.facts.evidence import (
    LOC,
    LOC_MEDIUM,
    LOC_STRONG,
    MEDIUM,
    MISC,
    MISC_STRONG,
    ORG,
    ORG_MEDIUM,
    ORG_STRONG,
    ORG_WEAK,
    PER,
    PER_MEDIUM,
    PER_WEAK,
    STRONG,
    UNKNOWN,
    WEAK,
    Evidence,
)
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    GRAMMAR_WORDS,
    MISC_HEADS,
    ORG_FOR_HEADS,
    ORG_HEADS,
    ORG_OF_HEADS,
    VENUE_HEADS,
    given_names,
    is_known_org,
    surnames,
)
from bot.facts.person_evidence import is_first_name, person_evidence
from bot.facts.shapes import is_acronym, is_brand_shaped, is_demonym, looks_like_name
from bot.facts.spans import Span
from bot.facts.tokens import LOWER_OF, TEXT_OF, Token
from bot.facts.usage import (
    CLOSING_QUOTES,
    IN_PLACE,
    OPENING_QUOTES,
    POSSESSIVE_DETERMINERS,
    acts_as_body,
    acts_as_company,
)
from bot.text.wordlist import word_set

# The label and strength names stay importable from here, where the rest of the facts package looks for them.
__all__ = ["LOC", "MEDIUM", "MISC", "ORG", "PER", "STRONG", "WEAK", "Evidence", "classify_span"]

_ORG_NOUNS = word_set(
    "group newspaper daily broadcaster agency network channel magazine company firm "
    "bank club militia carrier insurer lender retailer automaker startup"
)


def _strong_org(words: list[str], lowered: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether the span is surely a body's name: "Bank of …", "Institute for …", "the X newspaper"."""
    if ("of" in words or "for" in words) and any(
        (a in ORG_OF_HEADS and b == "of") or (a in ORG_FOR_HEADS and b == "for")
        for a, b in zip(lowered, words[1:], strict=False)
    ):
        return True
    end, count = span.end, len(tokens)
    following = tokens[end].lower if end < count else ""
    caption_label = span.sentence_initial and len(words) == 1  # "Big group: the cast at the party"
    if following == "news":
        return not caption_label and end + 1 < count and tokens[end + 1].lower == "agency"
    return following in ("newspaper", "daily", "group") and not caption_label


def _org_evidence(words: list[str], tokens: Sequence[Token], span: Span) -> Evidence:
    """Weigh the span as a body's name, short of sure (`_strong_org` has said no): MEDIUM, WEAK or UNKNOWN."""
    end, count = span.end, len(tokens)
    following = tokens[end].lower if end < count else ""
    second = tokens[end + 1].lower if end + 1 < count else ""
    caption_label = span.sentence_initial and len(words) == 1  # "Big group: the cast at the party"
    # A set look-up first: the full check below runs only when a body noun is among the next two words.
    body_noun = not caption_label and (following in _BODY_FOLLOWING_NOUNS or second in _BODY_FOLLOWING_NOUNS)
    if body_noun and _body_noun_follows(tokens, end) and _after_the(tokens, span.title_start):
        return ORG_MEDIUM  # "the ruling Syriza party", "the Naqshbandi Order insurgent group"
    if span.title_start > 0:
        before = tokens[span.title_start - 1]
        if before.lower in _ORG_NOUNS and span.title_start == span.start and not before.possessive:
            return ORG_MEDIUM  # "the mercenary group Wagner", "Spanish newspaper Marca"
    # An acronym is all capitals: `isupper` turns most words away before a call and a pattern match.
    if len(words) == 1 and words[0].isupper() and is_acronym(words[0]):
        # Capitals are as often a product, a unit, a ticker or a shouted word ("HDMI", "RRP", "VOTE"): an
        # acronym is a body only where it acts like one; the document may still define it ("… Studies (CIS)").
        return ORG_MEDIUM if acts_as_body(tokens, span) else ORG_WEAK
    return ORG_MEDIUM if acts_as_company(tokens, span) else UNKNOWN


def _not_a_person(words: list[str], lowered: list[str], tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether the span's shape or setting rules out a person: a venue, a work's title, a place."""
    last, first = lowered[-1], lowered[0]
    several = len(words) >= 2
    if several and last in VENUE_HEADS and (first not in given_names() or lookup_place(words[0]) is not None):
        return True  # "Selhurst Park", "Buchanan Street", "Sydney Harbour"; "Brad Hall" stays a person
    if several and first in ("st", "st."):
        return True  # "St James", "St Mirren": a saint's name is a place, church or club
    before = tokens[span.title_start - 1] if span.title_start > 0 else None
    before_text = before.text if before is not None else ""
    before_lower = before.lower if before is not None else ""
    if before_text in OPENING_QUOTES and span.end < len(tokens) and tokens[span.end].text in CLOSING_QUOTES:
        return True  # 'American Pie', “Modern Family”: the title of a work
    if before_text in ("@", "#") or (not several and (len(words[0]) == 1 or words[0].isupper())):
        return True  # a handle or hashtag, "Mr X", "MP": people's names are not single letters or capitals
    if before_lower in POSSESSIVE_DETERMINERS:
        return True  # "his Red Bull", "her Mercedes": a thing someone has, not a person
    if tokens[span.end - 1].possessive and _full_name_at(tokens, span.end):
        return True  # "Red Bull's Daniel Ricciardo", "Chelsea's John Terry": a team or firm and its person
    # A brand's inner capital is no lower-case letter: most words are lower case after the first letter.
    brand = not words[-1][1:].islower() and is_brand_shaped(words[-1])
    return brand or before_lower in IN_PLACE


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


# Head nouns of bodies that are also common surnames.
_SURNAME_HEADS = word_set("church force post press times guard bank banks court hall house")
# Last words of administrative areas.
_AREA_HEADS = word_set("county province prefecture borough township parish canton oblast governorate")


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


def _home_after_age(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name follows ", 32, of" or ", 32, from" after a person: the town they live in."""
    start = span.title_start
    if start < 4 or span.has_title or tokens[start - 1].lower not in ("of", "from"):
        return False
    comma, age, opening = tokens[start - 2], tokens[start - 3], tokens[start - 4]
    if comma.text != "," or age.kind != "num" or opening.text != "," or not age.text.isdigit():
        return False
    return 0 < int(age.text) < 110 and start >= 5 and tokens[start - 5].is_capitalized


_WEB_SUFFIXES = (".com", ".org", ".net")


def classify_span(tokens: Sequence[Token], span: Span) -> Evidence:
    """Label a span from the words in it and right around it."""
    # Each token's lower-case form was made by the tokenizer: the words are read once here, not per rule.
    named = tokens[span.start : span.end]
    words = list(map(TEXT_OF, named))
    lowered = list(map(LOWER_OF, named))
    name = " ".join(words)
    if is_known_org(name) or name.endswith(_WEB_SUFFIXES):
        return ORG_STRONG  # "White House" is not a place, whatever other names a city has
    if span.title_start >= 4 and _home_after_age(tokens, span):
        return LOC_STRONG  # "Ryan Hollman, 31, of Hope": where someone lives, whatever the word
    last = lowered[-1]
    several = len(words) >= 2
    if several:
        if last.endswith("s") and _names_a_team(words):
            return ORG_STRONG  # "Indiana Pacers", "New York Knicks": a town and a plural are a team
        if last in _AREA_HEADS:
            return LOC_STRONG  # "Humboldt County", "Yunnan Province" (a club is relabelled later)
        if len(words) == 2 and last in _SURNAME_HEADS and is_first_name(words[0]):
            return PER_MEDIUM  # "Julia Church", "Suzi Force": a first name and a surname
        if last in ORG_HEADS:
            return LOC_STRONG if lookup_place(name) is not None else ORG_STRONG
    place = lookup_place(name)
    if place is not None and place.kind == "city" and not several and words[0].isupper():
        place = None  # capitals in running text are initials, not a city's other name ("DACA")
    titled = span.title_start < span.start
    if place is not None and several and not titled:
        return LOC_STRONG
    if (several and last in MISC_HEADS) or is_demonym(words):
        return MISC_STRONG
    if _strong_org(words, lowered, tokens, span):
        return ORG_STRONG
    if place is not None and not titled:
        return LOC_STRONG if place.kind in ("country", "region") else LOC_MEDIUM
    org = _org_evidence(words, tokens, span)
    if not titled and _not_a_person(words, lowered, tokens, span):
        return org if org.strength else context_evidence(words, tokens, span, allow_person=False)
    person = person_evidence(words, lowered, tokens, span)
    if person.strength >= MEDIUM or org.strength:
        if person.strength == org.strength and lowered[0] not in given_names():
            return org  # "according to Vivelo Hoy": a surname alone does not outweigh how the name is used
        return person if person.strength >= org.strength else org
    context = context_evidence(words, tokens, span)
    if context.strength > person.strength:
        return context
    if person.label is None and 2 <= len(words) <= 3 and not span.sentence_initial and looks_like_name(words):
        return PER_WEAK
    return person
