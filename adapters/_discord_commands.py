"""Declare newsbrief's slash commands and turn each interaction into a CommandRequest."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands

from adapters._discord_send import answer_interaction
from adapters._discord_zones import timezone_choices
from bot.commands.model import CommandRequest, Reply, apology_reply

log = logging.getLogger(__name__)

PLATFORM = "discord"
DM_WORKSPACE = "@me"  # Discord's own name for the "guild" of direct messages

Handle = Callable[[CommandRequest], Awaitable[Reply]]

# Answers to these are private whatever happens, so the "thinking…" placeholder is too.
_PRIVATE_COMMANDS = frozenset({"help", "status"})
# Changing what a channel receives; a member without Manage Channels gets a private refusal.
_MANAGEMENT = frozenset({"subscribe", "unsubscribe", "feeds add", "feeds remove"})
_MANAGERS_ONLY = discord.Permissions(manage_channels=True)


def build_command_tree(client: discord.Client, handle: Handle) -> app_commands.CommandTree:
    """Create the client's command tree with every newsbrief slash command wired to `handle`."""
    tree = app_commands.CommandTree(
        client,
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=False),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
    )
    tree.on_error = _report_failure
    for command in _reading_commands(handle) + _management_commands(handle):
        tree.add_command(command)
    return tree


async def run_interaction(interaction: discord.Interaction, handle: Handle, command: str, text: str = "") -> None:
    """Defer at once, ask the command layer, then answer with follow-ups."""
    can_manage = may_manage(interaction)
    key = f"{command} {text.split(' ', 1)[0]}" if command == "feeds" else command
    private = key in _PRIVATE_COMMANDS or (key in _MANAGEMENT and not can_manage)
    # Discord drops interactions not acknowledged within 3 seconds; nothing slow may come before this.
    await interaction.response.defer(thinking=True, ephemeral=private)
    reply = await handle(request_from_interaction(interaction, command, text, can_manage=can_manage))
    await answer_interaction(interaction, reply, deferred_privately=private)


def request_from_interaction(
    interaction: discord.Interaction, command: str, text: str, *, can_manage: bool
) -> CommandRequest:
    """Translate an interaction into the platform-neutral request."""
    in_dm = interaction.guild_id is None
    return CommandRequest(
        platform=PLATFORM,
        workspace=DM_WORKSPACE if in_dm else str(interaction.guild_id),
        channel=str(interaction.channel_id),
        user=str(interaction.user.id),
        command=command,
        text=text.strip(),
        is_dm=in_dm,
        can_manage=can_manage,
    )


def may_manage(interaction: discord.Interaction) -> bool:
    """Tell whether the user may change what this channel receives (always, in their own DM)."""
    if interaction.guild_id is None:
        return True
    # Server-side check: default_permissions only hides commands, and admins can override it.
    return interaction.permissions.manage_channels


def _reading_commands(handle: Handle) -> list[app_commands.Command]:
    @app_commands.command(name="brief", description="Brief an article: give a link or paste its text.")
    @app_commands.rename(article="input")
    @app_commands.describe(article="A link to the article, or the article's full text")
    async def brief(interaction: discord.Interaction, article: str) -> None:
        await run_interaction(interaction, handle, "brief", article)

    @app_commands.command(name="lookup", description="Find briefings of articles you or this server already read.")
    @app_commands.describe(query="Words to look for, such as a name or a place")
    async def lookup(interaction: discord.Interaction, query: str) -> None:
        await run_interaction(interaction, handle, "lookup", query)

    @app_commands.command(name="digest", description="Show this channel's news digest now.")
    async def digest(interaction: discord.Interaction) -> None:
        await run_interaction(interaction, handle, "digest")

    @app_commands.command(name="status", description="Show this channel's feeds, schedule and last delivery.")
    async def status(interaction: discord.Interaction) -> None:
        await run_interaction(interaction, handle, "status")

    @app_commands.command(name="help", description="Explain what newsbrief can do.")
    async def help_(interaction: discord.Interaction) -> None:
        await run_interaction(interaction, handle, "help")

    return [brief, lookup, digest, status, help_]


def _management_commands(handle: Handle) -> list[app_commands.Command | app_commands.Group]:
    @app_commands.command(name="subscribe", description="Post a daily news digest in this channel.")
    @app_commands.describe(time="Delivery time as HH:MM, 24-hour clock", timezone="Time zone, such as Europe/Paris")
    @app_commands.default_permissions(manage_channels=True)
    async def subscribe(interaction: discord.Interaction, time: str, timezone: str | None = None) -> None:
        await run_interaction(interaction, handle, "subscribe", f"{time} {timezone or ''}")

    @subscribe.autocomplete("timezone")
    async def _zones(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=zone, value=zone) for zone in timezone_choices(current)]

    @app_commands.command(name="unsubscribe", description="Stop this channel's daily digest.")
    @app_commands.default_permissions(manage_channels=True)
    async def unsubscribe(interaction: discord.Interaction) -> None:
        await run_interaction(interaction, handle, "unsubscribe")

    return [subscribe, unsubscribe, _feeds_group(handle)]


def _feeds_group(handle: Handle) -> app_commands.Group:
    feeds = app_commands.Group(
        name="feeds",
        description="Choose the news feeds this channel's digest draws on.",
        default_permissions=_MANAGERS_ONLY,
    )

    @feeds.command(name="add", description="Add an RSS or Atom feed to this channel's digest.")
    @app_commands.describe(url="The feed's address (https://…)")
    async def add(interaction: discord.Interaction, url: str) -> None:
        await run_interaction(interaction, handle, "feeds", f"add {url}")

    @feeds.command(name="remove", description="Remove a feed from this channel's digest.")
    @app_commands.describe(url="The feed's address, as /feeds list shows it")
    async def remove(interaction: discord.Interaction, url: str) -> None:
        await run_interaction(interaction, handle, "feeds", f"remove {url}")

    @feeds.command(name="list", description="List the feeds of this channel's digest.")
    async def list_(interaction: discord.Interaction) -> None:
        await run_interaction(interaction, handle, "feeds", "list")

    return feeds


async def _report_failure(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """Log a command that blew up and tell the user privately, keeping the bot up."""
    reply = apology_reply(log, getattr(error, "original", error))
    try:
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True, ephemeral=True)
            await answer_interaction(interaction, reply, deferred_privately=True)
        else:
            await answer_interaction(interaction, reply, deferred_privately=False)
    except Exception:  # the apology itself failing must not take anything else down
        log.warning("could not deliver the apology for interaction %s", interaction.id, exc_info=True)
