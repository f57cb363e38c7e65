"""newsbrief on Discord: slash commands, DM lookups and scheduled digests through discord.py.

Public surface: `plugin` here (what the `newsbrief.adapters` entry point names; it imports no
discord.py), and `adapters.discord_bot.adapter` (DiscordAdapter, DiscordStartError, invite_url).
Modules starting with an underscore are private.
"""

from adapters.discord_bot._plugin import DiscordPlugin, plugin

__all__ = ["DiscordPlugin", "plugin"]
