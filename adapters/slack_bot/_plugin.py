"""How the app finds the Slack adapter without importing slack-bolt until it is wanted."""

from __future__ import annotations

from bot.chat import AdapterContext, ChatAdapter
from bot.settings import Settings

PLATFORM = "slack"


class SlackPlugin:
    """Build the Slack adapter when SLACK_BOT_TOKEN (one workspace) or the OAuth install settings are set."""

    platform = PLATFORM
    fallback = False

    def configured(self, settings: Settings) -> bool:
        """Tell whether SLACK_BOT_TOKEN, or SLACK_CLIENT_ID with its secrets, is set."""
        return settings.slack.configured

    def create(self, context: AdapterContext) -> ChatAdapter:
        """Return the Slack adapter for the settings' tokens and mode."""
        # slack-bolt, slack_sdk and aiohttp take about a second to import; only a Slack run pays for them.
        from adapters.slack_bot.adapter import SlackAdapter

        return SlackAdapter(
            context.settings.slack, context.service,
            database=context.database, forget_workspace=context.forget_workspace,
        )


plugin = SlackPlugin()
