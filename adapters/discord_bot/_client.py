"""The discord.py client newsbrief runs: endpoints, intents, command sync and DM routing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord_bot._buttons import FactsButton
from adapters.discord_bot._commands import build_command_tree, run_interaction
from adapters.discord_bot._events import guard_parsers
from bot.commands.model import Handle

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://discord.com/api/v10"

OnMessage = Callable[[discord.Message], Awaitable[None]]
FACTS_COMMAND = "facts"  # the command table's entry that answers a "More facts" button


def needed_intents() -> discord.Intents:
    """Return the only Gateway intents newsbrief uses; none of them is privileged."""
    # Slash commands need no intent at all. DMs carry their text without the privileged
    # message-content intent, because Discord exempts messages sent to the bot directly.
    return discord.Intents(guilds=True, dm_messages=True)


@contextmanager
def discord_endpoints(api_base: str, gateway_url: str | None) -> Iterator[None]:
    """Point discord.py at another REST base and Gateway for the duration of the block."""
    # discord.py keeps both as class attributes, so they are process-wide: one Discord
    # connection per process, which is what `newsbrief run` starts anyway.
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = api_base.rstrip("/")
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


@dataclass(frozen=True)
class Shards:
    """Which Gateway shards this process runs: `count` in all (None: Discord's recommendation), `ids` of them."""

    count: int | None = None
    ids: tuple[int, ...] | None = None  # None: every shard of `count`


class NewsbriefClient(discord.AutoShardedClient):
    """A sharded client that registers newsbrief's slash commands and passes DMs on.

    Each shard is one Gateway connection for a slice of the guilds (guild id >> 22, modulo the
    count); several processes share a bot by each running its own `Shards.ids` of one count.
    """

    def __init__(
        self,
        *,
        handle: Handle,
        on_direct_message: OnMessage,
        guild_id: int | None,
        discover_gateway: bool,
        guild_ready_timeout: float,
        shards: Shards = Shards(),
    ) -> None:
        # newsbrief never joins voice, so the missing-voice-library warnings are only noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            intents=needed_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=guild_ready_timeout,
            shard_count=shards.count,
        )
        if shards.ids is not None:  # DiscordSettings has checked they fit the count
            self.shard_ids = list(shards.ids)
        self._shard_count_given = shards.count is not None
        self.tree = build_command_tree(self, handle)
        guard_parsers(self)  # one malformed Gateway event must never end the connection
        self._handle = handle
        self._on_direct_message = on_direct_message
        self._guild_id = guild_id
        self._discover_gateway = discover_gateway
        self.gateway_ready = asyncio.Event()  # set on READY, once every shard's guilds have arrived

    async def setup_hook(self) -> None:
        """Ask /gateway/bot for the shard count (when not set) and the Gateway address (when not given)."""
        if not self._shard_count_given or self._discover_gateway:
            count, url, _ = await self.http.get_bot_gateway()
            if not self._shard_count_given:
                # Left unset, discord.py would ask again and then also take Discord's Gateway
                # address over DISCORD_GATEWAY_URL; settling the count here keeps the configured one.
                self.shard_count = count
                log.info("Discord recommends %d shard(s); running all of them", count)
            if self._discover_gateway:
                # A self-hosted server's REST base tells where its Gateway listens.
                DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        # Presses of a "More facts" button on any message, also one posted before this start, come here.
        self.add_dynamic_items(FactsButton)
        await self._sync_commands()

    async def _sync_commands(self) -> None:
        guild = discord.Object(self._guild_id) if self._guild_id else None
        if guild is not None:
            # Guild commands appear at once; global ones can take up to an hour to show.
            self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.HTTPException as error:
            where = f"guild {self._guild_id}" if guild else "globally"
            log.error(
                "could not register slash commands %s (%s %s); invite the bot with the "
                "applications.commands scope, then restart", where, error.status, error.text,
            )
            return
        log.info("registered %d slash commands %s", len(synced), f"in guild {self._guild_id}" if guild else "globally")

    async def answer_facts_button(self, interaction: discord.Interaction, ref: str) -> None:
        """Answer a pressed "More facts" button: the whole fact card, for the presser alone."""
        await run_interaction(interaction, self._handle, FACTS_COMMAND, ref)

    async def on_ready(self) -> None:
        self.gateway_ready.set()

    async def on_message(self, message: discord.Message) -> None:
        if is_direct_message_for(message, self.user):
            await self._on_direct_message(message)


def is_direct_message_for(message: discord.Message, me: discord.ClientUser | None) -> bool:
    """Tell whether a message is a person's DM to the bot (not a bot's, not our own)."""
    if message.author.bot or (me is not None and message.author.id == me.id):
        return False
    return isinstance(message.channel, discord.DMChannel)
