"""`newsbrief lookup WORDS...`: find stored briefings by their words."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from bot.cli.output import emit
from bot.factory import Factory
from bot.models import Briefing, Matches
from bot.settings import Settings
from bot.storage.quick_lookup import quick_search


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the briefings of the best-matching stored articles, or say why there are none."""
    query = " ".join(args.words)
    # An up-to-date SQLite file answers without SQLAlchemy (≈0.3 s of start-up); anything else opens the store.
    quick = quick_search(settings.storage.resolved_database_url, query, args.limit)
    if quick is not None:
        found = [(hit.id, hit.score, hit.briefing) for hit in quick.hits]
        stored = quick.stored
    else:
        with closing(Factory(settings).open_store()) as store:
            hits = store.articles.search(query, limit=args.limit)
            found = [(hit.article.id, hit.score, hit.article.briefing) for hit in hits]
            stored = None if found else store.articles.count_articles()
    if not found:
        _say(_nothing_found(stored or 0, query), args.format)
        return 0
    if args.format in ("discord", "slack") or (args.compact and args.format != "json"):
        # The chat form of a lookup, as the bot answers it: compact matches, each with its button.
        emit(Matches.found(tuple(briefing for _, _, briefing in found), query), args.format, compact=True)
        return 0
    _print(found, args.format)
    return 0


def _print(found: list[tuple[int, float, Briefing]], fmt: str) -> None:
    for index, (article_id, score, briefing) in enumerate(found):
        if index and fmt in ("text", "markdown"):
            sys.stdout.write("\n")
        emit(briefing, fmt, extra={"id": article_id, "score": round(score, 4)})


def _nothing_found(stored: int, query: str) -> str:
    if stored == 0:
        return "No articles are stored yet: add a feed (`newsbrief feeds add URL`) and run `newsbrief fetch`."
    return f"Nothing stored matches {query.strip()!r}; try fewer or different words."


def _say(line: str, fmt: str) -> None:
    # Machine-readable formats keep standard output clean: the note goes to standard error.
    print(line, file=sys.stdout if fmt in ("text", "markdown") else sys.stderr)
