"""Print briefings and digests in the format the user chose."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from bot.models import Briefing, Digest

FORMATS = ("text", "markdown", "json", "discord", "slack")


def add_format_option(parser) -> None:
    """Add the shared `--format` option to a sub-command."""
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="text",
        help="output format (default: text; json prints one object per line)",
    )


def emit(obj: Briefing | Digest, fmt: str, *, stream: TextIO | None = None, extra: dict | None = None) -> None:
    """Write one briefing or digest to the stream in the chosen format."""
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(json.dumps({**(extra or {}), **to_json(obj)}, ensure_ascii=False) + "\n")
        return
    from bot import render

    if fmt == "text":
        if stream is sys.stdout and stream.isatty():
            from rich.console import Console

            render.print_rich(obj, Console())
        else:
            stream.write(render.render_text(obj).rstrip("\n") + "\n")
    elif fmt == "markdown":
        stream.write(render.render_markdown(obj).rstrip("\n") + "\n")
    elif fmt == "discord":
        stream.write(json.dumps(render.render_discord(obj), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "slack":
        stream.write(json.dumps(render.render_slack(obj), ensure_ascii=False, indent=2) + "\n")


def to_json(obj: Briefing | Digest) -> dict:
    """Return the JSON shape of a briefing or digest."""
    from bot.serialize import briefing_to_dict

    if isinstance(obj, Briefing):
        return briefing_to_dict(obj)
    return {
        "title": obj.title,
        "items": [
            {**briefing_to_dict(item.briefing), "also_reported_by": list(item.also_reported_by)}
            for item in obj.items
        ],
        "more": obj.more,
    }


def whole_number(low: int, high: int, what: str):
    """Return an argparse type that accepts a whole number from `low` to `high` (`what` names it)."""
    import argparse

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"choose between {low} and {high} {what}")
        return number

    return parse


def report_error(message: str) -> None:
    """Print one plain line on standard error."""
    print(f"newsbrief: {message}", file=sys.stderr)
