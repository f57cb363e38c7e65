"""Sports reports name teams after places: "Florida 10 St Louis 9" is two clubs, not two places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter

from bot.facts.evidence import (
    LOC,
    LOC_STRONG,
    MEDIUM,
    MISC,
    ORG_MEDIUM,
    ORG_STRONG,
    PER,
    PER_MEDIUM,
    STRONG,
    WEAK,
    Evidence,
)
from bot.facts.gazetteer import lookup_place
from bot.facts.shapes import is_demonym
from bot.facts.spans import Span
from bot.facts.tokens import Token, tokenize
from bot.text.wordlist import word_set

_SPORTS_HEADLINE_RE = re.compile(
    r"^\W*(?:soccer|football|cricket|tennis|golf|baseball|basketball|rugby|(?:ice )?hockey|cycling|"
    r"athletics|boxing|motor\w*|formula one|rowing|swimming|skiing|horse racing|nfl|nba|nhl|"
    r"volleyball|handball|badminton|squash|snooker|sailing|olympics?|sport|sports)\b",
    re.IGNORECASE,
)
# A score, "3-1": one to three digits a word boundary opens, a hyphen, one to three digits. The pattern opens
# with the digit and looks behind it for the boundary, so a search skips in C to the next digit.
_SCORE_RE = re.compile(r"\d(?<!\w\d)\d{0,2}-\d{1,3}\b")
_TABLE_JOINERS = word_set("v vs v. at ( ) , - : / . ;")
_VERSUS = word_set("v vs v.")
_BEFORE_TEAM = word_set(
    "beat beating against v vs defeated defeat face faces facing host hosts "
    "hosting play plays playing visit visiting over edged thrashed routed by"
)
# Last words of club names ("Aston Villa", "Queens Park Rangers") and first words ("Bayern Munich").
_CLUB_HEADS = word_set(
    "united city town county rovers wanderers athletic albion rangers hotspur villa palace argyle orient "
    "alexandra stanley wednesday forest celtic thistle academical rovers dons star"
)
_CLUB_PREFIXES = word_set("bayern borussia real atletico athletic inter ac as fc sporting dynamo olympique")
_AFTER_TEAM = word_set(
    "beat drew lost won defeated v vs beating drawing lead led trail trailed "
    "host hosted captain coach manager striker midfielder defender goalkeeper "
    "batsman bowler skipper team side squad fans defeat win victory draw loss boss"
)


def is_sports_document(sentences: Sequence[str]) -> bool:
    """Tell whether a document is a sports report: its headline, its many scores or its match vocabulary."""
    if sentences and _SPORTS_HEADLINE_RE.match(sentences[0]):
        return True
    if sum(1 for s in sentences if _has_score(s)) >= 3:
        return True
    # A match report uses its vocabulary from the start, so the opening is enough to read; tokens are
    # cached per sentence and read again by the entity finder, so this costs no extra split.
    found: set[str] = set()
    for sentence in sentences[:_OPENING_SENTENCES]:
        found |= _SPORTS_WORDS.intersection(map(_LOWER, tokenize(sentence)))  # in C, not a loop over tokens
        if len(found) >= _SPORTS_WORDS_NEEDED:
            return True
    return False


_LOWER = attrgetter("lower")


def _has_score(sentence: str) -> bool:
    """Tell whether a sentence holds a score ("2-1"), trying the pattern only where a digit-hyphen-digit is."""
    # Every score holds one, and most hyphens ("well-known", "--") have no digit on either side: found by
    # str.find, they spare the pattern the scan of the whole sentence it would make, position by position.
    position = sentence.find("-")
    while position >= 0:
        if sentence[position - 1 : position].isdecimal() and sentence[position + 1 : position + 2].isdecimal():
            return _SCORE_RE.search(sentence) is not None
        position = sentence.find("-", position + 1)
    return False


# Words of match reports; a story using several of them is about a game, whatever its headline.
_SPORTS_WORDS = word_set(
    "goal goals scored striker midfielder defender goalkeeper winger manager fixture league match season "
    "kick-off penalty referee touchdown quarterback innings wicket tournament semi-final final coach squad "
    "relegation champions playoff playoffs club fans stadium boss player players"
)
_SPORTS_WORDS_NEEDED = 4
_OPENING_SENTENCES = 12


def is_table_line(tokens: Sequence[Token]) -> bool:
    """Tell whether a line is a results or standings row: names and numbers, hardly any prose."""
    numbers = names = 0
    versus = False
    # One plain loop that stops at the first word of prose: this runs on every sentence, and nearly all have one.
    for token in tokens:
        if token.kind == "num":
            numbers += 1
        elif token.is_capitalized:
            names += 1
        elif token.kind == "word" and token.lower not in _TABLE_JOINERS:
            return False
        if token.lower in _VERSUS:
            versus = True
    return names >= 1 and (numbers >= 2 or versus)


def team_evidence(name: str, evidence: Evidence) -> Evidence:
    """Relabel a name used as a team: clubs are organisations, people stay people.

    A country stays a place here, as CoNLL labels national sides; the facts list it with the
    organisations when it plays (see `Mention.team`).
    """
    if evidence.label == MISC and evidence.strength >= STRONG:
        return evidence
    if evidence.label == PER and evidence.strength >= MEDIUM and not _club_shaped(name.lower().split()):
        return evidence  # a results row lists drivers and players as well as their teams
    place = lookup_place(name)
    if place is not None and place.kind == "country":
        return LOC_STRONG
    return ORG_STRONG


def is_nationality(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a country stands in brackets after a name ("Nico Rosberg (Germany)"): a nationality, not a side."""
    start, end = span.title_start, span.end
    if start < 2 or end >= len(tokens) or tokens[start - 1].text != "(" or tokens[end].text != ")":
        return False
    named = tokens[start - 2].kind == "word" and tokens[start - 2].is_capitalized
    return named and _is_country(" ".join(t.text for t in tokens[span.start : end]))


def competitor_evidence(tokens: Sequence[Token], span: Span, evidence: Evidence) -> Evidence | None:
    """Label a name followed by its country in brackets: in results of racing, tennis or golf, a competitor.

    Returns None when no country follows, so the name is read as a team like any other in a results row.
    """
    end = span.end
    if end + 2 >= len(tokens) or tokens[end].text != "(":
        return None
    close = next((i for i in range(end + 2, min(end + 5, len(tokens))) if tokens[i].text == ")"), None)
    if close is None or not _is_country(" ".join(t.text for t in tokens[end + 1 : close])):
        return None
    words = [t.text for t in tokens[span.start : end]]
    if _club_shaped([w.lower() for w in words]) or not 2 <= len(words) <= 4:
        return None  # "Red Star (Yugoslavia)", "Benetton (Italy)": clubs also carry their country
    if not all(_COMPETITOR_WORD.match(word) for word in words) or lookup_place(" ".join(words)) is not None:
        return None
    return evidence if evidence.label == PER and evidence.strength >= MEDIUM else PER_MEDIUM


# A word of a person's name in a results row: "Sainz", "Jr", "O'Neill", "Villeneuve", an initial "J.".
_COMPETITOR_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’-]+\.?|[A-Z]\.)$")


def _is_country(name: str) -> bool:
    place = lookup_place(name)
    return place is not None and place.kind == "country"


def _club_shaped(words: Sequence[str]) -> bool:
    return len(words) >= 2 and (words[-1] in _CLUB_HEADS or words[0] in _CLUB_PREFIXES)


def nickname_evidence(tokens: Sequence[Token], span: Span, evidence: Evidence) -> Evidence | None:
    """Label what may be a club's or a band's name in the plural: "the Sabres", "the reeling Predators", or
    either side of a score line ("Wild 4, Sabres 1") whatever its number.

    Only a name nothing else labels counts; "the Americans" is a nationality and "the Olympics" an event.
    The caller decides with the rest of the document (see `bot.facts.name_candidates`).
    """
    if evidence.strength > WEAK or span.has_title or span.end - span.start > 2:
        return None  # "the Fen Ravens" may look like a name and surname; nothing more is said for that
    words = tokens[span.start : span.end]
    if any(not t.is_capitalized or t.is_upper or t.kind != "word" for t in words):
        return None
    if _in_score_pair(tokens, span):
        return ORG_STRONG
    last = words[-1].lower
    if not last.endswith("s") or last.endswith(("ss", "ics", "ings")) or last in _NOT_NICKNAMES:
        return None
    if is_demonym([w.text for w in words]) or is_demonym([*(w.text for w in words[:-1]), words[-1].text[:-1]]):
        return None  # "the Americans", "the Brazilians"
    before = [t.lower for t in tokens[max(0, span.start - 2) : span.start]]
    after_the = before[-1:] == ["the"] or (len(before) == 2 and before[0] == "the" and before[1].isalpha())
    return ORG_MEDIUM if after_the else None


# Plurals after "the" that name events, awards, mountains or peoples rather than a club or a band.
_NOT_NICKNAMES = word_set(
    "games finals awards masters olympics paralympics nationals majors isles alps oscars emmys grammys baftas "
    "brits globes swedes danes finns poles scots kiwis aussies yanks turks czechs kurds jews"
)


def _in_score_pair(tokens: Sequence[Token], span: Span) -> bool:
    """Tell whether a name is one side of "Wild 4, Sabres 1": a name and its score, then the other's."""
    start, end = span.title_start, span.end
    if end < len(tokens) and tokens[end].kind == "num":
        following = tokens[end + 1 : end + 3]
        if len(following) == 2 and following[0].text == "," and following[1].is_capitalized:
            return start == 0 or tokens[start - 1].text in ("(", ":", "—", "-")  # the first side opens the line
    if start >= 3 and tokens[start - 1].text == "," and tokens[start - 2].kind == "num":
        return end < len(tokens) and tokens[end].kind == "num" and tokens[start - 3].is_capitalized
    return False


def used_as_team(tokens: Sequence[Token], span: Span, evidence: Evidence) -> bool:
    """Tell whether a name in sports prose is a team: a club's name, or the side in a match verb."""
    if span.has_title or (evidence.label in (PER, MISC) and evidence.strength >= STRONG):
        return False
    if _club_shaped([t.lower for t in tokens[span.start : span.end]]):
        return True  # "Aston Villa", "Ross County", "Bayern Munich", "Athletic Bilbao"
    if evidence.label == PER:
        return False  # "Nadal beat Federer": players are the sides in many sports
    before = tokens[span.title_start - 1].lower if span.title_start > 0 else ""
    after = tokens[span.end].lower if span.end < len(tokens) else ""
    if tokens[span.end - 1].possessive:
        if _owns_an_institution(tokens, span.end):
            return False  # "Oklahoma's East Central University": a place and one of its bodies
        # "Spain's 2-0 defeat", "Leicester's manager": the owner of a result or of a squad is a side.
        after = next((t.lower for t in tokens[span.end : span.end + 5] if t.kind == "word"), "")
    if before in _WHERE_ADJECTIVES or after in _PLACE_NOUNS:
        return False  # "southern Oklahoma", "by Oklahoma resident", "the Duncan city council": where, not who
    if before in _BEFORE_TEAM or after in _AFTER_TEAM:
        return True
    place = lookup_place(" ".join(t.text for t in tokens[span.start : span.end]))
    if place is not None and place.kind in ("country", "region"):
        return False  # a country is a side only when it plays: "beat Spain", "Spain drew"
    # A dateline or a venue ("at Headingley", "in Milwaukee") is a place even in a match report.
    return evidence.label == LOC and before not in _VENUE_CUES and not _is_dateline(tokens)


def _owns_an_institution(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a capitalised run at `index` ends in an institution's head noun ("East Central University")."""
    end = index
    while end < len(tokens) and tokens[end].is_capitalized and tokens[end].kind == "word":
        end += 1
    return end > index and tokens[end - 1].lower in _INSTITUTION_HEADS


_INSTITUTION_HEADS = word_set(
    "university college school academy hospital police department council museum airport court"
)
_WHERE_ADJECTIVES = word_set("northern southern eastern western central rural coastal downtown suburban")
_PLACE_NOUNS = word_set(
    "city town village county state area region resident residents native natives man woman police home"
)


_VENUE_CUES = word_set("in at near from of outside to , ( city")


def _is_dateline(tokens: Sequence[Token]) -> bool:
    return len(tokens) <= 10 and tokens[-1].kind == "num"
