"""Read the role written around a person's name: "Russia's defense minister, Sergei Shoigu,"."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence

from bot.facts.entities import Mention
from bot.facts.evidence import ORG
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    GRAMMAR_WORDS,
    HONORIFICS,
    NAME_BREAKERS,
    PERSON_DESCRIPTORS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_HEADS,
)
from bot.facts.shapes import is_demonym
from bot.facts.tokens import LOWER_OF, START_OF, Token, tokenize
from bot.text.wordlist import word_set

# Lower-case words that may stand inside a role before its head noun.
_ROLE_MODIFIERS = word_set(
    "chief deputy national security defense defence foreign prime vice senior top former general "
    "executive assistant acting interim supreme military political economic finance trade interior "
    "justice health energy state press communications policy intelligence opposition spiritual "
    "party team club special main junior associate managing commanding regional local federal "
    "provincial presidential ruling first second lead principal permanent white house government "
    "cabinet armed forces naval air army navy police public affairs chair vice-chair defense cabinet "
    "country's nation's company's the a an its his her their our"
)
# Bodies a role may belong to, written in lower case: "the club's manager", "the company's founder".
_OWNER_NOUNS = word_set(
    "club company team party government agency league firm group council school "
    "university union band board bank ministry department force"
)
# Ties to another person: before "of" they say whose relative or friend someone else is ("the son of X").
_RELATIONS = word_set(
    "son daughter wife husband mother father brother sister child children friend girlfriend boyfriend "
    "partner widow widower fiancee fiancée fiance fiancé grandson granddaughter grandmother grandfather "
    "nephew niece cousin uncle aunt stepson stepdaughter stepfather stepmother opponent rival fan ally victim"
)
_ARTICLES = word_set("the a an")
# Determiners a role reads better without: "Its spokeswoman" is a "spokeswoman".
_LEADING_WORDS = _ARTICLES | word_set("its his her their our")
_ROLE_PREPOSITIONS = word_set("for of at with")
_TAIL_PREPOSITIONS = _ROLE_PREPOSITIONS | word_set("in to on from")  # what may follow a role's noun
_CLAUSE_WORDS = word_set("who which that said says told and but")
_MAX_OBJECT_WORDS = 5  # "spokesman for its foreign ministry"
_NOT_ROLES = HONORIFICS - TITLE_HEADS | PERSON_DESCRIPTORS | word_set("mr mrs ms miss messrs dr sir dame")
# A judge's courtesy title ("Lord Justice Patten") is a form of address, not a role the text states.
_COURTESY_JUDGES = frozenset(("lord justice", "lady justice", "mr justice", "mrs justice", "ms justice"))
_NOT_TITLE_ROLES = _NOT_ROLES | _COURTESY_JUDGES  # joined once, not for every title read
_MAX_ROLE_WORDS = 10
_CAPITAL_HEADS = TITLE_HEADS | ROLE_HEADS  # "the U.S. Attorney", "the Prime Minister"
_MAX_AFTER_WORDS = 14  # "a senior fellow at the Institute of Strategic and International Studies in Kuala Lumpur"


def _token_index_at(tokens: Sequence[Token], offset: int) -> int:
    """Return the index of the first token that starts at or after an offset (tokens are in order)."""
    return bisect_left(tokens, offset, key=START_OF)




# Words a role never holds: comparisons and verbs that a name's neighbours often are ("than", "hopes").
_NOT_IN_ROLES = word_set("than as like via per whose hopes wants says saw sees met meets")


def _may_describe_role(token: Token) -> bool:
    """Tell whether a word can stand inside a role ("senior diplomatic adviser"), not a verb or a preposition."""
    if token.lower in _ROLE_MODIFIERS or token.lower in ROLE_NOUNS:
        return True
    return (
        not token.is_capitalized
        and token.lower not in GRAMMAR_WORDS
        and token.lower not in _NOT_IN_ROLES
        and token.lower not in SPEECH_VERBS
        and not token.lower.endswith(("ed", "ing", "ly", "-old"))  # "19-year-old" is an age, not a role
    )


def _head_end(tokens: Sequence[Token], end: int) -> int:
    """Return where the role noun ends: `end` itself, or before "for transport" in "member for transport"."""
    for index in range(end - 1, max(0, end - _MAX_OBJECT_WORDS - 1), -1):
        token = tokens[index]
        if token.kind != "word" or token.possessive or token.lower in _CLAUSE_WORDS:
            return end
        if token.lower in _ROLE_PREPOSITIONS and index < end - 1:
            head = tokens[index - 1] if index > 0 else None
            if head is not None and _is_role_head(head):
                return index
            return end
    return end


def _is_role_head(token: Token) -> bool:
    # "CEO" in capitals is the role noun it abbreviates; other capitals open a name.
    return token.kind == "word" and (not token.is_capitalized or token.is_upper) and token.lower in ROLE_NOUNS


def _phrase_before(tokens: Sequence[Token], end: int, sentence: str, mentions: Sequence[Mention]) -> str | None:
    """Read a role phrase ending at token `end - 1` backwards; None unless it ends in a role noun."""
    if end <= 0 or ROLE_NOUNS.isdisjoint(map(LOWER_OF, tokens[max(0, end - _MAX_OBJECT_WORDS - 1) : end])):
        return None  # no role noun where `_head_end` may put the head (most names), told in C
    set_off = end < len(tokens) and tokens[end].text == ","
    # Set off by a comma, the whole phrase is the role: "a close friend of the singer, Sam Hart,"; before
    # the name, the nearest noun is: "the wife of the coach John Smith" names the coach.
    head_end = end if _is_role_head(tokens[end - 1]) and not set_off else _head_end(tokens, end)
    if not _is_role_head(tokens[head_end - 1]):
        return None
    start = head_end - 1
    owned = False  # once an owner's name is read ("Penn State"), only role modifiers may come before it
    while start > 0 and end - start < _MAX_ROLE_WORDS:
        token = tokens[start - 1]
        if token.lower in _LEADING_WORDS and not token.possessive:
            break  # "she became the actor X": an article or determiner opens the role; what is before it is not
        if owned and (token.is_capitalized or token.lower not in _ROLE_MODIFIERS):
            break  # "beat Arsenal striker X": a verb before the owner is no part of the role
        if _names_an_owner(tokens, start - 1) and not owned:
            start, owned = _name_start(tokens, start - 1, mentions), True  # "Penn State quarterback"
            continue
        if token.kind == "word" and not token.possessive and _may_describe_role(token):
            start -= 1
        elif token.lower == "and" and start >= 2 and _is_role_head(tokens[start - 2]):
            start -= 1  # "founder and former CEO": two roles of one person
        elif token.kind == "word" and token.is_capitalized and (token.possessive or is_demonym([token.text])):
            start = _owner_start(tokens, start - 1, mentions)
            break
        elif token.possessive and token.lower in _OWNER_NOUNS:
            start -= 1  # "the club's manager": the owner opens the phrase
            break
        else:
            break
    while start < head_end - 1 and tokens[start].lower in _LEADING_WORDS:
        start += 1
    if head_end < end and not set_off and tokens[head_end - 1].lower in _RELATIONS:
        return None  # "the son of Attorney General X": the son is someone else; X is whom he is the son of
    return sentence[tokens[start].start : tokens[end - 1].end]


def _name_start(tokens: Sequence[Token], index: int, mentions: Sequence[Mention]) -> int:
    """Step back over the capitalised words of a name ending at `index` ("Liberal Democrat").

    A name found there ends the walk: in "at Crystal Palace Manchester City captain X" a caption glued
    two names, and only the second is the captain's club.
    """
    first = index
    while first > 0 and index - first < _MAX_NAME_WORDS - 1 and _continues_a_name(tokens[first - 1]):
        first -= 1
    if index - first == _MAX_NAME_WORDS - 1:
        first = index - 1  # four capitals in a row are two names glued by a caption: the club is the last two
    offset = tokens[index].start
    named = next((m for m in mentions if m.start <= offset < m.end), None)
    if named is not None:
        first = max(first, _token_index_at(tokens, named.start))
    return first


_MAX_NAME_WORDS = 4  # "Queens Park Rangers" is one owner; "Crystal Palace Manchester City" two
# Last words of a place's landscape or street name: such a name never owns a role ("Hudson River", "Oak Street").
_FEATURE_WORDS = word_set(
    "river lake sea ocean bay creek valley canyon mountain mountains hill hills island islands beach coast "
    "desert forest street road avenue lane boulevard highway bridge square"
)


def _continues_a_name(token: Token) -> bool:
    if token.kind != "word" or not token.is_capitalized or token.possessive:
        return False
    return token.lower not in FUNCTION_WORDS and token.lower not in CALENDAR_WORDS and token.lower not in NAME_BREAKERS


def _names_an_owner(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a capital before a role noun names whom the role is with ("Everton manager").

    A capital role word ("Chief", "Former") is a modifier unless it ends a longer name ("Penn State").
    """
    token = tokens[index]
    if not _continues_a_name(token) or _is_role_head(token) or is_demonym([token.text]):
        return False
    return token.lower not in _ROLE_MODIFIERS or (index > 0 and _continues_a_name(tokens[index - 1]))


def _owner_start(tokens: Sequence[Token], index: int, mentions: Sequence[Mention]) -> int:
    """Step back over a whole owner name, title included ("President Biden's", "North Korea's")."""
    offset = tokens[index].start
    for mention in mentions:
        if mention.start <= offset < mention.end:
            first = mention.title_offset if mention.title_offset >= 0 else mention.start
            index = _token_index_at(tokens, first)
            break
    else:
        while index > 0 and tokens[index - 1].is_capitalized and not tokens[index - 1].possessive:
            index -= 1
    if index >= 2 and tokens[index - 1].lower == "of" and _continues_a_name(tokens[index - 2]):
        index -= 2  # "the Duchess of Cambridge's close friend": the owner is the duchess, not Cambridge
    return index


def _appositive(tokens: Sequence[Token], first: int, sentence: str) -> str | None:
    """Read a role phrase starting at token `first`; None unless it ends in a role noun before punctuation.

    A title in capitals heads the role only when no lower-case role noun does: ", the U.S. Attorney for …,".
    """
    role = _appositive_role(tokens, first, sentence, titled=False)
    if role is None and first < len(tokens) and tokens[first].lower == "the" and _titles_follow(tokens, first):
        role = _appositive_role(tokens, first, sentence, titled=True)
    return role


def _titles_follow(tokens: Sequence[Token], first: int) -> bool:
    return any(t.is_capitalized and t.lower in _CAPITAL_HEADS for t in tokens[first : first + _MAX_AFTER_WORDS])


def _appositive_role(tokens: Sequence[Token], first: int, sentence: str, titled: bool) -> str | None:
    index = first
    while index < len(tokens) and index - first < _MAX_AFTER_WORDS:
        token = tokens[index]
        is_age = token.kind == "num" or token.text == "-"  # ", a 34-year-old welder,"
        if (token.kind != "word" and not is_age) or token.lower in ("who", "which", "said", "says", "told"):
            break
        index += 1
    words = [t for t in tokens[first:index] if t.kind == "word" and not t.lower.endswith("-old")]
    heads = [i for i, t in enumerate(words) if _is_head_word(t, titled)]
    # The appositive ends at punctuation, or at a relative clause: ", a sociologist who has surveyed ...".
    closed = index < len(tokens) and (tokens[index].text in (",", ".", ";", "—") or tokens[index].lower == "who")
    if not heads or not closed:
        return None
    while words and words[0].lower in _LEADING_WORDS:
        words = words[1:]
    if not words or (words[0].lower in GRAMMAR_WORDS and words[0].lower not in _ROLE_MODIFIERS):
        return None  # ", and defender Tamsin Yeo converted it" is a new clause, not an appositive
    if words[0].lower.endswith(("ed", "ing", "ly")) and words[0].lower not in _ROLE_MODIFIERS:
        return None  # ", accompanied in court by captain Jo Lee," describes a scene, not a role
    if words[0].lower in _NOT_IN_ROLES or not _ends_as_role(words, titled):
        return None
    first_head = min(i for i, t in enumerate(words) if _is_head_word(t, titled))
    if any(_sets_a_scene(words, i) for i in range(first_head)):
        return None  # ", seen here with his wife,": a caption's scene; the noun after "with" is someone else
    opener = tokens[first]
    last_head = max(i for i, t in enumerate(words) if _is_head_word(t, titled))
    before_head = words[: last_head + 1]
    listing = opener.is_capitalized and not opener.possessive and any(t.lower == "and" for t in before_head)
    if listing or any(a.lower == "and" and b.is_capitalized for a, b in itertools.pairwise(before_head)):
        return None  # ", Juan Ortiz and midfielder Leo Sanz started": more names, not a role
    return sentence[words[0].start : words[-1].end]


# Words that cannot stand before a role's noun in an appositive: prepositions and a caption's verbs.
_SCENE_WORDS = word_set(
    "with in at from by for of to on into onto under over near here there seen shown pictured photographed "
    "left right centre center"
)


def _sets_a_scene(words: Sequence[Token], index: int) -> bool:
    """Tell whether a word before a role's noun sets a scene; "of" inside "Department of Health" does not."""
    if words[index].lower not in _SCENE_WORDS:
        return False
    return index + 1 >= len(words) or not words[index + 1].is_capitalized or index == 0


def _is_head_word(token: Token, titled: bool = False) -> bool:
    if titled and token.is_capitalized and token.lower in _CAPITAL_HEADS and not token.possessive:
        return True
    return token.lower.split("-")[0] in ROLE_NOUNS and not token.is_capitalized


def _ends_as_role(words: Sequence[Token], titled: bool = False) -> bool:
    """Tell whether a phrase ends in its role noun or in a plain "of/at/for …" after it, not in a new clause."""
    last_head = max(i for i, t in enumerate(words) if _is_head_word(t, titled))
    tail = words[last_head + 1 :]
    if not tail:
        return True
    if tail[0].lower not in _TAIL_PREPOSITIONS or tail[0].is_capitalized:
        return False  # ", seen with partner Ashton Kutcher in Paris": a caption, not a role
    return not any(_is_participle(t) for t in tail)


def _is_participle(token: Token) -> bool:
    lower = token.lower
    hyphenated = "-" in lower  # "right-wing" is an adjective
    participle = lower.endswith(("ed", "ing")) and not token.is_capitalized
    return participle and not hyphenated and lower not in _ROLE_MODIFIERS


# "X, who heads the agency," states a role as a verb; the role is the noun: "head of the agency".
# Past forms ("who led the research", "who ran the marathon") tell of a deed, not an office held: left out.
_ROLE_VERBS = {
    "heads": "head of",
    "leads": "leader of",
    "runs": "head of",
    "chairs": "chair of",
    "manages": "manager of",
    "directs": "director of",
    "founded": "founder of",
    "co-founded": "co-founder of",
    "owns": "owner of",
    "coaches": "coach of",
}
_MAX_WHO_WORDS = 8


def _who_role(tokens: Sequence[Token], start: int, sentence: str) -> str | None:
    """Read ", who heads the port authority," or ", who is the club's captain," after a name."""
    if start + 3 >= len(tokens) or tokens[start].text != "," or tokens[start + 1].lower != "who":
        return None
    verb = tokens[start + 2].lower
    if verb in ("is", "was"):
        return _appositive(tokens, start + 3, sentence)
    if verb not in _ROLE_VERBS:
        return None
    first = index = start + 3
    while index < len(tokens) and index - first < _MAX_WHO_WORDS and tokens[index].kind == "word":
        if tokens[index].lower in ("and", "but", "said", "says", "told", "since", "for"):
            break
        index += 1
    words = [t for t in tokens[first:index] if t.lower not in ("the", "a", "an")] or []
    if not words or index >= len(tokens) or tokens[index].text not in (",", ".", ";", "—"):
        return None
    if any(_is_participle(t) for t in words):
        return None  # "who leads the research published in …": a deed's object, not a body the person heads
    return f"{_ROLE_VERBS[verb]} {sentence[tokens[first].start : tokens[index - 1].end]}"


def _title_role(mention: Mention, tokens: Sequence[Token], end: int, sentence: str) -> str | None:
    """Turn a title written before the name into a role, adding "of Russia" if it follows."""
    if not mention.title or mention.title.lower().rstrip(".") in _NOT_TITLE_ROLES:
        return None
    role = _without_landscape_owner(mention.title)
    if end + 1 < len(tokens) and tokens[end].lower == "of" and tokens[end + 1].is_capitalized:
        place = lookup_place(tokens[end + 1].text)
        if place is not None:
            role = f"{role} of {tokens[end + 1].text}"
    return role


def _without_landscape_owner(title: str) -> str:
    """Drop a river's or street's name before a title: "a lagging Colorado River Gov. X" was glued text."""
    words = title.split()
    last_feature = max((i for i, w in enumerate(words[:-1]) if w.lower() in _FEATURE_WORDS), default=-1)
    return " ".join(words[last_feature + 1 :])


def _affiliation(tokens: Sequence[Token], index: int, sentence: str, mentions: Sequence[Mention]) -> str | None:
    """Read "Ian Taylor, of the Alliance of British Drivers," or "Anas Sarwar MP": whom a person is with."""
    if index < len(tokens) and tokens[index].text in _POSTNOMINAL_ROLES:
        return tokens[index].text
    if index < len(tokens) and tokens[index].text == ",":
        index += 1
    if index + 1 >= len(tokens) or tokens[index].lower != "of":
        return None
    body_start = tokens[index + 2].start if tokens[index + 1].lower == "the" else tokens[index + 1].start
    body = next((m for m in mentions if m.start == body_start and m.label == ORG), None)
    after = _token_index_at(tokens, body.end) if body is not None else len(tokens)
    if body is None or (after < len(tokens) and tokens[after].text not in (",", ".", ";", "—")):
        return None  # "Brian Batko of the Gazette", not "Jones of the Rovers scored"
    return sentence[tokens[index].start : body.end]


# Letters after a name that state an office: "Anas Sarwar MP".
_POSTNOMINAL_ROLES = frozenset(("MP", "MEP", "MSP", "QC", "KC"))


def _set_off_after(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a name ends its clause: "His wife, Ann Lee, was hurt", not "to be a manager, Lee left"."""
    # An opening quote after a first name starts a nickname: "Anna 'Chickadee' Cardwell,".
    return index >= len(tokens) or tokens[index].text in (",", ".", ";", "—", "(", ":", "!", "?", "'", "‘", "“", '"')


def roles_of(mention: Mention, sentence: str, mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """Return (preference, role) pairs written around one mention; higher preference wins.

    `mentions` are the mentions of the same sentence (PeopleIndex groups them once per document).
    """
    tokens = tokenize(sentence)
    first = bisect_left(tokens, mention.title_offset if mention.title_offset >= 0 else mention.start, key=START_OF)
    last = bisect_left(tokens, mention.end, key=START_OF)  # `_token_index_at` written out: asked of every person
    found: list[tuple[int, str]] = []
    if first >= 2 and tokens[first - 1].text == "," and _set_off_after(tokens, last):
        role = _phrase_before(tokens, first - 1, sentence, mentions)
        if role:
            found.append((4, role))
    if last < len(tokens) and tokens[last].text == ",":
        # ", a former defense minister," or ", who heads the agency,": only a comma after the name opens either.
        after = _appositive(tokens, last + 1, sentence) or _who_role(tokens, last, sentence)
        if after:
            found.append((4, after))
    affiliation = _affiliation(tokens, last, sentence, mentions)
    if affiliation:
        found.append((0, affiliation))  # only when nothing else says what the person is
    title = _title_role(mention, tokens, last, sentence)
    if title:
        found.append((3 if " of " in title else 1, title))
    before = _phrase_before(tokens, first, sentence, mentions)
    if before:
        found.append((2, before))
    return found
