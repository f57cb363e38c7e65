"""Tests for Discord payloads: embeds and the content-only fallback."""

from __future__ import annotations

from bot.models import Digest, DigestItem, Facts, Person
from bot.render import render_discord, render_discord_plain
from bot.render.discord_embeds import _assemble
from tests.render.fixtures import (
    assert_discord_limits,
    discord_stream,
    harbour_briefing,
    sample_digest,
    squash,
    tram_briefing,
)


def test_briefing_is_one_embed_with_facts_as_fields():
    payloads = render_discord(tram_briefing(), compact=False)
    assert_discord_limits(payloads)
    assert len(payloads) == 1 and payloads[0]["content"] is None
    [embed] = payloads[0]["embeds"]
    assert embed["title"] == "Lyon council backs a new tram line to Villeurbanne"
    assert embed["url"] == "https://news.example.org/lyon/tram-vote"
    assert embed["timestamp"] == "2024-03-05T09:30:00+00:00"
    assert embed["description"].startswith("*Rhône Courier · 2024-03-05 · LYON*\n\n• The city council voted")
    for sentence in tram_briefing().summary:
        assert f"• {sentence}" in embed["description"]
    names = [field["name"] for field in embed["fields"]]
    assert names == ["People", "Places", "Organizations", "When", "Numbers", "Quotes", "Sources"]
    assert embed["fields"][0]["value"] == "Ana Ruiz — mayor of Lyon\nTom Li"
    assert embed["fields"][5]["value"] == "• “We will open the line before winter” — Ana Ruiz"
    assert embed["footer"] == {"text": "612 words → 88 words (86% shorter) · 3 min read"}


def test_empty_fact_groups_and_unusable_urls_are_left_out():
    [payload] = render_discord(tram_briefing(facts=Facts(places=("Lyon",)), url="javascript:alert(1)"), compact=False)
    [embed] = payload["embeds"]
    assert [f["name"] for f in embed["fields"]] == ["Places"]
    assert "url" not in embed


def test_long_title_is_cut_in_the_title_and_kept_whole_in_the_description():
    title = "Council debates " + "the tram route again " * 20
    [embed] = render_discord(tram_briefing(title=title), compact=False)[0]["embeds"]
    assert len(embed["title"]) <= 256 and embed["title"].endswith("…")
    assert embed["description"].startswith(" ".join(title.split()))


def test_long_briefing_spreads_over_embeds_and_messages_without_loss():
    sentences = tuple(f"Sentence {n} says the council met again about the tram. " * 6 for n in range(60))
    people = tuple(Person(f"Resident {n}", "speaker at the public hearing") for n in range(400))
    briefing = tram_briefing(summary=sentences, facts=Facts(people=people))
    payloads = render_discord(briefing, compact=False)
    assert_discord_limits(payloads)
    assert len(payloads) > 1
    stream = discord_stream(payloads)
    for sentence in sentences:
        assert squash(sentence) in squash(stream)
    for n in range(400):
        assert f"Resident {n} — speaker" in stream
    names = [f["name"] for p in payloads for e in p["embeds"] for f in e.get("fields", [])]
    assert names[0] == "People" and set(names[1:]) == {"People (cont.)"}
    assert payloads[-1]["embeds"][-1]["footer"]["text"].startswith("612 words")


def test_mentions_and_markdown_in_article_text_are_inert():
    briefing = tram_briefing(
        title="@everyone <@123> vote",
        summary=("Read **this** [now](https://evil.example) <!here> <@&55> <#9>.",),
    )
    payloads = render_discord(briefing, compact=False)
    assert_discord_limits(payloads)
    description = payloads[0]["embeds"][0]["description"]
    assert "\\*\\*this\\*\\* \\[now\\](https://evil.example)" in description


def test_digest_has_heading_content_and_an_embed_per_story():
    payloads = render_discord(sample_digest())
    assert_discord_limits(payloads)
    assert payloads[0]["content"] == "**Morning digest**\n2024-03-05 · 2 stories"
    first, second, more = payloads[0]["embeds"]
    assert first["title"] == "1. Lyon council backs a new tram line to Villeurbanne"
    assert first["url"] == "https://news.example.org/lyon/tram-vote"
    assert "People: Ana Ruiz, Tom Li · Places: Lyon, Villeurbanne" in first["description"]
    assert "*Reported by 3 sources: Rhône Courier, Daily Saône, Radio Fourvière*" in first["description"]
    assert second["title"] == "2. Harbour cranes idle as dock workers strike for a second day"
    assert "The port authority said 40 ships were waiting offshore." in second["description"]
    assert "Talks are set to resume" not in second["description"]
    assert "Reported by" not in second["description"]
    assert more["description"] == "…and 4 more stories"


def test_big_digest_splits_into_messages_of_ten_embeds_at_most():
    digest = Digest(items=tuple(DigestItem(harbour_briefing()) for _ in range(23)), more=0)
    payloads = render_discord(digest)
    assert_discord_limits(payloads)
    assert [len(p["embeds"]) for p in payloads] == [10, 10, 3]
    titles = [e["title"] for p in payloads for e in p["embeds"]]
    assert [t.split(".")[0] for t in titles] == [str(n) for n in range(1, 24)]


def test_empty_digest_still_yields_a_message():
    payloads = render_discord(Digest(items=()))
    assert_discord_limits(payloads)
    assert payloads[0]["content"].startswith("**Your news digest**")


def test_fields_beyond_twenty_five_start_a_new_embed():
    fields = [{"name": f"F{n}", "value": "v", "inline": True} for n in range(40)]
    embeds = _assemble({"title": "T"}, [], fields, "footer")
    assert [len(e["fields"]) for e in embeds] == [25, 15]
    assert embeds[-1]["footer"] == {"text": "footer"}


def test_plain_fallback_is_content_only():
    [payload] = render_discord_plain(tram_briefing(), compact=False)
    assert_discord_limits([payload], plain=True)
    content = payload["content"]
    assert content.startswith(
        "**Lyon council backs a new tram line to Villeurbanne**\n"
        "<https://news.example.org/lyon/tram-vote>\n"
        "-# Rhône Courier · 2024-03-05 · LYON\n\n• The city council voted"
    )
    assert "**People:** Ana Ruiz — mayor of Lyon; Tom Li\n" in content
    assert "**Quotes:**\n• “We will open the line before winter” — Ana Ruiz\n" in content
    assert content.endswith("-# 612 words → 88 words (86% shorter) · 3 min read")


def test_plain_fallback_of_an_empty_briefing_has_no_stray_blank_lines_and_its_source_for_a_title():
    [payload] = render_discord_plain(tram_briefing(title=" ", summary=(), facts=Facts(), url=None), compact=False)
    assert payload["content"] == (
        "**Rhône Courier**\n-# 2024-03-05 · LYON\n\n"
        "-# 612 words → 88 words (86% shorter) · 3 min read"
    )


def test_plain_fallback_digest_and_splitting():
    [payload] = render_discord_plain(sample_digest())
    content = payload["content"]
    assert (
        "**1. Lyon council backs a new tram line to Villeurbanne**\n<https://news.example.org/lyon/tram-vote>"
    ) in content
    assert "Reported by 3 sources: Rhône Courier, Daily Saône, Radio Fourvière" in content
    assert content.endswith("…and 4 more stories")
    long = tram_briefing(summary=tuple("A long sentence about the tram vote in Lyon. " * 8 for _ in range(30)))
    payloads = render_discord_plain(long, compact=False)
    assert_discord_limits(payloads, plain=True)
    assert len(payloads) > 1


def test_every_payload_disables_mentions_independently():
    payloads = render_discord(Digest(items=tuple(DigestItem(harbour_briefing()) for _ in range(12))))
    payloads[0]["allowed_mentions"]["parse"].append("everyone")
    assert payloads[1]["allowed_mentions"] == {"parse": []}
