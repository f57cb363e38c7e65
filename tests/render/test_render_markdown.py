"""Tests for CommonMark rendering."""

from __future__ import annotations

from bot.render import render_markdown
from tests.render.fixtures import sample_digest, tram_briefing


def test_briefing_markdown_shows_every_part():
    md = render_markdown(tram_briefing())
    assert md.startswith(
        "## [Lyon council backs a new tram line to Villeurbanne](https://news.example.org/lyon/tram-vote)\n"
        "*Rhône Courier · 2024-03-05 · LYON*\n"
    )
    for sentence in tram_briefing().summary:
        assert f"\n- {sentence}\n" in md
    assert "- **People:** Ana Ruiz — mayor of Lyon; Tom Li\n" in md
    assert "- **When:** next Tuesday (Tue 12 Mar 2024)\n" in md
    assert "- **Quotes:**\n  - “We will open the line before winter” — Ana Ruiz\n" in md
    assert md.endswith("*612 words → 88 words (86% shorter) · 3 min read*\n")


def test_markdown_escapes_article_text_and_breaks_mentions():
    md = render_markdown(tram_briefing(title="**Breaking** [click](http://evil.example) @everyone", url="javascript:x"))
    first = md.splitlines()[0]
    assert first == "## \\*\\*Breaking\\*\\* \\[click\\](http://evil.example) @\u200beveryone"


def test_digest_markdown():
    md = render_markdown(sample_digest())
    assert md.startswith("# Morning digest\n*2024-03-05 · 2 stories*\n")
    assert "### 1. [Lyon council backs a new tram line to Villeurbanne](https://news.example.org/lyon/tram-vote)" in md
    assert "### 2. Harbour cranes idle as dock workers strike for a second day\n" in md
    assert "- The port authority said 40 ships were waiting offshore.\n" in md
    assert "Talks are set to resume on Friday." not in md
    assert "Reported by 3 sources: Rhône Courier, Daily Saône, Radio Fourvière" in md
    assert md.endswith("*…and 4 more stories*\n")
