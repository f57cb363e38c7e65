"""`newsbrief brief INPUT...`: brief files, standard input or web pages."""

from __future__ import annotations

import json
import logging
import sys

from bot.cli._output import add_format_option, emit, report_error, whole_number

_log = logging.getLogger("newsbrief.cli")


def register(subparsers) -> None:
    """Add the `brief` sub-command."""
    parser = subparsers.add_parser(
        "brief", help="brief one or more articles",
        description="Brief articles: each INPUT is a text file, '-' for standard input, or an http(s) URL.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("--sentences", "-n", type=whole_number(1, 50, "sentences"), default=None, help="summary sentences (default 3)")
    parser.add_argument("--algorithm", "-a", default=None, help="news (default), lexrank, lsa, textrank, luhn, kl, sumbasic, edmundson, reduction")
    add_format_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Brief every input in order; a failing input is reported and the rest go on."""
    from bot.briefing import build_briefing
    from bot.errors import UserError, apologize
    from bot.inputs import load_input
    from bot.settings import load_settings
    from bot.summarize import ALGORITHMS

    settings = load_settings()
    sentences = args.sentences or settings.summary_sentences
    algorithm = (args.algorithm or settings.algorithm).lower()
    if algorithm not in ALGORITHMS:
        report_error(f"unknown algorithm {algorithm!r}; choose one of: {', '.join(ALGORITHMS)}.")
        return 2
    failures = 0
    for index, name in enumerate(args.inputs):
        try:
            article = load_input(name, settings=settings)
            briefing = build_briefing(article, sentences=sentences, algorithm=algorithm)
        except UserError as error:
            failures += 1
            sentence = f"{name}: {error.message}"
            _fail(sentence, args.format, name)
            continue
        except Exception as error:  # a bug must not cost the user the other inputs
            failures += 1
            sentence = f"{name}: {apologize(_log, error, level=logging.DEBUG)}"
            _fail(sentence, args.format, name)
            continue
        if index and args.format in ("text", "markdown"):
            sys.stdout.write("\n")
        emit(briefing, args.format, extra={"input": name})
        sys.stdout.flush()
    return 1 if failures else 0


def _fail(sentence: str, fmt: str, name: str) -> None:
    report_error(sentence)
    if fmt == "json":
        sys.stdout.write(json.dumps({"input": name, "error": sentence}, ensure_ascii=False) + "\n")
