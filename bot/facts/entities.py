"""Find people, places and organisations in a document, using evidence from all its sentences."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from bot.facts.classify import LOC, MEDIUM, ORG, PER, STRONG, WEAK, Evidence, classify_span
from bot.facts.enumerations import label_enumerations
from bot.facts.gazetteer import lookup_place, max_place_words
from bot.facts.glued import split_glued
from bot.facts.lexicon import BODY_FOLLOWERS, FUNCTION_WORDS, KNOWN_ORGS, NAME_PARTICLES, given_names
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
from bot.text.tokenize import split_sentences
from bot.text.wordlist import word_set


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


NAME_PARTS_RE = re.compile(r"[\s\-]+")


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """Normalise a name for comparison: case, hyphens, spaces, a leading "the"."""
    spaced = name.replace("’", "'").replace("-", " ").replace("‐", " ").replace("–", " ")
    key = " ".join(spaced.split()).lower()  # runs of spaces and hyphens closed up, cheaper than a pattern
    return key[4:] if key.startswith("the ") else key


def _is_caps_line(tokens: Sequence[Token]) -> bool:
    """Tell whether a line is set in capitals (a headline, a dateline), where case says nothing."""
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
class _Candidate:
    """A span with the evidence for its label, before the document-wide vote."""

    sentence: int
    tokens: Sequence[Token]
    span: Span
    evidence: Evidence
    sentence_text: str
    team: bool = False
    name: str = field(init=False)  # read many times by the document-wide vote, so sliced once

    def __post_init__(self) -> None:
        first, last = self.tokens[self.span.start], self.tokens[self.span.end - 1]
        self.name = self.sentence_text[first.start : last.end]


class _SentenceReading(NamedTuple):
    """What a sentence says on its own: its tokens, the kind of line it is, its name spans and their evidence."""

    tokens: tuple[Token, ...]
    caps_line: bool
    table_line: bool
    names: tuple[tuple[Sequence[Token], Span, Evidence], ...]  # the tokens each span indexes, the span, its label


@lru_cache(maxsize=4096)
def read_sentence(sentence: str) -> _SentenceReading:
    """Read one sentence: finding and labelling its spans needs nothing outside it, so it is done once per sentence.

    Wire copy repeats itself from one outlet to the next, and a story is briefed again when it is updated.
    """
    tokens = tokenize(sentence)
    if _is_caps_line(tokens):
        return _SentenceReading(tokens, True, False, ())
    names: list[tuple[Sequence[Token], Span, Evidence]] = []
    for span in find_spans(tokens):
        if "-" in tokens[span.start].text:
            names.extend(_split_compounds(tokens, span))
        else:
            names.append((tokens, span, classify_span(tokens, span)))
    return _SentenceReading(tokens, False, is_table_line(tokens), tuple(names))


def _candidates(sentences: Sequence[str]) -> tuple[list[_Candidate], list[tuple[int, Sequence[Token]]]]:
    """Label every span from local evidence; set aside lines in capitals for later."""
    found: list[_Candidate] = []
    caps_lines: list[tuple[int, Sequence[Token]]] = []
    sporty = is_sports_document(sentences)
    for index, sentence in enumerate(sentences):
        reading = read_sentence(sentence)
        if reading.caps_line:
            caps_lines.append((index, reading.tokens))
            continue
        table = reading.table_line
        for tokens, span, evidence in reading.names:
            candidate = _Candidate(index, tokens, span, evidence, sentence)
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


def _part(candidate: _Candidate, span: Span, evidence: Evidence) -> _Candidate:
    """Build one of two names glued into one candidate (see `bot.facts.glued`)."""
    return _Candidate(candidate.sentence, candidate.tokens, span, evidence, candidate.sentence_text)


def _join_nickname(candidate: _Candidate) -> None:
    """Read J.P. "The Big Bopper" Richardson as J.P. Richardson, a person, whatever town shares the surname."""
    span = candidate.span
    first = nickname_first_name(candidate.tokens, span.title_start, span.end)
    if first is not None and not span.has_title:
        tokens, text = candidate.tokens, candidate.sentence_text
        candidate.name = f"{text[tokens[first[0]].start : tokens[first[1] - 1].end]} {candidate.name}"
        candidate.evidence = Evidence(PER, STRONG)


def _label_side(candidate: _Candidate, table: bool) -> None:
    """Relabel a name a sports report uses as a side: a team, unless a country in brackets makes it a competitor."""
    tokens, span = candidate.tokens, candidate.span
    if is_nationality(tokens, span):
        candidate.evidence = Evidence(LOC, STRONG)  # "(Germany)" after a driver: where he is from
        return
    competitor = competitor_evidence(tokens, span, candidate.evidence)
    if competitor is not None:
        candidate.evidence = competitor
    elif table or used_as_team(tokens, span, candidate.evidence):
        candidate.evidence = team_evidence(candidate.name, candidate.evidence)
        candidate.team = candidate.evidence.label in (LOC, ORG)


def _label_nicknames(candidates: list[_Candidate]) -> None:
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


def _label_place_teams(candidates: list[_Candidate]) -> None:
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


def _team_noun_follows(candidate: _Candidate) -> bool:
    end = candidate.span.end
    if candidate.tokens[end - 1].possessive or end >= len(candidate.tokens):
        return False
    return candidate.tokens[end].lower in _TEAM_NOUNS


_TEAM_NOUNS = word_set("team players squad outfit skipper captain coach batsman bowler striker midfielder")


_WEAK_ORG = Evidence(ORG, WEAK)


def _listed_with_a_body(
    previous: tuple[_Candidate, Evidence] | None, candidate: _Candidate, evidence: Evidence
) -> bool:
    """Tell whether an acronym is joined by "and" to an organisation named just before it ("BTB and ACV")."""
    if previous is None or previous[0].sentence != candidate.sentence or evidence != _WEAK_ORG:
        return False
    if previous[1].label != ORG or previous[1].strength < MEDIUM:
        return False
    previous_candidate = previous[0]
    first = previous_candidate.tokens[previous_candidate.span.end - 1]
    last = candidate.tokens[candidate.span.start]
    between = candidate.sentence_text[first.end : last.start] if first.end <= last.start else ""
    return between.strip(" ,") in ("and", "or") or between == ", "


def _read_from_context_alone(candidate: _Candidate) -> bool:
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
    if evidence == _WEAK_ORG and after in BODY_FOLLOWERS:
        return Evidence(ORG, MEDIUM)
    return evidence


def _titled_name(candidate: _Candidate) -> str:
    first = candidate.tokens[candidate.span.title_start]
    return candidate.sentence_text[first.start : candidate.tokens[candidate.span.end - 1].end]


def _person_aliases(candidates: Iterable[_Candidate]) -> dict[str, str]:
    """Map each part of a well-attested full name ("Finer") to that full name ("Jon Finer")."""
    aliases: dict[str, str] = {}
    for candidate in candidates:
        if candidate.evidence.label != PER or candidate.evidence.strength < MEDIUM:
            continue
        name = candidate.name
        parts = [p for p in NAME_PARTS_RE.split(name) if len(p) > 1 and not p.endswith(".")]
        if len(parts) == 1 and candidate.span.has_title:
            aliases.setdefault(parts[0].lower(), _titled_name(candidate))  # "Princess Charlotte"
            continue
        if len(parts) < 2:
            continue
        for part in parts:
            if part.lower() not in NAME_PARTICLES:
                aliases.setdefault(part.lower(), name)
    return aliases


def _acts_more_as_body(evidence: Evidence, current: Evidence, name: str) -> bool:
    same = evidence.strength == current.strength
    return same and evidence.label == ORG and current.label == LOC and lookup_place(name) is None


def _best_labels(candidates: Iterable[_Candidate]) -> dict[str, Evidence]:
    """Map each name to the strongest label any of its mentions earned."""
    best: dict[str, Evidence] = {}
    for candidate in candidates:
        key = name_key(candidate.name)
        current = best.get(key)
        evidence = candidate.evidence
        if evidence.label and (current is None or evidence.strength > current.strength):
            best[key] = evidence
        elif current is not None and _acts_more_as_body(evidence, current, candidate.name):
            best[key] = evidence  # a name only its setting made a place ("in Halvorsen") is the body it acts as
    return best


def _initials(name: str) -> str:
    """Return the acronym a body's name makes: "Center for Immigration Studies" gives "CIS"."""
    words = [w for w in NAME_PARTS_RE.split(name) if w[:1].isupper() and w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


_INITIALS_SKIP = word_set("of for and the on in at to &")


def _define_acronyms(candidates: Iterable[_Candidate], best: dict[str, Evidence]) -> None:
    """Make an acronym a body where the document also spells the body out: "… Pest Control Association" → BPCA."""
    spelled = {
        _initials(c.name).lower()
        for c in candidates
        if c.evidence.label == ORG and c.evidence.strength >= MEDIUM and len(c.name.split()) >= 2
    }
    spelled.discard("")
    for key in spelled:
        current = best.get(key)
        if current is None or current.strength < MEDIUM:
            best[key] = Evidence(ORG, MEDIUM)


def _names_known_person(candidate: _Candidate, key: str, aliases: dict[str, str]) -> bool:
    """Tell whether a short name (`key`, its name_key) is part of one full name the document gives a person.

    "Del Bosque" after "Vicente del Bosque": every part must point to the same full name.
    """
    span = candidate.span
    if not aliases or span.end - span.start > 2 or span.title_start < span.start:
        return False
    parts = [p for p in key.split() if p not in NAME_PARTICLES]
    if not parts or len(parts) > 2:
        return False
    owner = aliases.get(parts[0])
    if owner is None or (len(parts) == 2 and aliases.get(parts[1]) != owner):
        return False
    return name_key(owner) != key


def _after_place_word(candidate: _Candidate) -> bool:
    index = candidate.span.title_start - 1
    if index < 0 or candidate.tokens[index].lower not in _PLACE_WORDS:
        return False
    return not (index >= 1 and candidate.tokens[index - 1].lower == "according")  # "according to Jordan": a source


_PLACE_WORDS = word_set("in at near from to outside inside across around of")


def _resolve(candidate: _Candidate, aliases: dict[str, str], best: dict[str, Evidence]) -> Evidence:
    """Settle a span's label with the rest of the document: known full names, stronger evidence elsewhere."""
    evidence = candidate.evidence
    key = name_key(candidate.name)
    if _names_known_person(candidate, key, aliases):
        weak = evidence.strength < STRONG
        # "Finer" after "Jon Finer" beats a same-named town; "Herrera scored" is the player, not a side;
        # "Jordan" in a story about Louis Jordan is him, unless the text puts it somewhere ("in Jordan").
        if weak or candidate.team or (evidence.label == LOC and not _after_place_word(candidate)):
            return Evidence(PER, STRONG)
    known = best.get(key)
    if known is not None and known.strength > evidence.strength:
        return known
    return evidence


def _caps_matches(
    tokens: Sequence[Token], aliases: dict[str, str], best: dict[str, Evidence]
) -> list[tuple[int, int, str]]:
    """Find names in an all-capitals headline by looking them up, since case tells nothing there."""
    matches: list[tuple[int, int, str]] = []
    index, longest = 0, max(4, max_place_words())
    while index < len(tokens):
        found = None
        if tokens[index].kind == "word" and tokens[index].lower not in FUNCTION_WORDS:
            for size in range(min(longest, len(tokens) - index), 0, -1):
                window = tokens[index : index + size]
                if any(t.kind != "word" for t in window) or window[-1].lower in FUNCTION_WORDS:
                    continue
                label = _lookup_caps(" ".join(t.text for t in window), aliases, best)
                if label:
                    found = (index, index + size, label)
                    break
        if found:
            matches.append(found)
            index = found[1]
        else:
            index += 1
    return matches


def _lookup_caps(text: str, aliases: dict[str, str], best: dict[str, Evidence]) -> str | None:
    key = name_key(text)
    known = best.get(key)
    if known is not None and known.strength >= MEDIUM and known.label in (PER, LOC, ORG):
        return known.label
    if key in aliases:
        return PER
    if key in KNOWN_ORGS and len(key) > 3:
        return ORG
    if lookup_place(text) is not None:
        return LOC
    return None


def find_mentions(sentences: Sequence[str], min_strength: int = WEAK) -> list[Mention]:
    """Return every name mention in the sentences with its label, in reading order."""
    candidates, caps_lines = _candidates(sentences)
    candidates = split_glued(candidates, _part)
    label_enumerations(candidates)
    aliases = _person_aliases(candidates)
    best = _best_labels(candidates)
    _define_acronyms(candidates, best)
    mentions: list[Mention] = []
    previous: tuple[_Candidate, Evidence] | None = None
    for candidate in candidates:
        evidence = _resolve(candidate, aliases, best)
        if _listed_with_a_body(previous, candidate, evidence):
            evidence = Evidence(ORG, MEDIUM)
        previous = (candidate, evidence)
        if evidence.label in (PER, LOC, ORG) and evidence.strength >= min_strength:
            mentions.append(_to_mention(candidate, evidence))
            if evidence.label == PER and evidence.strength >= MEDIUM:
                mentions.extend(_shared_surname(candidate, evidence))
    for index, tokens in caps_lines:
        for start, end, label in _caps_matches(tokens, aliases, best):
            text = sentences[index][tokens[start].start : tokens[end - 1].end]
            mentions.append(Mention(text, label, index, tokens[start].start, tokens[end - 1].end, strength=MEDIUM))
    mentions.sort(key=_READING_ORDER)
    return mentions


_READING_ORDER = attrgetter("sentence", "start")


def _shared_surname(candidate: _Candidate, evidence: Evidence) -> list[Mention]:
    """Name the first of "Brian and Charlotte Smith": a first name joined to a full name shares its surname."""
    tokens, span = candidate.tokens, candidate.span
    words = candidate.name.split()
    if span.title_start < 2 or len(words) < 2 or tokens[span.title_start - 1].lower != "and":
        return []
    first = tokens[span.title_start - 2]
    if not first.is_capitalized or first.lower not in given_names() or first.possessive:
        return []
    if span.title_start >= 3 and tokens[span.title_start - 3].is_capitalized:
        return []  # "Tom Jones and Sarah Smith": the first name already has a surname
    name = " ".join([first.text, *words[1:]])
    return [Mention(name, PER, candidate.sentence, first.start, first.end, strength=evidence.strength)]


def _to_mention(candidate: _Candidate, evidence: Evidence) -> Mention:
    tokens, span = candidate.tokens, candidate.span
    first, last = tokens[span.start], tokens[span.end - 1]
    title = ""
    title_offset = -1
    if span.has_title:
        title_first, title_last = tokens[span.title_start], tokens[span.start - 1]
        title = candidate.sentence_text[title_first.start : title_last.end]
        title_offset = title_first.start
    return Mention(
        candidate.name,
        evidence.label or "",
        candidate.sentence,
        first.start,
        last.end,
        title,
        title_offset,
        evidence.strength,
        candidate.team and evidence.label in (LOC, ORG),
    )


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
