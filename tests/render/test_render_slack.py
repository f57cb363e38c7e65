"""Tests for Slack Block Kit messages."""

from __future__ import annotations

from dataclasses import replace

from bot.models import Digest, DigestItem
from bot.render import render_slack
from tests.render.fixtures import (
    assert_slack_limits,
    harbour_briefing,
    sample_digest,
    slack_stream,
    tram_briefing,
)


def _texts(message: dict, kind: str) -> list[str]:
    """Return the texts of one kind of block in a message."""
    texts = []
    for block in message["blocks"]:
        if block["type"] == kind == "context":
            texts += [e["text"] for e in block["elements"]]
        elif block["type"] == kind:
            texts.append(block["text"]["text"])
    return texts


def test_briefing_blocks_show_every_part():
    [message] = render_slack(tram_briefing(), compact=False)
    assert_slack_limits([message])
    assert [b["type"] for b in message["blocks"]] == ["header", "context", "section", "divider", "section", "context"]
    assert _texts(message, "header") == ["Lyon council backs a new tram line to Villeurbanne"]
    assert _texts(message, "context")[:2] == [
        "<https://news.example.org/lyon/tram-vote|Read the full article>",
        "Rhône Courier · 2024-03-05 · LYON",
    ]
    summary, facts = _texts(message, "section")
    assert summary == "\n".join(f"• {s}" for s in tram_briefing().summary)
    assert facts.startswith("*People:* Ana Ruiz — mayor of Lyon; Tom Li\n*Places:* Lyon; Villeurbanne\n")
    assert "*Quotes:*\n• “We will open the line before winter” — Ana Ruiz" in facts
    assert _texts(message, "context")[-1] == "612 words → 88 words (86% shorter) · 3 min read"
    assert message["text"].startswith("Lyon council backs a new tram line to Villeurbanne\n")
    mrkdwn = [b["text"] for b in message["blocks"] if b["type"] == "section"]
    assert all(t["verbatim"] is True for t in mrkdwn)


def test_article_text_is_escaped_and_pings_broken():
    briefing = tram_briefing(title="<!channel> A & B", summary=("Costs rose > 5% <@U123> & <!here> said @here.",))
    messages = render_slack(briefing, compact=False)
    assert_slack_limits(messages)
    header = messages[0]["blocks"][0]["text"]["text"]
    assert "<!channel>" not in header and header.replace("\u200b", "") == "<!channel> A & B"
    summary = _texts(messages[0], "section")[0]
    assert summary == "• Costs rose &gt; 5% &lt;\u200b@U123&gt; &amp; &lt;\u200b!here&gt; said @\u200bhere."


def test_long_title_is_cut_in_the_header_and_kept_whole_in_a_section():
    title = "Council debates " + "the tram route again " * 10
    [message] = render_slack(tram_briefing(title=title), compact=False)
    header = _texts(message, "header")[0]
    assert len(header) <= 150 and header.endswith("…")
    assert _texts(message, "section")[0] == " ".join(title.split())


def test_digest_blocks():
    [message] = render_slack(sample_digest())
    assert_slack_limits([message])
    assert _texts(message, "header") == ["Morning digest"]
    sections = _texts(message, "section")
    assert sections[0].startswith(
        "*1.* <https://news.example.org/lyon/tram-vote|Lyon council backs a new tram line to Villeurbanne>\n• "
    )
    assert sections[1].startswith("*2.* Harbour cranes idle as dock workers strike for a second day\n")
    assert "Talks are set to resume" not in slack_stream([message])
    contexts = _texts(message, "context")
    assert "Reported by 3 sources: Rhône Courier, Daily Saône, Radio Fourvière" in contexts
    assert contexts[-1] == "…and 4 more stories"


def test_many_stories_split_into_modest_messages():
    digest = Digest(items=tuple(DigestItem(harbour_briefing()) for _ in range(30)))
    messages = render_slack(digest)
    assert_slack_limits(messages)
    assert len(messages) >= 3
    stream = slack_stream(messages)
    assert all(f"*{n}.* Harbour" in stream for n in range(1, 31))


def test_long_summary_splits_sections_and_messages_without_loss():
    sentences = tuple(f"Sentence {n} & more <words> about the strike. " * 12 for n in range(80))
    messages = render_slack(replace(harbour_briefing(), summary=sentences), compact=False)
    assert_slack_limits(messages)
    assert len(messages) > 1
    stream = "".join(slack_stream(messages).split())
    for n in range(80):
        assert "".join(f"Sentence {n} &amp; more &lt;words&gt; about the strike.".split()) in stream
