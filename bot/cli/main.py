"""The `newsbrief` command: one sub-command per module, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from bot import __version__

# Each module adds its own sub-command; heavy imports stay inside the handlers so
# `newsbrief --help` answers instantly.
COMMAND_MODULES = (
    "bot.cli.brief",
    "bot.cli.digest",
    "bot.cli.feeds",
    "bot.cli.fetch",
    "bot.cli.lookup",
    "bot.cli.run",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Turn news articles into short, trustworthy briefings and digests.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lookup"]:
        from bot.cli.lookup import mark_search_words

        argv = ["lookup", *mark_search_words(argv[1:])]
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    import os

    level = os.environ.get("NEWSBRIEF_LOG_LEVEL", "WARNING").upper()
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except _settings_error() as error:
        print(f"newsbrief: a setting is invalid: {_first_problem(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that's not an error worth a traceback.
        return 0


def _settings_error() -> type[Exception]:
    from pydantic import ValidationError

    return ValidationError


def _first_problem(error) -> str:
    problem = error.errors()[0]
    name = problem.get("loc", ("?",))[0]
    return f"{name}: {problem.get('msg', 'invalid value')}"


if __name__ == "__main__":
    sys.exit(main())
