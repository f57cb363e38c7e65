"""Slack connections: the Web API client, the HTTP endpoint for Events API and slash commands, Socket Mode."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

# What auth.test said about the bot: team, user and bot ids.
Identity = dict[str, Any]

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
_SIGNATURE_HEADER = "X-Slack-Signature"
# A scheduled digest waits out Retry-After this many times before the scheduler retries it later.
RATE_LIMIT_RETRIES = 5


def web_client(token: str | None, api_url: str | None) -> AsyncWebClient:
    """Return a Web API client for `api_url` that waits out rate limits and retries dropped connections."""
    base_url = (api_url or DEFAULT_API_URL).rstrip("/") + "/"
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def oauth_bolt_app(
    client: AsyncWebClient, signing_secret: str, oauth_settings: AsyncOAuthSettings, authorize: AsyncAuthorize
) -> AsyncApp:
    """Return a bolt app for many workspaces: installs by OAuth, each request authorized with its workspace's token."""
    return AsyncApp(
        name="newsbrief", client=client, signing_secret=signing_secret, oauth_settings=oauth_settings,
        # Bolt takes an AsyncAuthorize object next to OAuth settings (a plain function it refuses there),
        # though its annotation names only the function form.
        authorize=authorize,  # type: ignore[arg-type]
    )


def bolt_app(client: AsyncWebClient, signing_secret: str | None, identity: Identity) -> AsyncApp:
    """Return a bolt app that calls Slack through `client` and verifies requests with the signing secret."""
    # Bolt also reads SLACK_BOT_TOKEN itself and then warns that it goes unused next to `client`
    # and `authorize`; the client already holds that very token, so the warning would only mislead.
    logging.getLogger("slack_bolt.AsyncApp").addFilter(_drop_unused_token_warning)
    return AsyncApp(
        name="newsbrief",
        client=client,
        signing_secret=signing_secret or "",
        authorize=_authorize_as(identity, client.token),
    )


def _authorize_as(identity: Identity, token: str | None) -> Callable[..., Awaitable[AuthorizeResult]]:
    """Return a bolt `authorize` that answers from start's auth.test instead of asking Slack again."""
    # Bolt's own single-workspace check calls auth.test on the first request, before the listener
    # can ack(); a slow or failing Slack then costs the user their command.
    async def authorize(user_id: str | None = None) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=identity.get("enterprise_id"),
            team_id=identity.get("team_id"),
            team=identity.get("team"),
            url=identity.get("url"),
            bot_id=identity.get("bot_id"),
            bot_user_id=identity.get("user_id"),
            bot_token=token,
            user_id=user_id,
        )

    return authorize


def _drop_unused_token_warning(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return "`token` will be unused" not in message and "will be ignored" not in message


def slack_error(error: SlackApiError) -> str:
    """Return Slack's error code for a failed call, or the HTTP status when the body was not Slack's."""
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return str(code or f"HTTP {error.response.status_code}")


class EventsServer:
    """Serve one bolt app at /slack/events over plain HTTP, letting through only requests Slack signed.

    With the OAuth install flow configured on the app, it also serves the flow's two pages (by
    default /slack/install and /slack/oauth_redirect), which browsers visit and nobody signs.
    """

    def __init__(self, app: AsyncApp, signing_secret: str) -> None:
        self._app = app
        self._verifier = SignatureVerifier(signing_secret)
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self, host: str, port: int) -> None:
        """Listen on host:port (port 0 picks a free one, then `port` says which)."""
        application = web.Application()
        application.router.add_post(EVENTS_PATH, self._dispatch)
        flow = self._app.oauth_flow
        if flow is not None:
            application.router.add_get(flow.install_path, self._install)
            application.router.add_get(flow.redirect_uri_path, self._oauth_redirect)
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop accepting requests and close the listener."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _dispatch(self, request: web.Request) -> web.Response:
        raw = await request.read()
        # Checked before bolt parses anything, so a forged body of any shape gets 401, never a 500.
        if not self._signed_by_slack(raw, request.headers):
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            bolt_request = AsyncBoltRequest(
                body=raw.decode("utf-8"), query=request.query_string, headers=_header_lists(request.headers)
            )
        except Exception as error:  # signed, yet not shaped like anything Slack sends (bolt cannot parse it)
            log.info("refused a signed but malformed Slack request (%s)", type(error).__name__)
            return web.json_response({"error": "malformed request"}, status=400)
        response = await self._app.async_dispatch(bolt_request)
        if response.status >= 500:
            # Listeners ack before working, so a 500 here is bolt's own parsing tripping over a signed
            # body whose parts have the wrong shape (bolt logged where); that is a bad request.
            log.info("refused a signed Slack request bolt could not process")
            return web.json_response({"error": "malformed request"}, status=400)
        return await to_aiohttp_response(response)

    async def _install(self, request: web.Request) -> web.Response:
        """Start an install: a page with the "Add to Slack" link, and the state cookie."""
        flow = self._app.oauth_flow
        assert flow is not None  # the route exists only with a flow
        return await to_aiohttp_response(await flow.handle_installation(_browser_request(request)))

    async def _oauth_redirect(self, request: web.Request) -> web.Response:
        """Finish an install: check the state, exchange the code (oauth.v2.access), store the workspace."""
        flow = self._app.oauth_flow
        assert flow is not None
        return await to_aiohttp_response(await flow.handle_callback(_browser_request(request)))

    def _signed_by_slack(self, raw: bytes, headers: Mapping[str, str]) -> bool:
        """Tell whether the body carries a fresh (5-minute) valid Slack signature."""
        try:
            body = raw.decode("utf-8")
            return self._verifier.is_valid(body, headers.get(_TIMESTAMP_HEADER), headers.get(_SIGNATURE_HEADER))
        except ValueError:  # undecodable body or a timestamp that is not a number
            return False


def _browser_request(request: web.Request) -> AsyncBoltRequest:
    return AsyncBoltRequest(body="", query=request.query_string, headers=_header_lists(request.headers))


def _header_lists(headers: Mapping[str, str]) -> dict[str, str | Sequence[str]]:
    """Return request headers as bolt reads them, a header sent twice keeping both values."""
    grouped: dict[str, list[str]] = {}
    for name, value in headers.items():
        grouped.setdefault(name.lower(), []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in grouped.items()}


class SocketModeConnection:
    """Hold the Socket Mode websocket that carries events and commands without a public URL."""

    def __init__(self, app: AsyncApp, app_token: str, client: AsyncWebClient) -> None:
        self._handler = AsyncSocketModeHandler(app, app_token, web_client=client)

    async def start(self) -> None:
        """Ask Slack for a websocket URL, failing loudly on a bad token, then connect."""
        socket_client = self._handler.client
        # Fetched here so a wrong SLACK_APP_TOKEN raises at once instead of being retried forever.
        socket_client.wss_uri = await socket_client.issue_new_wss_url()
        await self._handler.connect_async()

    async def connected(self) -> bool:
        """Tell whether the websocket is open."""
        return bool(await self._handler.client.is_connected())

    async def stop(self) -> None:
        """Close the websocket and its session."""
        await self._handler.close_async()
