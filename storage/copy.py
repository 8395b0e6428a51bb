"""Moving a SQLite store into an empty PostgreSQL one (``python -m bot copy-store``).

Every table the two stores share is copied with COPY, in one PostgreSQL transaction: either
the whole store arrives or nothing does. Ids are copied as they are (subscriptions, outbox
rows and tags keep pointing at the same articles and chats); the identity sequences are then
set past the highest id ever given (SQLite's sqlite_sequence included, so an id deleted
before the move is still never reused). The target must be empty: a second copy would mix
two stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storage.db import SqliteDatabase
from storage.pg import PostgresDatabase

# Parents before children (foreign keys); a table not named here (a later migration's) is
# copied after these, in name order.
ORDER = (
    "articles",
    "article_regions",
    "article_topics",
    "article_countries",
    "ingested_files",
    "sources",
    "article_sources",
    "article_signatures",
    "chats",
    "subscriptions",
    "subscription_terms",
    "outbox",
)
# PostgreSQL columns that stand for SQLite's rowid (see migrations_pg/0040)
ROWID_COLUMNS = {("article_sources", "seq")}
BATCH = 2000


class CopyError(Exception):
    """The copy cannot be done; one line saying why and what to do."""


@dataclass(frozen=True, slots=True)
class Copied:
    table: str
    rows: int


async def sqlite_tables(src: SqliteDatabase) -> list[str]:
    rows = await src.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%'"
    )
    names = {str(r[0]) for r in rows}
    return [t for t in ORDER if t in names] + sorted(names - set(ORDER))


async def _sqlite_columns(src: SqliteDatabase, table: str) -> list[str]:
    # table_info leaves out generated columns (fts_key): they are computed, never copied
    return [str(r[1]) for r in await src.execute_fetchall(f"PRAGMA table_info({table})")]


async def _pg_columns(dst: PostgresDatabase, table: str) -> list[str]:
    rows = await dst.execute_fetchall(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
        (table,),
    )
    return [str(r[0]) for r in rows]


async def _pg_tables(dst: PostgresDatabase) -> set[str]:
    rows = await dst.execute_fetchall(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {str(r[0]) for r in rows}


async def non_empty(dst: PostgresDatabase, tables: list[str]) -> list[str]:
    """Tables of the target holding rows (the seeds source every new store has excepted)."""
    full = []
    for table in tables:
        where = " WHERE url != 'seeds:'" if table == "sources" else ""
        rows = await dst.execute_fetchall(f"SELECT EXISTS (SELECT 1 FROM {table}{where})")
        if rows[0][0]:
            full.append(table)
    return full


async def copy_store(
    src: SqliteDatabase, dst: PostgresDatabase, *, progress: Callable[[Copied], None] | None = None
) -> list[Copied]:
    """Copy every shared table of ``src`` into the empty, migrated ``dst``; all or nothing."""
    pg_tables = await _pg_tables(dst)
    tables = [t for t in await sqlite_tables(src) if t in pg_tables]
    full = await non_empty(dst, tables)
    if full:
        raise CopyError(
            f"the PostgreSQL store at {dst.where} is not empty ({', '.join(full)} hold rows): "
            "copy into a new database or schema"
        )
    plan = []
    for table in tables:
        pg_cols = await _pg_columns(dst, table)
        sqlite_cols = set(await _sqlite_columns(src, table))
        cols = [c for c in pg_cols if c in sqlite_cols or (table, c) in ROWID_COLUMNS]
        select = ", ".join("rowid" if (table, c) in ROWID_COLUMNS else c for c in cols)
        plan.append((table, cols, select))
    done: list[Copied] = []
    async with dst.connection() as conn, conn.transaction():
        await conn.execute("DELETE FROM sources")  # the new store's seeds row: the file's comes
        for table, cols, select in plan:
            count = await _copy_table(src, conn, table, cols, select)
            done.append(Copied(table, count))
            if progress is not None:
                progress(done[-1])
        await _fix_sequences(src, conn, [t for t, _, _ in plan])
    return done


async def _copy_table(
    src: SqliteDatabase, conn: Any, table: str, cols: list[str], select: str
) -> int:
    count = 0
    names = ", ".join(cols)
    async with conn.cursor() as cur:
        async with (
            cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            src.connection.execute(f"SELECT {select} FROM {table}") as rows,
        ):
            while batch := list(await rows.fetchmany(BATCH)):
                for row in batch:
                    await copy.write_row(tuple(row))
                count += len(batch)
        check = await cur.execute(f"SELECT count(*) FROM {table}")
        copied = await check.fetchone()
    if copied is None or int(copied[0]) != count:
        raise CopyError(f"{table}: {count} rows read but {copied} arrived; nothing was copied")
    return count


async def _fix_sequences(src: SqliteDatabase, conn: Any, tables: list[str]) -> None:
    """Each identity column's sequence past the highest id ever given."""
    given = {
        str(r[0]): int(r[1])
        for r in await src.execute_fetchall("SELECT name, seq FROM sqlite_sequence")
    }
    cur = await conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE "
        "table_schema = current_schema() AND is_identity = 'YES'"
    )
    for table, column in await cur.fetchall():
        if table not in tables:
            continue
        top = await conn.execute(f"SELECT coalesce(max({column}), 0) FROM {table}")
        highest = max(int((await top.fetchone())[0]), given.get(table, 0))
        if highest > 0:
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)", (table, column, highest)
            )
