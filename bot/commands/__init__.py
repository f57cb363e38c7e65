"""The platform-neutral command layer: requests in, replies out."""

from bot.commands.model import CommandRequest, Reply

__all__ = ["CommandRequest", "Reply"]
