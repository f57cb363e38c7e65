"""Words people watch for: channel filters (`filter include|exclude`) and personal alerts (`follow`).

A term is a word or a "quoted phrase". Matching ignores case and accents and takes whole words
only: "strike" finds "Strike!" but not "strikes" or "airstrike", so a headline about a striker
never trips a filter on strikes. A trailing `*` opts into word beginnings ("strike*" finds
"strikes" and "striker"). A phrase matches across any spacing and line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.text.normalize import unaccented

# A term is a run of non-space characters, or whatever sits between straight or curly double quotes.
_TERM = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]|(\S+)')
MAX_TERM_LENGTH = 100
MAX_TERMS = 50  # per list: a filter or a person's follows stay readable in `filter list` and `following`
# Punctuation around a bare word ("antwerp," or "(strike)") is the sentence's, not the term's.
_EDGE_PUNCTUATION = ".,;:!?()[]{}'\"‘’“”«»"


def parse_terms(text: str) -> tuple[str, ...]:
    """Split what a user typed into terms: words and "quoted phrases", spacing squeezed, duplicates dropped."""
    terms: dict[str, str] = {}
    for match in _TERM.finditer(text):
        quoted = next((group for group in match.groups()[:3] if group is not None), None)
        raw = quoted if quoted is not None else match.group(4).strip(_EDGE_PUNCTUATION)
        term = " ".join(raw.split())[:MAX_TERM_LENGTH]
        if term and fold(term):
            terms.setdefault(fold(term), term)
    return tuple(terms.values())


def fold(text: str) -> str:
    """Return text as terms are compared: accents dropped, case folded ("Zürich" and "zurich" match)."""
    return unaccented(text).casefold()


def term_key(term: str) -> str:
    """Return the form two terms are told apart by ("Strike" and "strike" are one term)."""
    return " ".join(fold(term).split())


def show_terms(terms: Iterable[str]) -> str:
    """Write terms back as the user would type them: phrases in quotes, separated by spaces."""
    return " ".join(f"“{term}”" if " " in term else term for term in terms)


class TermMatcher:
    """Find which of some terms occur in a text, as whole words, ignoring case and accents."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(terms)
        self._patterns = tuple((term, _pattern(term_key(term))) for term in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def found_in(self, text: str) -> list[str]:
        """Return the terms that occur in `text`, in the order they were given."""
        folded = _folded(text)
        return [term for term, pattern in self._patterns if pattern.search(folded)]

    def any_in(self, text: str) -> bool:
        """Tell whether at least one term occurs in `text`."""
        folded = _folded(text)
        return any(pattern.search(folded) for _, pattern in self._patterns)


@dataclass(frozen=True)
class TopicFilter:
    """A channel's filter: with `include`, one of them must occur; none of `exclude` may."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, stored: Mapping[str, Any] | None) -> TopicFilter:
        """Read a filter from a subscription's stored `filters` (unknown keys are ignored)."""
        stored = stored or {}
        return cls(include=_str_tuple(stored.get("include")), exclude=_str_tuple(stored.get("exclude")))

    def to_settings(self) -> dict[str, list[str]]:
        """Return the filter as a subscription stores it."""
        return {"include": list(self.include), "exclude": list(self.exclude)}

    @property
    def active(self) -> bool:
        return bool(self.include or self.exclude)

    def accepts(self, text: str) -> bool:
        """Tell whether a text passes: some include term present (if any are set) and no exclude term."""
        if self.include and not _matcher(self.include).any_in(text):
            return False
        return not (self.exclude and _matcher(self.exclude).any_in(text))

    def with_terms(self, kind: str, terms: Iterable[str]) -> TopicFilter:
        """Return the filter with more `include` or `exclude` terms; a term moves out of the other list."""
        added = {term_key(term): term for term in terms}
        current = {term_key(term): term for term in self._terms(kind)}
        chosen = tuple(current.values()) + tuple(t for k, t in added.items() if k not in current)
        other = tuple(term for term in self._terms(_other(kind)) if term_key(term) not in added)
        chosen = chosen[:MAX_TERMS]
        return TopicFilter(include=chosen, exclude=other) if kind == "include" else TopicFilter(other, chosen)

    def _terms(self, kind: str) -> tuple[str, ...]:
        return self.include if kind == "include" else self.exclude


def article_text(title: str | None, text: str) -> str:
    """Return what filters and follows read of an article: its headline and its body."""
    return f"{title or ''}\n{text}"


def _other(kind: str) -> str:
    return "exclude" if kind == "include" else "include"


def _pattern(key: str) -> re.Pattern[str]:
    # Whole words: no letter or digit right before or after; inside a phrase any run of spaces matches.
    prefix = key.endswith("*")
    body = r"\s+".join(re.escape(word) for word in key.rstrip("*").split())
    return re.compile(rf"(?<!\w){body}\w*" if prefix else rf"(?<!\w){body}(?!\w)")


@lru_cache(maxsize=256)
def _matcher(terms: tuple[str, ...]) -> TermMatcher:
    return TermMatcher(terms)


@lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    # Fan-out checks the same article against many channels' filters; fold it once.
    return fold(text)


def _str_tuple(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(item) for item in value if str(item).strip())
