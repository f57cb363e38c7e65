"""The platform-neutral command layer: requests in, replies out, one table of commands.

Light on purpose: adapters import the request/reply types and the table from here; the
service (bot.commands.service) pulls in storage and the schedule.
"""

from bot.commands.model import CommandHandler, CommandRequest, Reply
from bot.commands.table import COMMANDS, Argument, Audience, Command

__all__ = ["COMMANDS", "Argument", "Audience", "Command", "CommandHandler", "CommandRequest", "Reply"]
