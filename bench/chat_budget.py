"""Measure the chat form: words of the first message each platform gets, per seed and over all seeds.

Usage: python bench/chat_budget.py [FILE...]   (default: the bundled seeds)
Prints, for each article, the words of its full card and of the first Discord, Discord-without-embeds
and Slack message of its chat form (what `newsbrief brief FILE --format discord|slack` prints, button
label included), how many facts the chat form shows out of how many, and the max and median per platform.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bot.factory import Factory
from bot.render import chat_form, render_discord, render_discord_plain, render_slack, render_text
from bot.seeds import seed_paths
from bot.settings import load_settings
from bot.sources.files import read_article_file

PLATFORMS = {"discord": render_discord, "discord-plain": render_discord_plain, "slack": render_slack}
_FIELDS = ("people", "places", "organizations", "dates", "numbers", "quotes", "sources")


def message_words(payload: dict) -> int:
    """Count the words a reader sees in one Discord payload or Slack message (button labels included)."""
    texts: list[str] = []

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, str):
            if key in {"content", "title", "description", "name", "value", "label", "text"}:
                texts.append(value)
        elif isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child, key)

    walk(payload.get("embeds") if "embeds" in payload else payload.get("blocks"))
    walk({"content": payload.get("content") or ""})
    walk(payload.get("components") or [])
    return sum(len(text.split()) for text in texts)


def main(paths: list[Path]) -> None:
    brief = Factory(load_settings(env_file=None)).briefer()
    counts: dict[str, list[int]] = {name: [] for name in PLATFORMS}
    print(f"{'article':40} {'card':>5} " + " ".join(f"{name:>13}" for name in PLATFORMS) + "  facts shown")
    for path in paths:
        briefing = brief(read_article_file(path))
        row = []
        for name, render in PLATFORMS.items():
            words = message_words(render(briefing)[0])
            counts[name].append(words)
            row.append(f"{words:>13}")
        shown = chat_form(briefing).briefing.facts
        total = sum(len(getattr(briefing.facts, f)) for f in _FIELDS)
        facts = f"{sum(len(getattr(shown, f)) for f in _FIELDS)}/{total}"
        print(f"{path.name[:40]:40} {len(render_text(briefing).split()):>5} " + " ".join(row) + f"  {facts:>11}")
    for name, values in counts.items():
        print(f"{name}: max {max(values)}, median {statistics.median(values)} words (limit: under 200)")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or seed_paths())
