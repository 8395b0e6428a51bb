"""Configuration from the environment or a ``.env`` file (SPEC: Configuration)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_URL = "https://api.telegram.org"


class ConfigError(Exception):
    """Bad configuration; the message names the variable and says what is wrong."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # a secret: its repr and str are "**********", so no log or traceback can show it
    bot_token: SecretStr = SecretStr("")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    database_path: Path = Path("data/news.sqlite3")
    # postgresql://... : the store in PostgreSQL instead (a secret: it may hold a password)
    database_url: SecretStr | None = None
    seeds_dir: Path = Path("seeds")
    telegram_api_url: str = DEFAULT_API_URL
    delivery_interval: float = Field(default=60, gt=0)
    broadcast_rate: float = Field(default=25, gt=0)
    sources_interval: float = Field(default=900, gt=0)
    log_level: str = "INFO"
    fair_use_per_minute: int = Field(default=20, ge=0)  # commands a user may send; 0: no limit
    request_timeout: float = Field(default=15, gt=0)  # seconds for one Bot API call
    startup_wait: float = Field(default=60, ge=0)  # how long to retry an unreachable API at start

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not p.lstrip("-").isdigit()]
            if bad:
                raise ValueError(f"not a Telegram user id: {bad[0]!r}")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        left, colon, right = token.partition(":")
        if token and not (
            colon and left.isdigit() and right and not any(c.isspace() for c in token)
        ):
            # the message never repeats the value: it is a secret, even when mistyped
            raise ValueError("does not look like a token (digits:letters); copy it from @BotFather")
        return SecretStr(token)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("use DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("telegram_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 (raises on a port out of range)
        except ValueError as exc:
            raise ValueError(f"not a valid URL ({exc})") from None
        if not parts.hostname:
            raise ValueError("has no host name")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        url = value.get_secret_value().strip() if value is not None else ""
        if not url:
            return None  # empty: SQLite at DATABASE_PATH
        if not url.startswith(("postgresql://", "postgres://")):
            raise ValueError("must start with postgresql:// (empty: SQLite at DATABASE_PATH)")
        return SecretStr(url)

    @property
    def token(self) -> str:
        """The token itself, for the Bot only: never log or print it."""
        return self.bot_token.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "configuration"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {msg}") from None
