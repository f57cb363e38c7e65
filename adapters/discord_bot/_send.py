"""Turn neutral replies into Discord messages and send them to interactions and channels."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from typing import Any

import discord

from adapters.discord_bot._buttons import components_view
from bot.commands.model import Reply
from bot.models import Digest
from bot.render import Payload, neutralize_mentions, render_discord, render_discord_plain, split_text

log = logging.getLogger(__name__)

CONTENT_LIMIT = 2000
NO_PINGS = discord.AllowedMentions.none()
_NOTHING = "Nothing to show."
# Interaction.extras key set once a follow-up of the answer is out (the placeholder then holds it).
_ANSWER_POSTED = "newsbrief.answer_posted"
# Discord accepts a message nonce of at most 25 characters.
NONCE_LENGTH = 25
_UNKNOWN_CHANNEL = 10003  # Discord's error code when the channel itself is gone


def reply_payloads(reply: Reply, *, embeds_allowed: bool) -> list[Payload]:
    """Return the message payloads of a reply: its text first, then briefings, matches or the digest.

    Briefings come in their chat form with a "More facts" button, or whole when the reply is a fact card.
    """
    payloads = [_text_payload(piece) for piece in split_text(neutralize_mentions(reply.text or ""), CONTENT_LIMIT)]
    render = render_discord if embeds_allowed else render_discord_plain
    for shown in reply.shown:
        payloads += render(shown, compact=not reply.fact_card)
    payloads = [p for p in payloads if p.get("content") or p.get("embeds")]
    return payloads or [_text_payload(_NOTHING)]


def send_arguments(payload: Payload) -> dict[str, Any]:
    """Turn a rendered payload into keyword arguments for discord.py's send methods."""
    arguments: dict[str, Any] = {"allowed_mentions": NO_PINGS}
    if payload.get("content"):
        arguments["content"] = payload["content"]
    if payload.get("embeds"):
        arguments["embeds"] = [discord.Embed.from_dict(embed) for embed in payload["embeds"]]
    if payload.get("components"):
        arguments["view"] = components_view(payload["components"])
    return arguments


def _text_payload(text: str) -> Payload:
    return {"content": text, "embeds": [], "allowed_mentions": {"parse": []}}


def attachment_file(reply: Reply) -> discord.File | None:
    """Return the reply's file as discord.py sends it (a new one each time: sending consumes it)."""
    if reply.attachment is None:
        return None
    return discord.File(io.BytesIO(reply.attachment.data), filename=reply.attachment.filename)


async def answer_interaction(interaction: discord.Interaction, reply: Reply, *, deferred_privately: bool) -> None:
    """Complete a deferred interaction with follow-ups; errors and refusals stay private."""
    private = deferred_privately or reply.is_private
    if private and not deferred_privately:
        await _withdraw_placeholder(interaction)
    payloads = reply_payloads(reply, embeds_allowed=interaction_allows_embeds(interaction))
    for number, payload in enumerate(payloads, start=1):
        # The file rides on the last message, right under the sentence that introduces it.
        extra = _with_file(reply) if number == len(payloads) else {}
        await interaction.followup.send(**send_arguments(payload), **extra, ephemeral=private)
        interaction.extras[_ANSWER_POSTED] = True


async def post_reply(channel: discord.abc.Messageable, reply: Reply, *, embeds_allowed: bool) -> None:
    """Post a reply as ordinary messages in a channel or DM."""
    payloads = reply_payloads(reply, embeds_allowed=embeds_allowed)
    for number, payload in enumerate(payloads, start=1):
        extra = _with_file(reply) if number == len(payloads) else {}
        await channel.send(**send_arguments(payload), **extra)


def _with_file(reply: Reply) -> dict[str, Any]:
    file = attachment_file(reply)
    return {"file": file} if file is not None else {}


def digest_nonce(digest_key: str, part: int) -> str:
    """Return the nonce of one message of a digest: the same for every attempt, at most 25 characters."""
    suffix = f".{part}"
    digest = hashlib.sha256(digest_key.encode()).hexdigest()
    return digest[: NONCE_LENGTH - len(suffix)] + suffix


async def post_digest(channel: discord.abc.Messageable, digest: Digest, *, embeds_allowed: bool) -> None:
    """Post a digest's messages, each with a nonce Discord enforces, so a re-send returns the first post.

    discord.py sends `enforce_nonce: true` with every nonce: a message created again with the same
    nonce within a few minutes is not created twice; Discord returns the first one instead.
    """
    for part, payload in enumerate(reply_payloads(Reply(digest=digest), embeds_allowed=embeds_allowed)):
        arguments = send_arguments(payload)
        if digest.key is not None:
            arguments["nonce"] = digest_nonce(digest.key, part)
        try:
            await channel.send(**arguments)
        except discord.NotFound as error:
            if digest.key is None or error.code == _UNKNOWN_CHANNEL:
                raise
            # Discord's answer to a nonce whose message was posted and then deleted: it went out once.
            log.info("digest %s part %d was posted before and deleted since; not posted again", digest.key, part)


def interaction_allows_embeds(interaction: discord.Interaction) -> bool:
    """Tell whether the bot may embed links where the interaction happened."""
    if interaction.guild_id is None:
        return True  # in a DM with the bot nobody can take Embed Links away
    return interaction.app_permissions.embed_links


def channel_allows_embeds(channel: object) -> bool:
    """Tell whether the bot may embed links in a channel; assume so when nothing is cached."""
    if not isinstance(channel, discord.abc.GuildChannel):
        return True
    me = channel.guild.me
    return me is None or channel.permissions_for(me).embed_links


async def _withdraw_placeholder(interaction: discord.Interaction) -> None:
    """Delete the public "thinking…" placeholder so the private answer does not land in it."""
    # The first follow-up after a defer edits the placeholder and inherits its visibility;
    # once it is gone, follow-ups are new messages whose ephemeral flag is honoured.
    if interaction.extras.get(_ANSWER_POSTED):
        # The placeholder already became the first part of an answer that failed part-way:
        # keep what was posted; later follow-ups are new messages, so privacy still holds.
        return
    with contextlib.suppress(discord.NotFound):
        await interaction.delete_original_response()
