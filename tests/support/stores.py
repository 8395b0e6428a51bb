"""Stores for tests, on both engines: a SQLite file in tmp_path, or a PostgreSQL schema of
its own (CREATE SCHEMA test_<random>; every pooled connection's search_path set to it; DROP
SCHEMA ... CASCADE after the test).

The server is TEST_DATABASE_URL, by default the one this project's machines start
(postgresql://postgres@127.0.0.1:5432/test). When none answers, the PostgreSQL cases are
skipped with the reason (pytest -rs prints it), never passed silently.
"""

from __future__ import annotations

import functools
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from storage.database import Database
from storage.db import open_db
from storage.pg import open_pg, where

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


@functools.cache
def pg_unreachable() -> str | None:
    """Why the PostgreSQL cases cannot run here, or None when the server answers."""
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split())[:200]
        return (
            f"PostgreSQL not reachable at {where(PG_URL)} ({reason}): "
            "PostgreSQL store tests skipped"
        )
    return None


def skip_without_pg() -> None:
    reason = pg_unreachable()
    if reason is not None:
        pytest.skip(reason)


@dataclass
class TestStore:
    """One test's store; ``open()`` gives another connection (or pool) to the same data."""

    backend: str
    path: Path  # the SQLite file (also where a PostgreSQL test keeps other files)
    schema: str | None = None
    opened: list[Database] = field(default_factory=list)

    __test__ = False  # not a test class

    @property
    def url(self) -> str:
        """A DATABASE_URL reaching this store (PostgreSQL), with its schema as search path."""
        assert self.schema is not None
        joint = "&" if "?" in PG_URL else "?"
        return f"{PG_URL}{joint}options=-csearch_path%3D{self.schema}"

    async def open(self, *, upto: int | None = None) -> Database:
        if self.backend == "sqlite":
            db: Database = await open_db(self.path, upto=upto)
        else:
            db = await open_pg(PG_URL, upto=upto, search_path=self.schema, size=4)
        self.opened.append(db)
        return db

    async def close(self) -> None:
        while self.opened:
            await self.opened.pop().close()


async def create_schema() -> str:
    schema = f"test_{secrets.token_hex(6)}"
    async with await psycopg.AsyncConnection.connect(PG_URL, autocommit=True) as conn:
        await conn.execute(f"CREATE SCHEMA {schema}")
    return schema


async def drop_schema(schema: str) -> None:
    async with await psycopg.AsyncConnection.connect(PG_URL, autocommit=True) as conn:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


async def make_store(backend: str, tmp_path: Path) -> TestStore:
    if backend == "postgresql":
        skip_without_pg()
        return TestStore(backend, tmp_path / "news.sqlite3", await create_schema())
    return TestStore(backend, tmp_path / "news.sqlite3")


async def dispose(store: TestStore) -> None:
    await store.close()
    if store.schema is not None:
        await drop_schema(store.schema)
