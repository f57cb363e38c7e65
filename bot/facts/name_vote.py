"""Settle each name's label with the rest of the document: full names, stronger evidence, acronyms, capitals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.facts.evidence import LOC, MEDIUM, ORG, ORG_MEDIUM, ORG_WEAK, PER, PER_STRONG, STRONG, Evidence
from bot.facts.gazetteer import lookup_place, max_place_words
from bot.facts.lexicon import FUNCTION_WORDS, KNOWN_ORGS, NAME_PARTICLES
from bot.facts.name_candidates import Candidate
from bot.facts.name_keys import NAME_PARTS_RE, name_key
from bot.facts.tokens import Token
from bot.text.wordlist import word_set


def listed_with_a_body(previous: tuple[Candidate, Evidence] | None, candidate: Candidate, evidence: Evidence) -> bool:
    """Tell whether an acronym is joined by "and" to an organisation named just before it ("BTB and ACV")."""
    # ORG_WEAK's fields compared one by one: the dataclass's == is a Python call, made for every candidate.
    if evidence.strength != ORG_WEAK.strength or evidence.label != ORG_WEAK.label:
        return False
    if previous is None or previous[0].sentence != candidate.sentence:
        return False
    if previous[1].label != ORG or previous[1].strength < MEDIUM:
        return False
    previous_candidate = previous[0]
    first = previous_candidate.tokens[previous_candidate.span.end - 1]
    last = candidate.tokens[candidate.span.start]
    between = candidate.sentence_text[first.end : last.start] if first.end <= last.start else ""
    return between.strip(" ,") in ("and", "or") or between == ", "


def _titled_name(candidate: Candidate) -> str:
    first = candidate.tokens[candidate.span.title_start]
    return candidate.sentence_text[first.start : candidate.tokens[candidate.span.end - 1].end]


def person_aliases(candidates: Iterable[Candidate]) -> dict[str, str]:
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


def best_labels(candidates: Iterable[Candidate]) -> dict[str, Evidence]:
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


def define_acronyms(candidates: Iterable[Candidate], best: dict[str, Evidence]) -> None:
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
            best[key] = ORG_MEDIUM


def _names_known_person(candidate: Candidate, key: str, aliases: dict[str, str]) -> bool:
    """Tell whether a short name (`key`, its name_key) is part of one full name the document gives a person.

    "Del Bosque" after "Vicente del Bosque": every part must point to the same full name.
    """
    span = candidate.span
    if not aliases or span.end - span.start > 2 or span.title_start < span.start:
        return False
    parts = key.split()
    if not NAME_PARTICLES.isdisjoint(parts):  # rare ("del Bosque"): most names are read without a comprehension
        parts = [p for p in parts if p not in NAME_PARTICLES]
    if not parts or len(parts) > 2:
        return False
    owner = aliases.get(parts[0])
    if owner is None or (len(parts) == 2 and aliases.get(parts[1]) != owner):
        return False
    return name_key(owner) != key


def _after_place_word(candidate: Candidate) -> bool:
    index = candidate.span.title_start - 1
    if index < 0 or candidate.tokens[index].lower not in _PLACE_WORDS:
        return False
    return not (index >= 1 and candidate.tokens[index - 1].lower == "according")  # "according to Jordan": a source


_PLACE_WORDS = word_set("in at near from to outside inside across around of")


def resolve_label(candidate: Candidate, aliases: dict[str, str], best: dict[str, Evidence]) -> Evidence:
    """Settle a span's label with the rest of the document: known full names, stronger evidence elsewhere."""
    evidence = candidate.evidence
    key = name_key(candidate.name)
    if _names_known_person(candidate, key, aliases):
        weak = evidence.strength < STRONG
        # "Finer" after "Jon Finer" beats a same-named town; "Herrera scored" is the player, not a side;
        # "Jordan" in a story about Louis Jordan is him, unless the text puts it somewhere ("in Jordan").
        if weak or candidate.team or (evidence.label == LOC and not _after_place_word(candidate)):
            return PER_STRONG
    known = best.get(key)
    if known is not None and known.strength > evidence.strength:
        return known
    return evidence


def caps_matches(
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
