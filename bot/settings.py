"""Settings read from the environment and `.env`, built once at start-up."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Return the per-user data directory (XDG on Linux, ~/.local/share/newsbrief)."""
    import os

    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsbrief"


class Settings(BaseSettings):
    """Every knob newsbrief has; see `.env.example` for what each one does."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Engine
    summary_sentences: int = Field(3, alias="NEWSBRIEF_SUMMARY_SENTENCES", ge=1, le=20)
    algorithm: str = Field("news", alias="NEWSBRIEF_ALGORITHM")
    log_level: str = Field("INFO", alias="NEWSBRIEF_LOG_LEVEL")

    # Storage
    data_dir: Path = Field(default_factory=default_data_dir, alias="NEWSBRIEF_DATA_DIR")
    database_url: str | None = Field(None, alias="DATABASE_URL")

    # Fetching
    allow_private_urls: bool = Field(False, alias="NEWSBRIEF_ALLOW_PRIVATE_URLS")
    fetch_timeout: float = Field(20.0, alias="NEWSBRIEF_FETCH_TIMEOUT", gt=0)
    max_body_bytes: int = Field(5_000_000, alias="NEWSBRIEF_MAX_BODY_BYTES", gt=0)

    # Digests and schedule
    digest_max_items: int = Field(5, alias="NEWSBRIEF_DIGEST_MAX_ITEMS", ge=1, le=25)
    skip_empty_digests: bool = Field(False, alias="NEWSBRIEF_SKIP_EMPTY_DIGESTS")
    poll_minutes: int = Field(30, alias="NEWSBRIEF_POLL_MINUTES", ge=1)
    misfire_grace_hours: float = Field(6.0, alias="NEWSBRIEF_MISFIRE_GRACE_HOURS", gt=0)
    fanout_concurrency: int = Field(20, alias="NEWSBRIEF_FANOUT_CONCURRENCY", ge=1)

    # Discord
    discord_token: SecretStr | None = Field(None, alias="DISCORD_TOKEN")
    discord_guild_id: int | None = Field(None, alias="DISCORD_GUILD_ID")
    discord_api_base: str = Field("https://discord.com/api/v10", alias="DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(None, alias="DISCORD_GATEWAY_URL")

    # Slack
    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_http_port: int = Field(3000, alias="SLACK_HTTP_PORT", ge=0, le=65535)
    slack_api_url: str = Field("https://slack.com/api/", alias="SLACK_API_URL")
    slack_anyone_can_subscribe: bool = Field(False, alias="SLACK_ANYONE_CAN_SUBSCRIBE")

    @property
    def resolved_database_url(self) -> str:
        """Return DATABASE_URL, or an SQLite file inside the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'newsbrief.sqlite3'}"


def load_settings(**overrides) -> Settings:
    """Build settings from the environment; call once at start-up, never at import."""
    return Settings(**overrides)
