"""The `newsbrief` command line: each sub-command's arguments, and which module runs it.

Only argparse here, so `newsbrief --help` answers at once; a command's own module (and the
engine behind it) is imported when that command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot import __version__

FORMATS = ("text", "markdown", "json", "discord", "slack")
_LOOKUP_VALUE_OPTIONS = ("--limit", "-n", "--format", "-f")
_LOOKUP_FLAG_OPTIONS = ("--help", "-h", "--compact", "-c")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command; each sets `handler` to "module:function"."""
    parser = argparse.ArgumentParser(
        prog="newsbrief", description="Turn news articles into short, trustworthy briefings and digests."
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _brief(commands)
    _digest(commands)
    _feeds(commands)
    _fetch(commands)
    _lookup(commands)
    _run(commands)
    return parser


def whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """Return an argparse type that accepts a whole number from `low` to `high` (`what` names it)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"choose between {low} and {high} {what}")
        return number

    return parse


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
        elif argument in _LOOKUP_VALUE_OPTIONS:
            options.extend([argument, *[value for value in [next(remaining, None)] if value is not None]])
        elif argument in _LOOKUP_FLAG_OPTIONS or _is_option_with_value(argument):
            options.append(argument)
        else:
            words.append(argument)
    return [*options, "--", *words] if words else options


def _is_option_with_value(argument: str) -> bool:
    name, equals, _ = argument.partition("=")
    if equals and name in _LOOKUP_VALUE_OPTIONS:
        return True
    attached = argument[2:]
    return (argument.startswith("-n") and attached.isdigit()) or (argument.startswith("-f") and attached in FORMATS)


def _add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="text",
        help="output format (default: text; json prints one object per line and keeps every fact; "
        "discord and slack print the messages the bot would post, with their More facts buttons)",
    )
    parser.add_argument(
        "--compact", "-c", action="store_true",
        help="text and markdown: the chat form (summary and top facts, under 200 words) instead of every fact",
    )


def _brief(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "brief", help="brief one or more articles",
        description="Brief articles: each INPUT is a text file, '-' for standard input, or an http(s) URL.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument(
        "--sentences", "-n", type=whole_number(1, 50, "sentences"), default=None, help="summary sentences (default 3)"
    )
    parser.add_argument(
        "--algorithm", "-a", default=None,
        help="news (default), lexrank, lsa, textrank, luhn, kl, sumbasic, edmundson, reduction",
    )
    _add_format_option(parser)
    parser.set_defaults(handler="bot.cli.brief:run")


def _digest(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "digest", help="digest many articles (default: the bundled seeds)",
        description="Brief every INPUT, merge the same story told by several outlets, and rank them. "
        "With no INPUT, digests the sample articles bundled in seeds/.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT")
    parser.add_argument(
        "--max-items", "-m", type=whole_number(1, 25, "stories"), default=None,
        help="stories to show, 1-25 (default: NEWSBRIEF_DIGEST_MAX_ITEMS, 5)",
    )
    parser.add_argument(
        "--sentences", "-n", type=whole_number(1, 50, "sentences"), default=2,
        help="summary sentences per story (default 2)",
    )
    _add_format_option(parser)
    parser.set_defaults(handler="bot.cli.digest:run")


def _feeds(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "feeds", help="add, list, remove, import or export news feeds",
        description="Manage the RSS/Atom feeds newsbrief polls."
    )
    actions = parser.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="follow a feed (or the feed a web page advertises)",
        description="Follow an RSS/Atom feed, checked once unless --no-check. Given a web page, follows the feed "
        "the page advertises (or one at a usual address such as /feed or /rss.xml) and says which.",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--no-check", action="store_true", help="store the feed without polling it first")
    add.set_defaults(handler="bot.cli.feeds:add")
    show = actions.add_parser(
        "list", help="show the feeds and how their last poll went",
        description="Show the feeds: a table on a terminal; piped, one tab-separated line per feed "
        "(URL, last status, failures, next poll, title, last error); --json for one JSON object per feed.",
    )
    show.add_argument("--json", action="store_true", help="print one JSON object per feed")
    show.set_defaults(handler="bot.cli.feeds:list_feeds")
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(handler="bot.cli.feeds:remove")
    imported = actions.add_parser(
        "import", help="follow every feed of an OPML file",
        description="Follow the feeds an OPML file lists (nested folders too). Each is checked like `feeds add` "
        "(a web page's own feed is found), unless --no-check stores them as listed without polling.",
    )
    imported.add_argument("file", metavar="FILE.opml")
    imported.add_argument("--no-check", action="store_true", help="store the feeds without polling them first")
    imported.set_defaults(handler="bot.cli.feeds:import_feeds")
    exported = actions.add_parser(
        "export", help="print every feed as OPML", description="Print the feeds as an OPML 2.0 file on standard "
        "output, for any feed reader: newsbrief feeds export > feeds.opml",
    )
    exported.set_defaults(handler="bot.cli.feeds:export_feeds")


def _fetch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "fetch", help="poll the feeds now and brief new articles",
        description="Poll every feed now (or only those due with --due), brief new items and store them.",
    )
    parser.add_argument("--due", action="store_true", help="only poll feeds whose back-off time has passed")
    parser.add_argument(
        "--concurrency", type=whole_number(1, 64, "feeds at once"), default=4,
        help="feeds polled at once, 1-64 (default 4)",
    )
    parser.set_defaults(handler="bot.cli.fetch:run")


def _lookup(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "lookup", help="search the stored briefings",
        description='Find stored articles by words ("quoted phrases" stay together) and print their briefings.',
    )
    parser.add_argument("words", nargs="+", metavar="WORD")
    parser.add_argument(
        "--limit", "-n", type=whole_number(1, 50, "results"), default=5, help="briefings to show (default 5)"
    )
    _add_format_option(parser)
    parser.set_defaults(handler="bot.cli.lookup:run")


def _run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "run", help="run the bot (Discord/Slack when tokens are set, else a console)",
        description="Start the bot with daily digests. Settings come from the environment and .env: with "
        "DISCORD_TOKEN and/or SLACK_BOT_TOKEN set, those platforms are served; with neither, a console "
        "reads commands such as /brief, /lookup, /subscribe from standard input (a pipe works too). "
        "Stop with Ctrl-C (or end of input in the console).",
    )
    parser.set_defaults(handler="bot.cli.run:run", log_level="INFO")
