"""The command service: one `handle(request) -> Reply` for every platform, and the one error boundary."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace

from bot.commands import articles, channel, feeds, filters, follows
from bot.commands.context import CommandContext, ScheduleHook, may_manage
from bot.commands.help import help_text
from bot.commands.model import CommandRequest, Reply, apology_reply
from bot.commands.parse import canonical_command, resolve, route_direct_message
from bot.commands.table import Command
from bot.errors import UserError

_log = logging.getLogger("newsbrief.commands")

# How long a command that arrives while newsbrief is still starting waits before being told so.
READY_TIMEOUT_SECONDS = 30.0
STARTING_TEXT = "newsbrief is still starting up; please try again in a minute."

Handler = Callable[[CommandContext, CommandRequest], Awaitable[Reply]]


async def _help(_context: CommandContext, _request: CommandRequest) -> Reply:
    return Reply(text=help_text(), ephemeral=True)


# What runs each command of the table (bot.commands.table), by its full name; a test keeps the two in step.
HANDLERS: Mapping[str, Handler] = {
    "brief": articles.brief,
    "lookup": articles.lookup,
    "digest": channel.digest,
    "subscribe": channel.subscribe,
    "unsubscribe": channel.unsubscribe,
    "feeds add": feeds.add,
    "feeds remove": feeds.remove,
    "feeds list": feeds.list_feeds,
    "feeds export": feeds.export,
    "filter include": filters.include,
    "filter exclude": filters.exclude,
    "filter list": filters.list_filters,
    "filter clear": filters.clear,
    "follow": follows.follow,
    "unfollow": follows.unfollow,
    "following": follows.following,
    "status": channel.status,
    "help": _help,
    "facts": articles.facts,
}


class CommandService:
    """Answer platform-neutral requests with platform-neutral replies; `handle` never raises."""

    def __init__(self, context: CommandContext, *, starting: bool = False) -> None:
        self._context = context
        # Set once storage and schedule are ready; a service built `starting` holds commands until then.
        self._ready = asyncio.Event()
        if not starting:
            self._ready.set()

    @property
    def context(self) -> CommandContext:
        return self._context

    def set_schedule(self, schedule: ScheduleHook | None) -> None:
        """Tell `schedule` about every subscription change from now on."""
        self._context = replace(self._context, schedule=schedule)

    def mark_ready(self) -> None:
        """Let commands through: the database and the scheduler are ready."""
        self._ready.set()

    async def handle(self, request: CommandRequest) -> Reply:
        """Run the request's command; user mistakes and bugs both come back as replies.

        This is the single error boundary between adapters and the engine: adapters call it
        without wrapping it again.
        """
        if not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), READY_TIMEOUT_SECONDS)
            except TimeoutError:
                return Reply(text=STARTING_TEXT, ephemeral=True, is_error=True)
        try:
            return await self._dispatch(request)
        except UserError as error:
            return Reply(text=error.message, ephemeral=True, is_error=True)
        except Exception as error:  # a bug must cost the user one answer, never the bot
            return apology_reply(_log, error)

    async def _dispatch(self, request: CommandRequest) -> Reply:
        name, text = canonical_command(request.command), request.text
        if not name:
            if not request.is_dm and not text.strip():
                raise UserError("Tell me what to do; `help` lists the commands.")
            name, text = route_direct_message(text)
        resolved = resolve(name, text)
        if resolved is None:
            raise UserError(f"I don't know the command “{request.command}”; `help` lists the ones I do.")
        command, arguments = resolved
        _check_access(command, request)
        return await HANDLERS[command.name](self._context, replace(request, command=command.name, text=arguments))


def _check_access(command: Command, request: CommandRequest) -> None:
    """Refuse politely unless the user may use the command here."""
    if command.managers_only and not may_manage(request):
        raise UserError(
            f"Sorry, only people who can manage this channel can {command.action}. "
            "Ask a channel admin, or try it in a direct message with me."
        )
