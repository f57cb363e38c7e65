"""A loopback stand-in for Slack's Web API, response URLs and Socket Mode that slack-bolt talks to.

    fake = FakeSlack(); await fake.start()      # or the `fake_slack` fixture
    settings: SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.api_url (+ SLACK_APP_TOKEN=fake.app_token)

Web API methods: auth.test, chat.postMessage, chat.postEphemeral, conversations.open, conversations.info,
users.info, conversations.history, apps.connections.open (which hands out `ws://127.0.0.1:<port>/socket-mode`), the
file upload of files_upload_v2 (files.getUploadURLExternal hands out `http://127.0.0.1:<port>/upload/<file id>`, which
keeps the bytes in `uploads`, and files.completeUploadExternal shares them) and oauth.v2.access (the OAuth
install flow: `authorize_url` is Slack's consent page, which sends the browser back to the app's redirect
with a code for the team `approve_next_install` chose; each installed workspace gets its own bot token, and
every token acts for its own team, so a test sees which workspace a call was made for). Every call is
recorded in `calls`; `fail_channel` makes chat.postMessage (and file sharing) answer a Slack error for one channel,
`rate_limit_once` answers one 429 (Retry-After: 0) first, `fail_method` breaks a whole method. Posted messages are
kept per channel (`history(channel)`), with their message metadata, and conversations.history returns them newest
first, paged with a cursor, metadata only when `include_all_metadata` is set, as Slack does. `post_delay` makes
chat.postMessage take that long, the message stored first and answered after.
POST /response/<id> is a response_url sink (`new_response_url()`, `responses(url)`).
The Socket Mode endpoint says hello, lets tests `push()` envelopes, and records the bot's acks.
Waits use a condition, never sleeps. `signed_headers`, `slash_command_form`, `event_callback` and
`block_actions` (a button press) build what Slack itself would send to an HTTP-mode app; in Socket
Mode, `push("interactive", block_actions(...))` delivers a press.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import aiohttp
import pytest_asyncio
from aiohttp import WSMsgType, web

TEAM_ID = "T0HARBOUR"
APP_ID = "A0NEWSBRIEF"
BOT_USER_ID = "U0NEWSBOT"
BOT_ID = "B0NEWSBOT"
ADMIN_ID = "U0ADMIN"
CREATOR_ID = "U0CREATOR"
MEMBER_ID = "U0MEMBER"
OTHER_BOT_ID = "B0OTHERBOT"
GENERAL_CHANNEL = "C0GENERAL"  # created by CREATOR_ID
DM_CHANNEL = "D0MEMBER"  # the bot's direct-message channel with MEMBER_ID

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
FORM = "application/x-www-form-urlencoded"
_WAIT_SECONDS = 15.0


@dataclass(frozen=True)
class SlackCall:
    """One Web API call the bot made: method name, its arguments, and the token it used."""

    method: str
    args: dict[str, Any]
    token: str | None


@dataclass(frozen=True)
class Workspace:
    """A Slack workspace (team) the app is installed in, and the bot token it was given there."""

    team_id: str
    name: str
    bot_token: str
    bot_user_id: str = BOT_USER_ID
    bot_id: str = BOT_ID


@dataclass(frozen=True)
class ResponsePost:
    """One message the bot posted to a response_url."""

    url: str
    body: dict[str, Any]


class FakeSlack:
    """Serve a small Slack on 127.0.0.1: Web API under `api_url`, response URLs and Socket Mode."""

    def __init__(self, *, bot_token: str = "xoxb-fake-bot-token", app_token: str = "xapp-fake-app-token") -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.admins = {ADMIN_ID}
        self.calls: list[SlackCall] = []
        self.posts: list[ResponsePost] = []
        self.acks: dict[str, dict] = {}
        self.hellos = 0
        self.uploads: dict[str, bytes] = {}  # file id → the bytes posted to its upload URL
        self.port = 0
        self.post_delay = 0.0
        self._history: dict[str, list[dict]] = {}
        self._channel_errors: dict[str, str] = {}
        self._rate_limited: set[str] = set()
        self._method_errors: dict[str, str] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        # Every valid bot token and the workspace it acts for; the default token is the first workspace's.
        self.workspaces: dict[str, Workspace] = {bot_token: Workspace(TEAM_ID, "Harbour", bot_token)}
        self._codes: dict[str, Workspace] = {}  # OAuth codes not yet exchanged
        self._next_install: Workspace | None = None
        # The Redirect URL in the app's settings, used when an authorize link names none (as Slack does).
        self.app_redirect_url: str | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on an ephemeral loopback port."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._web_api)
        app.router.add_post("/response/{id}", self._response_sink)
        app.router.add_post("/upload/{file_id}", self._upload_sink)
        app.router.add_get("/socket-mode", self._socket_mode)
        app.router.add_get("/oauth/v2/authorize", self._authorize_page)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close every Socket Mode connection and stop serving."""
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def socket_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/socket-mode"

    @property
    def authorize_url(self) -> str:
        """Return the address of the consent page ("Allow newsbrief to …") a person installs the app on."""
        return f"http://127.0.0.1:{self.port}/oauth/v2/authorize"

    # -- OAuth installs -------------------------------------------------------------------------

    def approve_next_install(self, team_id: str, name: str) -> Workspace:
        """Make the next visit to the consent page install the app in this workspace; return it."""
        workspace = Workspace(team_id, name, f"xoxb-{team_id.lower()}-{next(self._ids)}",
                              bot_user_id=f"U0BOT{team_id}", bot_id=f"B0BOT{team_id}")
        self._next_install = workspace
        return workspace

    def revoke(self, team_id: str) -> None:
        """Invalidate every token of a workspace, as an uninstall does."""
        self.workspaces = {token: w for token, w in self.workspaces.items() if w.team_id != team_id}

    def calls_for(self, team_id: str, method: str) -> list[SlackCall]:
        """Return the calls of `method` made with a token of that workspace."""
        tokens = {token for token, workspace in self.workspaces.items() if workspace.team_id == team_id}
        return [c for c in self.calls if c.method == method and c.token in tokens]

    # -- configuring misbehaviour -------------------------------------------------------------

    def fail_channel(self, channel: str, error: str) -> None:
        """Make chat.postMessage to `channel` fail with a Slack error such as is_archived."""
        self._channel_errors[channel] = error

    def rate_limit_once(self, channel: str) -> None:
        """Answer the next chat.postMessage to `channel` with 429 ratelimited, Retry-After: 0."""
        self._rate_limited.add(channel)

    def fail_method(self, method: str, error: str) -> None:
        """Make every call of a Web API method fail with a Slack error."""
        self._method_errors[method] = error

    # -- what tests read and wait on ----------------------------------------------------------

    def history(self, channel: str) -> list[dict]:
        """Return the messages posted in a channel, oldest first."""
        return list(self._history.get(channel, []))

    def keep_only(self, channel: str, count: int) -> None:
        """Forget all but the first `count` messages of a channel (as if posting stopped there)."""
        self._history[channel] = self._history.get(channel, [])[:count]

    def calls_to(self, method: str, **where: Any) -> list[SlackCall]:
        """Return the recorded calls of a method whose arguments include `where`."""
        return [c for c in self.calls if c.method == method and all(c.args.get(k) == v for k, v in where.items())]

    def new_response_url(self) -> str:
        """Return a fresh response_url that records what is posted to it."""
        return f"http://127.0.0.1:{self.port}/response/{next(self._ids)}"

    def responses(self, url: str) -> list[dict]:
        """Return the message bodies posted to a response_url, in order."""
        return [post.body for post in self.posts if post.url == url]

    async def wait_until(self, ready: Callable[[], Any], timeout: float = _WAIT_SECONDS) -> Any:  # noqa: ASYNC109
        """Wait until `ready()` returns something truthy and return it."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        return ready()

    async def wait_calls(self, method: str, count: int = 1, **where: Any) -> list[SlackCall]:
        """Wait until `count` calls of `method` match `where`; return them all."""
        return await self.wait_until(lambda: len(self.calls_to(method, **where)) >= count and self.calls_to(method, **where))

    async def wait_responses(self, url: str, count: int = 1) -> list[dict]:
        """Wait until `count` messages reached a response_url; return them all."""
        return await self.wait_until(lambda: len(self.responses(url)) >= count and self.responses(url))

    async def wait_connected(self) -> None:
        """Wait until a Socket Mode client is connected and greeted."""
        await self.wait_until(lambda: self._sockets)

    async def push(self, kind: str, payload: dict, *, accepts_response_payload: bool = False) -> str:
        """Send a Socket Mode envelope (slash_commands, events_api…) to the bot; return its id."""
        envelope_id = f"envelope-{next(self._ids)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        return envelope_id

    async def wait_ack(self, envelope_id: str) -> dict:
        """Wait for the bot's acknowledgement of an envelope and return it."""
        return await self.wait_until(lambda: self.acks.get(envelope_id))

    # -- Web API ------------------------------------------------------------------------------

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = dict(request.query) | await _body_arguments(request)
        token = _bearer(request.headers.get("Authorization")) or args.pop("token", None)
        args.pop("token", None)
        if isinstance(args.get("blocks"), str):  # form-encoded calls carry blocks as a JSON string
            args["blocks"] = json.loads(args["blocks"])
        call = SlackCall(method, args, token)
        response = self._answer(call)
        if self.post_delay and method == "chat.postMessage":
            await asyncio.sleep(self.post_delay)  # stored already; the answer is what is slow
        # Record after answering so a waiting test sees the call only once the bot has its reply.
        await self._record(lambda: self.calls.append(call))
        return response

    def _answer(self, call: SlackCall) -> web.Response:
        if call.method == "oauth.v2.access":
            return self._oauth_access(call)
        if call.method == "apps.connections.open":
            if call.token != self.app_token:
                return _slack_error("invalid_auth")
        elif call.token not in self.workspaces:
            return _slack_error("invalid_auth")
        if call.method in self._method_errors:
            return _slack_error(self._method_errors[call.method])
        handler = {
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "conversations.open": self._open_conversation,
            "conversations.info": self._conversation_info,
            "conversations.history": self._conversation_history,
            "users.info": self._user_info,
            "apps.connections.open": self._open_connection,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }.get(call.method)
        if call.method == "auth.test":
            return self._auth_test(self.workspaces[call.token or ""])
        return handler(call.args) if handler else _slack_error("unknown_method")

    def _auth_test(self, workspace: Workspace) -> web.Response:
        return _ok(
            url=f"https://{workspace.name.lower()}.example.slack.com/",
            team=workspace.name,
            user="newsbrief",
            team_id=workspace.team_id,
            user_id=workspace.bot_user_id,
            bot_id=workspace.bot_id,
            is_enterprise_install=False,
        )

    def _oauth_access(self, call: SlackCall) -> web.Response:
        if call.token != f"basic:{CLIENT_ID}:{CLIENT_SECRET}":
            return _slack_error("invalid_client_id")
        workspace = self._codes.pop(str(call.args.get("code", "")), None)
        if workspace is None:
            return _slack_error("invalid_code")
        self.workspaces[workspace.bot_token] = workspace
        return _ok(
            app_id=APP_ID, access_token=workspace.bot_token, token_type="bot", bot_user_id=workspace.bot_user_id,
            scope="commands,chat:write,chat:write.public,app_mentions:read,im:history,im:read,im:write,users:read,files:write",
            team={"id": workspace.team_id, "name": workspace.name}, enterprise=None, is_enterprise_install=False,
            authed_user={"id": ADMIN_ID},
        )

    async def _authorize_page(self, request: web.Request) -> web.Response:
        """Play the person who clicks "Allow": send the browser back to the app's redirect with a code."""
        query = request.query
        workspace = self._next_install
        if workspace is None or query.get("client_id") != CLIENT_ID:
            return web.Response(status=400, text="no install approved, or an unknown client_id")
        code = f"code-{next(self._ids)}"
        self._codes[code] = workspace
        redirect = query.get("redirect_uri") or self.app_redirect_url or ""
        parts = urlsplit(redirect)
        back = urlunsplit(parts._replace(query=urlencode({"code": code, "state": query.get("state", "")})))
        raise web.HTTPFound(back)

    def _post_message(self, args: dict) -> web.Response:
        channel = str(args.get("channel", ""))
        if channel in self._rate_limited:
            self._rate_limited.discard(channel)
            return _slack_error("ratelimited", status=429, headers={"Retry-After": "0"})
        if channel in self._channel_errors:
            return _slack_error(self._channel_errors[channel])
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts, **_message_fields(args)}
        metadata = args.get("metadata")
        if isinstance(metadata, str):  # form-encoded calls carry it as a JSON string
            metadata = json.loads(metadata)
        stored = {**message, "metadata": metadata} if metadata else message
        self._history.setdefault(channel, []).append(stored)
        return _ok(channel=channel, ts=ts, message=message)

    def _conversation_history(self, args: dict) -> web.Response:
        channel = str(args.get("channel", ""))
        if channel in self._channel_errors:
            return _slack_error(self._channel_errors[channel])
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        newest_first = list(reversed(self._history.get(channel, [])))
        start = int(args.get("cursor") or 0)
        limit = max(1, min(int(args.get("limit") or 100), 999))
        page = newest_first[start:start + limit]
        if not with_metadata:
            page = [{k: v for k, v in message.items() if k != "metadata"} for message in page]
        more = start + limit < len(newest_first)
        return _ok(messages=page, has_more=more, response_metadata={"next_cursor": str(start + limit) if more else ""})

    def _post_ephemeral(self, args: dict) -> web.Response:
        return _ok(message_ts=f"{1_700_000_000 + next(self._ts)}.000200")

    def _open_conversation(self, args: dict) -> web.Response:
        return _ok(channel={"id": DM_CHANNEL if args.get("users") == MEMBER_ID else f"D0{args.get('users')}"})

    def _conversation_info(self, args: dict) -> web.Response:
        channel = str(args.get("channel", ""))
        if channel.startswith("D"):
            return _ok(channel={"id": channel, "is_im": True, "user": MEMBER_ID})
        if channel in self._channel_errors and self._channel_errors[channel] == "channel_not_found":
            return _slack_error("channel_not_found")
        creator = CREATOR_ID if channel == GENERAL_CHANNEL else ADMIN_ID
        return _ok(channel={"id": channel, "name": channel.lower(), "is_channel": True, "creator": creator})

    def _user_info(self, args: dict) -> web.Response:
        user = str(args.get("user", ""))
        is_admin = user in self.admins
        return _ok(user={"id": user, "team_id": TEAM_ID, "is_admin": is_admin, "is_owner": False, "is_bot": False})

    def _upload_url(self, args: dict) -> web.Response:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return _slack_error("invalid_arguments")
        file_id = f"F0{next(self._ids)}"
        return _ok(upload_url=f"http://127.0.0.1:{self.port}/upload/{file_id}", file_id=file_id)

    def _complete_upload(self, args: dict) -> web.Response:
        channel = str(args.get("channel_id", ""))
        if channel in self._channel_errors:
            return _slack_error(self._channel_errors[channel])
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        if any(entry.get("id") not in self.uploads for entry in files):
            return _slack_error("file_not_found")
        return _ok(files=[{"id": entry["id"], "title": entry.get("title")} for entry in files])

    def _open_connection(self, args: dict) -> web.Response:
        return _ok(url=f"{self.socket_url}?ticket=ticket-{next(self._ids)}")

    # -- response URLs ------------------------------------------------------------------------

    async def _response_sink(self, request: web.Request) -> web.Response:
        post = ResponsePost(f"http://127.0.0.1:{self.port}{request.path}", await request.json())
        await self._record(lambda: self.posts.append(post))
        return web.Response(text="ok")

    async def _upload_sink(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._record(functools.partial(self.uploads.__setitem__, request.match_info["file_id"], data))
        return web.Response(text="OK - uploaded")

    # -- Socket Mode --------------------------------------------------------------------------

    async def _socket_mode(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID}}
        await socket.send_str(json.dumps(hello))
        await self._record(lambda: self._sockets.append(socket))
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    ack = json.loads(frame.data)
                    await self._record(functools.partial(self.acks.__setitem__, ack.get("envelope_id"), ack))
        finally:
            if socket in self._sockets:
                self._sockets.remove(socket)
        return socket

    async def _record(self, change: Callable[[], None]) -> None:
        async with self._changed:
            change()
            self._changed.notify_all()


# -- what Slack sends an HTTP-mode app ---------------------------------------------------------


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Return X-Slack-Signature for a body: v0= and the hex HMAC-SHA256 of v0:timestamp:body."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, *, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    """Return the headers Slack sends with a request, signed with `secret`."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature(secret, stamp, body),
    }


def slash_command(
    command: str, text: str, *, response_url: str, user: str = MEMBER_ID, channel: str = GENERAL_CHANNEL,
    team: str = TEAM_ID,
) -> dict:
    """Return the fields of a slash command invocation, as Slack sends them."""
    return {
        "token": "deprecated-verification-token",
        "team_id": team,
        "team_domain": "harbour",
        "channel_id": channel,
        "channel_name": "directmessage" if channel.startswith("D") else channel.lower(),
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"trigger-{command.strip('/')}-{int(time.time() * 1000)}",
    }


def slash_command_form(command: str, text: str, **kwargs: Any) -> bytes:
    """Return a slash command as the form-encoded body Slack POSTs."""
    return urlencode(slash_command(command, text, **kwargs)).encode()


_event_ids = itertools.count(1)


def event_callback(event: dict, *, team: str = TEAM_ID) -> dict:
    """Wrap an event the way the Events API delivers it (to the app in workspace `team`)."""
    return {
        "token": "deprecated-verification-token",
        "team_id": team,
        "api_app_id": APP_ID,
        "event": {"event_ts": event.get("ts", ""), **event},
        "type": "event_callback",
        "event_id": f"Ev{next(_event_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def direct_message(text: str, *, user: str = MEMBER_ID, ts: str = "1700000001.000100", **extra: Any) -> dict:
    """Return a message event in the bot's DM channel."""
    return {"type": "message", "channel": DM_CHANNEL, "channel_type": "im", "user": user, "text": text, "ts": ts, **extra}


def mention(text: str, *, user: str = MEMBER_ID, channel: str = GENERAL_CHANNEL, ts: str = "1700000002.000200") -> dict:
    """Return an app_mention event: `text` after a mention of the bot."""
    return {"type": "app_mention", "channel": channel, "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts}


def block_actions(
    message: dict,
    *,
    response_url: str,
    label: str = "More facts",
    user: str = MEMBER_ID,
    channel: str = GENERAL_CHANNEL,
) -> dict:
    """Return the block_actions payload Slack sends when `user` presses the button called `label` in `message`.

    `message` is what the bot posted (chat.postMessage arguments or a response_url body), blocks and all.
    """
    buttons = [
        (block.get("block_id", f"block-{index}"), element)
        for index, block in enumerate(message.get("blocks") or [])
        for element in ([*block.get("elements", [])] if block["type"] == "actions" else [block.get("accessory")])
        if element and element.get("type") == "button"
    ]
    pressed = [(block_id, b) for block_id, b in buttons if b["text"]["text"] == label]
    if not pressed:
        raise AssertionError(f"no button {label!r} in that message; buttons: {[b for _, b in buttons]}")
    block_id, button = pressed[0]
    ts = f"{int(time.time())}.000300"
    return {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": f"trigger-press-{int(time.time() * 1000)}",
        "team": {"id": TEAM_ID, "domain": "harbour"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel, "name": "directmessage" if channel.startswith("D") else channel.lower()},
        "message": {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts,
                    "text": message.get("text", ""), "blocks": message.get("blocks", [])},
        "response_url": response_url,
        "actions": [{
            "action_id": button["action_id"], "block_id": block_id, "text": button["text"],
            "value": button.get("value", ""), "type": "button", "action_ts": ts,
        }],
    }


async def post_block_actions(app_url: str, secret: str, payload: dict) -> tuple[int, str]:
    """Send a signed button press (form field `payload`, as Slack posts interactions) to an HTTP-mode app."""
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return await post_signed(app_url, body, secret=secret, content_type=FORM)


async def post_signed(
    app_url: str, body: bytes, *, secret: str, content_type: str, timestamp: int | None = None
) -> tuple[int, str]:
    """POST a body to an HTTP-mode app the way Slack does, signed with `secret`; return status and text."""
    headers = signed_headers(secret, body, content_type=content_type, timestamp=timestamp)
    async with aiohttp.ClientSession() as session, session.post(app_url, data=body, headers=headers) as response:
        return response.status, await response.text()


async def post_slash_command(app_url: str, secret: str, command: str, text: str, **kwargs: Any) -> tuple[int, str]:
    """Send a signed slash command to an HTTP-mode app; return status and text."""
    body = slash_command_form(command, text, **kwargs)
    return await post_signed(app_url, body, secret=secret, content_type=FORM)


async def post_event(app_url: str, secret: str, event: dict, *, team: str = TEAM_ID) -> tuple[int, str]:
    """Send a signed Events API callback carrying `event` to an HTTP-mode app; return status and text."""
    body = json.dumps(event_callback(event, team=team)).encode()
    return await post_signed(app_url, body, secret=secret, content_type="application/json")


# -- internals -----------------------------------------------------------------------------


async def _body_arguments(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    if not raw:
        return {}
    if request.content_type == "application/json":
        return json.loads(raw)
    return dict(parse_qsl(raw.decode()))


def _bearer(authorization: str | None) -> str | None:
    """Return a Bearer token, or `basic:id:secret` for the client credentials oauth.v2.access sends."""
    if authorization and authorization.startswith("Bearer "):
        return authorization.removeprefix("Bearer ")
    if authorization and authorization.startswith("Basic "):
        return "basic:" + base64.b64decode(authorization.removeprefix("Basic ")).decode()
    return None


def _message_fields(args: dict) -> dict:
    return {key: args[key] for key in ("text", "blocks", "thread_ts") if key in args}


def _ok(**fields: Any) -> web.Response:
    return web.json_response({"ok": True, **fields})


def _slack_error(error: str, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status, headers=headers)


@pytest_asyncio.fixture
async def fake_slack():
    """Run a FakeSlack for one test."""
    fake = FakeSlack()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
