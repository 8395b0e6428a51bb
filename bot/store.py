"""The store of the configured bot: DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite)."""

from __future__ import annotations

from bot.config import Settings
from storage.database import Database
from storage.store import describe, open_store


def database_url(settings: Settings) -> str | None:
    """The PostgreSQL URL, or None for SQLite. It may hold a password: never log it."""
    return settings.database_url.get_secret_value() if settings.database_url else None


async def open_settings_store(settings: Settings, *, upto: int | None = None) -> Database:
    if database_url(settings) is None:
        settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    return await open_store(settings.database_path, database_url(settings), upto=upto)


def store_place(settings: Settings) -> str:
    return describe(settings.database_path, database_url(settings))
