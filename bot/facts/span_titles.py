"""Count the title words that open a run of capitals before a name: "Prime Minister", "U.S. Defense Secretary"."""

from __future__ import annotations

from collections.abc import Sequence

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    MISC_HEADS,
    ORG_HEADS,
    PERSON_DESCRIPTORS,
    ROLE_HEADS,
    ROLE_NOUNS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VENUE_HEADS,
    given_names,
    surnames,
)
from bot.facts.shapes import is_demonym
from bot.facts.tokens import Token


def title_length(tokens: Sequence[Token], start: int, end: int, initial: bool) -> int:
    """Count leading title tokens ("Prime Minister", "Mr.") that leave a name after them in a run of two or more."""
    inner = _inner_title_length(tokens, start, end)
    if inner:
        return inner  # the title runs to its last head word: "Deputy Kent County Attorney Mark Hollis"
    index = start
    if initial and end - start >= 3:
        first, second = tokens[start].lower, tokens[start + 1].lower.rstrip(".")
        if first in ROLE_HEADS and second != "of" and second not in _TITLE_OR_MODIFIER:
            return 1  # "Striker Alan Shearer" at the start of a sentence; "Deputy Foreign Minister X" is one title
        described = first in ROLE_NOUNS or first in PERSON_DESCRIPTORS
        if described and tokens[start + 1].lower in given_names():
            return 1  # "Singer Mabel Jordan", "Schoolboy Frankie Franz"; "Star Trek Beyond" has no first name
        if described and end - start == 3 and _surname_after_unknown_first(tokens[start + 1], tokens[end - 1]):
            return 1  # "Trainer Jonjo O'Neill": a first name the lists lack, then a known surname
    while index < end - 2 and is_demonym([tokens[index].text]) and not tokens[index].possessive:
        index += 1
    # The last two words are left to the title head and the name: "Lord Justice Patten", "Attorney General Barr".
    last_modifier = end - 2 if end - start >= 3 else end - 1  # "General Election" has no name after its title
    while index < last_modifier and tokens[index].lower.rstrip(".") in TITLE_MODIFIERS:
        if end - index >= 3 and tokens[index + 1].lower in given_names():
            break  # "Lt. Tom Reyes": a rank that may also modify ("Lt. Col.") is the title of a full name here
        index += 1
    if index < end - 1 and tokens[index].lower.rstrip(".") in _TITLE_WORDS:
        if end - index == 2 and not _looks_like_name_word(tokens[index + 1]):
            return 0  # "Premier League", "General Motors": a name that starts with a title word
        if index + 1 < end and tokens[index + 1].lower == "of":
            # "Secretary of State Antony Blinken"; "King of Clubs" names nobody.
            return index + 3 - start if index + 3 < end else 0
        return index + 1 - start
    return 0  # an inner title was looked for first


def _surname_after_unknown_first(first: Token, last: Token) -> bool:
    """Tell whether two words read as a first name and a surname although the first is on no list."""
    if not (_looks_like_name_word(first) and _looks_like_name_word(last)) or first.possessive:
        return False
    if first.lower in _NOT_FIRST_NAMES or first.lower.endswith(("ing", "ly")):
        return False  # "Pilot Flying Jones": a common word, not a first name
    surname = last.lower.replace("'", "").replace("’", "")
    return surname in surnames() and lookup_place(last.text) is None and lookup_place(first.text) is None


def _inner_title_length(tokens: Sequence[Token], start: int, end: int) -> int:
    """Count the tokens up to a title inside the run ("U.S. Defense Secretary", "Indiana Pacers President").

    What comes before the title belongs to the role, not the name: "U.S. Defense Secretary Mark Esper" is
    Mark Esper. Only a title followed by what looks like a first and last name counts.
    """
    for index in range(end - 3, start, -1):
        if tokens[index].lower.rstrip(".") not in _TITLE_WORDS or tokens[index].possessive:
            continue
        title_end = index + 3 if tokens[index + 1].lower == "of" else index + 1  # "US Secretary of State"
        name = tokens[title_end:end]
        if all(_looks_like_name_word(token) for token in name) and 2 <= len(name) <= 3:
            return title_end - start
        return 0
    return 0


def _looks_like_name_word(token: Token) -> bool:
    text = token.text
    return (
        token.kind == "word"
        and token.is_capitalized
        and not token.is_upper
        and token.lower.rstrip(".") not in _TITLE_WORDS
        and token.lower not in ORG_HEADS
        and (text.replace("'", "").replace("’", "").replace("-", "").isalpha() or text.endswith("."))
    )


_TITLE_WORDS = TITLE_HEADS | HONORIFICS
_TITLE_OR_MODIFIER = _TITLE_WORDS | TITLE_MODIFIERS
_NOT_FIRST_NAMES = ROLE_NOUNS | VENUE_HEADS | MISC_HEADS | FUNCTION_WORDS | CALENDAR_WORDS
