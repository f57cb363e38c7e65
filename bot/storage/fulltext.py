"""What a lookup asks for: user words as safe FTS5 (or tsvector) terms, and the ranking query, with no engine.

Shared by the store's search (`bot.storage.search`, through SQLAlchemy) and the one-shot CLI's
read-only path (`bot.storage.quick_lookup`, through the sqlite3 module), so both ask the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Letters and digits only: this is what FTS5's unicode61 tokenizer keeps, and it means no
# user character can ever reach the MATCH syntax (quotes, `*`, `-`, `:`, `^`, parentheses).
_WORD = re.compile(r"[^\W_]+")
_MAX_TERMS = 12
TITLE_WEIGHT = 4.0


@dataclass(frozen=True)
class Term:
    """One thing to find: a single word, or a phrase whose words must be adjacent."""

    words: tuple[str, ...]

    def fts(self) -> str:
        """Return the term as a quoted FTS5 string (a phrase if it has several words)."""
        return '"' + " ".join(self.words).replace('"', '""') + '"'

    def websearch(self) -> str:
        """Return the term quoted for `websearch_to_tsquery` (quoted, so `or` is a word, not an operator)."""
        return '"' + " ".join(self.words) + '"'

    def pattern(self) -> re.Pattern[str]:
        """Return a regex that finds the term as whole words, any punctuation between them."""
        return re.compile(r"\b" + r"\W+".join(map(re.escape, self.words)) + r"\b", re.IGNORECASE)


def parse_query(query: str) -> list[Term]:
    """Split user text into "quoted phrases" and words; `U.S.` or `covid-19` become phrases."""
    terms: list[Term] = []
    parts = (query or "").split('"')
    for index, part in enumerate(parts):
        # Odd parts sit between quotes, unless the last quote was never closed.
        quoted = index % 2 == 1 and index < len(parts) - 1
        if quoted:
            terms.append(Term(tuple(_WORD.findall(part))))
        else:
            terms.extend(Term(tuple(_WORD.findall(chunk))) for chunk in part.split())
    return _unique(term for term in terms if term.words)[:_MAX_TERMS]


def match_expression(terms: list[Term], operator: str) -> str:
    """Join quoted terms with AND or OR into an FTS5 MATCH expression."""
    if operator not in ("AND", "OR"):
        raise ValueError(f"unknown operator {operator!r}")
    return f" {operator} ".join(term.fts() for term in terms)


def websearch_expression(terms: list[Term], operator: str) -> str:
    """Join quoted terms into `websearch_to_tsquery` text: side by side for AND, `or` between for OR."""
    if operator not in ("AND", "OR"):
        raise ValueError(f"unknown operator {operator!r}")
    return (" " if operator == "AND" else " or ").join(term.websearch() for term in terms)


# bm25 is lower-is-better and negative; callers flip it so that "higher is better".
FTS_RANK_SQL = (
    "SELECT rowid, bm25(articles_fts, :title_weight, 1.0) AS rank FROM articles_fts "
    "WHERE articles_fts MATCH :expression ORDER BY rank, rowid DESC LIMIT :limit"
)


def operators(terms: list[Term]) -> tuple[str, ...]:
    """Return the joins to try in turn: all terms first, then any term when there are several."""
    return ("AND", "OR") if len(terms) > 1 else ("AND",)


def fts_parameters(terms: list[Term], operator: str, limit: int) -> dict[str, object]:
    """Return the parameters of FTS_RANK_SQL for these terms joined by `operator`."""
    return {"expression": match_expression(terms, operator), "title_weight": TITLE_WEIGHT, "limit": limit}


def _unique(terms: Iterable[Term]) -> list[Term]:
    seen: set[tuple[str, ...]] = set()
    unique = []
    for term in terms:
        key = tuple(word.casefold() for word in term.words)
        if key not in seen:
            seen.add(key)
            unique.append(term)
    return unique
