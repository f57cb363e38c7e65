"""Full-text lookup in the store: SQLite's FTS5 (bm25) or PostgreSQL's tsvector (`websearch_to_tsquery`,
`ts_rank_cd`), or LIKE where neither index exists."""

from __future__ import annotations

import logging

from sqlalchemy import and_, or_, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.storage.db import FullText
from bot.storage.fulltext import (
    FTS_RANK_SQL,
    TITLE_WEIGHT,
    Term,
    fts_parameters,
    match_expression,
    operators,
    parse_query,
    websearch_expression,
)
from bot.storage.schema import ArticleRow

__all__ = ["SEARCH_CONFIG", "Term", "match_expression", "parse_query", "rank", "websearch_expression"]

# ts_rank_cd's weights for the D, C, B and A labels: body words (B) count 0.25, title words (A) 1,
# the same 4:1 as the bm25 weights on SQLite.
_TSVECTOR_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"
# The text search configuration migration 0003 creates and the search_vector column is built with.
SEARCH_CONFIG = "newsbrief_english"
_LIKE_CANDIDATES = 500

_log = logging.getLogger("newsbrief.storage")


def rank(
    session: Session, terms: list[Term], *, limit: int, fulltext: FullText | None
) -> list[tuple[int, float]]:
    """Return (article id, score) best first: all terms if anything has them all, else any term."""
    for operator in operators(terms):
        found = None
        if fulltext == "fts5":
            found = _rank_fts(session, terms, operator, limit)
        elif fulltext == "tsvector":
            found = _rank_tsvector(session, terms, operator, limit)
        if found is None:
            found = _rank_like(session, terms, operator, limit)
        if found:
            return found
    return []


def _rank_fts(session: Session, terms: list[Term], operator: str, limit: int) -> list[tuple[int, float]] | None:
    try:
        with session.begin_nested():
            rows = session.execute(text(FTS_RANK_SQL), fts_parameters(terms, operator, limit)).all()
    except OperationalError as error:
        # Quoting makes this unreachable in theory; if it happens, LIKE still answers the user.
        _log.warning("full-text query failed, falling back to LIKE: %s", error.orig)
        return None
    # bm25 is lower-is-better and negative; flip it so callers read "higher is better".
    return [(row[0], -row[1]) for row in rows]


def _rank_tsvector(session: Session, terms: list[Term], operator: str, limit: int) -> list[tuple[int, float]] | None:
    params = {
        "expression": websearch_expression(terms, operator), "config": SEARCH_CONFIG,
        "weights": _TSVECTOR_WEIGHTS, "limit": limit,
    }
    # Words of nothing but stop words ("the", "and") leave an empty query that matches nothing;
    # LIKE then answers, as FTS5 (which keeps every word) would have.
    lexemes = session.execute(
        text("SELECT numnode(websearch_to_tsquery(CAST(:config AS regconfig), :expression))"), params
    ).scalar()
    if not lexemes:
        return None
    # websearch_to_tsquery accepts any text without a syntax error, so nothing here can fail on input.
    statement = text(
        "SELECT id, ts_rank_cd(CAST(:weights AS real[]), search_vector, query) AS rank "
        "FROM articles, websearch_to_tsquery(CAST(:config AS regconfig), :expression) AS query "
        "WHERE search_vector @@ query ORDER BY rank DESC, id DESC LIMIT :limit"
    )
    return [(row[0], float(row[1])) for row in session.execute(statement, params)]


def _rank_like(session: Session, terms: list[Term], operator: str, limit: int) -> list[tuple[int, float]]:
    # Words hold letters and digits only, so they carry no LIKE wildcards to escape.
    conditions = [
        or_(ArticleRow.title.ilike(like), ArticleRow.text.ilike(like))
        for like in ("%" + "%".join(term.words) + "%" for term in terms)
    ]
    where = and_(*conditions) if operator == "AND" else or_(*conditions)
    candidates = session.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleRow.text)
        .where(where)
        .order_by(ArticleRow.id.desc())
        .limit(_LIKE_CANDIDATES)
    ).all()
    scored = []
    for article_id, title, body in candidates:
        score = _like_score(terms, title or "", body or "", require_all=operator == "AND")
        if score > 0:
            scored.append((article_id, score))
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    return scored[:limit]


def _like_score(terms: list[Term], title: str, body: str, *, require_all: bool) -> float:
    """Score whole-word hits, title hits weighing more; 0 when a required term is missing."""
    total = 0.0
    for term in terms:
        pattern = term.pattern()
        hits = TITLE_WEIGHT * len(pattern.findall(title)) + len(pattern.findall(body))
        if hits == 0 and require_all:
            return 0.0
        total += hits
    return total
