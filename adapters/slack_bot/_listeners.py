"""Wire Slack slash commands, direct messages, mentions and "More facts" buttons to the command layer."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_bot._client import slack_error
from adapters.slack_bot._plugin import PLATFORM
from adapters.slack_bot._send import answer_command, post_reply
from adapters.slack_bot._tasks import ListenerTasks
from adapters.slack_bot._text import plain_text, without_mention
from bot.commands.model import CommandRequest, Handle, apology_reply
from bot.commands.parse import action_of
from bot.commands.table import MENU_COMMANDS
from bot.render import SLACK_FACTS_ACTION
from bot.values import ChannelRef

log = logging.getLogger(__name__)

# "/status" also names a Slack built-in, so a workspace may rename commands with a prefix such as
# "/news-status"; the part after the last dash or underscore says which command it is.
COMMAND_PATTERN = re.compile(rf"^/(?:[\w-]*[-_])?({'|'.join(c.name for c in MENU_COMMANDS)})$")

FACTS_COMMAND = "facts"  # the command table's entry that answers a "More facts" button

Listener = Callable[..., Awaitable[None]]
Payload = dict[str, Any]  # a slash command or event body as bolt hands it over

_API_FAILURES = (SlackApiError, aiohttp.ClientError, asyncio.TimeoutError)


class ManagerCheck:
    """Decide whether a Slack user may change what a channel receives."""

    def __init__(self, *, anyone: bool = False) -> None:
        self._anyone = anyone

    async def allows(self, client: AsyncWebClient, *, channel: str, user: str, is_dm: bool) -> bool:
        """Allow workspace admins and owners, the channel's creator, anyone in their own DM, or all when configured."""
        if self._anyone or is_dm:
            return True
        try:
            return await _is_workspace_admin(client, user) or await _created_channel(client, channel, user)
        except _API_FAILURES as error:
            # Without an answer from Slack we cannot tell, so the safe choice is a polite no.
            log.info(
                "could not check whether %s may manage %s (%s); treating as not allowed", user, channel, _reason(error)
            )
            return False


def register_listeners(app: AsyncApp, handle: Handle, managers: ManagerCheck, tasks: ListenerTasks) -> None:
    """Attach every newsbrief slash command, event and button listener to the bolt app, each tracked in `tasks`."""
    app.command(COMMAND_PATTERN)(_command_listener(handle, managers, tasks))
    app.event("message")(_direct_message_listener(handle, tasks))
    app.event("app_mention")(_mention_listener(handle, tasks))
    app.action(SLACK_FACTS_ACTION)(_facts_button_listener(handle, tasks))


class Uninstaller(Protocol):
    """What forgets a workspace's tokens (adapters.slack_bot._installs.Installations)."""

    async def uninstall(self, enterprise_id: str | None, team_id: str | None) -> None: ...


def register_uninstall_listeners(
    app: AsyncApp, installs: Uninstaller, forget: Callable[[str], Awaitable[None]], tasks: ListenerTasks
) -> None:
    """On `app_uninstalled`, or `tokens_revoked` for the bot, drop the workspace's tokens and its newsbrief data."""

    async def forget_workspace(context: AsyncBoltContext) -> None:
        team = context.team_id
        await installs.uninstall(context.enterprise_id, team)
        if team:
            await forget(team)
        log.info("newsbrief was removed from Slack workspace %s; its tokens and subscriptions are gone", team)

    async def on_uninstalled(ack: AsyncAck, context: AsyncBoltContext) -> None:
        tasks.track_current()
        await ack()
        await forget_workspace(context)

    async def on_tokens_revoked(ack: AsyncAck, event: Payload, context: AsyncBoltContext) -> None:
        tasks.track_current()
        await ack()
        # A revoked user token (someone who authorized the app left) leaves the bot working.
        if (event.get("tokens") or {}).get("bot"):
            await forget_workspace(context)

    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)


def command_request(command: Payload, *, can_manage: bool) -> CommandRequest:
    """Translate a slash command payload into the platform-neutral request."""
    return CommandRequest(
        channel=ChannelRef(PLATFORM, command.get("team_id", ""), command.get("channel_id", "")),
        user=command.get("user_id", ""),
        command=command_name(command.get("command", "")),
        text=plain_text(command.get("text", "")),
        is_dm=is_direct_message_command(command),
        can_manage=can_manage,
    )


def command_name(slash_command: str) -> str:
    """Return the newsbrief command a slash command stands for: "/brief" and "/news-brief" are both "brief"."""
    match = COMMAND_PATTERN.match(slash_command.strip().lower())
    return match.group(1) if match else slash_command.strip().lstrip("/")


def is_direct_message_command(command: Payload) -> bool:
    """Tell whether a slash command was typed in a direct message."""
    return command.get("channel_name") == "directmessage" or command.get("channel_id", "").startswith("D")


def needs_manager(command: Payload) -> bool:
    """Tell whether a slash command changes what the channel receives (per the command table)."""
    action = action_of(command_name(command.get("command", "")), plain_text(command.get("text", "")))
    return action is not None and action.managers_only


def is_private_command(request: CommandRequest) -> bool:
    """Tell whether the table says a command's answer is for the asker alone, whatever it says."""
    action = action_of(request.command, request.text)
    return action is not None and action.private


def _command_listener(handle: Handle, managers: ManagerCheck, tasks: ListenerTasks) -> Listener:
    async def on_command(ack: AsyncAck, command: Payload, respond: AsyncRespond, client: AsyncWebClient) -> None:
        tasks.track_current()
        # Slack shows the user an error after 3 seconds without an acknowledgement: nothing comes before it.
        await ack()
        channel, user = command.get("channel_id", ""), command.get("user_id", "")
        try:
            can_manage = needs_manager(command) and await managers.allows(
                client, channel=channel, user=user, is_dm=is_direct_message_command(command)
            )
            request = command_request(command, can_manage=can_manage)
            reply = await handle(request)
            private = is_private_command(request) or reply.is_private
            await answer_command(respond, client, reply, private=private, channel=channel, user=user)
        except Exception as error:  # one failed answer must not take the app down or leave the user waiting
            await _apologize(respond, client, error, channel=channel, user=user)

    return on_command


def _direct_message_listener(handle: Handle, tasks: ListenerTasks) -> Listener:
    async def on_message(event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        tasks.track_current()
        if not _from_a_person_in_a_dm(event, context.get("bot_user_id")) or not _has_channel(event):
            return
        text = plain_text(event.get("text", ""))
        if not text:
            return
        request = CommandRequest(
            channel=_event_channel(event, context),
            user=event["user"],
            command="",
            text=text,
            is_dm=True,
            can_manage=True,
        )
        await post_reply(client, event["channel"], await handle(request))

    return on_message


def _mention_listener(handle: Handle, tasks: ListenerTasks) -> Listener:
    async def on_mention(event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        tasks.track_current()
        bot_user = context.get("bot_user_id")
        if event.get("bot_id") or not event.get("user") or event.get("user") == bot_user or not _has_channel(event):
            return
        text = plain_text(without_mention(event.get("text", ""), bot_user))
        request = CommandRequest(
            channel=_event_channel(event, context),
            user=event["user"],
            command="brief" if text else "help",
            text=text,
        )
        reply = await handle(request)
        thread = event.get("thread_ts") or event.get("ts")
        await post_reply(client, event["channel"], reply, thread_ts=thread, asker=event["user"])

    return on_mention


def _facts_button_listener(handle: Handle, tasks: ListenerTasks) -> Listener:
    async def on_press(
        ack: AsyncAck, body: Payload, action: Payload, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        tasks.track_current()
        await ack()  # within Slack's 3 seconds, before the store is asked
        request = facts_request(body, action)
        channel, user = request.channel.channel, request.user
        try:
            reply = await handle(request)
            # The whole fact card is for the person who pressed, in a new message beside the briefing.
            await answer_command(
                respond, client, reply, private=True, channel=channel, user=user, replace_original=False
            )
        except Exception as error:  # one failed answer must not take the app down or leave the user waiting
            await _apologize(respond, client, error, channel=channel, user=user)

    return on_press


def facts_request(body: Payload, action: Payload) -> CommandRequest:
    """Translate a pressed "More facts" button (a block_actions payload) into the neutral request."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
    return CommandRequest(
        channel=ChannelRef(PLATFORM, team, channel),
        user=(body.get("user") or {}).get("id", ""),
        command=FACTS_COMMAND,
        text=str(action.get("value", "")),
        is_dm=channel.startswith("D"),
    )


def _event_channel(event: Payload, context: AsyncBoltContext) -> ChannelRef:
    return ChannelRef(PLATFORM, context.get("team_id") or event.get("team", ""), event["channel"])


def _from_a_person_in_a_dm(event: Payload, bot_user: str | None) -> bool:
    """Tell whether a message event is something a person typed to the bot privately."""
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return False  # edits, joins and bot posts (ours included) are not questions
    return bool(event.get("user")) and event.get("user") != bot_user


def _has_channel(event: Payload) -> bool:
    """Tell whether an event says where to answer; log the odd one that does not."""
    if event.get("channel"):
        return True
    # Nothing to answer into; Slack sends these only for unusual shapes, so a trace would be noise.
    log.debug("ignored a %s event without a channel", event.get("type", "Slack"))
    return False


async def _is_workspace_admin(client: AsyncWebClient, user: str) -> bool:
    profile = (await client.users_info(user=user)).get("user") or {}
    return any(profile.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner"))


async def _created_channel(client: AsyncWebClient, channel: str, user: str) -> bool:
    info = (await client.conversations_info(channel=channel)).get("channel") or {}
    return bool(user) and info.get("creator") == user


async def _apologize(
    respond: AsyncRespond, client: AsyncWebClient, error: BaseException, *, channel: str, user: str
) -> None:
    try:
        await answer_command(respond, client, apology_reply(log, error), private=True, channel=channel, user=user)
    except Exception:  # the apology itself failing must not take anything else down
        log.warning("could not deliver an apology in channel %s", channel, exc_info=True)


def _reason(error: BaseException) -> str:
    return slack_error(error) if isinstance(error, SlackApiError) else type(error).__name__
