"""Find people, places and organisations in a document, using evidence from all its sentences."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

from bot.facts.enumerations import label_enumerations
from bot.facts.evidence import LOC, MEDIUM, ORG, ORG_MEDIUM, PER, WEAK, Evidence
from bot.facts.glued import split_glued
from bot.facts.lexicon import given_names
from bot.facts.name_candidates import Candidate, glued_part, read_candidates
from bot.facts.name_vote import (
    best_labels,
    caps_matches,
    define_acronyms,
    listed_with_a_body,
    person_aliases,
    resolve_label,
)
from bot.text.tokenize import split_sentences


class Mention(NamedTuple):
    """One mention of a name: where it is, what it is, and the title written before it.

    A tuple, not a frozen dataclass: a story has dozens of mentions, and a frozen dataclass sets each of
    its nine fields through object.__setattr__ (three times as slow to build).
    """

    name: str
    label: str
    sentence: int
    start: int  # character offsets of the name inside its sentence
    end: int
    title: str = ""
    title_offset: int = -1  # where the title starts, -1 without one
    strength: int = 0
    team: bool = False  # used as a side in a sports report ("Spain drew 1-1"): a national team, not the country


def find_mentions(sentences: Sequence[str], min_strength: int = WEAK) -> list[Mention]:
    """Return every name mention in the sentences with its label, in reading order."""
    candidates, caps_lines = read_candidates(sentences)
    candidates = split_glued(candidates, glued_part)
    label_enumerations(candidates)
    aliases = person_aliases(candidates)
    best = best_labels(candidates)
    define_acronyms(candidates, best)
    mentions: list[Mention] = []
    previous: tuple[Candidate, Evidence] | None = None
    for candidate in candidates:
        evidence = resolve_label(candidate, aliases, best)
        if listed_with_a_body(previous, candidate, evidence):
            evidence = ORG_MEDIUM
        previous = (candidate, evidence)
        if evidence.label in (PER, LOC, ORG) and evidence.strength >= min_strength:
            mentions.append(_to_mention(candidate, evidence))
            if evidence.label == PER and evidence.strength >= MEDIUM:
                mentions.extend(_shared_surname(candidate, evidence))
    for index, tokens in caps_lines:
        for start, end, label in caps_matches(tokens, aliases, best):
            text = sentences[index][tokens[start].start : tokens[end - 1].end]
            mentions.append(Mention(text, label, index, tokens[start].start, tokens[end - 1].end, strength=MEDIUM))
    mentions.sort(key=_READING_ORDER)
    return mentions


_READING_ORDER = attrgetter("sentence", "start")


def _shared_surname(candidate: Candidate, evidence: Evidence) -> list[Mention]:
    """Name the first of "Brian and Charlotte Smith": a first name joined to a full name shares its surname."""
    tokens, span = candidate.tokens, candidate.span
    if span.title_start < 2 or tokens[span.title_start - 1].lower != "and":
        return []  # told from the tokens before splitting the name: most names follow no "and"
    words = candidate.name.split()
    if len(words) < 2:
        return []
    first = tokens[span.title_start - 2]
    if not first.is_capitalized or first.lower not in given_names() or first.possessive:
        return []
    if span.title_start >= 3 and tokens[span.title_start - 3].is_capitalized:
        return []  # "Tom Jones and Sarah Smith": the first name already has a surname
    name = " ".join([first.text, *words[1:]])
    return [Mention(name, PER, candidate.sentence, first.start, first.end, strength=evidence.strength)]


def _to_mention(candidate: Candidate, evidence: Evidence) -> Mention:
    tokens, span = candidate.tokens, candidate.span
    start, title_start = span.start, span.title_start
    title = ""
    title_offset = -1
    if title_start < start:  # a title before the name
        title_offset = tokens[title_start].start
        title = candidate.sentence_text[title_offset : tokens[start - 1].end]
    label = evidence.label
    fields = (
        candidate.name,
        label or "",
        candidate.sentence,
        tokens[start].start,
        tokens[span.end - 1].end,
        title,
        title_offset,
        evidence.strength,
        candidate.team and label in (LOC, ORG),
    )
    return _new_mention(Mention, fields)


# Builds a Mention from all its fields without NamedTuple's keyword handling: every name of a story is one.
_new_mention = tuple.__new__


def find_entities(text_or_sentences: str | Sequence[str], min_strength: int = WEAK) -> dict[str, set[str]]:
    """Return the distinct PER, LOC and ORG names in a text or a list of sentences."""
    sentences = (
        [s for paragraph in text_or_sentences.split("\n") for s in split_sentences(paragraph)]
        if isinstance(text_or_sentences, str)
        else list(text_or_sentences)
    )
    found: dict[str, set[str]] = {PER: set(), LOC: set(), ORG: set()}
    for mention in find_mentions(sentences, min_strength):
        found[mention.label].add(mention.name)
    return found
