"""How the app finds the Discord adapter without importing discord.py until it is wanted."""

from __future__ import annotations

from bot.chat import AdapterContext, ChatAdapter
from bot.settings import Settings

PLATFORM = "discord"


class DiscordPlugin:
    """Build the Discord adapter when DISCORD_TOKEN is set."""

    platform = PLATFORM
    fallback = False

    def configured(self, settings: Settings) -> bool:
        """Tell whether DISCORD_TOKEN is set."""
        return settings.discord.configured

    def create(self, context: AdapterContext) -> ChatAdapter:
        """Return the Discord adapter for the settings' token and endpoints."""
        # discord.py takes about a second to import; only a run that serves Discord pays for it.
        from adapters.discord_bot.adapter import DiscordAdapter

        return DiscordAdapter(context.settings.discord, context.service)


plugin = DiscordPlugin()
