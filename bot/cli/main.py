"""The `newsbrief` command: parse, read the settings once, set up logging, run the chosen handler."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable

from bot.cli import report_error
from bot.cli.parser import build_parser, mark_search_words
from bot.errors import UserError, apologize
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

Handler = Callable[[argparse.Namespace, Settings], int]
_DEFAULT_LOG_LEVEL = "WARNING"  # one-shot commands stay quiet; `run` asks for INFO (see the parser)

_log = logging.getLogger("newsbrief.cli")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        status = _run(argv)
        # Flushed here, so a reader that went away shows up where it can be handled, not at exit.
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has all it wanted; that is no error, for any command.
        _discard_stdout()
        return 0
    return status


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lookup"]:
        argv = ["lookup", *mark_search_words(argv[1:])]
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        settings = load_settings()
    except SettingsError as error:
        report_error(error.message)
        return 2
    level = settings.core.log_level or str(getattr(args, "log_level", _DEFAULT_LOG_LEVEL))
    configure_logging(level, settings.core.log_format)
    try:
        return _handler(args.handler)(args, settings)
    except UserError as error:
        report_error(error.message)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # handled once, in main
    except Exception as error:  # never a traceback for the user; the log keeps it at debug level
        report_error(apologize(_log, error, level=logging.DEBUG))
    return 1


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests, embedding): nothing left to flush anyway
        return


def _handler(target: str) -> Handler:
    """Import the module that runs a command ("bot.cli.brief:run"): only the chosen command pays for its imports."""
    module_name, _, function = target.partition(":")
    handler: Handler = getattr(importlib.import_module(module_name), function)
    return handler


if __name__ == "__main__":
    sys.exit(main())
