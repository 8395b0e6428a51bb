"""Two replicas writing the same thing at the same moment on PostgreSQL (issue 10).

SQLite has one writer at a time (BEGIN IMMEDIATE), and the store's check-then-write steps —
"is this chat known? then insert it", "is this URL a source? then add it" — rely on it. On
PostgreSQL, READ COMMITTED lets two replicas both see "not there" and both insert: the second
gets a unique-key error instead of the answer. The store's transactions take turns there too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from storage.database import Database, transaction
from storage.sources import SourceExists, SourceStore
from storage.subscriptions import SubscriptionStore
from tests.support.stores import TestStore, create_schema, dispose, skip_without_pg

ROUNDS = 40


async def _two_replicas(tmp_path: Path) -> tuple[TestStore, Database, Database]:
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    return store, await store.open(), await store.open()


async def test_the_same_new_chat_from_two_replicas_at_once(tmp_path: Path) -> None:
    store, first, second = await _two_replicas(tmp_path)
    try:

        async def upsert(db: Database, chat_id: int) -> bool:
            async with transaction(db):
                _, revived = await SubscriptionStore(db).upsert_chat_tx(
                    chat_id, "private", None, "ru", 0
                )
            return revived

        for chat_id in range(1, ROUNDS + 1):
            results = await asyncio.gather(upsert(first, chat_id), upsert(second, chat_id))
            assert list(results) == [False, False]
        rows = await first.execute_fetchall("SELECT count(*) FROM chats")
        assert rows[0][0] == ROUNDS
    finally:
        await dispose(store)


async def test_the_same_source_added_on_two_replicas_at_once(tmp_path: Path) -> None:
    store, first, second = await _two_replicas(tmp_path)
    now = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    try:
        for n in range(ROUNDS):
            url = f"https://example.org/feed{n}.rss"
            results = await asyncio.gather(
                SourceStore(first).add(url, "A", now=now),
                SourceStore(second).add(url, "B", now=now),
                return_exceptions=True,
            )
            # one adds it, the other is told it exists: never a database error
            assert sorted(type(r).__name__ for r in results) == ["Source", "SourceExists"], results
            assert any(isinstance(r, SourceExists) for r in results)
    finally:
        await dispose(store)
