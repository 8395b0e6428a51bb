"""Opening the store: connection settings, the migration runner, upgrading older files.

Reopening and transactions run on both engines (``test_store``); the rest is about the SQLite
file itself (PRAGMAs, user_version, the statement splitter, the file-based migration runner)
and is SQLite-only. PostgreSQL's migrations: tests/storage/test_pg_store.py."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.db import (
    MIGRATIONS_DIR,
    SchemaError,
    migrate,
    open_db,
    schema_version,
    split_statements,
    transaction,
    user_version,
)
from storage.ingest import SEEDS_ROOT, ingest_dir
from tests.storage.test_store_upgrade import made_by_older_program
from tests.support.stores import TestStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


async def test_open_creates_folder_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "news.sqlite3"
    db = await open_db(path)
    try:
        assert path.exists()
        pragmas = {}
        for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout"):
            async with db.execute(f"PRAGMA {name}") as cursor:
                row = await cursor.fetchone()
                assert row is not None
                pragmas[name] = row[0]
        assert pragmas["journal_mode"] == "wal"
        assert pragmas["foreign_keys"] == 1
        assert pragmas["synchronous"] == 1  # NORMAL
        assert pragmas["busy_timeout"] > 0
        assert await user_version(db) == schema_version()
        # autocommit: no implicit transaction left open
        assert db.connection.isolation_level is None
    finally:
        await db.close()


def test_schema_version_is_the_highest_shipped_file() -> None:
    numbers = [int(p.name[:4]) for p in MIGRATIONS_DIR.glob("*.sql") if re.match(r"\d{4}_", p.name)]
    assert numbers
    assert schema_version() == max(numbers)


def test_split_statements_keeps_triggers_whole() -> None:
    script = (
        "-- a comment\nCREATE TABLE t (x);\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO t VALUES (1);\n"
        "  INSERT INTO t VALUES (2);\nEND;\nCREATE INDEX i ON t (x)"
    )
    statements = split_statements(script)
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


async def test_reopen_keeps_data_and_applies_nothing(test_store: TestStore) -> None:
    db = await test_store.open()
    await ingest_dir(db, SEEDS)
    await test_store.close()
    db = await test_store.open()
    if db.dialect == "sqlite":
        assert await migrate(db) == []
    else:
        assert await pending_pg(test_store) == []
    async with db.execute("SELECT count(*) FROM articles") as cursor:
        assert (await cursor.fetchone())[0] == 5


async def pending_pg(store: TestStore) -> list[int]:
    import psycopg

    from storage.pg import migrate_pg

    async with await psycopg.AsyncConnection.connect(store.url, autocommit=True) as conn:
        return await migrate_pg(conn)


async def test_file_with_only_the_first_migration_is_upgraded(tmp_path: Path) -> None:
    """An older program's file (schema 1, with articles) opened by this one."""
    path = tmp_path / "old.sqlite3"
    # Written by this program then cut back to schema 1: today's writer needs today's columns.
    ids = await made_by_older_program(path, 1, SEEDS)
    old = await open_db(path, upto=1)
    assert await user_version(old) == 1
    await old.close()

    db = await open_db(path)
    try:
        assert await user_version(db) == schema_version()
        async with db.execute("SELECT id FROM articles ORDER BY id") as cursor:
            assert [row[0] for row in await cursor.fetchall()] == ids
        again = await ingest_dir(
            db, SEEDS, root=SEEDS_ROOT
        )  # migration 0040: the seeds folder by name
        assert len(again.unchanged) == 5 and not again.added
    finally:
        await db.close()


def _write_migrations(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, sql in files.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


async def test_runner_applies_in_order_with_gaps_and_keeps_data(tmp_path: Path) -> None:
    v1 = _write_migrations(tmp_path / "v1", {"0001_base.sql": "CREATE TABLE t (a TEXT);"})
    v2 = _write_migrations(
        tmp_path / "v2",
        {
            "0001_base.sql": "CREATE TABLE t (a TEXT);",
            "0010_more.sql": (
                "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x';\nCREATE INDEX tb ON t (b);"
            ),
            "0003_mid.sql": "CREATE TABLE u (c INTEGER);",
            "notes.txt": "not a migration",
        },
    )
    db = await open_db(tmp_path / "x.sqlite3", upto=0)
    try:
        assert await migrate(db, directory=v1) == [1]
        await db.execute("INSERT INTO t (a) VALUES ('kept')")
        assert await migrate(db, directory=v2) == [3, 10]
        assert await user_version(db) == 10
        async with db.execute("SELECT a, b FROM t") as cursor:
            assert [tuple(r) for r in await cursor.fetchall()] == [("kept", "x")]
    finally:
        await db.close()


async def test_failed_migration_rolls_back_and_stays_at_last_good(tmp_path: Path) -> None:
    folder = _write_migrations(
        tmp_path / "m",
        {
            "0001_base.sql": "CREATE TABLE t (a TEXT);",
            "0002_bad.sql": "CREATE TABLE half (x);\nINSERT INTO no_such_table VALUES (1);",
        },
    )
    db = await open_db(tmp_path / "x.sqlite3", upto=0)
    try:
        with pytest.raises(SchemaError, match=r"0002_bad\.sql"):
            await migrate(db, directory=folder)
        assert await user_version(db) == 1
        async with db.execute("SELECT name FROM sqlite_master WHERE name = 'half'") as cursor:
            assert await cursor.fetchone() is None
    finally:
        await db.close()


async def test_newer_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    with pytest.raises(SchemaError, match="newer"):
        await open_db(path)


async def test_transaction_rolls_back_on_error(store_db: Database) -> None:
    db = store_db
    with pytest.raises(RuntimeError):
        async with transaction(db):
            await db.execute(
                "INSERT INTO ingested_files (path, directory, size, mtime_ns, file_hash, "
                "ingested_at) VALUES ('/a', '/', 1, 1, 'h', 'now')"
            )
            assert db.in_transaction
            raise RuntimeError("boom")
    async with db.execute("SELECT count(*) FROM ingested_files") as cursor:
        assert (await cursor.fetchone())[0] == 0
    assert not db.in_transaction
    async with transaction(db):  # and a block that ends well commits
        await db.execute(
            "INSERT INTO ingested_files (path, directory, size, mtime_ns, file_hash, "
            "ingested_at) VALUES ('/b', '/', 1, 1, 'h', 'now')"
        )
    rows = await db.execute_fetchall("SELECT path FROM ingested_files")
    assert [tuple(r) for r in rows] == [("/b",)]
