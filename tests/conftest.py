"""Fixtures shared by every test folder: the store on both engines (tests/support/stores.py).

``store_db``: an opened, migrated store, once on SQLite and once on PostgreSQL.
``test_store``: the same store, for tests that open it several times or at an old schema.
``sqlite_db``: a SQLite file only, for tests about SQLite itself (PRAGMAs, query plans).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import Database
from storage.db import SqliteDatabase, open_db
from tests.support.stores import BACKENDS, TestStore, dispose, make_store


@pytest.fixture(params=BACKENDS)
async def test_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[TestStore]:
    store = await make_store(request.param, tmp_path)
    try:
        yield store
    finally:
        await dispose(store)


@pytest.fixture
async def store_db(test_store: TestStore) -> Database:
    return await test_store.open()


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[SqliteDatabase]:
    db = await open_db(tmp_path / "news.sqlite3")
    yield db
    await db.close()
