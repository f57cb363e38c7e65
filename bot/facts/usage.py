"""Read what an unknown name is from how its sentence uses it: a company, a body, a place.

"WeWork's employees", "told The Wrap", "the NYPD said", ", a global solutions provider," and
"a disturbance in Airdrie" name nothing a list knows; the words around the name say what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    BODY_FOLLOWERS,
    GRAMMAR_WORDS,
    ORG_HEADS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    given_names,
)
from bot.facts.spans import Span
from bot.facts.tokens import Token
from bot.text.wordlist import word_set

# Where a name stands, from strongest to weakest sign of a place.
REGION_FOLLOWS, IN_PLACE_WORD, NEAR_PLACE = "region follows", "in place", "near place"
# Prepositions that put a name somewhere: after them a name is a place or a venue, not a person.
IN_PLACE = word_set("in near outside inside across throughout")
_LOC_PREPOSITIONS = word_set("in at near from outside inside across toward towards around")
ROLE_DETERMINERS = word_set("a an the his her its their our former")
POSSESSIVE_DETERMINERS = word_set("his her their its my our your")
OPENING_QUOTES = frozenset("\"“‘'")
CLOSING_QUOTES = frozenset("\"”’'")


def acts_as_company(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name is used as a company or an outlet: "WeWork's employees", "told The Wrap"."""
    end = span.end
    following = tokens[end].lower if end < len(tokens) else ""
    if tokens[end - 1].possessive:
        return following in _CORPORATE_NOUNS
    if following in ("shares", "stock"):
        return True
    if following == "." and end + 1 < len(tokens) and tokens[end + 1].lower == "com":
        return True
    index = span.title_start - 1
    if index >= 0 and tokens[index].lower == "the":
        index -= 1
    if index < 0:
        return False
    previous = tokens[index].lower
    single = span.end - span.start == 1
    first = tokens[span.start].lower
    masthead = single and first in ORG_HEADS and tokens[span.start - 1].lower == "the"  # "the Telegraph"
    if single and not masthead and (first in given_names() or tokens[span.start - 1].lower == "the"):
        return False  # "according to Lucy" is a person; "told the Post" is too short a name to list
    if previous == "via" and not single and not (span.end < len(tokens) and tokens[span.end].kind == "num"):
        return True  # "via USA Today", not "via Class 1"
    if previous == "told" or (previous == "to" and index > 0 and tokens[index - 1].lower == "according"):
        return True  # whom a person tells or whom a fact is credited to, when not a person, is an outlet
    if previous == "of" and index > 0 and tokens[index - 1].lower == "shares":
        return True
    role = tokens[index - 1] if index > 0 else None
    if role is None or role.is_capitalized or role.lower not in ROLE_HEADS:
        return False  # "Minister for Magic", "Head of Research" are titles, not a job at a company
    return previous in ("at", "with") or (previous in ("of", "for") and role.lower in _COMPANY_ROLES)


# Roles that belong to a company, so "the chief executive of X" makes X one.
_COMPANY_ROLES = word_set(
    "ceo founder co-founder owner chairman chairwoman president executive boss spokesman spokeswoman "
    "spokesperson"
)


# What a company has that a person does not: "Home Depot's shares", "WeWork's employees".
_CORPORATE_NOUNS = word_set(
    "shares stock employees staff workers headquarters ceo chief founder co-founder chairman board revenue "
    "sales profit profits earnings stores customers subsidiary parent spokesman spokeswoman spokesperson "
    "executives shareholders investors valuation"
)


def acts_as_body(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether an acronym is used as an organisation: "the NYPD said", "told WABC", "ECB chairman"."""
    following = tokens[span.end].lower if span.end < len(tokens) else ""
    if following in SPEECH_VERBS or following in BODY_FOLLOWERS or following in ROLE_NOUNS:
        return True
    if following == ")" and span.start >= 2 and tokens[span.start - 1].text == "(":
        return tokens[span.start - 2].is_capitalized  # "Federal Office for Information Security (BSI)"
    if tokens[span.start].possessive:
        return following in ROLE_NOUNS or following in _ROLE_MODIFIER_CUES
    index = span.start - 1
    if index >= 0 and tokens[index].lower == "the":
        index -= 1
    if index < 0:
        return False
    previous = tokens[index].lower
    if previous in _BODY_VERBS:
        return True
    return previous in _BODY_LINKS and index > 0 and tokens[index - 1].lower in ROLE_NOUNS


_ROLE_MODIFIER_CUES = word_set("new former chief senior top deputy acting")
# Verbs and prepositions whose object is a body: "told TMZ", "a report by the IMF", "a suit against the NFL".
_BODY_VERBS = word_set("told by joined against sued")
# "chief executive of the BPCA", "analyst at JLL", "spokesman for BTB".
_BODY_LINKS = word_set("of at for from with")


def describes_a_body(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether ", a global producer of medical technology," describes a company or body, not a person."""
    if index < len(tokens) and tokens[index].lower in ("a", "an", "the", "its"):
        index += 1
    head = ""
    for token in tokens[index : index + 6]:
        if token.kind != "word" or token.lower in ("of", "for", "with", "that", "which", "based"):
            break  # the appositive's head noun comes before its complement: "a producer of …"
        if token.lower in GRAMMAR_WORDS and token.lower not in ROLE_DETERMINERS:
            return False
        head = token.lower
    return head in _BODY_NOUNS


# Nouns an appositive uses for a company or a body; a person is never "a global solutions provider".
_BODY_NOUNS = word_set(
    "company firm provider producer maker manufacturer supplier retailer operator chain brand startup start-up "
    "giant conglomerate group lender insurer carrier charity organisation organization agency developer "
    "publisher broadcaster network outlet website site platform app subsidiary unit division"
)


def place_setting(words: list[str], tokens: Sequence[Token], span: Span) -> str:
    """Read where an unknown name stands: REGION_FOLLOWS ("Petaluma, California"), IN_PLACE ("in Airdrie"),
    NEAR_PLACE (after a weaker preposition such as "from") or "" when nothing places it."""
    if len(words) > 2 or not all(map(_PLACE_WORD.match, words)):  # map, not a generator: asked of most names
        return ""
    previous = tokens[span.title_start - 1].lower if span.title_start > 0 else ""
    if _region_follows(tokens, span.end):
        return REGION_FOLLOWS
    if span.end < len(tokens) and tokens[span.end].text == "province":
        return IN_PLACE_WORD  # "sent to Kandar province": the word the place is named with
    if previous in IN_PLACE:  # asked first: most names follow no such preposition
        numbered = span.end < len(tokens) and tokens[span.end].kind == "num"  # "District 8", "Apollo 10"
        first_name = words[0].lower() in given_names()
        if not first_name and not numbered and not _in_a_title(tokens, span):
            return NEAR_PLACE if _holding_in(tokens, span) else IN_PLACE_WORD
    return NEAR_PLACE if previous in _LOC_PREPOSITIONS else ""


def _holding_in(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether "in X" follows shares or a stake: "Shares in Halvorsen rose" is about a company."""
    index = span.title_start - 2
    return index >= 0 and tokens[index].lower in ("shares", "stake", "stakes", "investment", "invested")


def _in_a_title(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether "in X" is part of a title in capitals ("Back in Action", “Lost in Space”)."""
    after = tokens[span.end].text if span.end < len(tokens) else ""
    if after in CLOSING_QUOTES:
        return True
    index = span.title_start - 2  # the word before "in"
    while index >= 0 and span.title_start - index <= 9 and _in_title_case(tokens[index]):
        index -= 1
    return index >= 0 and index < span.title_start - 2 and tokens[index].text in OPENING_QUOTES


def _in_title_case(token: Token) -> bool:
    return token.is_capitalized or token.lower in ("the", "a", "an", "of", "and", "to", "in", "on", "for")


_PLACE_WORD = re.compile(r"^[A-Z][a-zà-ÿ]+(?:-[A-Za-zà-ÿ]+)*$")


def _region_follows(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether ", California" or ", Utah" follows: the name before it is a town in that state or country."""
    if index + 1 >= len(tokens) or tokens[index].text != ",":
        return False
    for size in (2, 1):
        region = tokens[index + 1 : index + 1 + size]
        named = all(t.is_capitalized and t.kind == "word" for t in region)
        if len(region) < size or not named or region[-1].possessive:
            continue
        following = tokens[index + 1 + size].text if index + 1 + size < len(tokens) else "."
        place = lookup_place(" ".join(t.text for t in region))
        if place is not None and place.kind in ("subdivision", "country") and not following[:1].isupper():
            return True
    return False
