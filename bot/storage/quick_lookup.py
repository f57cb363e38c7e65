"""Answer a one-shot `newsbrief lookup` from an up-to-date SQLite file with the sqlite3 module alone.

A lookup is one FTS5 query, but SQLAlchemy and its ORM cost a cold `newsbrief lookup` about
0.3 s of CPU to import. This path reads the tables the store writes, with the store's own query
(`bot.storage.fulltext`), and steps aside (returns None) whenever it cannot answer exactly as the
store would: a database other than an SQLite file, a file that does not exist yet, a schema
older or newer than this release's, no FTS5 index, or any SQLite error. The store answers then.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from bot.models import Briefing
from bot.refs import stored_ref
from bot.serialize import briefing_from_dict
from bot.storage.fulltext import FTS_RANK_SQL, Term, fts_parameters, operators, parse_query
from bot.storage.revision import SCHEMA_HEAD

_SQLITE_FILE_PREFIX = "sqlite:///"
_BUSY_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class QuickHit:
    """One matching stored article: its id, how well it matched (higher is better) and its briefing."""

    id: int
    score: float
    briefing: Briefing


@dataclass(frozen=True)
class QuickAnswer:
    """The best matches, best first, and how many articles are stored (read only when nothing matched)."""

    hits: tuple[QuickHit, ...]
    stored: int | None = None


def quick_search(database_url: str, query: str, limit: int) -> QuickAnswer | None:
    """Return the store's answer to a lookup read straight from SQLite, or None when the store must answer."""
    path = _sqlite_file(database_url)
    if path is None or not path.is_file():
        return None
    terms = parse_query(query)
    try:
        with closing(sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)) as connection:
            if not _current(connection):
                return None
            ranked = _ranked(connection, terms, limit) if terms and limit > 0 else []
            if not ranked:
                return QuickAnswer((), _count(connection))
            briefings = _briefings(connection, [article_id for article_id, _ in ranked])
    except sqlite3.Error:
        return None
    return QuickAnswer(tuple(QuickHit(i, score, briefings[i]) for i, score in ranked if i in briefings))


def _sqlite_file(database_url: str) -> Path | None:
    """Return the file of an SQLite URL, or None for anything the store should open itself."""
    if not database_url.startswith(_SQLITE_FILE_PREFIX):
        return None
    location = database_url[len(_SQLITE_FILE_PREFIX) :]
    # In memory, URI options, percent-escapes: SQLAlchemy's own URL rules apply, so leave them to it.
    if not location or location == ":memory:" or any(mark in location for mark in "?%"):
        return None
    return Path(location).expanduser()


def _current(connection: sqlite3.Connection) -> bool:
    """Tell whether the database is at this release's schema and has its full-text index."""
    versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if versions != [(SCHEMA_HEAD,)]:
        return False
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'"
    ).fetchone()
    return found is not None


def _ranked(connection: sqlite3.Connection, terms: list[Term], limit: int) -> list[tuple[int, float]]:
    # As the store ranks: all terms first, then any term; bm25 flipped so that higher is better.
    for operator in operators(terms):
        rows = connection.execute(FTS_RANK_SQL, fts_parameters(terms, operator, limit)).fetchall()
        if rows:
            return [(row[0], -row[1]) for row in rows]
    return []


def _briefings(connection: sqlite3.Connection, ids: list[int]) -> dict[int, Briefing]:
    marks = ", ".join("?" for _ in ids)
    # Only "?" placeholders are formatted in; the ids travel as parameters.
    rows = connection.execute(
        f"SELECT id, content_hash, briefing FROM articles WHERE id IN ({marks})", ids
    ).fetchall()
    # As the store does: the reference says where the article is kept, so it comes from the row.
    return {
        article_id: replace(briefing_from_dict(json.loads(text)), ref=stored_ref(fingerprint, article_id))
        for article_id, fingerprint, text in rows
    }


def _count(connection: sqlite3.Connection) -> int:
    row = connection.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0
