"""`newsbrief lookup WORDS...`: find stored briefings by their words."""

from __future__ import annotations

import sys

from bot.cli._output import FORMATS, add_format_option, emit, whole_number
from bot.cli.feeds import with_store

_VALUE_OPTIONS = ("--limit", "-n", "--format", "-f")
_FLAG_OPTIONS = ("--help", "-h")


def register(subparsers) -> None:
    """Add the `lookup` sub-command."""
    parser = subparsers.add_parser(
        "lookup", help="search the stored briefings",
        description='Find stored articles by words ("quoted phrases" stay together) and print their briefings.',
    )
    parser.add_argument("words", nargs="+", metavar="WORD")
    parser.add_argument("--limit", "-n", type=whole_number(1, 50, "results"), default=5, help="briefings to show (default 5)")
    add_format_option(parser)
    parser.set_defaults(handler=with_store(_lookup))


def mark_search_words(arguments: list[str]) -> list[str]:
    """Reorder `lookup` arguments so words like "-ferry" are searched for, not read as options."""
    # argparse would read "-ferry" as `-f erry` and "-strike" as an unknown option; a search for
    # excluded or dashed words must never end in a usage error.
    options: list[str] = []
    words: list[str] = []
    remaining = iter(arguments)
    for argument in remaining:
        if argument == "--":
            words.extend(remaining)
        elif argument in _VALUE_OPTIONS:
            options.extend([argument, *[value for value in [next(remaining, None)] if value is not None]])
        elif argument in _FLAG_OPTIONS or _is_option_with_value(argument):
            options.append(argument)
        else:
            words.append(argument)
    return [*options, "--", *words] if words else options


def _is_option_with_value(argument: str) -> bool:
    name, equals, _ = argument.partition("=")
    if equals and name in _VALUE_OPTIONS:
        return True
    attached = argument[2:]
    return (argument.startswith("-n") and attached.isdigit()) or (argument.startswith("-f") and attached in FORMATS)


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
