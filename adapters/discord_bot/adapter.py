"""Discord adapter: slash commands, DM lookups and scheduled digests, all through the command layer."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
import discord

from adapters.discord_bot._client import DEFAULT_API_BASE, NewsbriefClient, Shards, discord_endpoints
from adapters.discord_bot._commands import DM_WORKSPACE
from adapters.discord_bot._dm import direct_message_refusal, direct_message_text
from adapters.discord_bot._plugin import PLATFORM
from adapters.discord_bot._send import channel_allows_embeds, post_digest, post_reply
from bot.chat import ChannelUnavailable, RecipientUnavailable
from bot.commands.model import CommandHandler, CommandRequest, Reply
from bot.errors import UserError, http_failure, one_line
from bot.models import Digest
from bot.settings import DiscordSettings, secret_value
from bot.values import ChannelRef, UserRef

log = logging.getLogger(__name__)

# View Channels, Send Messages, Embed Links, Read Message History: all the bot ever needs.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)
INVITE_SCOPES = ("bot", "applications.commands")


class DiscordStartError(UserError):
    """Raise when the bot cannot log in or reach the Gateway; the message says what to check."""


def invite_url(application_id: int) -> str:
    """Return the OAuth2 URL that adds the bot to a server with the scopes and permissions it needs."""
    return discord.utils.oauth_url(application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES)


class DiscordAdapter:
    """Run newsbrief on Discord: start, stop, and deliver scheduled digests."""

    platform = PLATFORM

    def __init__(
        self,
        settings: DiscordSettings,
        service: CommandHandler,
        *,
        ready_timeout: float = 60.0,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        self._settings = settings
        self._service = service
        self._ready_timeout = ready_timeout
        self._guild_ready_timeout = guild_ready_timeout
        self._client: NewsbriefClient | None = None
        self._task: asyncio.Task[None] | None = None
        self._endpoints = contextlib.ExitStack()

    @property
    def client(self) -> NewsbriefClient | None:
        """Return the running discord.py client, if started."""
        return self._client

    async def start(self) -> None:
        """Log in, register the commands, connect to the Gateway and return once ready."""
        token = secret_value(self._settings.token)
        if not token:
            raise DiscordStartError("DISCORD_TOKEN is not set, so the Discord bot cannot start.")
        api_base = self._settings.api_base or DEFAULT_API_BASE
        gateway_url = self._settings.gateway_url
        self._endpoints.enter_context(discord_endpoints(api_base, gateway_url))
        self._client = NewsbriefClient(
            handle=self._service.handle,
            on_direct_message=self._answer_direct_message,
            guild_id=self._settings.guild_id,
            discover_gateway=gateway_url is None and api_base.rstrip("/") != DEFAULT_API_BASE,
            guild_ready_timeout=self._guild_ready_timeout,
            shards=Shards(self._settings.shard_count, self._settings.shard_ids),
        )
        self._task = asyncio.create_task(self._client.start(token), name="discord-client")
        await self._wait_until_ready(self._task, self._client.gateway_ready)
        self._task.add_done_callback(_log_if_crashed)
        application = self._client.application_id  # known once READY has arrived
        invite = invite_url(application) if application is not None else "the Developer Portal's OAuth2 page"
        log.info("Discord bot ready as %s; invite it with %s", self._client.user, invite)

    async def stop(self) -> None:
        """Close the Gateway connection and the HTTP session."""
        if self._client is not None:
            await self._client.close()
        if self._task is not None:
            await asyncio.wait({self._task})  # wait, but never re-raise: start() already reported failures
        self._endpoints.close()
        self._client = self._task = None

    async def health_problem(self) -> str | None:
        """Return None while every shard is connected and ready, else what is wrong (for /healthz)."""
        client = self._client
        if client is None or client.is_closed():
            return "not connected"
        if not client.is_ready():
            return "connecting to the Gateway"
        return None

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        """Post a scheduled digest; raise ChannelUnavailable when the channel is gone or closed to us."""
        client = self._running_client()
        channel = _channel_for(client, target)
        try:
            await post_digest(channel, digest, embeds_allowed=channel_allows_embeds(channel))
        except (discord.Forbidden, discord.NotFound) as error:
            reason = f"Discord answered {error.status} ({error.text or 'no detail'}) for channel {target.channel}"
            log.info("scheduled digest not delivered: %s; its subscription will be disabled", reason)
            await self._leave_note(client, target)
            raise ChannelUnavailable(reason) from error

    async def send_direct(self, recipient: UserRef, reply: Reply) -> None:
        """Send a person a direct message (an alert); RecipientUnavailable when Discord will not let us."""
        client = self._running_client()
        if not recipient.user.isdigit():
            raise RecipientUnavailable(f"{recipient.user!r} is not a Discord user id")
        try:
            # POST /users/@me/channels opens (or finds) the DM channel; discord.py caches it.
            channel = await client.create_dm(discord.Object(id=int(recipient.user)))
            await post_reply(channel, reply, embeds_allowed=True)
        except (discord.Forbidden, discord.NotFound) as error:
            # 50007 "Cannot send messages to this user": DMs closed, bot blocked, or no shared server.
            raise RecipientUnavailable(
                f"Discord answered {error.status} ({error.text or 'no detail'}) for user {recipient.user}"
            ) from error

    # -- internals ---------------------------------------------------------------------------

    async def _answer_direct_message(self, message: discord.Message) -> None:
        """Brief a link or look up any other text someone sent the bot privately."""
        text = direct_message_text(message.content)
        refusal = direct_message_refusal(text, has_attachments=bool(message.attachments))
        if refusal is not None:
            await self._refuse_direct_message(message, refusal)
            return
        if not text:
            return
        request = CommandRequest(
            channel=ChannelRef(PLATFORM, DM_WORKSPACE, str(message.channel.id)),
            user=str(message.author.id),
            command="",
            text=text,
            is_dm=True,
            can_manage=True,
        )
        try:
            async with message.channel.typing():
                reply = await self._service.handle(request)
            await post_reply(message.channel, reply, embeds_allowed=True)
        except discord.HTTPException:
            log.warning("could not answer a direct message in channel %s", message.channel.id, exc_info=True)

    async def _refuse_direct_message(self, message: discord.Message, refusal: str) -> None:
        """Say politely why a direct message is not answered."""
        try:
            await post_reply(message.channel, Reply(text=refusal, is_error=True), embeds_allowed=True)
        except discord.HTTPException as error:
            log.info("could not answer a direct message in channel %s (%s)", message.channel.id, error.status)

    async def _wait_until_ready(self, connection: asyncio.Task[None], ready: asyncio.Event) -> None:
        waiter = asyncio.ensure_future(ready.wait())
        done, _ = await asyncio.wait(
            {connection, waiter}, timeout=self._ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        waiter.cancel()
        if ready.is_set():
            return
        failure = connection.exception() if connection in done and not connection.cancelled() else None
        await self.stop()
        raise DiscordStartError(_start_failure_message(failure, self._ready_timeout)) from failure

    async def _leave_note(self, client: discord.Client, target: ChannelRef) -> None:
        """Tell the guild, in a channel we can still post to, that its digest was turned off."""
        guild = client.get_guild(int(target.workspace)) if target.workspace.isdigit() else None
        channel = _note_channel(guild, exclude=target.channel) if guild else None
        if channel is None:
            return
        note = (
            f"I could not post the scheduled news digest in <#{target.channel}>, so that subscription is now off. "
            "Give me access to a channel and run /subscribe there to start it again."
        )
        try:
            await channel.send(note, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:
            log.info("could not leave a note in guild %s either (%s)", target.workspace, error.status)

    def _running_client(self) -> NewsbriefClient:
        if self._client is None or not self._client.is_ready():
            raise RuntimeError("the Discord adapter is not running")
        return self._client


def _log_if_crashed(task: asyncio.Task[None]) -> None:
    """Say loudly when the connection gives up for good (discord.py retries everything it can)."""
    failure = None if task.cancelled() else task.exception()
    if failure is not None:
        log.error("the Discord connection stopped: %s", failure, exc_info=failure)


def _channel_for(client: discord.Client, target: ChannelRef) -> discord.abc.Messageable:
    """Return the cached channel, or a bare handle that can still be posted to."""
    if not target.channel.isdigit():
        raise ChannelUnavailable(f"{target.channel!r} is not a Discord channel id")
    channel_id = int(target.channel)
    guild_id = int(target.workspace) if target.workspace.isdigit() else None
    cached = client.get_channel(channel_id)
    if isinstance(cached, discord.abc.Messageable):
        return cached
    return client.get_partial_messageable(channel_id, guild_id=guild_id)


def _note_channel(guild: discord.Guild, *, exclude: str) -> discord.TextChannel | None:
    """Pick the guild's system channel, else its first text channel the bot may post in."""
    me = guild.me
    candidates = [guild.system_channel, *sorted(guild.text_channels, key=lambda c: c.position)]
    for channel in candidates:
        if channel is None or str(channel.id) == exclude or me is None:
            continue
        permissions = channel.permissions_for(me)
        if permissions.view_channel and permissions.send_messages:
            return channel
    return None


def _start_failure_message(failure: BaseException | None, timeout: float) -> str:
    """Say in one line why the bot could not start and which setting to check: never a page of HTML."""
    if isinstance(failure, discord.LoginFailure):
        return "Discord refused the token (401 Unauthorized): check DISCORD_TOKEN (the Bot page's token)."
    if isinstance(failure, discord.PrivilegedIntentsRequired):
        return "Discord refused the connection over privileged intents, which newsbrief does not ask for."
    if isinstance(failure, discord.HTTPException):
        return (
            f"Discord answered {http_failure(failure.status, failure.response.reason, failure.text)}: "
            "check DISCORD_TOKEN and DISCORD_API_BASE."
        )
    if isinstance(failure, (aiohttp.ClientError, OSError)):
        reason = one_line(str(failure)) or type(failure).__name__
        return f"Could not reach Discord ({reason}): check the network, DISCORD_API_BASE and DISCORD_GATEWAY_URL."
    if failure is not None:
        reason = one_line(str(failure)) or type(failure).__name__
        return f"The Discord bot could not start ({reason}): check DISCORD_API_BASE and DISCORD_GATEWAY_URL."
    return f"The Discord bot was not ready within {timeout:g} seconds; check the network and DISCORD_GATEWAY_URL."
