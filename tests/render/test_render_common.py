"""Tests for the shared renderer helpers: escaping, URLs, fact phrasing and text splitting."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.models import DateMention, Facts, NumberMention, Person, Quote, Stats
from bot.render import (
    escape_markdown,
    fact_groups,
    facts_line,
    neutralize_mentions,
    safe_url,
    slack_escape,
    stats_line,
)
from bot.render._split import pack, split_text, text_size, truncate
from tests.render.fixtures import tram_briefing


@pytest.mark.parametrize(
    "ping",
    [
        "@everyone", "@here", "@channel", "@Everyone", "<@123>", "<@!123>", "<@&123>", "<#123>",
        "<!channel>", "<!here>", "<@U0ABC>",
    ],
)
def test_neutralize_mentions_breaks_every_ping(ping):
    broken = neutralize_mentions(f"hey {ping} now")
    assert ping not in broken
    assert broken.replace("\u200b", "") == f"hey {ping} now"


def test_neutralize_mentions_leaves_ordinary_text_and_is_idempotent():
    text = "Write to desk@example.org or ask @alice; 3 < 4 and 5 > 2."
    assert neutralize_mentions(text) == text
    once = neutralize_mentions("@here <@1>")
    assert neutralize_mentions(once) == once


def test_slack_escape_escapes_ampersand_first():
    assert slack_escape("A & B <!channel> x>y &lt;") == "A &amp; B &lt;!channel&gt; x&gt;y &amp;lt;"


def test_escape_markdown_makes_syntax_literal_and_is_reversible():
    text = r"**bold** _it_ ~~s~~ `c` ||sp|| [l](http://x) <@1> # h \ end"
    escaped = escape_markdown(text)
    assert "**" not in escaped and "](" not in escaped.replace("\\](", "")
    assert re.sub(r"\\(.)", r"\1", escaped) == text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/a?b=1&c=2#top", "https://news.example.org/a?b=1&c=2#top"),
        ("HTTP://Example.COM/x", "http://example.com/x"),
        ("https://example.com/wiki/Tram_(Lyon)", "https://example.com/wiki/Tram_%28Lyon%29"),
        ("https://example.com/@everyone/<!here>|x", "https://example.com/%40everyone/%3C!here%3E%7Cx"),
        ("https://münchen.example/straße", "https://xn--mnchen-3ya.example/stra%C3%9Fe"),
        ("https://example.com:8443/p", "https://example.com:8443/p"),
        ("javascript:alert(1)", None),
        ("ftp://example.com/file", None),
        ("not a url", None),
        ("https://user@evil.example@good.example/", "https://good.example/"),
        ("https://" + "x" * 2000 + ".example/", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_fact_groups_phrase_entries_in_reading_order_and_omit_empty_groups():
    groups = fact_groups(tram_briefing().facts)
    assert [g.label for g in groups] == ["People", "Places", "Organizations", "When", "Numbers", "Quotes", "Sources"]
    by_label = {g.label: g.entries for g in groups}
    assert by_label["People"] == ("Ana Ruiz — mayor of Lyon", "Tom Li")
    assert by_label["When"] == ("next Tuesday (Tue 12 Mar 2024)",)
    assert by_label["Numbers"] == ("€4.2 million — cost of the first tram section",)
    assert by_label["Quotes"] == ("“We will open the line before winter” — Ana Ruiz",)
    sparse = Facts(
        places=("  ", "Porto"), dates=(DateMention("2024-05-01", date(2024, 5, 1)),), quotes=(Quote("Enough."),)
    )
    assert [(g.label, g.entries) for g in fact_groups(sparse)] == [
        ("Places", ("Porto",)),
        ("When", ("Wed 1 May 2024",)),
        ("Quotes", ("“Enough.”",)),
    ]


def test_facts_line_names_top_people_places_and_organizations():
    assert facts_line(tram_briefing().facts) == (
        "People: Ana Ruiz, Tom Li · Places: Lyon, Villeurbanne · Organizations: Lyon City Council"
    )
    many = Facts(people=tuple(Person(f"Person {n}") for n in range(5)), numbers=(NumberMention("3", "goals"),))
    assert facts_line(many, per_group=2) == "People: Person 0, Person 1 (+3)"
    assert facts_line(Facts()) == ""


def test_stats_line():
    assert stats_line(Stats(words=612, summary_words=88)) == "612 words → 88 words (86% shorter) · 3 min read"
    assert stats_line(Stats(words=4600, summary_words=120)) == "4,600 words → 120 words (97% shorter) · 20 min read"
    assert stats_line(Stats(words=0, summary_words=0)) == "0 words → 0 words · 1 min read"


def test_text_size_counts_astral_characters_twice():
    assert text_size("abc") == 3
    assert text_size("é👍") == 3


def test_split_text_prefers_newlines_then_spaces():
    text = "first line here\nsecond line here and more words"
    assert split_text(text, 30) == ["first line here", "second line here and more", "words"]


def test_split_text_never_cuts_an_escape_or_entity():
    for unit in ("\\*", "&amp;", "&lt;", "e\u0301", "👨\u200d👩", "👍🏽"):
        for limit in range(7, 20):
            pieces = split_text(("ab" + unit) * 40, limit)
            assert all(text_size(p) <= limit for p in pieces)
            assert "".join(pieces) == ("ab" + unit) * 40
            assert all(not p.startswith(("*", "amp;", "lt;", "\u0301", "\u200d", "🏽")) for p in pieces)
            assert all(not p.endswith(("\\", "&", "&am", "&l", "\u200d")) for p in pieces)


def test_split_text_keeps_our_links_whole():
    text = "x" * 50 + "<https://example.org/a|A title>" + "y" * 50
    pieces = split_text(text, 80)
    assert any("<https://example.org/a|A title>" in p for p in pieces)


def test_pack_fills_chunks_and_keeps_paragraph_breaks():
    chunks = pack(["alpha", "beta", "", "gamma", "delta " * 30], 60)
    assert chunks[0] == "alpha\nbeta\n\ngamma"
    assert all(text_size(c) <= 60 for c in chunks)
    assert " ".join(chunks[1:]).split() == ["delta"] * 30
    assert pack(["", "a", "", "", "b", ""], 60) == ["a\n\nb"]


def test_truncate_marks_the_cut():
    assert truncate("short", 10) == "short"
    cut = truncate("word " * 100, 50)
    assert cut.endswith("…") and text_size(cut) <= 50
    assert truncate("👍" * 10, 5) == "👍👍…"
