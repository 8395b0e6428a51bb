"""The PostgreSQL store (DATABASE_URL=postgresql://...): psycopg 3 with a connection pool.

Why psycopg 3 rather than asyncpg: its async API is cursor-shaped like aiosqlite's (execute,
fetchone, fetchall, executemany, rowcount), so one interface (storage.database) serves both
engines with no rewrite of the callers; it also speaks COPY (copy-store) and gives a plain
AsyncConnection for session advisory locks (the delivery leader).

Lone statements run on any pooled connection in autocommit mode. ``transaction()`` takes one
connection for the block and, through a context variable, routes every statement the task
makes on this object to it, so ``async with transaction(db): await db.execute(...)`` keeps
working as it does on SQLite's single connection.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, SupportsIndex, overload

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import AsyncConnectionPool

from storage.database import Call, Cursor, Database, Dialect, Params
from storage.db import Migration, SchemaError, StoreError, migrations
from storage.pg_text import describe_pg_error

MIGRATIONS_DIR = Path(__file__).with_name("migrations_pg")
CONNECT_TIMEOUT_S = 10
POOL_SIZE = 8


class PgRow(tuple[Any, ...]):
    """A result row indexable by position and by column name, like sqlite3.Row."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    @overload
    def __getitem__(self, key: SupportsIndex | str, /) -> Any: ...
    @overload
    def __getitem__(self, key: slice, /) -> tuple[Any, ...]: ...
    def __getitem__(self, key: SupportsIndex | str | slice, /) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[PgRow]:
    index = {name: i for i, name in enumerate(names)}
    return type("PgRow", (PgRow,), {"__slots__": (), "_index": index})


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    return _row_class(names)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """``?`` -> ``%s``, ``:name`` -> ``%(name)s``, a literal ``%`` -> ``%%``; quoted text and
    identifiers are copied as they are (only their ``%`` doubled). PostgreSQL's ``::`` casts
    are left alone. Numbered ``?4`` placeholders are refused: write the value again."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            end = n - 1 if end < 0 else end
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
            continue
        if ch == "?":
            if i + 1 < n and sql[i + 1].isdigit():
                raise ValueError(f"numbered placeholder in SQL for PostgreSQL: {sql[i : i + 4]}")
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        elif ch == ":" and _NAME.match(sql, i + 1) and (i == 0 or sql[i - 1] != ":"):
            name = _NAME.match(sql, i + 1)
            assert name is not None
            out.append(f"%({name.group()})s")
            i = name.end()
            continue
        elif ch == ":" and i + 1 < n and sql[i + 1] == ":":
            out.append("::")
            i += 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


_NAME = re.compile(r"[A-Za-z_]\w*")


def _adapt(params: Params) -> Params:
    """The store's flags are 0/1 integers on both engines: a Python bool goes as an int."""
    if isinstance(params, dict):
        return {k: int(v) if isinstance(v, bool) else v for k, v in params.items()}
    return tuple(int(v) if isinstance(v, bool) else v for v in params)


class PgCursor:
    """A finished statement's rows and rowcount (the connection is already back in the pool)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    async def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    async def fetchall(self) -> list[Any]:
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    async def close(self) -> None:
        self._rows = []


class _PgCall:
    def __init__(self, pending: Any) -> None:
        self._pending = pending

    def __await__(self) -> Any:
        return self._pending.__await__()

    async def __aenter__(self) -> Cursor:
        cursor: Cursor = await self._pending
        return cursor

    async def __aexit__(self, *exc: object) -> None:
        return None


# the transaction-level lock every write transaction takes first (released at its end)
_WRITER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('news-bot writer ' || current_schema()))"


class PostgresDatabase(Database):
    dialect: Dialect = "postgresql"
    Error = psycopg.Error

    def __init__(self, pool: AsyncConnectionPool[Any], where: str, conninfo: str = "") -> None:
        self.pool = pool
        self.where = where  # host:port/db, never the password: for messages
        self._conninfo = conninfo  # may hold the password: never log it
        self._tx: ContextVar[psycopg.AsyncConnection[Any] | None] = ContextVar(
            f"pg_tx_{id(self)}", default=None
        )
        # this process's writers queue here, not each on a pooled connection of its own
        self._writers = asyncio.Lock()

    def execute(self, sql: str, params: Params = ()) -> Call:
        return _PgCall(self._run(sql, params))

    async def _run(self, sql: str, params: Params) -> Cursor:
        conn = self._tx.get()
        if conn is not None:
            return await _on(conn, sql, params)
        async with self.pool.connection() as conn:
            return await _on(conn, sql, params)

    async def executemany(self, sql: str, seq: Iterable[Params]) -> None:
        rows = [_adapt(p) for p in seq]
        if not rows:
            return
        conn = self._tx.get()
        if conn is not None:
            async with conn.cursor() as cur:
                await cur.executemany(translate(sql), rows)
            return
        async with self.pool.connection() as conn, conn.cursor() as cur:
            await cur.executemany(translate(sql), rows)

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        cursor = await self._run(sql, params)
        return list(await cursor.fetchall())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """One pooled connection for the block; a nested block is a savepoint on it.

        Write transactions take turns, per schema, as SQLite's one writer does: the store's
        check-then-write steps ("a new chat? insert it", "a known source URL?") were written
        for that, and under READ COMMITTED two replicas would both see "not there" and the
        second would meet a unique-key error instead of its answer. Telegram's 30 messages a
        second keep writes far below what one writer at a time allows; single statements
        outside a block (the outbox claim with SKIP LOCKED, reads) do not wait."""
        current = self._tx.get()
        if current is not None:
            async with current.transaction():
                yield self
            return
        async with self._writers, self.pool.connection() as conn, conn.transaction():
            await conn.execute(_WRITER_LOCK)
            token = self._tx.set(conn)
            try:
                yield self
            finally:
                self._tx.reset(token)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        """A pooled connection of one's own (COPY, advisory locks)."""
        async with self.pool.connection() as conn:
            yield conn

    async def session(self) -> psycopg.AsyncConnection[Any]:
        """A connection of its own, outside the pool (autocommit), for session-level state
        held for long: a leader's advisory lock dies with it. The caller closes it."""
        return await psycopg.AsyncConnection.connect(
            self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
        )

    @property
    def in_transaction(self) -> bool:
        return self._tx.get() is not None

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """A session advisory lock (per schema) on a connection of its own; closing it frees
        the lock, also when the process dies holding it."""
        conn = await self.session()
        try:
            await conn.execute(
                "SELECT pg_advisory_lock(hashtext(%s || ' ' || current_schema()))", (name,)
            )
            yield
        finally:
            await conn.close()

    async def close(self) -> None:
        await self.pool.close()


async def _on(conn: psycopg.AsyncConnection[Any], sql: str, params: Params) -> Cursor:
    async with conn.cursor(row_factory=_row_factory) as cur:
        await cur.execute(translate(sql), _adapt(params))
        rows = await cur.fetchall() if cur.description is not None else []
        return PgCursor(rows, cur.rowcount)


# --- opening and migrating -----------------------------------------------------------------


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def where(url: str) -> str:
    """``host:port/db`` of a URL: what messages name (never the user's password)."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "the DATABASE_URL given (unreadable)"
    return f"{info.get('host') or 'localhost'}:{info.get('port') or 5432}/{info.get('dbname', '')}"


class PgStoreError(StoreError):
    """One line: which server, what went wrong, what to do (no password)."""


def _reason(exc: BaseException, url: str) -> str:
    return describe_pg_error(url, exc).removeprefix("connection failed: ")


def conninfo(url: str, *, search_path: str | None = None) -> str:
    """The URL with the schema search path set on every connection (tests' own schemas)."""
    if search_path is None:
        return url
    return make_conninfo(url, options=f"-c search_path={search_path}")


async def connect(url: str, *, search_path: str | None = None) -> psycopg.AsyncConnection[Any]:
    """One connection in autocommit mode, or PgStoreError naming the server and the reason."""
    try:
        return await psycopg.AsyncConnection.connect(
            conninfo(url, search_path=search_path),
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
        )
    except psycopg.Error as exc:
        raise PgStoreError(
            f"cannot reach PostgreSQL at {where(url)}: {_reason(exc, url)} — check DATABASE_URL"
        ) from None


async def open_pg(
    url: str, *, upto: int | None = None, search_path: str | None = None, size: int = POOL_SIZE
) -> PostgresDatabase:
    """Connect, migrate (once, even with several replicas starting together) and pool."""
    info = conninfo(url, search_path=search_path)
    place = where(url)
    first = await connect(url, search_path=search_path)
    try:
        await migrate_pg(first, upto=upto)
    except psycopg.Error as exc:
        raise PgStoreError(
            f"PostgreSQL at {place}: migrating failed: {_reason(exc, url)}"
        ) from None
    except SchemaError as exc:  # a newer store
        raise PgStoreError(
            f"PostgreSQL at {place}: {exc}: run the newer program, or restore a backup"
        ) from None
    finally:
        await first.close()
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        info,
        min_size=1,
        max_size=size,
        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
        open=False,
    )
    await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
    return PostgresDatabase(pool, place, info)


def pg_migrations() -> tuple[Migration, ...]:
    return migrations(MIGRATIONS_DIR)


async def pg_version(conn: psycopg.AsyncConnection[Any]) -> int:
    cur = await conn.execute("SELECT to_regclass('schema_version') IS NOT NULL")
    exists = await cur.fetchone()
    if not exists or not exists[0]:
        return 0
    cur = await conn.execute("SELECT coalesce(max(version), 0) FROM schema_version")
    row = await cur.fetchone()
    return int(row[0]) if row else 0


async def migrate_pg(conn: psycopg.AsyncConnection[Any], *, upto: int | None = None) -> list[int]:
    """Apply the pending migrations of storage/migrations_pg, each in its own transaction under
    a transaction-level advisory lock (per schema): a second replica starting at the same time
    waits, then finds the work done. Returns the numbers applied."""
    shipped = pg_migrations()
    newest = shipped[-1].number if shipped else 0
    applied: list[int] = []
    current = await pg_version(conn)
    if current > newest:
        raise SchemaError(
            f"the database is at schema {current}, newer than this program's {newest}"
        )
    for migration in shipped:
        if migration.number <= current or (upto is not None and migration.number > upto):
            continue
        async with conn.transaction():
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext('news-bot migrate ' || current_schema()))"
            )
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            if await pg_version(conn) >= migration.number:
                continue
            await conn.execute(migration.path.read_text(encoding="utf-8"))
            await conn.execute("DELETE FROM schema_version")
            await conn.execute(
                "INSERT INTO schema_version (version) VALUES (%s)", (migration.number,)
            )
        applied.append(migration.number)
    return applied
