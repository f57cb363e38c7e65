"""How the app finds the console adapter: it runs when no chat platform is configured."""

from __future__ import annotations

from adapters.console._adapter import PLATFORM, ConsoleAdapter
from bot.chat import AdapterContext, ChatAdapter
from bot.settings import Settings


class ConsolePlugin:
    """Build the console adapter; it is the fallback when no platform token is set."""

    platform = PLATFORM
    fallback = True

    def configured(self, settings: Settings) -> bool:
        """Never asked for by a setting: the console runs when nothing else does."""
        return False

    def create(self, context: AdapterContext) -> ChatAdapter:
        """Return a console reading standard input; its end of input stops the app."""
        return ConsoleAdapter(context.service, on_exit=context.request_stop)


plugin = ConsolePlugin()
