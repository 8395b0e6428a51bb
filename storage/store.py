"""Opening the store the configuration names: PostgreSQL when a DATABASE_URL is given,
else the SQLite file (the embedded default, no server needed)."""

from __future__ import annotations

from pathlib import Path

from storage.database import Database


async def open_store(path: Path, url: str | None = None, *, upto: int | None = None) -> Database:
    """Open and migrate the store: ``url`` (postgresql://...) if given, else the file."""
    if url:
        from storage.pg import open_pg  # psycopg is loaded only for a PostgreSQL store

        return await open_pg(url, upto=upto)
    from storage.db import open_db

    return await open_db(path, upto=upto)


def describe(path: Path, url: str | None) -> str:
    """Where the store is, for messages: the file, or host:port/db (never a password)."""
    if url:
        from storage.pg import where

        return f"PostgreSQL {where(url)}"
    return str(path)
