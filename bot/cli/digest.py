"""`newsbrief digest [INPUT...]`: one digest of many articles (the bundled seeds by default)."""

from __future__ import annotations

import argparse
import logging

from bot.cli import report_error
from bot.cli.output import emit
from bot.digest import build_digest
from bot.errors import UserError, apologize
from bot.factory import Factory
from bot.inputs import load_input
from bot.models import Briefing
from bot.seeds import seed_paths
from bot.settings import Settings

_log = logging.getLogger("newsbrief.cli")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Brief the inputs, skipping (and reporting) those that fail, then print the digest."""
    factory = Factory(settings)
    names = list(args.inputs) or [str(p) for p in seed_paths()]
    if not names:
        report_error("no inputs given and no bundled seeds found.")
        return 2
    brief = factory.briefer(sentences=args.sentences)
    briefings: list[Briefing] = []
    failures = 0
    for name in names:
        try:
            briefings.append(brief(load_input(name, fetch_page=factory.fetch_page_now)))
        except UserError as error:
            failures += 1
            report_error(f"{name}: {error.message}")
        except Exception as error:  # one broken article must not sink the digest
            failures += 1
            report_error(f"{name}: {apologize(_log, error, level=logging.DEBUG)}")
    if not briefings:
        report_error("none of the inputs could be briefed.")
        return 1
    digest = build_digest(briefings, max_items=args.max_items or settings.digests.max_items)
    emit(digest, args.format, compact=args.compact)
    return 1 if failures else 0
