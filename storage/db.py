"""Opening the SQLite store: connection settings and numbered schema migrations.

Migrations are the files ``storage/migrations/NNNN_name.sql``. Each one whose number is above
the file's ``PRAGMA user_version`` is applied in order, in its own transaction that also sets
``user_version`` to its number, so a newer program upgrades an older file and a failed step
leaves the file at the last good version. Numbers may have gaps.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import aiosqlite

from storage.database import Database, SqliteDatabase, transaction

__all__ = ["Database", "SqliteDatabase", "transaction"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
# Another program's write (a backup, an ingest beside the bot) may hold the file for seconds:
# wait for it rather than answer a user "something went wrong".
BUSY_TIMEOUT_MS = 30_000
OPEN_BUSY_TIMEOUT_MS = 5_000
# Listings read a few index pages and rows; the OS page cache holds the rest of the file.
# A bigger SQLite cache or memory-mapped reads only add to the bot's resident memory
# (measured: 32 MB cache + 256 MB mmap cost the bot ~60 MB RSS at 100,000 articles).
CACHE_KIB = 8 * 1024
MMAP_BYTES = 0


class SchemaError(Exception):
    """The database file cannot be used by this program (e.g. it is newer)."""


class StoreError(SchemaError):
    """The store file cannot be opened; ``str()`` names the file and says what to do."""


def describe_open_error(path: Path, exc: BaseException) -> str:
    """One line for a failure to open or migrate ``path``."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return (
            f"{path} is not a readable SQLite database (corrupt?): restore it from a backup, "
            "or move it away and the bot starts a new one"
        )
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return f"{path} is read-only: let the bot's user write the file and its folder"
    if "locked" in text or "busy" in text:
        return (
            f"{path} is locked by another program: stop it (an open sqlite3 shell, a backup "
            "tool) and start again"
        )
    if "unable to open" in text:
        return f"cannot open {path}: check that its folder exists and is writable"
    return f"{path}: {exc}"


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    path: Path

    def statements(self) -> list[str]:
        return split_statements(self.path.read_text(encoding="utf-8"))


@cache
def migrations(directory: Path = MIGRATIONS_DIR) -> tuple[Migration, ...]:
    """The migrations in ``directory`` (the shipped ones by default), in number order."""
    found: dict[int, Migration] = {}
    for path in directory.glob("*.sql"):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            continue
        number = int(match.group(1))
        if number in found:
            raise SchemaError(
                f"two migrations numbered {number}: {found[number].path.name}, {path.name}"
            )
        found[number] = Migration(number, path)
    return tuple(found[n] for n in sorted(found))


def schema_version() -> int:
    """The highest migration number shipped: what ``open_db`` brings every file up to."""
    shipped = migrations()
    return shipped[-1].number if shipped else 0


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers' BEGIN ... END kept whole).

    ``executescript`` would commit the migration's transaction first, so statements are run
    one by one inside it instead.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if _has_code(statement):
                statements.append(statement)
            buffer = ""
    if _has_code(buffer):
        statements.append(buffer.strip())  # no final semicolon
    return statements


def _has_code(sql: str) -> bool:
    return any(ln.strip() and not ln.strip().startswith("--") for ln in sql.splitlines())


async def open_db(path: Path | str, *, upto: int | None = None) -> SqliteDatabase:
    """Open (creating it and its folder if needed) and migrate the store at ``path``.

    ``upto`` stops at that migration number (tests build "older" files with it).
    The connection is in autocommit mode (``isolation_level = None``): a lone statement
    commits at once and no implicit transaction is ever left open to block other writers;
    ``commit()`` is harmless. Use ``transaction()`` for work that must be all-or-nothing.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(describe_open_error(path, exc)) from None
    db = SqliteDatabase(conn)
    try:
        conn.row_factory = aiosqlite.Row
        # a short wait while opening: a file locked at start is reported, not waited on
        await db.execute(f"PRAGMA busy_timeout = {OPEN_BUSY_TIMEOUT_MS}")
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA synchronous = NORMAL")
        await db.execute("PRAGMA foreign_keys = ON")
        # Reads of a large store: a bigger page cache and memory-mapped I/O (read-only use).
        await db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        await db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        await migrate(db, upto=upto)
        # a read-only file opens and reads fine; find out now, not at the first /subscribe
        await conn.execute("BEGIN IMMEDIATE")
        await conn.rollback()
        await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except (sqlite3.Error, OSError) as exc:
        await db.close()
        raise StoreError(describe_open_error(path, exc)) from None
    except SchemaError as exc:  # a migration that could not write, or a newer file
        await db.close()
        cause = exc.__cause__
        if isinstance(cause, sqlite3.Error):
            raise StoreError(describe_open_error(path, cause)) from None
        raise StoreError(f"{path}: {exc}: run the newer program, or restore a backup") from None
    except BaseException:
        await db.close()
        raise
    return db


async def user_version(db: Database) -> int:
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(
    db: Database, *, upto: int | None = None, directory: Path = MIGRATIONS_DIR
) -> list[int]:
    """Apply every pending migration of ``directory``; returns the numbers applied."""
    shipped = migrations(directory)
    newest = shipped[-1].number if shipped else 0
    current = await user_version(db)
    if current > newest:
        raise SchemaError(
            f"the database is at schema {current}, newer than this program's {newest}"
        )
    applied: list[int] = []
    for migration in shipped:
        if migration.number <= current or (upto is not None and migration.number > upto):
            continue
        if await _apply(db, migration):
            applied.append(migration.number)
    return applied


async def _apply(db: Database, migration: Migration) -> bool:
    async with transaction(db):
        # Re-read under the write lock: another process may have migrated meanwhile.
        if await user_version(db) >= migration.number:
            return False
        for statement in migration.statements():
            try:
                await db.execute(statement)
            except sqlite3.Error as exc:
                raise SchemaError(f"migration {migration.path.name} failed: {exc}") from exc
        await db.execute(f"PRAGMA user_version = {migration.number:d}")
    return True
