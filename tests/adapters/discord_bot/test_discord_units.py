"""Small pure parts of the Discord adapter: time-zone suggestions, reply payloads, the invite link."""

from __future__ import annotations

import zoneinfo
from urllib.parse import parse_qs, urlparse

import discord

from adapters.discord_bot._send import reply_payloads, send_arguments
from adapters.discord_bot._zones import MAX_CHOICES, timezone_choices
from adapters.discord_bot.adapter import INVITE_PERMISSIONS, invite_url
from bot.commands.model import Reply
from bot.models import Briefing, Facts, Stats


def test_timezone_choices_put_the_closest_names_first_and_stay_within_discords_limit():
    assert timezone_choices("europe/par")[0] == "Europe/Paris"
    assert timezone_choices("new york")[0] == "America/New_York"
    assert timezone_choices("tokyo") == ["Asia/Tokyo"]
    assert len(timezone_choices("a")) == MAX_CHOICES
    assert timezone_choices("no such place at all") == []


def test_every_suggestion_is_a_loadable_zone_and_the_empty_prompt_offers_common_ones():
    starters = timezone_choices("")
    assert "UTC" in starters and 0 < len(starters) <= MAX_CHOICES
    for name in starters + timezone_choices("america"):
        zoneinfo.ZoneInfo(name)
        assert not name.startswith(("posix/", "right/"))


def test_long_text_is_split_into_messages_discord_accepts_with_mentions_broken():
    text = "\n".join(f"Line {n}: ask @everyone about <@123> and the harbour." for n in range(120))
    payloads = reply_payloads(Reply(text=text), embeds_allowed=True)
    assert len(payloads) > 1
    assert all(len(p["content"]) <= 2000 for p in payloads)
    joined = "".join(p["content"] for p in payloads)
    assert "@everyone" not in joined and "<@123>" not in joined
    assert joined.count("the harbour.") == 120


def test_briefings_follow_the_text_and_fall_back_to_plain_text_without_embeds():
    briefing = Briefing(
        title="Tram line reopens",
        summary=("The river tram line reopened on Monday after repairs.",),
        facts=Facts(places=("Lowmoor",)),
        stats=Stats(words=300, summary_words=9),
    )
    reply = Reply(text="Here is your briefing.", briefings=(briefing,))
    rich = reply_payloads(reply, embeds_allowed=True)
    plain = reply_payloads(reply, embeds_allowed=False)
    assert rich[0]["content"] == "Here is your briefing." and rich[1]["embeds"]
    assert all(not p["embeds"] for p in plain)
    assert "The river tram line reopened on Monday after repairs." in plain[1]["content"]
    arguments = send_arguments(rich[1])
    assert isinstance(arguments["embeds"][0], discord.Embed)
    assert arguments["allowed_mentions"].to_dict() == {"parse": []}


def test_an_empty_reply_still_completes_the_interaction():
    [payload] = reply_payloads(Reply(), embeds_allowed=True)
    assert payload["content"]


def test_invite_link_asks_for_both_scopes_and_only_the_needed_permissions():
    query = parse_qs(urlparse(invite_url(1234)).query)
    assert query["client_id"] == ["1234"]
    assert query["scope"] == ["bot applications.commands"]
    # View Channels 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536
    assert query["permissions"] == ["84992"] == [str(INVITE_PERMISSIONS.value)]
