"""The Discord adapter's plumbing, driven through the real discord.py client against a loopback Discord.

The service here is a tiny recorder, so these tests pin what the adapter itself does: registration,
deferral, privacy of errors, DM routing, delivery failures. `test_discord_acceptance.py` drives the
real command service.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest

from adapters.discord_bot.adapter import DiscordAdapter, DiscordStartError
from bot.chat import ChannelUnavailable
from bot.commands.model import Reply
from bot.models import Briefing, Digest, DigestItem
from bot.settings import load_settings
from bot.values import ChannelRef
from tests.fakes.discord_server import (
    APP_ID,
    DM_CHANNEL_ID,
    GENERAL_CHANNEL_ID,
    GONE_CHANNEL_ID,
    GUILD_ID,
    LOCKED_CHANNEL_ID,
    MANAGER_ID,
    FakeDiscord,
)
from tests.fakes.recorder import Recorder
from tests.fakes.samples import sample_briefing

PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content
EPHEMERAL = 64


def discord_settings(fake: FakeDiscord, **extra):
    return load_settings(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        **extra,
    )


@asynccontextmanager
async def running(settings, service):
    adapter = DiscordAdapter(settings.discord, service, guild_ready_timeout=0.05)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


def all_text(request) -> str:
    """Return every user-visible string a message body carries."""
    body = request.body or {}
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", ""), embed.get("footer", {}).get("text", "")]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


async def test_registers_every_command_with_its_options_globally(fake_discord):
    async with running(discord_settings(fake_discord), Recorder()) as adapter:
        identify = await fake_discord.wait_identified()
        assert adapter.client.is_ready()
    commands = {c["name"]: c for c in fake_discord.commands[None]}
    assert set(commands) == {"brief", "lookup", "digest", "subscribe", "unsubscribe", "feeds", "filter", "follow",
                             "unfollow", "following", "status", "help"}
    options = lambda c: [o["name"] for o in c.get("options", [])]  # noqa: E731
    assert options(commands["brief"]) == ["input"]
    assert options(commands["lookup"]) == ["query"]
    assert options(commands["subscribe"]) == ["time", "timezone"]
    assert commands["subscribe"]["options"][1]["autocomplete"] is True
    feeds = {sub["name"]: options(sub) for sub in commands["feeds"]["options"]}
    assert feeds == {"add": ["url"], "remove": ["url"], "list": [], "export": []}
    filters = {sub["name"]: options(sub) for sub in commands["filter"]["options"]}
    assert filters == {"include": ["words"], "exclude": ["words"], "list": [], "clear": []}
    assert options(commands["follow"]) == ["words"] and commands["follow"]["default_member_permissions"] is None
    for managed in ("subscribe", "unsubscribe", "feeds", "filter"):
        assert int(commands[managed]["default_member_permissions"]) == 1 << 4  # Manage Channels
    assert commands["brief"]["default_member_permissions"] is None
    assert identify["intents"] & PRIVILEGED_INTENTS == 0


async def test_registers_in_one_guild_when_asked(fake_discord):
    async with running(discord_settings(fake_discord, DISCORD_GUILD_ID=str(GUILD_ID)), Recorder()):
        pass
    assert None not in fake_discord.commands
    assert {c["name"] for c in fake_discord.commands[GUILD_ID]} >= {"brief", "feeds", "subscribe"}
    assert [r.path for r in fake_discord.requests if r.method == "PUT"] == [
        f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"
    ]


async def test_finds_the_gateway_from_the_api_when_only_the_base_is_given(fake_discord):
    settings = load_settings(DISCORD_TOKEN=fake_discord.token, DISCORD_API_BASE=fake_discord.api_base)
    async with running(settings, Recorder()):
        await fake_discord.wait_identified()
    assert any(r.path == "/gateway/bot" for r in fake_discord.requests)


async def test_a_wrong_token_fails_start_with_a_plain_sentence(fake_discord):
    settings = load_settings(
        DISCORD_TOKEN="not-the-token", DISCORD_API_BASE=fake_discord.api_base, DISCORD_GATEWAY_URL=fake_discord.gateway_url
    )
    with pytest.raises(DiscordStartError, match="DISCORD_TOKEN"):
        await DiscordAdapter(settings.discord, Recorder(), guild_ready_timeout=0.05).start()


async def test_a_command_is_deferred_then_answered_and_nothing_pings(fake_discord):
    service = Recorder(lambda request: Reply(text="@everyone look", briefings=(sample_briefing(),)))
    async with running(discord_settings(fake_discord), service):
        token = await fake_discord.slash("brief", {"input": "some article text"})
        followups = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}", count=2)
    assert [c.body for c in fake_discord.callbacks(token)] == [{"type": 5}]
    assert service.requests[0].command == "brief" and service.requests[0].text == "some article text"
    assert not service.requests[0].can_manage and not service.requests[0].is_dm
    assert all(f.body["allowed_mentions"] == {"parse": []} for f in followups)
    assert "@everyone" not in all_text(followups[0])
    assert followups[1].body["embeds"][0]["title"].startswith("Harbour council backs night ferry")
    assert all(f.flags & EPHEMERAL == 0 for f in followups)


async def test_an_error_after_a_public_defer_is_answered_privately(fake_discord):
    service = Recorder(lambda request: Reply(text="That does not look like an article.", is_error=True))
    async with running(discord_settings(fake_discord), service):
        token = await fake_discord.slash("brief", {"input": "%%%"})
        [followup] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    assert fake_discord.callbacks(token)[0].flags == 0
    assert [d.path for d in fake_discord.deletions(token)] == [f"/webhooks/{APP_ID}/{token}/messages/@original"]
    assert followup.flags & EPHEMERAL
    assert followup.body["content"] == "That does not look like an article."


async def test_a_non_manager_gets_a_private_answer_to_a_management_command(fake_discord):
    service = Recorder(lambda request: Reply(text="Only members who can manage channels may do that.", is_error=True))
    async with running(discord_settings(fake_discord), service):
        token = await fake_discord.slash("subscribe", {"time": "08:00", "timezone": "Europe/Paris"})
        [followup] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    assert fake_discord.callbacks(token)[0].flags & EPHEMERAL  # private from the very first moment
    assert followup.flags & EPHEMERAL
    request = service.requests[0]
    assert (request.command, request.text, request.can_manage) == ("subscribe", "08:00 Europe/Paris", False)


async def test_a_manager_command_carries_the_subcommand_and_permission(fake_discord):
    service = Recorder(lambda request: Reply(text="Feed added."))
    async with running(discord_settings(fake_discord), service):
        token = await fake_discord.slash(
            "feeds", {"url": "https://news.example/rss"}, subcommand="add", user_id=MANAGER_ID, manage_channels=True
        )
        [followup] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    request = service.requests[0]
    assert (request.command, request.text, request.can_manage) == ("feeds", "add https://news.example/rss", True)
    assert (request.channel, request.user) == (ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID)), str(MANAGER_ID))
    assert fake_discord.callbacks(token)[0].flags == 0 and followup.flags == 0


async def test_timezone_autocomplete_offers_matching_iana_names(fake_discord):
    async with running(discord_settings(fake_discord), Recorder()):
        token = await fake_discord.autocomplete("subscribe", "timezone", "paris", time="08:00")
        [callback] = await fake_discord.wait_for("POST", f"/interactions/\\d+/{token}/callback")
    assert callback.body["type"] == 8
    choices = [c["value"] for c in callback.body["data"]["choices"]]
    assert choices[0] == "Europe/Paris" and len(choices) <= 25


async def test_a_service_that_raises_gets_an_apology_and_the_bot_answers_the_next_one(fake_discord):
    def answer(request):
        if request.text == "boom":
            raise RuntimeError("the engine fell over")
        return Reply(text="fine")

    async with running(discord_settings(fake_discord), Recorder(answer)):
        first = await fake_discord.slash("lookup", {"query": "boom"})
        [apology] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{first}")
        second = await fake_discord.slash("lookup", {"query": "harbour"})
        [answer_] = await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{second}")
    assert apology.flags & EPHEMERAL and apology.body["content"].startswith("Sorry, something went wrong (ref ")
    assert "fell over" not in apology.body["content"]
    assert answer_.body["content"] == "fine"


async def test_direct_messages_from_people_reach_the_service_and_bots_are_ignored(fake_discord):
    service = Recorder(lambda request: Reply(briefings=(sample_briefing(),)))
    async with running(discord_settings(fake_discord), service):
        await fake_discord.direct_message("ferry news please", bot=True)
        await fake_discord.direct_message("ferry")
        [reply] = await fake_discord.wait_for("POST", f"/channels/{DM_CHANNEL_ID}/messages")
    assert [(r.command, r.text, r.is_dm) for r in service.requests] == [("", "ferry", True)]
    assert reply.body["allowed_mentions"] == {"parse": []}
    assert "night ferry" in reply.body["embeds"][0]["title"]


async def test_without_embed_links_answers_come_as_plain_text():
    fake = FakeDiscord(embed_links=False)
    await fake.start()
    try:
        async with running(discord_settings(fake), Recorder(lambda r: Reply(briefings=(sample_briefing(),)))) as adapter:
            token = await fake.slash("brief", {"input": "text"})
            followups = await fake.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
            await adapter.deliver(ChannelRef("discord", str(GUILD_ID), str(GENERAL_CHANNEL_ID)), digest_of(sample_briefing()))
        posts = fake.channel_posts(GENERAL_CHANNEL_ID)
    finally:
        await fake.stop()
    for message in [*followups, *posts]:
        assert not message.body.get("embeds")
        assert "The harbour council voted to run a night ferry from June." in message.body["content"]


def digest_of(*briefings: Briefing) -> Digest:
    return Digest(items=tuple(DigestItem(b) for b in briefings), generated_at=datetime.now(UTC))


async def test_a_refused_channel_disables_only_its_own_delivery(fake_discord):
    digest = digest_of(sample_briefing(), sample_briefing("Library opens late on Thursdays"))
    targets = [ChannelRef("discord", str(GUILD_ID), str(c)) for c in (LOCKED_CHANNEL_ID, GENERAL_CHANNEL_ID, GONE_CHANNEL_ID)]
    async with running(discord_settings(fake_discord), Recorder()) as adapter:
        outcomes = await asyncio.gather(*(adapter.deliver(t, digest) for t in targets), return_exceptions=True)
    locked, general, gone = outcomes
    assert isinstance(locked, ChannelUnavailable) and "403" in locked.reason
    assert isinstance(gone, ChannelUnavailable) and "404" in gone.reason
    assert general is None
    posts = fake_discord.channel_posts(GENERAL_CHANNEL_ID)
    digests = [p for p in posts if p.body.get("embeds")]
    notes = [p for p in posts if not p.body.get("embeds")]
    assert "Library opens late on Thursdays" in all_text(digests[0])
    # Both failures leave a note in the system channel; the deleted channel is named, not pinged.
    assert len(notes) == 2 and all("subscription is now off" in n.body["content"] for n in notes)
    assert all(p.body["allowed_mentions"] == {"parse": []} for p in posts)


async def test_a_slash_command_in_the_bots_dm_is_a_dm_request_the_user_manages(fake_discord):
    service = Recorder()
    async with running(discord_settings(fake_discord), service):
        token = await fake_discord.slash("unsubscribe", in_dm=True)
        await fake_discord.wait_for("POST", f"/webhooks/{APP_ID}/{token}")
    request = service.requests[0]
    assert (request.channel, request.is_dm, request.can_manage) == (ChannelRef("discord", "@me", str(DM_CHANNEL_ID)), True, True)
