"""``python -m bot migrate`` and ``python -m bot copy-store``: the real commands, a real SQLite
file and a real PostgreSQL schema (skipped, with the reason, when no server answers)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.services.subscriptions import SubscriptionService
from bot.store import database_url, store_place
from storage.articles import ArticleStore, delete_article
from storage.database import Database, transaction
from storage.db import open_db, schema_version
from storage.ingest import ingest_dir
from storage.outbox import OutboxStore, plan
from storage.sources import SourceStore
from storage.store import open_store
from tests.support.delivery_support import add_article
from tests.support.stores import TestStore, create_schema, dispose, skip_without_pg

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SEEDS = ROOT / "seeds"


def bot(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )


async def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(bot, *args, **env)


async def store_tables(db: Database) -> list[str]:
    """Every table of a SQLite store but FTS5's own: a table a later migration adds is
    counted too, so copy-store cannot leave it behind unnoticed."""
    rows = await db.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%' ORDER BY name"
    )
    return [str(r[0]) for r in rows]


async def counts(db: Database, tables: list[str]) -> dict[str, int]:
    out = {}
    for table in tables:
        rows = await db.execute_fetchall(f"SELECT count(*) FROM {table}")
        out[table] = int(rows[0][0])
    return out


async def _fill(db: Database, tmp_path: Path) -> None:
    """A store in use: articles (one deleted), sources with their links and signatures,
    subscribers of every kind, an outbox with sent and pending rows."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    await ingest_dir(db, tmp_path / "seeds")
    feed = await SourceStore(db).add("https://example.org/rss", "Example", now=NOW)
    await db.execute(
        "INSERT INTO article_sources (article_id, source_id, url, name, seen_at) "
        "VALUES (1, ?, 'https://example.org/1', 'Example', '2026-01-01 00:00:00'), "
        "(1, NULL, 'https://example.org/1b', 'Gone', '2026-01-01 00:00:00')",
        (feed.id,),
    )
    await db.execute(
        "INSERT INTO article_signatures (article_id, minhash, numbers, regions, created_at) "
        "VALUES (2, ?, '850', 'KZ-31', '2026-01-01 00:00:00')",
        (bytes(range(256)),),
    )
    subs = SubscriptionService(db)
    for chat in range(1, 6):
        await subs.subscribe(chat, "private")
    await subs.subscribe(-1001234567890, "supergroup", "region", "KZ-31", thread_id=7)
    await subs.subscribe(6, "private", "query", "region:KZ-75+topic:trade")
    for n in range(3):
        await add_article(db, f"Новая статья {n}", regions=("KZ-31",))
    await plan(db)
    outbox = OutboxStore(db, "old")
    pending = await outbox.pending()
    await outbox.set_status([pending[0].id], "sent", message_id=99)
    doomed = await add_article(db, "Удалённая статья")
    async with transaction(db):
        await delete_article(db, doomed)


async def test_copy_store_moves_everything_and_refuses_a_second_time(tmp_path: Path) -> None:
    skip_without_pg()
    path = tmp_path / "news.sqlite3"
    target = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        src = await open_db(path)
        await _fill(src, tmp_path)
        tables = await store_tables(src)
        assert {"articles", "outbox", "subscriptions", "sources"} <= set(tables)
        before = await counts(src, tables)
        highest = await ArticleStore(src).max_id()
        await src.close()
        assert before["outbox"] > 0 and before["article_sources"] == 2

        done = await run("copy-store", str(path), target.url)
        assert done.returncode == 0, done.stderr
        for table, n in before.items():
            assert f"{table}: {n}\n" in done.stdout
        assert "password" not in done.stdout

        db = await target.open()
        assert await counts(db, tables) == before
        # the copy is a working store: the same export, claims, and ids never reused
        on_sqlite = await run("export", "--json", DATABASE_PATH=str(path))
        on_pg = await run("export", "--json", DATABASE_URL=target.url)
        assert on_pg.stdout == on_sqlite.stdout and on_pg.stdout.count("\n") == before["articles"]
        pending = await OutboxStore(db, "new").pending()
        assert len(pending) == before["outbox"] - 1
        assert await OutboxStore(db, "new").claim([r.id for r in pending]) == {
            r.id for r in pending
        }
        assert await add_article(db, "После переезда") == highest + 1
        await SubscriptionService(db).subscribe(77, "private")

        again = await run("copy-store", str(path), target.url)
        assert again.returncode == 2
        assert again.stderr.startswith("copy-store: the PostgreSQL store at ")
        assert "not empty" in again.stderr and again.stderr.count("\n") == 1
    finally:
        await dispose(target)


async def test_migrate_upgrades_an_old_file_and_says_from_what(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    await (await open_db(path, upto=40)).close()
    done = await run("migrate", DATABASE_PATH=str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{path}: schema 40 -> {schema_version()}"
    again = await run("migrate", DATABASE_PATH=str(path))
    assert again.stdout.strip() == f"{path}: schema {schema_version()}, already current"


async def test_migrate_makes_a_new_pg_store(tmp_path: Path) -> None:
    skip_without_pg()
    target = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        done = await run("migrate", DATABASE_URL=target.url)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith(f"schema 0 -> {schema_version()}")
        db = await open_store(tmp_path / "unused", target.url)
        assert db.dialect == "postgresql"
        await db.close()
    finally:
        await dispose(target)


async def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = "postgresql://bot:hunter2-secret@127.0.0.1:1/news"
    for args in (("migrate",), ("export", "--json")):
        done = await run(*args, DATABASE_URL=url, DATABASE_PATH=str(tmp_path / "x.sqlite3"))
        assert done.returncode == 2, done
        assert "hunter2" not in done.stderr + done.stdout
        assert "cannot reach PostgreSQL at 127.0.0.1:1/news" in done.stderr
        assert done.stderr.count("\n") == 1, done.stderr


def test_database_url_is_optional_checked_and_never_shown() -> None:
    assert load_settings(database_url="").database_url is None
    url = "postgresql://bot:hunter2-secret@db:5432/news"
    settings = load_settings(database_url=url)
    assert database_url(settings) == url
    assert "hunter2" not in repr(settings) + str(settings)
    assert store_place(settings) == "PostgreSQL db:5432/news"
    with pytest.raises(ConfigError, match=r"^DATABASE_URL: must start with postgresql://") as err:
        load_settings(database_url="mysql://bot:hunter2-secret@db/news")
    assert "hunter2" not in str(err.value)
