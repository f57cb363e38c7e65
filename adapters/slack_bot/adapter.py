"""Slack adapter: slash commands, DMs, mentions and scheduled digests, all through the command layer."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack_bot._client import (
    EVENTS_PATH,
    EventsServer,
    SocketModeConnection,
    bolt_app,
    oauth_bolt_app,
    slack_error,
    web_client,
)
from adapters.slack_bot._installs import INSTALL_PATH, Installations
from adapters.slack_bot._listeners import ManagerCheck, register_listeners, register_uninstall_listeners
from adapters.slack_bot._plugin import PLATFORM
from adapters.slack_bot._send import post_digest, send_direct_message
from adapters.slack_bot._tasks import ListenerTasks
from bot.chat import ChannelUnavailable, RecipientUnavailable, WorkspaceForgetter
from bot.commands.model import CommandHandler, Reply
from bot.errors import UserError, one_line
from bot.models import Digest
from bot.settings import SlackSettings, secret_value
from bot.storage.db import Database
from bot.values import ChannelRef, UserRef

log = logging.getLogger(__name__)

# Slack's answers that mean the channel will not take messages until someone acts.
UNAVAILABLE_ERRORS = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# Slack's answers that mean a person cannot be sent a direct message until something changes.
UNREACHABLE_USER_ERRORS = frozenset({"user_not_found", "user_disabled", "cannot_dm_bot", "user_not_visible"})
# How long stop() lets answers already being posted finish before cutting them off.
STOP_TIMEOUT = 10.0


class SlackStartError(UserError):
    """Raise when the Slack app cannot start; the message says which setting to check."""


class SlackAdapter:
    """Run newsbrief on Slack: start (Socket Mode or HTTP), stop, and deliver scheduled digests.

    With one bot token it serves that workspace. With SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
    SLACK_STATE_SECRET it serves every workspace that installs it through the OAuth flow, each
    answered, and sent its digests, with its own token.
    """

    platform = PLATFORM

    def __init__(
        self,
        settings: SlackSettings,
        service: CommandHandler,
        *,
        http_host: str = "0.0.0.0",  # HTTP mode serves Slack, which calls from outside
        stop_timeout: float = STOP_TIMEOUT,
        database: Database | None = None,
        forget_workspace: WorkspaceForgetter | None = None,
    ) -> None:
        self._settings = settings
        self._service = service
        self._http_host = http_host
        self._stop_timeout = stop_timeout
        self._database = database
        self._forget_workspace = forget_workspace
        self._listeners = ListenerTasks()
        self._installations: Installations | None = None
        self._client: AsyncWebClient | None = None
        self._app: AsyncApp | None = None
        self._server: EventsServer | None = None
        self._socket: SocketModeConnection | None = None
        self._bot_id: str | None = None

    @property
    def app(self) -> AsyncApp | None:
        """Return the running bolt app, if started."""
        return self._app

    @property
    def http_port(self) -> int | None:
        """Return the port /slack/events listens on in HTTP mode (useful with SLACK_HTTP_PORT=0)."""
        return self._server.port if self._server else None

    @property
    def mode(self) -> str | None:
        """Return "socket" or "http" once started."""
        return "socket" if self._socket else "http" if self._server else None

    async def start(self) -> None:
        """Check the token, then connect over Socket Mode or start serving HTTP; return once serving."""
        if self._settings.oauth:
            await self._start_for_installs()
            return
        token = secret_value(self._settings.bot_token)
        app_token = secret_value(self._settings.app_token)
        signing_secret = secret_value(self._settings.signing_secret)
        if not token:
            raise SlackStartError("SLACK_BOT_TOKEN is not set, so the Slack app cannot start.")
        if not app_token and not signing_secret:
            raise SlackStartError(
                "Set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET to receive requests over HTTP."
            )
        client = self._client = web_client(token, self._settings.api_url)
        identity = await self._identify(client)
        self._bot_id = identity.get("bot_id")
        app = self._app = bolt_app(client, signing_secret, identity)
        managers = ManagerCheck(anyone=self._settings.anyone_can_subscribe)
        register_listeners(app, self._service.handle, managers, self._listeners)
        try:
            if app_token:
                await self._connect_socket(app, app_token, client)
            else:
                await self._serve_http(app, signing_secret)
        except BaseException:
            await self.stop()
            raise
        log.info("Slack app ready as %s in %s (%s mode)", identity.get("user"), identity.get("team"), self.mode)

    async def stop(self) -> None:
        """Stop taking requests, let answers being posted finish (bounded), then let go of the client."""
        if self._socket is not None:
            await self._socket.stop()
        if self._server is not None:
            await self._server.stop()
        # Listeners ack first and answer afterwards, so a /brief may still be posting its answer.
        await self._listeners.finish(self._stop_timeout)
        self._socket = self._server = self._app = self._client = self._installations = None

    async def health_problem(self) -> str | None:
        """Return None while Slack can reach us (Socket Mode connected, or HTTP serving), else what is wrong."""
        if self._socket is not None:
            return None if await self._socket.connected() else "Socket Mode connection is down"
        return None if self._server is not None else "not started"

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        """Post a scheduled digest; raise ChannelUnavailable when the channel is gone or closed to us."""
        client = await self._client_for(target.workspace)
        if client is None:
            raise ChannelUnavailable(f"newsbrief is not installed in Slack workspace {target.workspace}")
        try:
            # One token: its bot's own id; installed in many workspaces, any bot's post with this key counts.
            await post_digest(client, target.channel, digest, bot_id=self._bot_id)
        except SlackApiError as error:
            code = slack_error(error)
            if code not in UNAVAILABLE_ERRORS:
                raise  # rate limits beyond the retries and outages: the scheduler tries again later
            reason = f"Slack answered {code} for channel {target.channel}"
            log.warning("scheduled digest not delivered: %s; its subscription will be disabled", reason)
            raise ChannelUnavailable(reason) from error

    async def send_direct(self, recipient: UserRef, reply: Reply) -> None:
        """Send a person a direct message (an alert); RecipientUnavailable when Slack will not let us."""
        client = await self._client_for(recipient.workspace)
        if client is None:
            raise RecipientUnavailable(f"newsbrief is not installed in Slack workspace {recipient.workspace}")
        try:
            await send_direct_message(client, recipient.user, reply)
        except SlackApiError as error:
            code = slack_error(error)
            if code not in UNREACHABLE_USER_ERRORS:
                raise  # rate limits and outages: the alert stays pending and goes out after the next poll
            raise RecipientUnavailable(f"Slack answered {code} for user {recipient.user}") from error

    # -- internals ---------------------------------------------------------------------------

    async def _start_for_installs(self) -> None:
        """Serve every workspace that installs the app: OAuth pages, events, commands (HTTP mode only)."""
        signing_secret = secret_value(self._settings.signing_secret)
        if secret_value(self._settings.app_token):
            raise SlackStartError(
                "The OAuth install flow (SLACK_CLIENT_ID) runs in HTTP mode; unset SLACK_APP_TOKEN to use it."
            )
        if not signing_secret:
            raise SlackStartError("The OAuth install flow needs SLACK_SIGNING_SECRET to check Slack's requests.")
        if self._database is None:
            raise SlackStartError("The OAuth install flow keeps workspaces in the database, which was not given.")
        installations = self._installations = Installations(self._settings, self._database.engine)
        app = self._app = oauth_bolt_app(
            web_client(None, self._settings.api_url), signing_secret,
            installations.oauth_settings, installations.authorize,
        )
        register_listeners(app, self._service.handle, ManagerCheck(anyone=self._settings.anyone_can_subscribe),
                           self._listeners)
        register_uninstall_listeners(app, installations, self._forget, self._listeners)
        try:
            await self._serve_http(app, signing_secret)
        except BaseException:
            await self.stop()
            raise
        log.info("Slack app ready for installs at http://%s:%s%s", self._http_host, self.http_port, INSTALL_PATH)

    async def _forget(self, workspace: str) -> None:
        if self._forget_workspace is not None:
            await self._forget_workspace(PLATFORM, workspace)

    async def _client_for(self, workspace: str) -> AsyncWebClient | None:
        """Return the client that posts in `workspace`: the one token's, or its own (None: not installed there)."""
        if self._installations is not None:
            return await self._installations.client_for(workspace)
        if self._client is None:
            raise RuntimeError("the Slack adapter is not running")
        return self._client

    async def _identify(self, client: AsyncWebClient) -> dict[str, Any]:
        """Call auth.test so a wrong token or API URL fails start with a plain sentence."""
        try:
            answer = (await client.auth_test()).data
            return dict(answer) if isinstance(answer, dict) else {}
        except SlackApiError as error:
            raise SlackStartError(
                f"Slack refused the bot token ({slack_error(error)}): check SLACK_BOT_TOKEN (the Bot User OAuth Token)."
            ) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise SlackStartError(
                f"Could not reach the Slack API at {client.base_url} ({one_line(str(error)) or type(error).__name__}); "
                "check SLACK_API_URL and the network."
            ) from error

    async def _connect_socket(self, app: AsyncApp, app_token: str, client: AsyncWebClient) -> None:
        self._socket = SocketModeConnection(app, app_token, client)
        try:
            await self._socket.start()
        except SlackApiError as error:
            raise SlackStartError(
                f"Slack refused the Socket Mode connection ({slack_error(error)}); "
                "check SLACK_APP_TOKEN (an xapp- token with connections:write)."
            ) from error

    async def _serve_http(self, app: AsyncApp, signing_secret: str) -> None:
        self._server = EventsServer(app, signing_secret)
        try:
            await self._server.start(self._http_host, self._settings.http_port)
        except OSError as error:
            raise SlackStartError(
                f"Could not listen on port {self._settings.http_port} ({error.strerror}); "
                "choose another SLACK_HTTP_PORT."
            ) from error
        log.info("Slack requests accepted at http://%s:%s%s", self._http_host, self._server.port, EVENTS_PATH)

