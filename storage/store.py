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


async def schema_of(path: Path, url: str | None) -> int:
    """The store's schema version now (0 for a store not yet made), without migrating."""
    if url:
        return await _pg_schema(url)
    return _sqlite_schema(path)


async def _pg_schema(url: str) -> int:
    from storage.pg import connect, pg_version

    async with await connect(url) as conn:
        return await pg_version(conn)


def _sqlite_schema(path: Path) -> int:
    import sqlite3

    from storage.db import StoreError, describe_open_error

    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise StoreError(describe_open_error(path, exc)) from None


async def migrate_store(path: Path, url: str | None) -> tuple[int, int]:
    """Bring the store to this program's schema; (version before, version after)."""
    before = await schema_of(path, url)
    db = await open_store(path, url)
    await db.close()
    return before, await schema_of(path, url)
