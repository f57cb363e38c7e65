"""Read a date's tense from its clause and sentence: it decides which way `bot.facts.dates` resolves it."""

from __future__ import annotations

import re

FUTURE_RE = re.compile(
    r"\b(?:will|won't|would|shall|(?:is|are|was|were) (?:expected|scheduled|due|set|to)\b|plans? to|planned for|"
    r"upcoming|set for|due (?:on|to)|going to)\b|['’]ll\b"
)
# Within a clause "would" mostly reports a past intention ("indicated jobs would be cut"), so only these count.
_CLAUSE_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|(?:is|are) (?:expected|due|set|to)\b|upcoming|set for|due (?:on|to)|going to)\b|['’]ll\b"
)
_PLANNED_RE = re.compile(r"\b(?:scheduled|planned|slated|proposed)\b", re.IGNORECASE)
PAST_TENSE_RE = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.IGNORECASE)
# Reported speech is told after the fact even in the present tense: "officials say Monday's storm …".
_SAYS_RE = re.compile(r"\b(?:say|says|said|told|tells|according to)\b", re.IGNORECASE)
REPORTING_RE = re.compile(r"\b(?:said|told|announced|reported|added|says)\s*$")
# "ruled on Wednesday", "met on Monday": a past-tense verb right before the date fixes it in the past.
PAST_VERB_RE = re.compile(
    r"\b(?:\w{3,}ed|met|made|took|gave|held|won|lost|began|left|came|went|saw|spoke|wrote|rose|fell|sold|"
    r"bought|struck|hit|said|told|was|were)\s*$",
    re.IGNORECASE,
)
SENTENCE_PAST = "past (sentence)"
# Where a clause begins, looking back from a date: the tense of that clause is the one that counts.
_CLAUSE_BREAK_RE = re.compile(r"[,;:—–(]|\b(?:that|and|but|while|which|who|when|where|unless|if|because)\b")
_CLAUSE_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|ago|\w{3,}ed|met|made|took|gave|held|won|lost|began|left|came|went|saw|spoke|"
    r"wrote|rose|fell|sold|bought|struck|said|told)\b",
    re.IGNORECASE,
)


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """Return "future", "past" or "planned" from the verbs of the clause holding [start, end), or None.

    "Planned" ("a scheduled Dec. 15 vote", "tariffs planned for Oct. 15") says the date was set in advance,
    not whether it has come: the nearest such date is meant.
    """
    clause_start = 0
    for opened in _CLAUSE_BREAK_RE.finditer(sentence, 0, start):
        clause_start = opened.end()
    closing = _CLAUSE_BREAK_RE.search(sentence, end)
    clause = sentence[clause_start : closing.start() if closing else len(sentence)]
    if _CLAUSE_FUTURE_RE.search(clause):
        return "future"
    if _PLANNED_RE.search(clause):
        return "planned"
    if _CLAUSE_PAST_RE.search(clause):
        return "past"
    return None


def tense_of(sentence: str, start: int, end: int, would_looks_ahead: bool = True) -> str | None:
    """Return the tense that decides a date's direction: its clause's, else its sentence's.

    Without `would_looks_ahead`, "would" says nothing: "a vow that Britain would leave on Oct. 31" may be
    about a day gone by, and the nearest such day is meant.
    """
    clause = clause_tense(sentence, start, end)
    if clause is not None:
        return None if clause == "planned" else clause
    future = FUTURE_RE.search(sentence)
    if future and not would_looks_ahead and future.group() == "would":
        future = FUTURE_RE.search(sentence, future.end())
    if future and not REPORTING_RE.search(sentence[:start]):
        return "future"
    if PAST_TENSE_RE.search(sentence):
        return SENTENCE_PAST  # weaker than a past verb in the date's own clause
    return None


def untensed(sentence: str, clause: str | None, cue: str) -> bool:
    """Say whether nothing in the sentence tells past from future ("Lowe's reports earnings Wednesday").

    Such a sentence is a timetable in the present tense, and the nearest such day is meant: in a Tuesday
    story "Wednesday" is tomorrow, not six days ago.
    """
    return (
        clause is None
        and cue in ("", "on")
        and PAST_TENSE_RE.search(sentence) is None
        and _SAYS_RE.search(sentence) is None
        and FUTURE_RE.search(sentence) is None
    )


_DAY_OF_MONTH_RE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+[0-3]?\d\b"
)


def is_schedule(sentence: str, start: int) -> bool:
    """Tell a list of dates or a line that opens with one (a tour, a fixture list): those lie ahead."""
    return len(_DAY_OF_MONTH_RE.findall(sentence)) >= 2 or not sentence[:start].strip(" -–•*")
