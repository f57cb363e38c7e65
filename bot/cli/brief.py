"""`newsbrief brief INPUT...`: brief files, standard input or web pages."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from bot.cli import report_error
from bot.cli.output import emit
from bot.errors import UserError, apologize
from bot.factory import Factory
from bot.inputs import load_input
from bot.settings import Settings

_log = logging.getLogger("newsbrief.cli")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Brief every input in order; a failing input is reported and the rest go on."""
    factory = Factory(settings)
    try:
        brief = factory.briefer(sentences=args.sentences, algorithm=args.algorithm)
    except UserError as error:  # an unknown --algorithm is a usage mistake, like argparse's own
        report_error(error.message)
        return 2
    failures = 0
    for index, name in enumerate(args.inputs):
        try:
            briefing = brief(load_input(name, fetch_page=factory.fetch_page_now))
        except UserError as error:
            failures += 1
            _fail(f"{name}: {error.message}", args.format, name)
            continue
        except Exception as error:  # a bug must not cost the user the other inputs
            failures += 1
            _fail(f"{name}: {apologize(_log, error, level=logging.DEBUG)}", args.format, name)
            continue
        if index and args.format in ("text", "markdown"):
            sys.stdout.write("\n")
        emit(briefing, args.format, extra={"input": name}, compact=args.compact)
        sys.stdout.flush()
    return 1 if failures else 0


def _fail(sentence: str, fmt: str, name: str) -> None:
    report_error(sentence)
    if fmt == "json":
        sys.stdout.write(json.dumps({"input": name, "error": sentence}, ensure_ascii=False) + "\n")
