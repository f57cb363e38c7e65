"""Score extracted facts against a hand-annotated case (used by the benchmark and the tests)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.models import Document, Facts
from bot.text.tokenize import split_sentences


@dataclass
class CaseScore:
    """Gold and predicted entity names, plus hit/total counts per annotated field."""

    gold_entities: dict[str, set[str]]
    predicted_entities: dict[str, set[str]]
    field_counts: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def document_from_case(case: dict[str, Any]) -> Document:
    """Build the Document a case describes: each paragraph split into sentences."""
    paragraphs = tuple(tuple(split_sentences(text)) for text in case["paragraphs"])
    return Document(title=case.get("title"), paragraphs=paragraphs, dateline=case.get("dateline"))


def published_of(case: dict[str, Any]) -> date | None:
    """Return the case's publication date, if it has one."""
    value = case.get("published")
    return date.fromisoformat(value) if value else None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold().replace("’", "'") == (b or "").casefold().replace("’", "'")


def _within(part: str, whole: str) -> bool:
    return part.casefold().replace("’", "'") in whole.casefold().replace("’", "'")


def _tally(score: CaseScore, name: str, hit: bool, what: str) -> None:
    score.field_counts[(name, "total")] += 1
    if hit:
        score.field_counts[(name, "hit")] += 1
    else:
        score.misses.append(f"{name}: {what}")


def score_case(case: dict[str, Any], facts: Facts) -> CaseScore:
    """Compare facts with a case's annotations."""
    score = CaseScore(
        gold_entities={
            "PER": {p["name"] for p in case.get("people", [])},
            "LOC": set(case.get("places", [])),
            "ORG": set(case.get("organizations", [])),
        },
        predicted_entities={
            "PER": {p.name for p in facts.people},
            "LOC": set(facts.places),
            "ORG": set(facts.organizations),
        },
    )
    for person in case.get("people", []):
        if person.get("role"):
            found = any(
                _same(p.name, person["name"]) and p.role and _within(person["role"], p.role) for p in facts.people
            )
            _tally(score, "roles", found, f"{person['name']} — {person['role']}")
    for wanted in case.get("dates", []):
        day = date.fromisoformat(wanted["date"]) if wanted.get("date") else None
        found = any(
            (_within(wanted["text"], d.text) or _within(d.text, wanted["text"])) and d.date == day for d in facts.dates
        )
        _tally(score, "dates", found, f"{wanted['text']} = {day}")
    for wanted in case.get("numbers", []):
        found = any(_same(n.value, wanted["value"]) and _within(wanted["context"], n.context) for n in facts.numbers)
        _tally(score, "numbers", found, wanted["value"])
    for wanted in case.get("quotes", []):
        found = any(_within(wanted["text"], q.text) and _same(q.speaker, wanted["speaker"]) for q in facts.quotes)
        _tally(score, "quotes", found, f"{wanted['text'][:30]}… — {wanted['speaker']}")
    for wanted in case.get("sources", []):
        found = any(_within(wanted, s) for s in facts.sources)
        _tally(score, "sources", found, wanted)
    return score
