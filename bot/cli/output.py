"""Print briefings, digests and lookup matches in the format the user chose."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from rich.console import Console

from bot import render
from bot.models import Briefing, Digest, Matches
from bot.serialize import briefing_to_dict


def emit(
    obj: Briefing | Digest | Matches,
    fmt: str,
    *,
    stream: TextIO | None = None,
    extra: dict[str, Any] | None = None,
    compact: bool = False,
) -> None:
    """Write a briefing, digest or lookup matches to the stream in the chosen format.

    `text` and `markdown` show the whole fact card unless `compact` asks for the chat form;
    `discord` and `slack` are always the chat form, as the bot posts it; `json` keeps every fact.
    """
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(json.dumps({**(extra or {}), **to_json(obj)}, ensure_ascii=False) + "\n")
    elif fmt == "text" and stream is sys.stdout and stream.isatty():
        render.print_rich(obj, Console(), compact=compact)
    elif fmt == "text":
        stream.write(render.render_text(obj, compact=compact).rstrip("\n") + "\n")
    elif fmt == "markdown":
        stream.write(render.render_markdown(obj, compact=compact).rstrip("\n") + "\n")
    elif fmt == "discord":
        stream.write(json.dumps(render.render_discord(obj), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "slack":
        stream.write(json.dumps(render.render_slack(obj), ensure_ascii=False, indent=2) + "\n")


def to_json(obj: Briefing | Digest | Matches) -> dict[str, Any]:
    """Return the JSON shape of a briefing, digest or lookup matches."""
    if isinstance(obj, Briefing):
        return briefing_to_dict(obj)
    if isinstance(obj, Matches):
        return {"heading": obj.heading, "matches": [briefing_to_dict(briefing) for briefing in obj.briefings]}
    return {
        "title": obj.title,
        "items": [
            {**briefing_to_dict(item.briefing), "also_reported_by": list(item.also_reported_by)}
            for item in obj.items
        ],
        "more": obj.more,
    }

