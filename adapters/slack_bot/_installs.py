"""Many workspaces: Slack's OAuth v2 install flow, each workspace's bot token kept in newsbrief's own database.

slack_sdk's SQLAlchemy installation and state stores do the storing, in the tables migration 0002
creates. They are the synchronous ones, run in worker threads: the async variants would need a
second engine on an async driver (aiosqlite, psycopg's async mode) plus greenlet, for the same
rows; and a lookup costs well under a millisecond of database time either way (bench/slack_installs.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from adapters.slack_bot._client import web_client
from bot.settings import SlackSettings, secret_value

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes of adapters/slack_bot/slack_manifest.yml, asked for at install.
BOT_SCOPES = (
    "commands", "chat:write", "chat:write.public", "app_mentions:read", "im:history", "im:read", "im:write",
    "users:read", "channels:read", "groups:read", "files:write", "channels:history", "groups:history",
)
STATE_SECONDS = 600  # how long a started install may take before its state expires


class ThreadedInstallationStore(AsyncInstallationStore):
    """slack_sdk's SQLAlchemy installation store, each call run in a worker thread."""

    def __init__(self, client_id: str, engine: Engine) -> None:
        self._sync = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self._sync.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self._sync.save_bot, bot)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        return await asyncio.to_thread(
            self._sync.find_bot,
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install,
        )

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await asyncio.to_thread(
            self._sync.find_installation,
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self._sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await asyncio.to_thread(
            self._sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )


class SignedStateStore(AsyncOAuthStateStore):
    """slack_sdk's SQLAlchemy state store, its one-time states signed with SLACK_STATE_SECRET.

    The database makes each state single-use and short-lived; the signature lets a forged or
    foreign `state` be refused before any query, and binds a state to this deployment's secret.
    """

    def __init__(self, secret: str, engine: Engine) -> None:
        self._key = secret.encode()
        self._sync = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log)

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = await asyncio.to_thread(self._sync.issue)
        return f"{state}.{self._sign(state)}"

    async def async_consume(self, state: str) -> bool:
        raw, _, signature = state.rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._sign(raw)):
            log.info("refused an OAuth state that this deployment did not sign")
            return False
        return bool(await asyncio.to_thread(self._sync.consume, raw))

    def _sign(self, state: str) -> str:
        return hmac.new(self._key, state.encode(), hashlib.sha256).hexdigest()[:32]


class InstalledBotAuthorize(AsyncAuthorize):
    """Authorize each request with the bot token stored for its workspace, without asking Slack.

    Bolt's own store-backed authorize calls auth.test on every request before the listener can
    ack; a slow Slack would then cost people their commands, and the stored install already says
    who the bot is.
    """

    def __init__(self, store: AsyncInstallationStore) -> None:
        # AsyncAuthorize.__init__ sets nothing up, so it is not called.
        self._store = store

    async def __call__(
        self,
        *,
        context: AsyncBoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        actor_enterprise_id: str | None = None,
        actor_team_id: str | None = None,
        actor_user_id: str | None = None,
    ) -> AuthorizeResult | None:
        bot = await self._store.async_find_bot(
            enterprise_id=enterprise_id, team_id=team_id,
            is_enterprise_install=bool(context.get("is_enterprise_install")),
        )
        if bot is None:
            log.info("a request came from workspace %s, where newsbrief is not installed", team_id)
            return None
        return AuthorizeResult(
            enterprise_id=bot.enterprise_id, team_id=bot.team_id, team=bot.team_name, bot_id=bot.bot_id,
            bot_user_id=bot.bot_user_id, bot_token=bot.bot_token, bot_scopes=bot.bot_scopes, user_id=user_id,
        )


class Installations:
    """The workspaces newsbrief is installed in: OAuth settings for bolt, and a Web API client per workspace."""

    def __init__(self, settings: SlackSettings, engine: Engine) -> None:
        self._api_url = settings.api_url
        self.store = ThreadedInstallationStore(settings.client_id or "", engine)
        self.oauth_settings = AsyncOAuthSettings(
            client_id=settings.client_id,
            client_secret=secret_value(settings.client_secret),
            scopes=list(BOT_SCOPES),
            redirect_uri=settings.oauth_redirect_url,
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            authorization_url=settings.oauth_authorize_url,
            installation_store=self.store,
            installation_store_bot_only=True,
            state_store=SignedStateStore(secret_value(settings.state_secret), engine),
            state_expiration_seconds=STATE_SECONDS,
            logger=log,
        )
        self.authorize = InstalledBotAuthorize(self.store)
        self._clients: dict[str, AsyncWebClient] = {}  # bot token → client, so connections are reused

    async def client_for(self, team_id: str) -> AsyncWebClient | None:
        """Return a client holding the workspace's bot token, or None when newsbrief is not installed there."""
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            return None
        client = self._clients.get(bot.bot_token)
        if client is None:
            client = self._clients[bot.bot_token] = web_client(bot.bot_token, self._api_url)
        return client

    async def uninstall(self, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget every token of a workspace."""
        await self.store.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
        self._clients.clear()  # tokens of other workspaces are cheap to look up again
