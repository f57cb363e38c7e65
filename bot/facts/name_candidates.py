"""Read each sentence's name spans and label them from local evidence, before the document-wide vote.

A sentence's spans are read once per sentence (cached); the relabelling here (sports sides, clubs and bands,
nicknames, words a story also writes in lower case) looks only at the candidates themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.facts.classify import classify_span
from bot.facts.evidence import (
    LOC,
    LOC_STRONG,
    MEDIUM,
    ORG,
    ORG_MEDIUM,
    ORG_WEAK,
    PER,
    PER_STRONG,
    STRONG,
    WEAK,
    Evidence,
)
from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import BODY_FOLLOWERS
from bot.facts.name_prefix import nickname_first_name
from bot.facts.spans import Span, find_spans
from bot.facts.sports import (
    competitor_evidence,
    is_nationality,
    is_sports_document,
    is_table_line,
    nickname_evidence,
    team_evidence,
    used_as_team,
)
from bot.facts.tokens import Token, tokenize
from bot.text.wordlist import word_set

# A word in capitals ("NEWS", "U.S.", "A1") opens with a letter that is no lower-case one, and its second
# character is neither lower case nor a space: in ASCII, a capital and such a character.
_CAPITAL_PAIR = re.compile(r"[A-Z][^\sa-z]")


def _is_caps_line(sentence: str, tokens: Sequence[Token]) -> bool:
    """Tell whether a line is set in capitals (a headline, a dateline), where case says nothing."""
    if sentence.isascii() and _CAPITAL_PAIR.search(sentence) is None:
        return False  # no word in capitals, as most sentences: nothing to count token by token
    words = upper = 0
    left = len(tokens)
    for token in tokens:  # a plain loop: this runs on every sentence
        left -= 1
        if token.kind == "word":
            text = token.text
            if len(text) >= 3 or (len(text) == 2 and text.isalpha()):
                words += 1
                if text.isupper():
                    upper += 1
                elif 3 * (words - upper) > 2 * (upper + left):
                    return False  # even if every token left were a word in capitals, they would not reach 60%
    if not words:
        return False
    return upper / words >= 0.6 and (upper >= 2 or words == 1)


@dataclass(slots=True)
class Candidate:
    """A span with the evidence for its label, before the document-wide vote."""

    sentence: int
    tokens: Sequence[Token]
    span: Span
    evidence: Evidence
    sentence_text: str
    name: str  # the span's text (see `span_text`), read many times by the document-wide vote, so sliced once
    team: bool = False


def span_text(tokens: Sequence[Token], span: Span, sentence: str) -> str:
    """Return the text a span covers in its sentence."""
    return sentence[tokens[span.start].start : tokens[span.end - 1].end]


class SentenceReading(NamedTuple):
    """What a sentence says on its own: its tokens, the kind of line it is, its name spans and their evidence."""

    tokens: tuple[Token, ...]
    caps_line: bool
    table_line: bool
    names: tuple[tuple[Sequence[Token], Span, Evidence], ...]  # the tokens each span indexes, the span, its label


@lru_cache(maxsize=4096)
def read_sentence(sentence: str) -> SentenceReading:
    """Read one sentence: finding and labelling its spans needs nothing outside it, so it is done once per sentence.

    Wire copy repeats itself from one outlet to the next, and a story is briefed again when it is updated.
    """
    tokens = tokenize(sentence)
    if _is_caps_line(sentence, tokens):
        return SentenceReading(tokens, True, False, ())
    names: list[tuple[Sequence[Token], Span, Evidence]] = []
    hyphens = "-" in sentence
    for span in find_spans(tokens, hyphens):
        if hyphens and "-" in tokens[span.start].text:
            names.extend(_split_compounds(tokens, span))
        else:
            names.append((tokens, span, classify_span(tokens, span)))
    # Whether the line is a table only matters for its names.
    return SentenceReading(tokens, False, bool(names) and is_table_line(tokens), tuple(names))


def read_candidates(sentences: Sequence[str]) -> tuple[list[Candidate], list[tuple[int, Sequence[Token]]]]:
    """Label every span from local evidence; set aside lines in capitals for later."""
    found: list[Candidate] = []
    caps_lines: list[tuple[int, Sequence[Token]]] = []
    sporty = is_sports_document(sentences)
    for index, sentence in enumerate(sentences):
        reading = read_sentence(sentence)
        if reading.caps_line:
            caps_lines.append((index, reading.tokens))
            continue
        table = reading.table_line
        for tokens, span, evidence in reading.names:
            name = sentence[tokens[span.start].start : tokens[span.end - 1].end]  # `span_text`, inlined: hot
            candidate = Candidate(index, tokens, span, evidence, sentence, name)
            if table or sporty:
                _label_side(candidate, table)
            found.append(candidate)
    _label_nicknames(found)
    _label_place_teams(found)
    for candidate in found:
        before = candidate.span.title_start - 1
        if before >= 2 and candidate.tokens[before].text in _QUOTE_MARKS:
            _join_nickname(candidate)
    doubtful = [c for c in found if _read_from_context_alone(c)]
    if doubtful:
        # "in Stripes" or "in Mind" read like towns, but a story that also writes "stripes" in lower
        # case uses a common word, not a name.
        lowered = [sentence.lower() for sentence in sentences]
        for candidate in doubtful:
            if _written_in_lower_case(candidate.name.lower(), sentences, lowered):
                candidate.evidence = Evidence(candidate.evidence.label, WEAK)
    return found, caps_lines


_QUOTE_MARKS = frozenset("\"“”'‘’")


def _written_in_lower_case(word: str, sentences: Sequence[str], lowered: Sequence[str]) -> bool:
    """Tell whether a lower-case word is written somewhere as a word not capitalised ("stripes", not "Stripes")."""
    # Only a sentence holding the word in some case can have it as a token: the others are not read again.
    # (Lower case is made letter by letter, but for a final sigma: a word with no such letter is safe to look for.)
    ascii_word = word.isascii()
    return any(
        token.lower == word and token.kind == "word" and not token.is_capitalized
        for sentence, lower in zip(sentences, lowered, strict=True)
        if word in lower or not ascii_word
        for token in tokenize(sentence)
    )


def glued_part(candidate: Candidate, span: Span, evidence: Evidence) -> Candidate:
    """Build one of two names glued into one candidate (see `bot.facts.glued`)."""
    tokens, text = candidate.tokens, candidate.sentence_text
    return Candidate(candidate.sentence, tokens, span, evidence, text, span_text(tokens, span, text))


def _join_nickname(candidate: Candidate) -> None:
    """Read J.P. "The Big Bopper" Richardson as J.P. Richardson, a person, whatever town shares the surname."""
    span = candidate.span
    first = nickname_first_name(candidate.tokens, span.title_start, span.end)
    if first is not None and not span.has_title:
        tokens, text = candidate.tokens, candidate.sentence_text
        candidate.name = f"{text[tokens[first[0]].start : tokens[first[1] - 1].end]} {candidate.name}"
        candidate.evidence = PER_STRONG


def _label_side(candidate: Candidate, table: bool) -> None:
    """Relabel a name a sports report uses as a side: a team, unless a country in brackets makes it a competitor."""
    tokens, span = candidate.tokens, candidate.span
    if is_nationality(tokens, span):
        candidate.evidence = LOC_STRONG  # "(Germany)" after a driver: where he is from
        return
    competitor = competitor_evidence(tokens, span, candidate.evidence)
    if competitor is not None:
        candidate.evidence = competitor
    elif table or used_as_team(tokens, span, candidate.evidence):
        candidate.evidence = team_evidence(candidate.name, candidate.evidence)
        candidate.team = candidate.evidence.label in (LOC, ORG)


def _label_nicknames(candidates: list[Candidate]) -> None:
    """Make bodies of plural names used as clubs or bands: one side of a score line, or "the Sabres" twice.

    "the Emirates" or "the Avengers" once is as likely a stadium or a film; "the Obamas" is a family whose
    surname the story gives.
    """
    found = [(c, nickname_evidence(c.tokens, c.span, c.evidence)) for c in candidates if c.evidence.strength <= WEAK]
    named = [(c, evidence) for c, evidence in found if evidence is not None]
    if not named:
        return
    uses = Counter(c.name for c, _ in named)
    scored = {c.name for c, evidence in named if evidence.strength >= STRONG}
    families = {
        c.name.split()[-1].lower()
        for c in candidates
        if c.evidence.label == PER and c.evidence.strength >= MEDIUM and " " in c.name
    }
    for candidate, evidence in named:
        family = candidate.name.lower().removesuffix("s") in families or candidate.name.lower() in families
        if candidate.name in scored or (uses[candidate.name] >= 2 and not family):
            candidate.evidence, candidate.team = Evidence(ORG, max(evidence.strength, MEDIUM)), True


def _label_place_teams(candidates: list[Candidate]) -> None:
    """Make a side of a place named as one at least twice: "the Surrey team", "Surrey players" is the county club.

    A sports report is read so already (see `bot.facts.sports`); this finds clubs in any story. Once is not
    enough: "a Texas team of researchers" is a team from Texas.
    """
    sides = [c for c in candidates if c.evidence.label == LOC and not c.team and _team_noun_follows(c)]
    uses = Counter(c.name for c in sides)
    for candidate in sides:
        if uses[candidate.name] >= 2:
            candidate.evidence = team_evidence(candidate.name, candidate.evidence)
            candidate.team = True


def _team_noun_follows(candidate: Candidate) -> bool:
    end = candidate.span.end
    if candidate.tokens[end - 1].possessive or end >= len(candidate.tokens):
        return False
    return candidate.tokens[end].lower in _TEAM_NOUNS


_TEAM_NOUNS = word_set("team players squad outfit skipper captain coach batsman bowler striker midfielder")


def _read_from_context_alone(candidate: Candidate) -> bool:
    """Tell whether a single word is a place or a body only by its setting, not by any list."""
    evidence, name = candidate.evidence, candidate.name
    if evidence.label not in (LOC, ORG) or evidence.strength != MEDIUM or " " in name or name.isupper():
        return False
    return lookup_place(name) is None


def _split_compounds(tokens: Sequence[Token], span: Span) -> list[tuple[Sequence[Token], Span, Evidence]]:
    """Treat "Kim-Putin" as two names rather than one new one; return each name's tokens, span and evidence."""
    token = tokens[span.start]
    parts = token.text.split("-")
    single = span.end - span.start == 1 and not span.has_title  # "Lord Justice Moore-Bick" is one surname
    if single and len(parts) == 2 and all(p[:1].isupper() and len(p) > 1 for p in parts):
        after = tokens[span.end].lower if span.end < len(tokens) else ""
        pieces: list[tuple[Sequence[Token], Span, Evidence]] = []
        offset = token.start
        for part in parts:
            piece = (Token(part, offset, offset + len(part), "word", False, part.lower(), part[:1].isupper()),)
            offset += len(part) + 1
            pieces.append((piece, _ONE_WORD, _piece_evidence(piece, after)))
        return pieces
    return [(tokens, span, classify_span(tokens, span))]


_ONE_WORD = Span(0, 1, 0, False)


def _piece_evidence(piece: Sequence[Token], after: str) -> Evidence:
    """Label one part of a compound; "the ACV-Transcom unions" makes both parts bodies."""
    evidence = classify_span(piece, _ONE_WORD)
    if evidence == ORG_WEAK and after in BODY_FOLLOWERS:
        return ORG_MEDIUM
    return evidence
