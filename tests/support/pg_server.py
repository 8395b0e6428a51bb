"""The real PostgreSQL server the PostgreSQL tests use (127.0.0.1:5432, database ``test``).

``TEST_DATABASE_URL`` points elsewhere. When no server answers, the tests that need one are
skipped with the reason spelled out, never passed silently.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from tests.support.stores import PG_URL, skip_without_pg


async def pg_url_or_skip() -> str:
    """The server's URL, or skip the test loudly (the store tests' reason) if it does not answer."""
    skip_without_pg()
    return PG_URL


@asynccontextmanager
async def fresh_schema(url: str, *sql_files: str) -> AsyncIterator[str]:
    """A schema of its own (dropped after) with ``sql_files`` applied; yields a connection
    string whose sessions use it."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
        await admin.execute(f"CREATE SCHEMA {name}")
        try:
            async with await psycopg.AsyncConnection.connect(
                url, autocommit=True, options=f"-csearch_path={name}"
            ) as conn:
                for path in sql_files:
                    await conn.execute(Path(path).read_text(encoding="utf-8"))  # noqa: ASYNC240
            yield make_conninfo(url, options=f"-csearch_path={name}")
        finally:
            await admin.execute(f"DROP SCHEMA {name} CASCADE")
