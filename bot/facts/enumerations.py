"""Read a list of names as one kind of thing: "the companies: Astrobotic, Draper, Lockheed Martin and OrbitBeyond".

The members of an enumeration are things of one kind. When the words before the list say which kind
("companies", "places including", "six men – namely"), or when at least two members are surely of one kind
and none is surely of another, the members nothing else labels take that kind, and a person's label that
rests only on a surname ("Lockheed Martin", "Moon Express") gives way to it. Members with firm evidence
of another kind keep it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from bot.facts.evidence import LOC, MEDIUM, ORG, PER, STRONG, Evidence
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import ORG_HEADS, VENUE_HEADS, given_names
from bot.facts.spans import Span
from bot.facts.tokens import Token
from bot.text.wordlist import word_set

_MIN_MEMBERS = 3
_JOINERS = frozenset((",", "and", ", and", "or", ", or", "&"))
# Words between a class noun and its list: "companies: A, B", "places including A, B", "men - namely A, B".
_INTRODUCERS = word_set("including include includes such as like namely : — – -")
_CLASS_WINDOW = 10  # tokens back from the list to its class noun ("nine CLPS companies selected by NASA … :")
_CLASS_NOUNS = {
    **dict.fromkeys(
        word_set(
            "companies firms groups organisations organizations agencies banks charities clubs teams unions "
            "parties outlets newspapers broadcasters networks brands retailers airlines carriers manufacturers "
            "makers universities colleges schools hospitals insurers lenders contractors startups start-ups"
        ),
        ORG,
    ),
    **dict.fromkeys(
        word_set(
            "places cities towns villages countries states nations regions provinces counties areas districts "
            "suburbs neighbourhoods neighborhoods communities destinations islands"
        ),
        LOC,
    ),
    **dict.fromkeys(
        word_set(
            "men women people players candidates victims suspects husbands wives actors actresses singers "
            "artists drivers riders athletes stars celebrities celebs musicians rappers models"
        ),
        PER,
    ),
}


class Listed(Protocol):
    """A name span with the evidence for its label (see `bot.facts.name_candidates`)."""

    sentence: int
    tokens: Sequence[Token]
    span: Span
    evidence: Evidence
    sentence_text: str
    name: str


def label_enumerations(candidates: Sequence[Listed]) -> None:
    """Give the members of each list of three or more names the one kind the list is of."""
    members: list[Listed] = []
    for candidate in candidates:
        if members and _joined(members[-1], candidate):
            members.append(candidate)
            continue
        if len(members) >= _MIN_MEMBERS:
            _settle(members)
        members = [candidate]
    if len(members) >= _MIN_MEMBERS:
        _settle(members)


def _joined(previous: Listed, candidate: Listed) -> bool:
    if previous.sentence != candidate.sentence or previous.tokens is not candidate.tokens:
        return False
    if not 1 <= candidate.span.title_start - previous.span.end <= 2:
        return False  # ", ", "and", ", and": one or two tokens between members
    tokens = candidate.tokens
    between = candidate.sentence_text[tokens[previous.span.end - 1].end : tokens[candidate.span.title_start].start]
    return " ".join(between.split()) in _JOINERS


def _settle(members: list[Listed]) -> None:
    label = _class_label(members[0])
    named = label is not None  # a class noun outweighs a first name: "companies: Carver Fielding, …"
    firm = Counter(kind for kind in (_firm_label(member, named) for member in members) if kind is not None)
    if label is None:
        if len(firm) != 1:
            return  # nothing sure, or members surely of different kinds: not one list of one kind
        label, count = firm.most_common(1)[0]
        if count < 2:
            return
    elif any(kind != label for kind in firm):
        return
    for member in members:
        if member.evidence.label == label and member.evidence.strength >= MEDIUM:
            continue
        if _firm_label(member, named) is None and _fits(member, label, named):
            member.evidence = Evidence(label, MEDIUM)


def _class_label(first: Listed) -> str | None:
    """Return the kind a class noun before the list gives it ("companies:", "places including")."""
    tokens = first.tokens
    index = first.span.title_start - 1
    if index < 0 or tokens[index].lower not in _INTRODUCERS:
        return None
    for token in reversed(tokens[max(0, index - _CLASS_WINDOW) : index]):
        if token.text in (".", ";") or (token.is_capitalized and token.lower in _CLASS_NOUNS):
            return None
        label = _CLASS_NOUNS.get(token.lower)
        if label is not None:
            return label
    return None


def _firm_label(member: Listed, class_named: bool) -> str | None:
    """Return a member's label when its evidence is sure, not a guess from a surname or from its setting.

    A person's label is sure with a title; with a first name too, unless a class noun names the list's kind.
    """
    evidence = member.evidence
    if evidence.strength < MEDIUM or evidence.label not in (PER, LOC, ORG):
        return None
    if evidence.label == PER:
        first = member.tokens[member.span.start].lower
        return PER if member.span.has_title or (first in given_names() and not class_named) else None
    if evidence.label == LOC:
        return LOC if lookup_place(member.name) is not None or evidence.strength >= STRONG else None
    return ORG


def _fits(member: Listed, label: str, class_named: bool = False) -> bool:
    """Tell whether a member's words can be of that kind: people and places have name-shaped words.

    One word is a person only in a list a class noun names: "stars including Rihanna, Adele and …".
    """
    if label == ORG:
        return True
    words = list(member.tokens[member.span.start : member.span.end])
    if not 1 <= len(words) <= 3 or (label == PER and len(words) < 2 and not class_named):
        return False
    if words[-1].lower in ORG_HEADS or (label == PER and words[-1].lower in VENUE_HEADS):
        return False
    if label == PER and any(lookup_place(token.text) is not None for token in words):
        return False  # "Real Madrid", "Bayern Munich": a place in it makes it no person's name
    return all(token.kind == "word" and token.is_capitalized and not token.is_upper for token in words)
