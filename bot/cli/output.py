"""Print briefings, digests and lookup matches in the format the user chose."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

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
        return
    # Each renderer (rich for the terminal) is imported only when its format is asked for: `--format json`
    # skips ≈35 ms of them, and a terminal briefing the chat platforms' renderers.
    if fmt == "text":
        from bot.render.text import print_rich, render_text

        if stream is sys.stdout and stream.isatty():
            from bot.cli.console import PipeConsole

            print_rich(obj, PipeConsole(), compact=compact)
        else:
            stream.write(render_text(obj, compact=compact).rstrip("\n") + "\n")
    elif fmt == "markdown":
        from bot.render.markdown import render_markdown

        stream.write(render_markdown(obj, compact=compact).rstrip("\n") + "\n")
    elif fmt == "discord":
        from bot.render.discord_embeds import render_discord

        stream.write(json.dumps(render_discord(obj), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "slack":
        from bot.render.slack_blocks import render_slack

        stream.write(json.dumps(render_slack(obj), ensure_ascii=False, indent=2) + "\n")


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
