"""A loopback stand-in for Discord's REST API and Gateway that the real discord.py client talks to.

It serves just enough of both for a bot: login, command registration, the Gateway handshake,
interaction callbacks and follow-ups, channel and DM messages (files included, sent as multipart),
opening DM channels, a member who accepts no DMs (CLOSED_DMS_ID), and presses of the buttons the bot
posts. Every REST request is recorded so tests can assert on what the bot actually sent, and waits use
conditions, never sleeps.

Channel messages are de-duplicated the way Discord documents `enforce_nonce`: a message created
again with a nonce the same author used in that channel within the last few minutes
(`nonce_window`) is not created; the first message comes back instead. `created(channel)` lists
the messages that really exist. `post_delay` makes each channel post take that long, with the
message created first and answered after, as a slow platform would.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest_asyncio
from aiohttp import WSMsgType, web

from . import _discord_payloads as payloads
from ._discord_payloads import (
    APP_ID,
    BOT_ID,
    CLOSED_DM_CHANNEL_ID,
    CLOSED_DMS_ID,
    DM_CHANNEL_ID,
    GENERAL_CHANNEL_ID,
    GONE_CHANNEL_ID,
    GUILD_ID,
    LOCKED_CHANNEL_ID,
    MANAGER_ID,
    MEMBER_ID,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "CLOSED_DMS_ID",
    "CLOSED_DM_CHANNEL_ID",
    "DM_CHANNEL_ID",
    "GENERAL_CHANNEL_ID",
    "GONE_CHANNEL_ID",
    "GUILD_ID",
    "LOCKED_CHANNEL_ID",
    "MANAGER_ID",
    "MEMBER_ID",
    "FakeDiscord",
    "RecordedRequest",
    "fake_discord",
]

API_PREFIX = "/api/v10"
_WAIT_SECONDS = 15.0


@dataclass(frozen=True)
class RecordedRequest:
    """One REST call the bot made: method, path below the API prefix, query, JSON body and attached files.

    A message with files comes as multipart/form-data: its JSON is the `payload_json` part, and each
    `files[n]` part is recorded as (filename, bytes).
    """

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def flags(self) -> int:
        """Return the message flags the request asked for (64 is ephemeral)."""
        body = self.body if isinstance(self.body, dict) else {}
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        return int((data or {}).get("flags") or 0)


@dataclass
class _Gateway:
    # Each identified connection with the shard it asked for: (shard id, shard count).
    sockets: dict[web.WebSocketResponse, tuple[int, int]] = field(default_factory=dict)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    identify: dict | None = None
    identifies: list[dict] = field(default_factory=list)  # every IDENTIFY payload, in arrival order
    sequence: itertools.count = field(default_factory=lambda: itertools.count(1))


def shard_of(guild_id: int | None, count: int) -> int:
    """Return the shard that carries a guild's events, by Discord's rule; DMs go to shard 0."""
    return 0 if guild_id is None else (guild_id >> 22) % count


class FakeDiscord:
    """Serve Discord's REST API under `api_base` and its Gateway at `gateway_url` on 127.0.0.1."""

    def __init__(
        self, *, token: str = "fake-bot-token", embed_links: bool = True, recommended_shards: int = 1,
        nonce_window: float = 180.0,
    ) -> None:
        self.token = token
        self.embed_links = embed_links
        self.recommended_shards = recommended_shards  # what GET /gateway/bot answers
        self.nonce_window = nonce_window
        self.post_delay = 0.0
        self.requests: list[RecordedRequest] = []
        self.messages: dict[int, list[dict]] = {}  # channel id → messages created there, oldest first
        self._nonces: dict[tuple[int, str], tuple[dict, float]] = {}
        self.commands: dict[int | None, list[dict]] = {}  # guild id (None = global) → registered commands
        self.gateway = _Gateway()
        self._refused_followups: set[int] = set()
        self.html_error: int | None = None  # answer every REST call with this status and an HTML page
        self._ids = itertools.count(1_300_000_000_000_000_001)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes = [
            ("GET", r"/users/@me", self._current_user),
            ("GET", r"(/oauth2)?/applications/@me", self._application),
            ("GET", r"/gateway(/bot)?", self._gateway_info),
            ("PUT", r"/applications/\d+(/guilds/(?P<guild>\d+))?/commands", self._put_commands),
            ("GET", r"/applications/\d+(/guilds/(?P<guild>\d+))?/commands", self._get_commands),
            ("POST", r"/interactions/\d+/[^/]+/callback", self._callback),
            ("POST", r"/webhooks/\d+/[^/]+", self._webhook_message),
            ("PATCH", r"/webhooks/\d+/[^/]+/messages/[^/]+", self._webhook_message),
            ("GET", r"/webhooks/\d+/[^/]+/messages/[^/]+", self._webhook_message),
            ("DELETE", r"/webhooks/\d+/[^/]+/messages/[^/]+", self._no_content),
            ("POST", r"/channels/(?P<channel>\d+)/messages", self._channel_message),
            ("POST", r"/channels/\d+/typing", self._no_content),
            ("POST", r"/users/@me/channels", self._open_dm),
        ]

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on an ephemeral loopback port."""
        app = web.Application()
        app.router.add_get("/gateway-ws/", self._gateway_socket)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close every Gateway socket and stop serving."""
        for socket in list(self.gateway.sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway-ws/"

    # -- what tests call ---------------------------------------------------------------------

    async def wait_for(
        self, method: str, path: str, *, count: int = 1, timeout: float = _WAIT_SECONDS  # noqa: ASYNC109 - a test's bound
    ) -> list[RecordedRequest]:
        """Wait until `count` requests match `method` and the `path` regex; return all matches."""
        pattern = re.compile(path)

        def matches() -> list[RecordedRequest]:
            return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matches()) >= count), timeout)
        return matches()

    async def wait_until(self, ready: Callable[[], Any], timeout: float = _WAIT_SECONDS) -> Any:  # noqa: ASYNC109
        """Wait until `ready()` returns something truthy (checked after every request) and return it."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        return ready()

    async def wait_identified(self, timeout: float = _WAIT_SECONDS) -> dict:  # noqa: ASYNC109 - a test's bound
        """Wait for the bot's IDENTIFY on the Gateway and return its (latest) payload."""
        await asyncio.wait_for(self.gateway.identified.wait(), timeout)
        return self.gateway.identify or {}

    def identified_shards(self) -> list[list[int]]:
        """Return the `shard` field of every IDENTIFY so far (Discord's [id, count]; [0, 1] when absent)."""
        return [list(payload.get("shard") or [0, 1]) for payload in self.gateway.identifies]

    async def slash(
        self,
        name: str,
        options: dict[str, str] | None = None,
        *,
        subcommand: str | None = None,
        user_id: int = MEMBER_ID,
        manage_channels: bool = False,
        in_dm: bool = False,
        channel_id: int = GENERAL_CHANNEL_ID,
        mangle: Callable[[dict], None] | None = None,
    ) -> str:
        """Send an INTERACTION_CREATE for a slash command (`mangle` may alter the payload); return its token."""
        command = self._registered(name)
        data = payloads.command_data(command, options or {}, subcommand)
        return await self._interact(
            2, data, user_id=user_id, manage_channels=manage_channels, in_dm=in_dm, channel_id=channel_id,
            mangle=mangle,
        )

    async def autocomplete(self, name: str, option: str, typed: str, **given: str) -> str:
        """Send an autocomplete interaction with `option` focused; return the interaction token."""
        command = self._registered(name)
        data = payloads.command_data(command, {**given, option: typed}, None, focused=option)
        return await self._interact(
            4, data, user_id=MEMBER_ID, manage_channels=False, in_dm=False, channel_id=GENERAL_CHANNEL_ID
        )

    async def press(
        self,
        posted: RecordedRequest,
        *,
        label: str = "More facts",
        user_id: int = MEMBER_ID,
        in_dm: bool = False,
        channel_id: int = GENERAL_CHANNEL_ID,
    ) -> str:
        """Press the button called `label` on a message the bot posted; return the interaction token.

        Sends the INTERACTION_CREATE (type 3, message component) a client sends for a click, with the
        message as Discord would describe it, components and all.
        """
        buttons = [b for row in (posted.body or {}).get("components") or [] for b in row.get("components", [])]
        [button] = [b for b in buttons if b.get("label") == label] or [None]
        if button is None:
            raise AssertionError(f"no button {label!r} on that message; buttons: {buttons}")
        message = payloads.message(next(self._ids), DM_CHANNEL_ID if in_dm else channel_id, posted.body, webhook=False)
        return await self._interact(
            3, payloads.component_data(button["custom_id"]), user_id=user_id, manage_channels=False, in_dm=in_dm,
            channel_id=channel_id, message=message,
        )

    async def direct_message(
        self, content: str, *, author_id: int = MEMBER_ID, bot: bool = False, files: tuple[str, ...] = ()
    ) -> int:
        """Send a MESSAGE_CREATE in the bot's DM channel, with `files` attached by name; return the message id."""
        message_id = next(self._ids)
        author = payloads.user(author_id, bot=bot)
        attachments = tuple(payloads.attachment(next(self._ids), name) for name in files)
        await self.dispatch("MESSAGE_CREATE", payloads.dm_message(message_id, author, content, attachments))
        return message_id

    async def dispatch(self, event: str, data: dict) -> None:
        """Send one DISPATCH event to the connection of the shard its guild belongs to (DMs: shard 0)."""
        guild_id = int(data["guild_id"]) if data.get("guild_id") else None
        for socket, (shard, count) in list(self.gateway.sockets.items()):
            if shard_of(guild_id, count) == shard:
                await self._send_dispatch(socket, event, data)

    async def _send_dispatch(self, socket: web.WebSocketResponse, event: str, data: dict) -> None:
        await socket.send_str(json.dumps({"op": 0, "t": event, "s": next(self.gateway.sequence), "d": data}))

    def refuse_followup(self, number: int) -> None:
        """Answer the `number`-th follow-up (1 = first) of every interaction with 400 Invalid Form Body."""
        self._refused_followups.add(number)

    def callbacks(self, token: str) -> list[RecordedRequest]:
        """Return the interaction callbacks recorded for `token`."""
        return [r for r in self.requests if r.method == "POST" and r.path.endswith(f"/{token}/callback")]

    def followups(self, token: str) -> list[RecordedRequest]:
        """Return the follow-up messages (new or edited) recorded for `token`."""
        return [
            r for r in self.requests
            if r.method in ("POST", "PATCH") and r.path.startswith(f"/webhooks/{APP_ID}/{token}")
        ]

    def deletions(self, token: str) -> list[RecordedRequest]:
        """Return the interaction messages the bot deleted for `token`."""
        return [r for r in self.requests if r.method == "DELETE" and r.path.startswith(f"/webhooks/{APP_ID}/{token}/")]

    def channel_posts(self, channel_id: int) -> list[RecordedRequest]:
        """Return the messages the bot tried to post in a channel, refused ones included."""
        return [r for r in self.requests if r.method == "POST" and r.path == f"/channels/{channel_id}/messages"]

    def created(self, channel_id: int) -> list[dict]:
        """Return the messages that exist in a channel (a repeat stopped by its nonce is not one)."""
        return list(self.messages.get(channel_id, []))

    # -- REST --------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        files: list[tuple[str, bytes]] = []
        if request.content_type == "multipart/form-data":
            body = None
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":
                    body = json.loads(data)
                else:
                    files.append((part.filename or "", bytes(data)))
        else:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else None
        recorded = RecordedRequest(request.method, path, dict(request.query), body, tuple(files))
        response = self._respond(recorded, request.headers.get("Authorization"))
        if self.post_delay and request.method == "POST" and re.fullmatch(r"/channels/\d+/messages", path):
            await asyncio.sleep(self.post_delay)  # created already; the answer is what is slow
        # Record after answering so a waiting test sees the request only once the bot got its reply.
        async with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()
        return response

    def _respond(self, recorded: RecordedRequest, authorization: str | None) -> web.Response:
        if self.html_error is not None:  # what a proxy or a CDN in front of the API sends
            return web.Response(status=self.html_error, text=_HTML_ERROR_PAGE, content_type="text/html")
        # Interaction and webhook routes are authorised by their token in the path, like Discord's.
        needs_bot_token = not recorded.path.startswith(("/interactions/", "/webhooks/"))
        if needs_bot_token and authorization != f"Bot {self.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        if self._is_refused_followup(recorded):
            return _json({"message": "Invalid Form Body", "code": 50035}, status=400)
        for method, pattern, handler in self._routes:
            match = re.fullmatch(pattern, recorded.path)
            if method == recorded.method and match:
                return handler(recorded, **{k: v for k, v in match.groupdict().items() if v})
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    def _is_refused_followup(self, recorded: RecordedRequest) -> bool:
        if recorded.method != "POST" or not re.fullmatch(r"/webhooks/\d+/[^/]+", recorded.path):
            return False
        earlier = [r for r in self.requests if r.method == "POST" and r.path == recorded.path]
        return len(earlier) + 1 in self._refused_followups

    def _current_user(self, recorded: RecordedRequest) -> web.Response:
        return _json(payloads.user(BOT_ID, bot=True))

    def _application(self, recorded: RecordedRequest) -> web.Response:
        return _json(payloads.application())

    def _gateway_info(self, recorded: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": self.recommended_shards, "session_start_limit": limit})

    def _put_commands(self, recorded: RecordedRequest, guild: str | None = None) -> web.Response:
        key = int(guild) if guild else None
        stored = [payloads.registered_command(c, next(self._ids), key) for c in recorded.body or []]
        self.commands[key] = stored
        return _json(stored)

    def _get_commands(self, recorded: RecordedRequest, guild: str | None = None) -> web.Response:
        return _json(self.commands.get(int(guild) if guild else None, []))

    def _callback(self, recorded: RecordedRequest) -> web.Response:
        interaction_id = recorded.path.split("/")[2]
        return _json(payloads.callback_response(interaction_id, recorded.body or {}))

    def _webhook_message(self, recorded: RecordedRequest) -> web.Response:
        body = recorded.body or {}
        return _json(payloads.message(next(self._ids), GENERAL_CHANNEL_ID, body, webhook=True))

    def _channel_message(self, recorded: RecordedRequest, channel: str) -> web.Response:
        if int(channel) == LOCKED_CHANNEL_ID:
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        if int(channel) == GONE_CHANNEL_ID:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        if int(channel) == CLOSED_DM_CHANNEL_ID:
            return _json({"message": "Cannot send messages to this user", "code": 50007}, status=403)
        body = recorded.body or {}
        nonce = body.get("nonce")
        enforced = nonce is not None and body.get("enforce_nonce") is True
        if enforced:
            if len(str(nonce)) > 25:
                return _json({"message": "Invalid Form Body", "code": 50035}, status=400)
            earlier = self._nonces.get((int(channel), str(nonce)))
            if earlier is not None and time.monotonic() - earlier[1] < self.nonce_window:
                return _json(earlier[0])  # Discord returns the message created the first time
        message = payloads.message(next(self._ids), int(channel), body, webhook=False)
        if nonce is not None:
            message["nonce"] = nonce
        self.messages.setdefault(int(channel), []).append(message)
        if enforced:
            self._nonces[(int(channel), str(nonce))] = (message, time.monotonic())
        return _json(message)

    def _open_dm(self, recorded: RecordedRequest) -> web.Response:
        recipient = int((recorded.body or {}).get("recipient_id", MEMBER_ID))
        return _json(payloads.dm_channel(recipient))

    def _no_content(self, recorded: RecordedRequest) -> web.Response:
        return web.Response(status=204)

    # -- Gateway -----------------------------------------------------------------------------

    async def _gateway_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45_000}}))
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    await self._on_gateway_frame(socket, json.loads(frame.data))
        finally:
            self.gateway.sockets.pop(socket, None)
        return socket

    async def _on_gateway_frame(self, socket: web.WebSocketResponse, frame: dict) -> None:
        if frame.get("op") == 1:  # heartbeat
            await socket.send_str(json.dumps({"op": 11}))
        elif frame.get("op") == 2:  # identify
            identify = frame.get("d") or {}
            self.gateway.identify = identify
            self.gateway.identifies.append(identify)
            if identify.get("token") != self.token:
                await socket.close(code=4004, message=b"Authentication failed.")
                return
            shard, count = identify.get("shard") or (0, 1)
            if not 0 <= shard < count:
                await socket.close(code=4010, message=b"Invalid shard.")
                return
            self.gateway.sockets[socket] = (shard, count)
            # Like Discord, a shard hears only of the guilds it carries.
            carried = shard_of(GUILD_ID, count) == shard
            await self._send_dispatch(socket, "READY", payloads.ready(self.gateway_url, [shard, count], with_guild=carried))
            if carried:
                await self._send_dispatch(socket, "GUILD_CREATE", payloads.guild(embed_links=self.embed_links))
            self.gateway.identified.set()

    # -- interactions ------------------------------------------------------------------------

    def _registered(self, name: str) -> dict:
        for commands in self.commands.values():
            for command in commands:
                if command["name"] == name:
                    return command
        raise AssertionError(f"/{name} was never registered; registered: {self.commands}")

    async def _interact(
        self, kind: int, data: dict, *, user_id: int, manage_channels: bool, in_dm: bool, channel_id: int,
        message: dict | None = None, mangle: Callable[[dict], None] | None = None,
    ) -> str:
        interaction_id = next(self._ids)
        token = f"token-{interaction_id}"
        payload = payloads.interaction(
            interaction_id,
            token,
            kind,
            data,
            user_id=user_id,
            manage_channels=manage_channels,
            in_dm=in_dm,
            channel_id=channel_id,
            embed_links=self.embed_links,
        )
        if message is not None:
            payload["message"] = message
        if mangle is not None:
            mangle(payload)
        await self.dispatch("INTERACTION_CREATE", payload)
        return token


_HTML_ERROR_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Access denied | discord.example used a firewall</title></head>
<body>
<h1>Sorry, you have been blocked</h1>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>Ray ID: 0000000000000000</p>
</body>
</html>
"""


def _json(data: Any, *, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose Content-Type is exactly application/json (no charset).
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


@pytest_asyncio.fixture
async def fake_discord():
    """Run a FakeDiscord for one test."""
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
