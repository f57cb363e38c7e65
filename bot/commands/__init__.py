"""The platform-neutral command layer: requests in, replies out."""

from bot.commands.model import CommandRequest, Reply

__all__ = ["CommandRequest", "CommandService", "Reply"]


def __getattr__(name: str):
    # Lazy: adapters import the light request/reply types without loading the whole engine.
    if name == "CommandService":
        from bot.commands.service import CommandService

        return CommandService
    raise AttributeError(name)
