"""The store interface every module talks to, whichever engine holds the data.

The code was written against aiosqlite, so the interface keeps its call shapes: ``await
db.execute(sql, params)`` or ``async with db.execute(...) as cur``, ``fetchone``/``fetchall``,
``executemany``, ``execute_fetchall``, ``rowcount``, and ``transaction(db)``. Rows are indexable
by position and by column name. SQL is written once with ``?`` (and ``:name``) placeholders;
the PostgreSQL side translates them in one place (storage.pg). The few statements that differ
between engines are kept as two small strings side by side, chosen by ``db.dialect``.

SqliteDatabase wraps one aiosqlite connection (storage.db opens it); PostgresDatabase
(storage.pg) holds a connection pool.
"""

from __future__ import annotations

import asyncio
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Literal, Protocol

import aiosqlite

Dialect = Literal["sqlite", "postgresql"]
Params = Sequence[Any] | dict[str, Any]


class Row(Protocol):
    """One result row: ``row[0]`` and ``row["name"]`` both work (like sqlite3.Row)."""

    def __getitem__(self, key: int | str, /) -> Any: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    async def fetchone(self) -> Any: ...
    async def fetchall(self) -> Iterable[Any]: ...
    async def close(self) -> None: ...


class Call(Protocol):
    """What ``execute`` returns: await it, or use it as ``async with ... as cursor``."""

    def __await__(self) -> Generator[Any, None, Cursor]: ...
    async def __aenter__(self) -> Cursor: ...
    async def __aexit__(self, *exc: object) -> None: ...


class Database(ABC):
    """One store: lone statements commit at once; ``transaction()`` is all-or-nothing."""

    dialect: Dialect
    # the engine's error class (sqlite3.Error, psycopg.Error): callers that survive a failed
    # statement catch ``db.Error`` instead of naming an engine
    Error: type[Exception]

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> Call: ...

    @abstractmethod
    async def executemany(self, sql: str, seq: Iterable[Params]) -> None: ...

    @abstractmethod
    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]: ...

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Database]:
        """All statements of the block (made through this object) commit together."""

    @property
    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def exclusive(self, name: str) -> AbstractAsyncContextManager[None]:
        """One holder of ``name`` at a time among every process on this store (seeding the
        store on first start, say); the others wait."""

    @abstractmethod
    async def close(self) -> None: ...

    def pick(self, sqlite: str, postgresql: str) -> str:
        """The statement for this engine: ``db.pick(SQLITE_SQL, PG_SQL)``."""
        return sqlite if self.dialect == "sqlite" else postgresql


class SqliteDatabase(Database):
    """The embedded store: one aiosqlite connection in autocommit mode (see storage.db)."""

    dialect: Dialect = "sqlite"
    Error = sqlite3.Error

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection
        # tasks sharing the connection must not interleave their transactions
        self._lock = asyncio.Lock()

    def execute(self, sql: str, params: Params = ()) -> Call:
        # aiosqlite's own result object: awaitable and an async context manager
        result: Call = self.connection.execute(sql, params)  # type: ignore[assignment]
        return result

    async def executemany(self, sql: str, seq: Iterable[Params]) -> None:
        await self.connection.executemany(sql, seq)

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        return list(await self.connection.execute_fetchall(sql, params))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK if the block raises. Not re-entrant."""
        async with self._lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                await self.connection.rollback()
                raise
            await self.connection.commit()

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        # Nothing to take: one bot per file holds the store's instance lock
        # (storage/instance.py), and this connection's transactions take turns already.
        yield

    async def commit(self) -> None:
        await self.connection.commit()

    async def rollback(self) -> None:
        await self.connection.rollback()

    async def close(self) -> None:
        await self.connection.close()


def transaction(db: Database) -> AbstractAsyncContextManager[Database]:
    """``async with transaction(db):`` — the block's statements commit together or not at all."""
    return db.transaction()


async def scalar(db: Database, sql: str, params: Params = ()) -> Any:
    """The first column of the first row, or None."""
    rows = await db.execute_fetchall(sql, params)
    return rows[0][0] if rows else None
