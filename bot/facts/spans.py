"""Find runs of capitalised tokens in a sentence: the candidates for names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_OF_HEADS,
    PLACE_OF_HEADS,
    ROLE_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from bot.facts.shapes import is_demonym
from bot.facts.tokens import Token

_OPENERS = frozenset("\"“‘'([—–-:")


@dataclass(frozen=True, slots=True)
class Span:
    """Token range [start, end) of a sentence that may name something, plus any title before it."""

    start: int
    end: int
    title_start: int  # first token of a title/honorific before the name (== start when none)
    sentence_initial: bool

    @property
    def has_title(self) -> bool:
        return self.title_start < self.start


def _is_name_token(token: Token) -> bool:
    return token.is_capitalized and token.lower.rstrip(".") not in CALENDAR_WORDS


def _starts_sentence(tokens: Sequence[Token], index: int) -> bool:
    return all(t.kind == "punct" and t.text in _OPENERS for t in tokens[:index])


def _owned_org_word(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "Longshoremen's" is inside a name: "International Longshoremen's Association"."""
    return index < len(tokens) and tokens[index].is_capitalized and tokens[index].lower in ORG_HEADS


def _run_end(tokens: Sequence[Token], start: int) -> int:
    """Return the end of the capitalised run starting at `start`, joining particles and '&'."""
    end = start + 1
    while end < len(tokens) and (not tokens[end - 1].possessive or _owned_org_word(tokens, end)):
        token = tokens[end]
        if _is_name_token(token):
            end += 1
        elif (
            (token.lower in NAME_PARTICLES or token.text == "&")
            and end + 1 < len(tokens)
            and _is_name_token(tokens[end + 1])
            and tokens[end - 1].lower not in HONORIFICS
        ):
            end += 2
        else:
            break
    return end


def _joins_with_of(tokens: Sequence[Token], start: int, end: int) -> int:
    """Extend "Bank" + "of England" style names; return the new end."""
    head = tokens[end - 1].lower
    if head not in ORG_OF_HEADS and head not in PLACE_OF_HEADS and head not in TITLE_HEADS:
        return end
    index = end
    if index + 1 < len(tokens) and tokens[index].lower == "of" and not tokens[end - 1].possessive:
        after = index + 1
        if after < len(tokens) and tokens[after].lower == "the" and after + 1 < len(tokens):
            after += 1
        if _is_name_token(tokens[after]):
            return _run_end(tokens, after)
    return end


def _joins_with_and(tokens: Sequence[Token], start: int, end: int) -> int:
    """Join "Trinidad and Tobago" style places that the gazetteer knows whole."""
    if end + 1 < len(tokens) and tokens[end].lower == "and" and _is_name_token(tokens[end + 1]):
        longer = _run_end(tokens, end + 1)
        sentence_text = " ".join(t.text for t in tokens[start:longer])
        if lookup_place(sentence_text):
            return longer
    return end


def _title_length(tokens: Sequence[Token], start: int, end: int, initial: bool) -> int:
    """Count leading title tokens ("Prime Minister", "Mr.") that leave a name after them."""
    index = start
    if initial and end - start >= 3 and tokens[start].lower in ROLE_HEADS:
        return 1  # "Striker Alan Shearer" at the start of a sentence
    while index < end - 2 and is_demonym([tokens[index].text]) and not tokens[index].possessive:
        index += 1
    while index < end - 1 and tokens[index].lower.rstrip(".") in TITLE_MODIFIERS:
        index += 1
    if index < end - 1 and tokens[index].lower.rstrip(".") in _TITLE_WORDS:
        if index + 3 < end and tokens[index + 1].lower == "of":
            return index + 3 - start  # "Secretary of State Antony Blinken"
        return index + 1 - start
    return 0


_TITLE_WORDS = TITLE_HEADS | HONORIFICS


def find_spans(tokens: Sequence[Token]) -> list[Span]:
    """Return candidate name spans of one sentence, leftmost first."""
    spans: list[Span] = []
    index = 0
    while index < len(tokens):
        if not _is_name_token(tokens[index]):
            index += 1
            continue
        start = index
        end = _joins_with_and(tokens, start, _joins_with_of(tokens, start, _run_end(tokens, start)))
        while start < end and tokens[start].lower in FUNCTION_WORDS and tokens[start].lower not in HONORIFICS:
            start += 1
        if start < end:
            initial = _starts_sentence(tokens, start)
            title = _title_length(tokens, start, end, initial)
            spans.append(Span(start + title, end, start, initial))
        index = end
    return spans
