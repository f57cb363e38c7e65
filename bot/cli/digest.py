"""`newsbrief digest [INPUT...]`: one digest of many articles (the bundled seeds by default)."""

from __future__ import annotations

import logging

from bot.cli._output import add_format_option, emit, report_error

_log = logging.getLogger("newsbrief.cli")


def register(subparsers) -> None:
    """Add the `digest` sub-command."""
    parser = subparsers.add_parser(
        "digest", help="digest many articles (default: the bundled seeds)",
        description="Brief every INPUT, merge the same story told by several outlets, and rank them. "
        "With no INPUT, digests the sample articles bundled in seeds/.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT")
    parser.add_argument("--max-items", "-m", type=int, default=None, help="stories to show (default 5)")
    parser.add_argument("--sentences", "-n", type=int, default=2, help="summary sentences per story (default 2)")
    add_format_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Brief the inputs, skipping (and reporting) those that fail, then print the digest."""
    from bot.briefing import build_briefing
    from bot.digest import build_digest
    from bot.errors import UserError, apologize
    from bot.inputs import load_input
    from bot.seeds import seed_paths
    from bot.settings import load_settings

    settings = load_settings()
    names = list(args.inputs) or [str(p) for p in seed_paths()]
    if not names:
        report_error("no inputs given and no bundled seeds found.")
        return 2
    briefings, failures = [], 0
    for name in names:
        try:
            briefings.append(build_briefing(load_input(name, settings=settings), sentences=args.sentences))
        except UserError as error:
            failures += 1
            report_error(f"{name}: {error.message}")
        except Exception as error:  # one broken article must not sink the digest
            failures += 1
            report_error(f"{name}: {apologize(_log, error, level=logging.DEBUG)}")
    if not briefings:
        report_error("none of the inputs could be briefed.")
        return 1
    max_items = args.max_items or settings.digest_max_items
    emit(build_digest(briefings, max_items=max_items), args.format)
    return 1 if failures else 0
