"""Settings from the environment and `.env`, grouped by concern and built once at start-up.

Each group is a class of typed fields with the environment prefix its variables share
(`NEWSBRIEF_`, `DISCORD_`, `SLACK_`); a field whose variable does not follow the prefix names it
with `validation_alias`. Empty values count as unset, so a copied `.env.example` works as it is.
The declarations read like pydantic-settings ones (`Field(3, ge=1)`, `SecretStr`,
`field_validator`, `model_validator`), and the rules are the same: names are case-insensitive, given overrides beat
the environment, which beats `.env`, which beats the default. The reader is newsbrief's own
(`bot/settings_reader.py`): importing pydantic-settings cost every command about 0.15 s of
start-up, for a few dozen strings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from bot.errors import UserError
from bot.logs import LogFormat
from bot.settings_reader import (
    Field,
    SecretStr,
    SettingError,
    SettingsGroup,
    field_validator,
    model_validator,
    read_env_file,
)

__all__ = [
    "CoreSettings", "DigestSettings", "DiscordSettings", "FetchSettings", "Field", "OpsSettings", "SecretStr",
    "Settings", "SettingsError", "SettingsGroup", "SlackSettings", "StorageSettings", "load_settings", "secret_value",
]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
DEFAULT_ENV_FILE = ".env"


def default_data_dir() -> Path:
    """Return the per-user data directory (XDG on Linux, ~/.local/share/newsbrief)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsbrief"


class CoreSettings(SettingsGroup):
    """How articles are briefed, and how much is logged."""

    env_prefix: ClassVar[str] = "NEWSBRIEF_"

    summary_sentences: int = Field(3, ge=1, le=20)
    algorithm: str = "news"
    # None: INFO for `newsbrief run`, WARNING for the one-shot commands.
    log_level: LogLevel | None = None
    # "text": a timestamped line per record; "json": one JSON object per line, for log collectors.
    log_format: LogFormat = "text"

    @field_validator("algorithm", mode="before")
    @classmethod
    def _lowercase(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _uppercase(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lowercase_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


class StorageSettings(SettingsGroup):
    """Where the database lives."""

    env_prefix: ClassVar[str] = "NEWSBRIEF_"

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(None, validation_alias="DATABASE_URL")

    @property
    def resolved_database_url(self) -> str:
        """Return DATABASE_URL, or an SQLite file inside the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.expanduser() / 'newsbrief.sqlite3'}"


class FetchSettings(SettingsGroup):
    """How pages and feeds are fetched."""

    env_prefix: ClassVar[str] = "NEWSBRIEF_"

    allow_private_urls: bool = False
    timeout: float = Field(20.0, gt=0, validation_alias="NEWSBRIEF_FETCH_TIMEOUT")
    max_body_bytes: int = Field(5_000_000, gt=0)


class DigestSettings(SettingsGroup):
    """What digests hold, and when feeds are polled and digests sent."""

    env_prefix: ClassVar[str] = "NEWSBRIEF_"

    max_items: int = Field(5, ge=1, le=25, validation_alias="NEWSBRIEF_DIGEST_MAX_ITEMS")
    # A digest's window: older articles (undated ones count from when they were first seen) stay out.
    max_age_days: int = Field(7, ge=1, le=3650, validation_alias="NEWSBRIEF_DIGEST_MAX_AGE_DAYS")
    skip_empty: bool = Field(False, validation_alias="NEWSBRIEF_SKIP_EMPTY_DIGESTS")
    poll_minutes: int = Field(30, ge=1)
    misfire_grace_hours: float = Field(6.0, gt=0)
    fanout_concurrency: int = Field(20, ge=1)
    # Articles one person is alerted to per hour (`follow`); more matches are only counted.
    alerts_per_hour: int = Field(10, ge=1, le=1000)


class OpsSettings(SettingsGroup):
    """The operations endpoint: health and metrics over HTTP."""

    env_prefix: ClassVar[str] = "NEWSBRIEF_"

    # None: no endpoint. Set, `newsbrief run` serves /healthz and /metrics there (0 picks a free port).
    http_port: int | None = Field(None, ge=0, le=65535)
    http_host: str = "0.0.0.0"  # a container's health check and a scraper call from outside


class DiscordSettings(SettingsGroup):
    """The Discord bot; a token starts it."""

    env_prefix: ClassVar[str] = "DISCORD_"

    token: SecretStr | None = None
    guild_id: int | None = None
    api_base: str = "https://discord.com/api/v10"
    gateway_url: str | None = None
    # None: as many shards as Discord recommends (GET /gateway/bot), all run by this process.
    shard_count: int | None = Field(None, ge=1)
    # Which of the shard_count shards this process runs (comma list, e.g. "0,1"); None: all of them.
    shard_ids: tuple[int, ...] | None = None

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            if not all(part.isdigit() for part in parts):
                raise ValueError("give shard numbers separated by commas, like 0,1")
            return tuple(sorted({int(part) for part in parts})) or None
        return value

    @model_validator(mode="after")
    def _shards_fit_the_count(self) -> DiscordSettings:
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total across all processes)")
        if max(self.shard_ids) >= self.shard_count:
            raise ValueError(f"shard numbers run from 0 to {self.shard_count - 1} when DISCORD_SHARD_COUNT is "
                             f"{self.shard_count}")
        return self

    @property
    def configured(self) -> bool:
        """Tell whether a token is set, so `newsbrief run` serves Discord."""
        return bool(secret_value(self.token))


class SlackSettings(SettingsGroup):
    """The Slack app; a bot token starts it."""

    env_prefix: ClassVar[str] = "SLACK_"

    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    http_port: int = Field(3000, ge=0, le=65535)
    api_url: str = "https://slack.com/api/"
    anyone_can_subscribe: bool = False
    # OAuth v2 install flow for many workspaces (HTTP mode): all three set, each workspace has its own token.
    client_id: str | None = None
    client_secret: SecretStr | None = None
    state_secret: SecretStr | None = None
    # Where Slack's install page and redirect send people back to, if not this server's own address.
    oauth_redirect_url: str | None = None
    # The authorize page's address (Slack's own by default; a test server's otherwise).
    oauth_authorize_url: str = "https://slack.com/oauth/v2/authorize"

    @property
    def oauth(self) -> bool:
        """Tell whether the OAuth install flow is configured (client id, client secret and state secret)."""
        return bool(self.client_id and secret_value(self.client_secret) and secret_value(self.state_secret))

    @property
    def configured(self) -> bool:
        """Tell whether a bot token or the OAuth install flow is set, so `newsbrief run` serves Slack."""
        return bool(secret_value(self.bot_token)) or self.oauth


@dataclass(frozen=True)
class Settings:
    """Every knob newsbrief has, one group per concern; see `.env.example` for each variable."""

    core: CoreSettings
    storage: StorageSettings
    fetching: FetchSettings
    digests: DigestSettings
    discord: DiscordSettings
    slack: SlackSettings
    ops: OpsSettings

    def chat_platforms(self) -> list[str]:
        """Return the chat platforms whose settings ask `newsbrief run` to serve them."""
        return [name for name, group in (("discord", self.discord), ("slack", self.slack)) if group.configured]

    @staticmethod
    def env_names() -> list[str]:
        """Return every environment variable newsbrief reads, group by group."""
        return [name for group in _GROUPS for name in group.env_names()]


_GROUPS: tuple[type[SettingsGroup], ...] = (
    CoreSettings, StorageSettings, FetchSettings, DigestSettings, DiscordSettings, SlackSettings, OpsSettings,
)


class SettingsError(UserError):
    """Raise when a setting has a value newsbrief cannot use; the message names the variable."""


def load_settings(env_file: str | Path | None = DEFAULT_ENV_FILE, **overrides: Any) -> Settings:
    """Build the settings from the environment, `env_file` and `overrides` (keyed by variable name).

    Call once at start-up, never at import; pass the result down.
    """
    given = {key.upper(): value for key, value in overrides.items()}
    unknown = set(given) - set(Settings.env_names())
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    environment = {key.upper(): value for key, value in os.environ.items()}
    dotenv = read_env_file(env_file) if env_file is not None else {}
    try:
        return Settings(
            core=CoreSettings.read(given, environment, dotenv),
            storage=StorageSettings.read(given, environment, dotenv),
            fetching=FetchSettings.read(given, environment, dotenv),
            digests=DigestSettings.read(given, environment, dotenv),
            discord=DiscordSettings.read(given, environment, dotenv),
            slack=SlackSettings.read(given, environment, dotenv),
            ops=OpsSettings.read(given, environment, dotenv),
        )
    except SettingError as error:
        if error.variable is None:  # a check across settings, whose message names the variables itself
            raise SettingsError(f"{error.problem}.") from None
        raise SettingsError(f"the setting {error.variable} is invalid: {error.problem}.") from None


def secret_value(secret: SecretStr | None) -> str:
    """Return a secret's value stripped, or "" when it is unset."""
    return secret.get_secret_value().strip() if secret is not None else ""
