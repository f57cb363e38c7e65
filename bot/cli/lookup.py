"""`newsbrief lookup WORDS...`: find stored briefings by their words."""

from __future__ import annotations

import sys

from bot.cli._output import add_format_option, emit
from bot.cli.feeds import with_store


def register(subparsers) -> None:
    """Add the `lookup` sub-command."""
    parser = subparsers.add_parser(
        "lookup", help="search the stored briefings",
        description='Find stored articles by words ("quoted phrases" stay together) and print their briefings.',
    )
    parser.add_argument("words", nargs="+", metavar="WORD")
    parser.add_argument("--limit", "-n", type=_limit, default=5, help="briefings to show (default 5)")
    add_format_option(parser)
    parser.set_defaults(handler=with_store(_lookup))


def _lookup(args, store, settings) -> int:
    query = " ".join(args.words)
    hits = store.search(query, limit=args.limit)
    if not hits:
        _say(_nothing_found(store, query), args.format)
        return 0
    for index, hit in enumerate(hits):
        if index and args.format in ("text", "markdown"):
            sys.stdout.write("\n")
        emit(hit.article.briefing, args.format, extra={"id": hit.article.id, "score": round(hit.score, 4)})
    return 0


def _nothing_found(store, query: str) -> str:
    if store.count_articles() == 0:
        return "No articles are stored yet: add a feed (`newsbrief feeds add URL`) and run `newsbrief fetch`."
    return f"Nothing stored matches {query.strip()!r}; try fewer or different words."


def _say(line: str, fmt: str) -> None:
    # Machine-readable formats keep standard output clean: the note goes to standard error.
    print(line, file=sys.stdout if fmt in ("text", "markdown") else sys.stderr)


def _limit(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= 50:
        raise argparse.ArgumentTypeError("choose between 1 and 50 results")
    return number
