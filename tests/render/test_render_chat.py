"""The chat form: summary and top facts under 200 words, and a "More facts" button when there is more."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.factory import Factory
from bot.models import Briefing, DateMention, Digest, DigestItem, Facts, Matches, NumberMention, Person, Quote
from bot.render import (
    CHAT_LIMITS,
    DISCORD_FACTS_ID,
    SLACK_FACTS_ACTION,
    chat_form,
    render_discord,
    render_discord_plain,
    render_markdown,
    render_slack,
    render_text,
)
from bot.seeds import seed_paths
from bot.settings import load_settings
from bot.sources.files import read_article_file
from tests.render.fixtures import (
    assert_discord_limits,
    assert_slack_limits,
    briefing_strategy,
    first_message_words,
    harbour_briefing,
    tram_briefing,
)

REF = "a" * 64 + ".12"
OTHER_REF = "b" * 64
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def crowded_briefing(**changes) -> Briefing:
    """Return a briefing with far more facts than a chat message holds, each group ranked 0, 1, 2…"""
    facts = Facts(
        people=tuple(Person(f"Person{n} Surname", "councillor") for n in range(9)),
        places=tuple(f"Place{n}" for n in range(15)),
        organizations=tuple(f"Org{n} Council" for n in range(8)),
        dates=tuple(DateMention(f"on day {n}", date(2024, 3, n + 1)) for n in range(11)),
        numbers=tuple(NumberMention(f"{n} trams", f"the city ordered {n} trams") for n in range(7)),
        quotes=tuple(Quote(f"We will build line {n}", f"Person{n} Surname") for n in range(6)),
        sources=tuple(f"source {n}" for n in range(5)),
    )
    return tram_briefing(**{"facts": facts, "ref": REF, **changes})


def test_the_chat_form_keeps_each_groups_top_entries_within_the_limits():
    briefing = crowded_briefing()
    form = chat_form(briefing)
    for name in ("people", "places", "organizations", "dates", "numbers", "quotes", "sources"):
        shown, everything = getattr(form.briefing.facts, name), getattr(briefing.facts, name)
        assert 0 < len(shown) <= getattr(CHAT_LIMITS, name), name
        assert shown == everything[: len(shown)], name  # most important first, none skipped
    assert form.briefing.summary == briefing.summary and not form.complete and form.offers_more


def test_a_briefing_that_fits_whole_is_complete_and_gets_no_button():
    form = chat_form(dataclasses.replace(tram_briefing(), ref=REF))
    assert form.complete and not form.offers_more
    assert "components" not in render_discord(form.briefing)[0]
    assert all(block["type"] != "actions" for block in render_slack(form.briefing)[0]["blocks"])


def test_long_quotes_and_figures_are_shortened_in_chat_and_kept_whole_on_the_card():
    quote = "We will open the line before winter and " + "then we will extend it to the river " * 6
    briefing = tram_briefing(facts=Facts(quotes=(Quote(quote, "Ana Ruiz"),)), ref=REF)
    [shown] = chat_form(briefing).briefing.facts.quotes
    assert shown.text.endswith("…") and len(shown.text.split()) <= 20 and shown.speaker == "Ana Ruiz"
    card = "\n".join(field["value"] for field in render_discord(briefing, compact=False)[0]["embeds"][0]["fields"])
    assert " ".join(quote.split()) in card


def test_a_button_without_a_stored_reference_is_never_offered():
    form = chat_form(crowded_briefing(ref=None))
    assert not form.complete and not form.offers_more
    assert "components" not in render_discord(crowded_briefing(ref=None))[0]


def test_discord_chat_form_is_one_message_with_a_more_facts_button():
    [message] = render_discord(crowded_briefing())
    assert_discord_limits([message])
    assert first_message_words(message) < 200
    [[button]] = [row["components"] for row in message["components"]]
    assert button["label"] == "More facts" and re.fullmatch(DISCORD_FACTS_ID, button["custom_id"])
    assert button["custom_id"].endswith(REF) and len(button["custom_id"]) <= 100
    [plain] = render_discord_plain(crowded_briefing())
    assert_discord_limits([plain], plain=True)
    assert first_message_words(plain) < 200 and plain["components"] == message["components"]


def test_slack_chat_form_ends_with_a_more_facts_button_carrying_the_reference():
    [message] = render_slack(crowded_briefing())
    assert_slack_limits([message])
    assert first_message_words(message) < 200
    actions = message["blocks"][-1]
    assert actions["type"] == "actions"
    [button] = actions["elements"]
    assert (button["action_id"], button["value"], button["text"]["text"]) == (SLACK_FACTS_ACTION, REF, "More facts")


def test_the_full_card_carries_every_fact_and_no_button():
    briefing = crowded_briefing()
    payloads = render_discord(briefing, compact=False)
    assert not any("components" in payload for payload in payloads)
    fields = "\n".join(f["value"] for p in payloads for e in p["embeds"] for f in e.get("fields", []))
    assert all(f"Place{n}" in fields for n in range(15))
    assert not any(b["type"] == "actions" for m in render_slack(briefing, compact=False) for b in m["blocks"])


@FAST
@given(briefing_strategy(), st.booleans())
def test_any_briefing_in_chat_form_fits_the_limits_and_stays_under_200_words(briefing, stored):
    briefing = dataclasses.replace(briefing, ref=REF if stored else None)
    discord = render_discord(briefing)
    slack = render_slack(briefing)
    plain = render_discord_plain(briefing)
    assert_discord_limits(discord)
    assert_discord_limits(plain, plain=True)
    assert_slack_limits(slack)
    for first in (discord[0], plain[0], slack[0]):
        assert first_message_words(first) < 200
    offers = chat_form(briefing).offers_more
    assert ("components" in discord[0]) == offers and ("components" in plain[-1]) == offers
    assert (slack[-1]["blocks"][-1]["type"] == "actions") == offers


def test_every_bundled_seed_stays_under_200_words_in_chat():
    brief = Factory(load_settings(env_file=None)).briefer()
    for path in seed_paths():
        briefing = brief(read_article_file(path))
        for first in (render_discord(briefing)[0], render_discord_plain(briefing)[0], render_slack(briefing)[0]):
            assert first_message_words(first) < 200, path.name


def test_digest_items_each_get_a_numbered_button_in_the_message_that_holds_them():
    items = tuple(DigestItem(dataclasses.replace(harbour_briefing(), ref=f"{n:064x}")) for n in range(12))
    payloads = render_discord(Digest(items=items))
    assert_discord_limits(payloads)
    labels = [b["label"] for p in payloads for row in p.get("components", []) for b in row["components"]]
    assert labels == [f"More facts · {n}" for n in range(1, 13)]
    for payload in payloads:  # a message's buttons belong to the stories it shows
        numbers = {int(e["title"].split(".")[0]) for e in payload["embeds"] if "title" in e}
        pressed = {int(b["label"].rsplit(" ", 1)[1]) for row in payload.get("components", []) for b in row["components"]}
        assert pressed == numbers
    blocks = [b for m in render_slack(Digest(items=items)) for b in m["blocks"]]
    values = [b["accessory"]["value"] for b in blocks if "accessory" in b]
    assert values == [f"{n:064x}" for n in range(12)]
    assert not any("components" in p for p in render_discord(Digest(items=items), compact=False))


def test_lookup_matches_are_compact_items_with_title_one_line_link_and_button():
    long = dataclasses.replace(crowded_briefing(), summary=("word " * 80 + "end.", *crowded_briefing().summary))
    matches = Matches((long, dataclasses.replace(harbour_briefing(), ref=OTHER_REF)), heading="2 matches for “tram”:")
    [message] = render_discord(matches)
    assert_discord_limits([message])
    assert message["content"] == "2 matches for “tram”:"
    first, second = message["embeds"]
    assert first["title"].startswith("1. Lyon council") and first["url"] == "https://news.example.org/lyon/tram-vote"
    assert first["description"].startswith("word word") and "…" in first["description"]
    assert len(first["description"].split()) < 40 and "fields" not in first
    assert second["title"].startswith("2. Harbour cranes")
    assert [b["custom_id"][16:] for row in message["components"] for b in row["components"]] == [REF, OTHER_REF]
    [slack] = render_slack(matches)
    assert_slack_limits([slack])
    assert [b["accessory"]["value"] for b in slack["blocks"] if "accessory" in b] == [REF, OTHER_REF]
    text = render_text(matches, compact=True)
    assert "1. Lyon council backs a new tram line" in text and "https://news.example.org/lyon/tram-vote" in text
    assert "Key facts" not in text and "Key facts" in render_text(matches)
    assert "1. [Lyon council backs" in render_markdown(matches, compact=True)


def test_text_and_markdown_keep_the_full_card_unless_asked_for_the_chat_form():
    briefing = crowded_briefing()
    assert "Place14" in render_text(briefing) and "Place14" in render_markdown(briefing)
    assert "Place14" not in render_text(briefing, compact=True)
    assert "Place14" not in render_markdown(briefing, compact=True)


def test_a_briefing_without_a_title_is_headed_by_its_source_or_site_never_a_cut_sentence():
    untitled = tram_briefing(title="")
    assert render_markdown(untitled).startswith("## [Rhône Courier](https://news.example.org/lyon/tram-vote)\n")
    assert "*2024-03-05 · LYON*" in render_markdown(untitled)  # the source is not repeated below it
    assert render_discord(untitled)[0]["embeds"][0]["title"] == "Rhône Courier"
    assert render_slack(untitled)[0]["blocks"][0]["text"]["text"] == "Rhône Courier"
    assert render_text(tram_briefing(title="", source=None)).startswith("news.example.org\n")
    assert render_text(tram_briefing(title="", source=None, url=None)).startswith("Briefing\n")
