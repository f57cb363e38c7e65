"""Tell what a run of capitals says before a person's name: "American Kevin King", "Browns DL Myles Garrett".

Capitalised words run together in news writing: a nationality or a creed ("Scientologist John Travolta"),
a team and a position ("Cleveland DL Larry Ogunjobi"), an outlet and a beat ("CBS Sports NFL Insider Jason
La Canfora"). None of them is part of the name. A first name the lists know, followed by one or two name
words at the end of the run, marks where the person begins; what comes before is split off only when every
word of it is one of those kinds of words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import EAST_ASIAN_SURNAMES, ORG_HEADS, ROLE_NOUNS, VENUE_HEADS, given_names, is_known_org
from bot.facts.shapes import is_demonym
from bot.facts.tokens import Token
from bot.text.wordlist import word_set

# Words for a follower of a party or a creed, written before a name like a nationality ("Democrat Joe Smith").
_ADHERENTS = word_set("democrat republican tory conservative liberal socialist communist catholic protestant")
_MAX_PREFIX = 4  # "CBS Sports NFL Insider"


# What the words before the name are: the person's title, a name of its own, or neither.
TITLE, OWNER, NOTHING = "title", "owner", "nothing"


class Prefix(NamedTuple):
    """Where the person's name starts in the run, and what the words before it are."""

    name_start: int
    kind: str


def descriptor_length(tokens: Sequence[Token], start: int, end: int) -> int:
    """Count a nationality or creed word opening a run before a first and last name: 1, else 0."""
    if not 3 <= end - start <= 4 or tokens[start].possessive or tokens[start + 1].lower not in given_names():
        return 0
    word = tokens[start].lower
    adherent = word in _ADHERENTS or (word.endswith("ist") and len(word) > 5)  # "Scientologist", "Buddhist"
    if not (adherent or is_demonym([tokens[start].text])):
        return 0
    return 1 if _person_follows(tokens, start + 1, end) else 0


def prefix_before_person(tokens: Sequence[Token], start: int, end: int) -> Prefix | None:
    """Find a team, place, outlet or position written before a person's name in one run of capitals."""
    names = given_names()
    for size in range(1, min(_MAX_PREFIX, end - start - 2) + 1):
        first = tokens[start + size].lower
        if first not in names and first not in EAST_ASIAN_SURNAMES:
            continue
        if end - start - size > 3 or not _person_follows(tokens, start + size, end):
            continue
        prefix = tokens[start : start + size]
        title = _title_part(prefix)
        owner = prefix[: len(prefix) - title]
        if owner and not _names_an_owner(owner):
            if title and _is_acronym(prefix[-1]):
                return Prefix(start + size, NOTHING)  # "Browns DL Sheldon Richardson": a position ends the prefix
            continue
        if not owner and title and all(_is_acronym(token) for token in prefix):
            return Prefix(start + size, NOTHING)  # "RIP Stan Freberg", "DL Sheldon Richardson": no role alone
        if title:
            return Prefix(start + size, TITLE)  # "Cleveland DL", "NFL Insider"
        return Prefix(start + size, OWNER)  # "Britain Liu Xiaoming": a place of its own
    return None


def _person_follows(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Tell whether tokens [start, end) read as a first name and one or two more name words."""
    first = tokens[start].lower
    if not 2 <= end - start <= 3 or (first not in given_names() and first not in EAST_ASIAN_SURNAMES):
        return False
    return all(_is_name_word(token) for token in tokens[start + 1 : end])


def _is_name_word(token: Token) -> bool:
    text = token.text.replace("'", "").replace("’", "").replace("-", "").rstrip(".")
    if token.lower in ORG_HEADS or token.lower in VENUE_HEADS:
        return False  # "Queens Park Rangers", "Sheffield Victoria Park": a club or a place, not a surname
    return token.kind == "word" and token.is_capitalized and not token.is_upper and text.isalpha()


def _title_part(prefix: Sequence[Token]) -> int:
    """Count the position or beat closing the prefix: "DL", "QB", "Insider", "Correspondent"."""
    count = 0
    for token in reversed(prefix):
        if token.lower in ROLE_NOUNS or (_is_acronym(token) and _is_position(token)):
            count += 1
        else:
            break
    return count


def _is_acronym(token: Token) -> bool:
    return token.is_upper and token.text.isalpha() and 2 <= len(token.text) <= 5


def _is_position(token: Token) -> bool:
    """Tell an acronym for a position ("DL", "QB") from one for a body or a place ("NFL", "US")."""
    return not is_known_org(token.text) and lookup_place(token.text) is None


def _names_an_owner(words: Sequence[Token]) -> bool:
    """Tell whether words before a name are a place or a body ("Pittsburgh", "New York", "CBS", "NFL")."""
    whole = " ".join(token.text for token in words)
    if lookup_place(whole) is not None or is_known_org(whole):
        return True
    if len(words) >= 2 and words[-1].lower in ORG_HEADS and _owner_word(words[0]):
        return True  # "BBC Radio", "CBS News": a known body and a head noun
    return all(_owner_word(token) for token in words)


def _owner_word(token: Token) -> bool:
    if token.possessive or not token.is_capitalized:
        return False
    return _is_acronym(token) or lookup_place(token.text) is not None or is_known_org(token.text)


def nickname_first_name(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """Return the token range of the first name before a quoted nickname: J.P. "The Big Bopper" Richardson.

    The surname after the nickname is a person's even where it is also a town's ("Richardson", Texas).
    """
    close = start - 1
    if close < 2 or tokens[close].text not in _QUOTE_MARKS or end - start != 1:
        return None
    open_ = next((i for i in range(close - 1, max(0, close - 6), -1) if tokens[i].text in _QUOTE_MARKS), None)
    if open_ is None or open_ == close - 1 or not all(t.is_capitalized for t in tokens[open_ + 1 : close]):
        return None
    last = open_
    first_index = last
    while first_index > 0 and last - first_index < 4 and _initial_or_name(tokens, first_index - 1):
        first_index -= 1
    if first_index == last or tokens[first_index].text == ".":
        return None
    first = tokens[first_index]
    if not (first.lower in given_names() or _INITIALS.match(first.text)):
        return None  # "Yip" or "The Big Bopper" must follow a first name or initials
    return first_index, last


_QUOTE_MARKS = frozenset("\"“”'‘’")
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")


def _initial_or_name(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    if token.text == ".":
        return index > 0 and len(tokens[index - 1].text) == 1  # "E.Y": a full stop between initials
    return token.kind == "word" and token.is_capitalized and not token.possessive
