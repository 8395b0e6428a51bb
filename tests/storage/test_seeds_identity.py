"""A file article's identity is its path inside SEEDS_DIR: moving the folder adds nothing.

Before migration 0040 files were keyed by their absolute path; the migration converts the
seeds folder's rows (the folder ingested first), so an existing store survives a move too.
The move runs on both engines; the conversion is of old SQLite files only (a PostgreSQL store
never held absolute paths: storage/migrations_pg/0040), so that test is SQLite-only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from storage.database import Database
from storage.db import open_db
from storage.ingest import SEEDS_ROOT, ensure_seeded, ingest_dir
from storage.tags import stale_tags
from tests.support.stores import TestStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


async def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in await db.execute_fetchall(sql)]


async def test_moving_the_seeds_folder_re_adds_nothing(
    tmp_path: Path, test_store: TestStore
) -> None:
    first = tmp_path / "seeds"
    shutil.copytree(SEEDS, first)
    db = await test_store.open()
    try:
        report = await ensure_seeded(db, first)
        assert report is not None and report.added == NAMES
        ids = await _rows(db, "SELECT id, source_path FROM articles ORDER BY id")
        assert [row[1] for row in ids] == [SEEDS_ROOT + name for name in NAMES]
        moved = tmp_path / "elsewhere" / "articles"
        first.rename(tmp_path / "gone")
        shutil.copytree(tmp_path / "gone", moved)
        again = await ingest_dir(db, moved, root=SEEDS_ROOT)
        assert again.unchanged == NAMES and not (again.added or again.removed or again.updated)
        assert await _rows(db, "SELECT id, source_path FROM articles ORDER BY id") == ids
    finally:
        await test_store.close()


async def test_migration_converts_absolute_paths_of_the_seeds_folder(tmp_path: Path) -> None:
    """SQLite-only: an old SQLite file's absolute paths converted by migration 0040."""
    seeds, other = tmp_path / "seeds", tmp_path / "other"
    shutil.copytree(SEEDS, seeds)
    other.mkdir()
    shutil.copy(SEEDS / NAMES[0], other / "extra.txt")
    path = tmp_path / "news.sqlite3"
    old = await open_db(path, upto=39)  # the schema before sources: absolute paths
    try:
        # today's writer also fills articles.tags (migration 0070): lent while the old store
        # is filled, then taken away, so 0070 adds it again and backfills it from the rows
        await old.execute("ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL DEFAULT ''")
        await ingest_dir(old, seeds)  # the first start seeds from SEEDS_DIR
        await ingest_dir(old, other)
        await old.execute("ALTER TABLE articles DROP COLUMN tags")
        before = await _rows(old, "SELECT id FROM articles ORDER BY id")
        assert len(before) == len(NAMES) + 1
    finally:
        await old.close()
    db = await open_db(path)
    try:
        assert await stale_tags(db) == []
        keys = await _rows(db, "SELECT source_path FROM articles ORDER BY id")
        assert keys == [(SEEDS_ROOT + n,) for n in NAMES] + [(str(other.resolve() / "extra.txt"),)]
        moved = tmp_path / "moved"
        seeds.rename(moved)
        report = await ingest_dir(db, moved, root=SEEDS_ROOT)
        assert report.unchanged == NAMES and not (report.added or report.removed)
        assert await _rows(db, "SELECT id FROM articles ORDER BY id") == before
        untouched = await ingest_dir(db, other)  # another folder keeps its absolute key
        assert untouched.unchanged == ["extra.txt"]
    finally:
        await db.close()
