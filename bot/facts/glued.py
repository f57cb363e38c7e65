"""Split two names a lost line break glued together: "at Aintree Treadwell's contented look", "Labour Brown's".

Captions and sentences pasted without their full stop run one name into the next. Where a run of capitals
is made of two names the story also writes apart (a place, a body or a person's surname), and the whole
never appears again, it is two names, each with the label the story gives it elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Protocol, TypeVar

from bot.facts.evidence import LOC, MEDIUM, ORG, PER, PER_MEDIUM, Evidence
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import NAME_PARTICLES, ORG_HEADS, given_names, is_known_org
from bot.facts.spans import Span
from bot.facts.tokens import Token


class Glued(Protocol):
    """A name span with the evidence for its label (see `bot.facts.name_candidates`)."""

    sentence: int
    tokens: Sequence[Token]
    span: Span
    evidence: Evidence
    name: str


C = TypeVar("C", bound=Glued)


def split_glued(candidates: list[C], part: Callable[[C, Span, Evidence], C]) -> list[C]:
    """Return the candidates with each glued pair of names split in two; `part` builds one half."""
    maybe = [i for i, c in enumerate(candidates) if c.span.end - c.span.start >= 2 and _may_be_glued(c)]
    if not maybe:
        return candidates
    seen = Counter(map(_NAME_OF, candidates))  # map, not a generator: run for nearly every story
    glued = [i for i in maybe if seen[candidates[i].name] == 1]
    if not glued:
        return candidates
    labels, surnames = _labels(candidates)
    found: list[C] = list(candidates)
    for index in reversed(glued):
        candidate = candidates[index]
        halves = _halves(candidate, labels, surnames)
        if halves is not None:
            (left_span, left), (right_span, right) = halves
            found[index : index + 1] = [part(candidate, left_span, left), part(candidate, right_span, right)]
    return found


_NAME_OF = attrgetter("name")


def _may_be_glued(candidate: Glued) -> bool:
    """Tell whether a span could be two names: two words or more, no title, not opening with a first name."""
    span = candidate.span
    if span.end - span.start < 2 or span.has_title:
        return False
    return candidate.tokens[span.start].lower not in given_names()


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").replace("-", " ").split()).lower()


def _labels(candidates: Sequence[Glued]) -> tuple[dict[str, Evidence], set[str]]:
    """Map each name the story writes with sure evidence to that evidence; gather people's surnames too
    ("treadwell" after "Liam Treadwell")."""
    labels: dict[str, Evidence] = {}
    surnames: set[str] = set()
    for candidate in candidates:
        evidence = candidate.evidence
        if evidence.label not in (PER, LOC, ORG) or evidence.strength < MEDIUM:
            continue
        key = _key(candidate.name)
        current = labels.get(key)
        if current is None or evidence.strength > current.strength:
            labels[key] = evidence
        words = key.split()
        if evidence.label == PER and len(words) >= 2 and words[-1] not in NAME_PARTICLES:
            surnames.add(words[-1])
    return labels, surnames


def _two_names(left_words: list[str], left: Evidence, right_words: list[str], right: Evidence) -> bool:
    """Tell whether two known names side by side are two names, not one ("U.S. Treasury", "Jansher Khan").

    A body or a place the lists know, then a person ("Labour Brown"); or two bodies of two or more words
    each ("Crystal Palace Manchester City"). A place before a body names the body ("Philadelphia Eagles"),
    and a word the story only labels itself before a surname may be a first name ("Wang Donghai").
    """
    left_name = " ".join(left_words)
    if right.label == PER:
        known = is_known_org(left_name) or lookup_place(left_name) is not None
        return left.label != PER and known and left_words[0].lower() not in given_names()
    return left.label == ORG and right.label == ORG and len(left_words) >= 2 and len(right_words) >= 2


def _halves(
    candidate: Glued, labels: dict[str, Evidence], surnames: set[str]
) -> tuple[tuple[Span, Evidence], tuple[Span, Evidence]] | None:
    span, tokens = candidate.span, candidate.tokens
    if span.end - span.start < 2 or span.has_title or is_known_org(candidate.name) or lookup_place(candidate.name):
        return None
    for cut in range(span.start + 1, span.end):
        left_words = [t.text for t in tokens[span.start : cut]]
        right_words = [t.text for t in tokens[cut : span.end]]
        if len(right_words) == 1 and right_words[0].lower() in ORG_HEADS:
            continue  # "New York Times": a place and a head noun make one body
        left = labels.get(_key(" ".join(left_words)))
        right_key = _key(" ".join(right_words))
        right = labels.get(right_key)
        if right is None and right_key in surnames:
            right = PER_MEDIUM  # "Treadwell" after "Liam Treadwell"
        if left is None or right is None or not _two_names(left_words, left, right_words, right):
            continue
        first = Span(span.start, cut, span.start, span.sentence_initial)
        return (first, left), (Span(cut, span.end, cut, False), right)
    return None
