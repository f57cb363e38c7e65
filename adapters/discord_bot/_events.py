"""Keep one malformed Gateway event from stopping the bot: repair what can be, else skip it and apologise.

discord.py reads every Gateway event with a parser that raises on an unexpected shape (say, an
interaction whose channel object lacks `position`), and an exception there ends the whole
connection. Each parser is wrapped: an interaction missing an optional channel field is read again
with that field filled in; any other failure is logged and the event skipped, and a slash command
that could not be read gets a private apology so nobody waits for an answer that will not come.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord.http import Route

from bot.commands.model import apology_reply

log = logging.getLogger(__name__)

Parser = Callable[[Any], None]

INTERACTION_CREATE = "INTERACTION_CREATE"
# Fields of a channel object that Discord may leave out of an interaction, and what their absence means.
CHANNEL_DEFAULTS: dict[str, Any] = {
    "position": 0,
    "permission_overwrites": [],
    "nsfw": False,
    "name": "",
    "flags": 0,
    "rate_limit_per_user": 0,
    "topic": None,
    "parent_id": None,
    "last_message_id": None,
}
_APPLICATION_COMMAND = 2
_CHANNEL_MESSAGE = 4  # interaction callback type: answer with a message
_EPHEMERAL = 64


def guard_parsers(client: discord.Client) -> None:
    """Wrap every Gateway event parser of `client` so that none can end the connection."""
    state = client._connection
    apologies: set[asyncio.Task[None]] = set()
    for event, parser in list(state.parsers.items()):
        state.parsers[event] = _guarded(client, event, parser, apologies)


def _guarded(client: discord.Client, event: str, parser: Parser, apologies: set[asyncio.Task[None]]) -> Parser:
    def parse(data: Any) -> None:
        try:
            parser(data)
            return
        except Exception as error:
            failure: Exception = error
        if event == INTERACTION_CREATE:
            repaired = _parse_repaired(parser, data, failure)
            if repaired is None:
                return
            failure = repaired
        log.error("skipped a %s event Discord sent that could not be read (%s: %s)",
                  event, type(failure).__name__, failure, exc_info=failure)
        if event == INTERACTION_CREATE and isinstance(data, dict) and data.get("type") == _APPLICATION_COMMAND:
            task = asyncio.get_running_loop().create_task(_apologize(client, data, failure))
            apologies.add(task)
            task.add_done_callback(apologies.discard)

    return parse


def _parse_repaired(parser: Parser, data: Any, failure: Exception) -> Exception | None:
    """Read an interaction again with the channel fields it lacked filled in; return the failure left, if any."""
    if not isinstance(data, dict) or not isinstance(data.get("channel"), dict):
        return failure
    repaired = copy.copy(data)
    channel = dict(data["channel"])
    repaired["channel"] = channel
    for _ in CHANNEL_DEFAULTS:
        missing = failure.args[0] if isinstance(failure, KeyError) and failure.args else None
        if missing not in CHANNEL_DEFAULTS or missing in channel:
            return failure
        channel[missing] = copy.copy(CHANNEL_DEFAULTS[missing])
        try:
            parser(repaired)
        except Exception as error:
            failure = error
            continue
        log.info("read an interaction whose channel lacked %s", ", ".join(sorted(set(channel) - set(data["channel"]))))
        return None
    return failure


async def _apologize(client: discord.Client, data: dict[str, Any], error: Exception) -> None:
    """Answer an interaction that could not be read with a private apology (raw HTTP: there is no Interaction)."""
    reply = apology_reply(log, error)
    route = Route(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback",
        interaction_id=data.get("id"), interaction_token=data.get("token"),
    )
    payload = {"type": _CHANNEL_MESSAGE, "data": {"content": reply.text, "flags": _EPHEMERAL}}
    try:
        await client.http.request(route, json=payload)
    except (discord.HTTPException, OSError) as failure:
        log.warning("could not apologise for interaction %s (%s)", data.get("id"), failure)
