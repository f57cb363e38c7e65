"""Tests for terminal rendering with rich: plain text for tests and logs, colour for consoles."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from bot.models import Facts
from bot.render import print_rich, render_text
from tests.render.fixtures import sample_digest, squash, tram_briefing


def test_briefing_text_shows_every_part():
    text = render_text(tram_briefing(), width=100)
    lines = text.splitlines()
    assert lines[0] == "Lyon council backs a new tram line to Villeurbanne"
    assert lines[1] == "https://news.example.org/lyon/tram-vote"
    assert lines[2] == "Rhône Courier · 2024-03-05 · LYON"
    for sentence in tram_briefing().summary:
        assert f"• {sentence}" in text
    for piece in (
        "Key facts",
        "Ana Ruiz — mayor of Lyon",
        "Villeurbanne",
        "Lyon City Council",
        "next Tuesday (Tue 12 Mar 2024)",
        "€4.2 million — cost of the first tram section",
        "“We will open the line before winter” — Ana Ruiz",
        "the city press office",
    ):
        assert piece in text
    assert lines[-1] == "612 words → 88 words (86% shorter) · 3 min read"


def test_briefing_text_omits_empty_fact_groups():
    text = render_text(tram_briefing(facts=Facts(places=("Lyon",))))
    assert "Places" in text and "People" not in text and "Quotes" not in text
    assert "Key facts" not in render_text(tram_briefing(facts=Facts()))


def test_text_wraps_to_the_width_without_losing_words():
    text = render_text(tram_briefing(), width=32)
    assert all(cell_len(line) <= 32 for line in text.splitlines() if not line.strip().startswith("http"))
    for sentence in tram_briefing().summary:
        assert squash(sentence) in squash(text)


def test_digest_text_numbers_stories_with_two_sentences_each():
    text = render_text(sample_digest(), width=100)
    assert text.startswith("Morning digest\n2024-03-05 · 2 stories\n")
    assert "1. Lyon council backs a new tram line to Villeurbanne" in text
    assert "2. Harbour cranes idle as dock workers strike for a second day" in text
    assert "The port authority said 40 ships were waiting offshore." in text
    assert "Talks are set to resume on Friday." not in text
    assert "People: Ana Ruiz, Tom Li · Places: Lyon, Villeurbanne · Organizations: Lyon City Council" in text
    assert "Reported by 3 sources: Rhône Courier, Daily Saône, Radio Fourvière" in text
    assert text.rstrip().endswith("…and 4 more stories")
    assert "more stories" not in render_text(sample_digest(more=0), width=100)


def test_print_rich_colours_and_never_reads_article_text_as_markup():
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=100)
    print_rich(tram_briefing(title="[bold red]Not markup[/bold red] :smile:"), console)
    output = console.file.getvalue()
    assert "\x1b[" in output
    assert "[bold red]Not markup[/bold red] :smile:" in output


def test_a_long_url_stays_on_one_line_so_it_can_be_copied():
    from dataclasses import replace

    url = "https://example.com/" + "very-long-path-segment/" * 6 + "story.html"
    text = render_text(replace(tram_briefing(), url=url), width=40)
    assert url in text.splitlines()[1].strip() or any(line.strip() == url for line in text.splitlines())


def test_a_long_url_in_a_digest_stays_whole():
    from dataclasses import replace

    from bot.models import Digest, DigestItem

    url = "https://example.com/" + "very-long-path-segment/" * 6 + "story.html"
    digest = Digest(items=(DigestItem(replace(tram_briefing(), url=url)),))
    assert any(line.strip() == url for line in render_text(digest, width=40).splitlines())
