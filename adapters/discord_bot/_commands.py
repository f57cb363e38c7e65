"""Build the slash-command tree from the command table, and turn each interaction into a CommandRequest."""

from __future__ import annotations

import inspect
import logging

import discord
from discord import app_commands

from adapters.discord_bot._plugin import PLATFORM
from adapters.discord_bot._send import answer_interaction
from adapters.discord_bot._zones import timezone_choices
from bot.commands.model import CommandRequest, Handle, apology_reply
from bot.commands.parse import action_of
from bot.commands.table import MENU_COMMANDS, Argument, Command
from bot.values import ChannelRef

log = logging.getLogger(__name__)

DM_WORKSPACE = "@me"  # Discord's own name for the "guild" of direct messages


_MANAGERS_ONLY = discord.Permissions(manage_channels=True)


def build_command_tree(client: discord.Client, handle: Handle) -> app_commands.CommandTree[discord.Client]:
    """Create the client's command tree with every command of the table wired to `handle`."""
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(
        client,
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=False),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
    )
    tree.on_error = _report_failure  # type: ignore[method-assign]  # discord.py's documented override
    for command in MENU_COMMANDS:
        tree.add_command(_group(command, handle) if command.subcommands else _slash_command(command, handle))
    return tree


async def run_interaction(interaction: discord.Interaction, handle: Handle, command: str, text: str = "") -> None:
    """Defer at once, ask the command layer, then answer with follow-ups."""
    can_manage = may_manage(interaction)
    action = action_of(command, text)
    private = action is not None and (action.private or (action.managers_only and not can_manage))
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
        channel=ChannelRef(PLATFORM, DM_WORKSPACE if in_dm else str(interaction.guild_id), str(interaction.channel_id)),
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


def _group(command: Command, handle: Handle) -> app_commands.Group:
    """Return a slash-command group (`/feeds add|remove|list`) for a command with sub-commands."""
    # Discord can only hide a whole group, so one sub-command for managers hides the group by default;
    # the command layer still checks each sub-command's permission every time.
    managed = any(sub.managers_only for sub in command.subcommands)
    group = app_commands.Group(
        name=command.name, description=command.description, default_permissions=_MANAGERS_ONLY if managed else None
    )
    for sub in command.subcommands:
        group.add_command(_slash_command(sub, handle))
    return group


def _slash_command(command: Command, handle: Handle) -> app_commands.Command[app_commands.Group, ..., None]:
    """Return the slash command for one table entry; its options are the entry's arguments."""
    top, *sub_words = command.name.split()

    async def callback(interaction: discord.Interaction, **options: str | None) -> None:
        values = [options.get(argument.name) for argument in command.arguments]
        await run_interaction(interaction, handle, top, " ".join([*sub_words, *(v for v in values if v)]))

    # discord.py reads a command's options from its callback's signature; this one is built from the table.
    callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction),
            *(_parameter(argument) for argument in command.arguments),
        ]
    )
    described = app_commands.describe(**{a.name: a.description for a in command.arguments})(callback)
    slash: app_commands.Command[app_commands.Group, ..., None] = app_commands.Command(
        name=command.word, description=command.description, callback=described
    )
    if command.managers_only and not sub_words:
        slash.default_permissions = _MANAGERS_ONLY
    for argument in command.arguments:
        if argument.suggest == "timezone":
            slash.autocomplete(argument.name)(_suggest_zones)
    return slash


def _parameter(argument: Argument) -> inspect.Parameter:
    if argument.required:
        return inspect.Parameter(argument.name, inspect.Parameter.KEYWORD_ONLY, annotation=str)
    return inspect.Parameter(argument.name, inspect.Parameter.KEYWORD_ONLY, annotation=str | None, default=None)


async def _suggest_zones(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=zone, value=zone) for zone in timezone_choices(current)]


async def _report_failure(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """Log a command whose answer could not be given and tell the user privately, keeping the bot up."""
    reply = apology_reply(log, getattr(error, "original", error))
    try:
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True, ephemeral=True)
            await answer_interaction(interaction, reply, deferred_privately=True)
        else:
            await answer_interaction(interaction, reply, deferred_privately=False)
    except Exception:  # the apology itself failing must not take anything else down
        log.warning("could not deliver the apology for interaction %s", interaction.id, exc_info=True)
