"""`newsbrief lookup WORDS...`: find stored briefings by their words."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from bot.cli.output import emit
from bot.factory import Factory
from bot.models import Matches
from bot.settings import Settings
from bot.storage.articles import ArticleRepository


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the briefings of the best-matching stored articles, or say why there are none."""
    query = " ".join(args.words)
    with closing(Factory(settings).open_store()) as store:
        hits = store.articles.search(query, limit=args.limit)
        if not hits:
            _say(_nothing_found(store.articles, query), args.format)
            return 0
    if args.format in ("discord", "slack") or (args.compact and args.format != "json"):
        # The chat form of a lookup, as the bot answers it: compact matches, each with its button.
        emit(Matches.found(tuple(hit.article.briefing for hit in hits), query), args.format, compact=True)
        return 0
    for index, hit in enumerate(hits):
        if index and args.format in ("text", "markdown"):
            sys.stdout.write("\n")
        emit(hit.article.briefing, args.format, extra={"id": hit.article.id, "score": round(hit.score, 4)})
    return 0


def _nothing_found(articles: ArticleRepository, query: str) -> str:
    if articles.count_articles() == 0:
        return "No articles are stored yet: add a feed (`newsbrief feeds add URL`) and run `newsbrief fetch`."
    return f"Nothing stored matches {query.strip()!r}; try fewer or different words."


def _say(line: str, fmt: str) -> None:
    # Machine-readable formats keep standard output clean: the note goes to standard error.
    print(line, file=sys.stdout if fmt in ("text", "markdown") else sys.stderr)
