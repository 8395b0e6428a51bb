"""Configuration from the environment or a ``.env`` file (SPEC: Configuration)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Self
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_WEBHOOK_LISTEN = "0.0.0.0:8080"
HEALTH_PATH = "/healthz"  # on the webhook listener (bot/webhook.py)
# Telegram's rule for setWebhook's secret_token; token_urlsafe's alphabet is exactly this
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_MAKE_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_WEBHOOK_PORTS = {443, 80, 88, 8443}  # the only ports Telegram sends webhooks to


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
    # webhook mode (bot/webhook.py) when WEBHOOK_URL is set; long polling otherwise
    webhook_url: str = ""
    webhook_secret: SecretStr = SecretStr("")
    webhook_listen: str = ""  # host:port; DEFAULT_WEBHOOK_LISTEN when WEBHOOK_URL is set

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

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return value
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError as exc:
            raise ValueError(f"not a valid URL ({exc})") from None
        local = parts.hostname in _LOOPBACK
        if not (parts.scheme == "https" or (parts.scheme == "http" and local)):
            raise ValueError(
                "must start with https:// (Telegram posts updates over HTTPS only; http:// "
                "is accepted for 127.0.0.1 and localhost, for tests)"
            )
        if not parts.hostname:
            raise ValueError("has no host name")
        if not local and port is not None and port not in _WEBHOOK_PORTS:
            raise ValueError(
                f"Telegram sends webhooks only to ports 443, 80, 88 or 8443, not {port}: "
                "publish the reverse proxy on one of them"
            )
        if (parts.path or "/") == HEALTH_PATH:
            raise ValueError(f"{HEALTH_PATH} is the health check: use another path, e.g. /telegram")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value().strip()
        if secret and not _SECRET_RE.fullmatch(secret):
            # never repeats the value: it is a secret
            raise ValueError(
                "use 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); "
                f"make one with {_MAKE_SECRET}"
            )
        return SecretStr(secret)

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        value = value.strip()
        if value:
            host, port = split_host_port(value)
            if not host or not 0 < port < 65536:
                raise ValueError(
                    f"use host:port with a port 1-65535, e.g. {DEFAULT_WEBHOOK_LISTEN}"
                )
        return value

    @model_validator(mode="after")
    def _webhook_complete(self) -> Self:
        """The three WEBHOOK_* settings go together (messages name the variable themselves)."""
        secret = self.webhook_secret.get_secret_value()
        if self.webhook_url:
            if not secret:
                raise ValueError(
                    "WEBHOOK_SECRET: required with WEBHOOK_URL (Telegram sends it with every "
                    f"update, so a request without it is refused); make one with {_MAKE_SECRET}"
                )
            self.webhook_listen = self.webhook_listen or DEFAULT_WEBHOOK_LISTEN
            return self
        # a lone secret or listen address means a WEBHOOK_URL missing or misspelt: polling
        # would start silently and no update would ever come to the webhook
        for name, value in (("WEBHOOK_SECRET", secret), ("WEBHOOK_LISTEN", self.webhook_listen)):
            if value:
                raise ValueError(
                    f"{name}: set WEBHOOK_URL too (webhook mode), or remove {name} (long polling)"
                )
        return self

    @property
    def webhook(self) -> bool:
        """Updates come by webhook (WEBHOOK_URL set) rather than long polling."""
        return bool(self.webhook_url)

    @property
    def listen_address(self) -> tuple[str, int]:
        """WEBHOOK_LISTEN as (host, port)."""
        return split_host_port(self.webhook_listen or DEFAULT_WEBHOOK_LISTEN)

    @property
    def webhook_path(self) -> str:
        """The path of WEBHOOK_URL: the proxy passes it on unchanged, so the bot listens there."""
        return urlsplit(self.webhook_url).path or "/"

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
        # a check across several settings has no single field: its message names them
        raise ConfigError(f"{name}: {msg}" if err["loc"] else msg) from None


def split_host_port(value: str) -> tuple[str, int]:
    """``host:port`` (``[::]:8080`` for IPv6) as (host, port); port -1 if it is not a number."""
    host, _, port = value.rpartition(":")
    return host.strip("[]"), int(port) if port.isdigit() else -1
