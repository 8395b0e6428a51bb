"""The PostgreSQL store against the SQLite one: the same migrations' numbers, the same search
results and the same export for the same files; migrating once when two replicas start
together; claims that skip rows another replica holds; one line, no password, when the server
cannot be used.

Real servers only: the PostgreSQL tests use TEST_DATABASE_URL (127.0.0.1:5432 by default) in
schemas of their own, and are skipped with the reason when it does not answer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storage.articles import ArticleStore
from storage.database import Database
from storage.db import MIGRATIONS_DIR, migrations
from storage.ingest import ensure_seeded, ingest_dir
from storage.outbox import OutboxStore, plan
from storage.pg import MIGRATIONS_DIR as PG_MIGRATIONS_DIR
from storage.pg import (
    PgStoreError,
    PostgresDatabase,
    migrate_pg,
    open_pg,
    pg_migrations,
    translate,
)
from tests.support.delivery_support import add_article
from tests.support.stores import (
    TestStore,
    create_schema,
    dispose,
    skip_without_pg,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MORE = ROOT / "tests" / "data" / "articles"
FIXED_TIME = "2026-01-15 09:00:00"  # both stores' ingestion time, so exports can be compared


def test_both_engines_have_the_same_migration_numbers() -> None:
    sqlite = [m.number for m in migrations(MIGRATIONS_DIR)]
    postgres = [m.number for m in pg_migrations()]
    assert sqlite == postgres, "a migration in one of storage/migrations{,_pg} only"
    names = {m.path.name for m in migrations(MIGRATIONS_DIR)}
    assert names == {p.name for p in PG_MIGRATIONS_DIR.glob("*.sql")}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = %s AND c = %s"),
        ("UPDATE t SET w = :top WHERE w < :top", "UPDATE t SET w = %(top)s WHERE w < %(top)s"),
        ("SELECT '?', 'a:b', x::text FROM t", "SELECT '?', 'a:b', x::text FROM t"),
        ("SELECT id % 2, '%Y' FROM t", "SELECT id %% 2, '%%Y' FROM t"),
        ("""SELECT to_char(x, '"T"HH24') FROM t""", """SELECT to_char(x, '"T"HH24') FROM t"""),
    ],
)
def test_placeholders_are_translated_in_one_place(sql: str, expected: str) -> None:
    assert translate(sql) == expected


def test_numbered_placeholders_are_refused() -> None:
    with pytest.raises(ValueError, match="numbered"):
        translate("SELECT ?4")


async def _both(tmp_path: Path) -> tuple[TestStore, TestStore]:
    skip_without_pg()
    sqlite = TestStore("sqlite", tmp_path / "news.sqlite3")
    pg = TestStore("postgresql", tmp_path / "unused.sqlite3", await create_schema())
    return sqlite, pg


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    for path in sorted(MORE.glob("*.txt")):
        shutil.copy(path, folder / f"more_{path.name}")
    return folder


async def test_search_finds_the_same_articles_on_both_engines(tmp_path: Path) -> None:
    sqlite, pg = await _both(tmp_path)
    try:
        folder = _corpus(tmp_path)
        dbs = [await sqlite.open(), await pg.open()]
        for db in dbs:
            report = await ingest_dir(db, folder, today=dt.date(2026, 1, 15))
            assert not report.failed and len(report.added) == 5 + len(list(MORE.glob("*.txt")))
        rows = await dbs[0].execute_fetchall("SELECT lemmas, title FROM articles ORDER BY id")
        lemmas = sorted({w for r in rows for w in str(r[0]).split()})
        titles = [str(r[1]) for r in rows]
        words = [*lemmas, *titles, *(f"{a} {b}" for a, b in zip(lemmas, lemmas[7:], strict=False))]
        assert len(lemmas) > 1000
        stores = [ArticleStore(db) for db in dbs]
        differ, found = [], 0
        for query in words:
            pages = [await s.search(query, limit=100) for s in stores]
            ids = [[a.id for a in p.items] for p in pages]
            found += bool(ids[0])
            if ids[0] != ids[1]:
                differ.append((query, ids))
        assert not differ, differ[:5]
        assert found > len(lemmas) // 2  # the comparison is about real matches, not empties
    finally:
        await sqlite.close()
        await dispose(pg)


def _export(env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


async def test_export_json_is_the_same_on_both_engines(tmp_path: Path) -> None:
    sqlite, pg = await _both(tmp_path)
    try:
        folder = _corpus(tmp_path)
        for store in (sqlite, pg):
            db = await store.open()
            await ingest_dir(db, folder, today=dt.date(2026, 1, 15))
            # the export holds the ingestion time: make it the same moment on both
            await db.execute("UPDATE articles SET ingested_at = ?", (FIXED_TIME,))
            await store.close()
        on_sqlite = await asyncio.to_thread(_export, {"DATABASE_PATH": str(sqlite.path)})
        on_pg = await asyncio.to_thread(_export, {"DATABASE_URL": pg.url})
        assert len(on_sqlite) == 5 + len(list(MORE.glob("*.txt")))
        assert on_pg == on_sqlite
    finally:
        await dispose(pg)


async def test_two_replicas_starting_together_migrate_once(tmp_path: Path) -> None:
    skip_without_pg()
    schema = await create_schema()
    store = TestStore("postgresql", tmp_path / "unused", schema)
    import psycopg

    try:
        conns = [
            await psycopg.AsyncConnection.connect(store.url, autocommit=True) for _ in range(2)
        ]
        applied = await asyncio.gather(*(migrate_pg(c) for c in conns))
        for conn in conns:
            await conn.close()
        numbers = [m.number for m in pg_migrations()]
        assert sorted(applied[0] + applied[1]) == numbers  # each applied exactly once
        db = await store.open()
        rows = await db.execute_fetchall("SELECT version FROM schema_version")
        assert [tuple(r) for r in rows] == [(numbers[-1],)]
    finally:
        await dispose(store)


async def test_an_older_pg_store_is_upgraded_and_a_newer_one_refused(tmp_path: Path) -> None:
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        old = await store.open(upto=10)
        await old.execute("INSERT INTO chats (id, type) VALUES (?, 'private')", (42,))
        await store.close()
        db = await store.open()
        assert await db.execute_fetchall("SELECT kind FROM subscriptions") == []
        assert [tuple(r) for r in await db.execute_fetchall("SELECT id FROM chats")] == [(42,)]
        await db.execute("UPDATE schema_version SET version = 9999")
        await store.close()
        with pytest.raises(PgStoreError, match="newer") as err:
            await store.open()
        assert "\n" not in str(err.value)
    finally:
        await dispose(store)


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("postgresql://bot:s3cr3t-pw@127.0.0.1:1/news", "127.0.0.1:1/news"),
        ("postgresql://bot:s3cr3t-pw@127.0.0.1:5432/no_such_db_here", "127.0.0.1:5432/no_such"),
    ],
)
async def test_a_server_that_cannot_be_used_is_one_line_without_the_password(
    url: str, named: str
) -> None:
    if "5432" in url:
        skip_without_pg()
    with pytest.raises(PgStoreError) as err:
        await open_pg(url)
    message = str(err.value)
    assert message.startswith(f"cannot reach PostgreSQL at {named}"), message
    assert message.endswith("check DATABASE_URL") and "\n" not in message
    assert "s3cr3t-pw" not in message


async def test_a_claim_skips_rows_another_replica_holds_locked(tmp_path: Path) -> None:
    """FOR UPDATE SKIP LOCKED: while replica B's claim transaction holds a row, replica A's
    claim neither waits for it nor takes it; it takes the others at once."""
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        a_db, b_db = await store.open(), await store.open()
        for chat in (1, 2, 3):
            await b_db.execute("INSERT INTO chats (id, type) VALUES (?, 'private')", (chat,))
            await b_db.execute(
                "INSERT INTO subscriptions (chat_id, kind, value) VALUES (?, 'all', '')", (chat,)
            )
        await add_article(b_db)
        await plan(b_db)
        ids = sorted(r.id for r in await OutboxStore(a_db).pending())
        async with b_db.transaction():
            await b_db.execute("SELECT id FROM outbox WHERE id = ? FOR UPDATE", (ids[0],))
            taken = await asyncio.wait_for(OutboxStore(a_db, "A").claim(ids), 5)
            assert taken == set(ids[1:])
        assert await OutboxStore(b_db, "B").claim(ids) == {ids[0]}
    finally:
        await dispose(store)


def test_sqlite_stays_the_default_with_no_server(tmp_path: Path) -> None:
    """No DATABASE_URL: the file store, with no PostgreSQL driver loaded to open it."""
    code = (
        "import asyncio, sys; from pathlib import Path; from storage.store import open_store\n"
        "async def main():\n"
        f"    db = await open_store(Path({str(tmp_path / 'x.sqlite3')!r}))\n"
        "    print(db.dialect, 'psycopg' in sys.modules)\n"
        "    await db.close()\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert done.stdout.split() == ["sqlite", "False"]


async def test_new_article_ids_become_visible_in_order(tmp_path: Path) -> None:
    """A second writer of new articles waits for the first to commit: otherwise its higher
    ids could be seen first and the planner's "everything up to the highest id" (its
    watermark) would pass over the first writer's rows for good."""
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    held, release = asyncio.Event(), asyncio.Event()
    try:
        first, second = await store.open(), await store.open()

        async def slow_writer() -> int:
            async with first.transaction():
                article = await add_article_tx(first, "Первая")
                held.set()
                await release.wait()
            return article

        slow = asyncio.create_task(slow_writer())
        await held.wait()
        fast = asyncio.create_task(add_article(second, "Вторая"))
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(asyncio.shield(fast), 0.5)  # it waits for the first
        assert await ArticleStore(second).ids_after(0) == []
        release.set()
        earlier, later = await slow, await fast
        assert later > earlier
        assert await ArticleStore(second).ids_after(0) == [earlier, later]
    finally:
        release.set()  # a failed check must not leave the first writer holding its pool
        await asyncio.sleep(0.1)
        await dispose(store)


async def add_article_tx(db: Database, title: str) -> int:
    """An article written inside the caller's transaction (what add_article does in its own)."""
    from storage.analysis.model import Analysis
    from storage.articles import ArticleRecord, insert_articles

    analysis = Analysis(
        title=title,
        lead="",
        body=title,
        date=None,
        url=None,
        regions=(),
        countries=(),
        topics=(),
        summary="",
    )
    record = ArticleRecord(analysis, raw=title, content_hash=title, fingerprint="fp")
    return (await insert_articles(db, [record]))[0]


async def test_a_session_connection_holds_its_lock_until_closed(tmp_path: Path) -> None:
    """The leader's tool: a connection outside the pool whose session advisory lock other
    replicas see taken, and free once it is closed (as when its process dies)."""
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        db = await store.open()
        assert isinstance(db, PostgresDatabase)
        holder, other = await db.session(), await db.session()
        # advisory locks are the whole server's: a key no other test run on it uses
        take = f"SELECT pg_try_advisory_lock({random.getrandbits(62)})"
        assert (await (await holder.execute(take)).fetchone()) == (True,)
        assert (await (await other.execute(take)).fetchone()) == (False,)
        rows = await (await holder.execute("SELECT current_schema()")).fetchall()
        assert rows == [(store.schema,)]  # the same store as the pool's
        await holder.close()
        # the server ends the closed session (and lets its lock go) a moment later
        for _ in range(100):
            if (await (await other.execute(take)).fetchone()) == (True,):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the lock outlived its closed session")
        await other.close()
    finally:
        await dispose(store)


# Columns one engine has and the other does not, each for a reason (migrations_pg/0001, 0040)
ONLY_SQLITE = {("articles", "fts_key")}  # FTS5's rowid: the listing order packed in one integer
ONLY_PG = {("articles", "fts"), ("article_sources", "seq")}  # the tsvector; SQLite's rowid


async def test_both_engines_have_the_same_tables_and_columns(tmp_path: Path) -> None:
    """A migration written for one engine only (or a column forgotten in its twin) fails here."""
    sqlite, pg = await _both(tmp_path)
    try:
        lite, post = await sqlite.open(), await pg.open()
        tables = await lite.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%'"
        )
        on_sqlite = set()
        for (table,) in tables:
            for row in await lite.execute_fetchall(f"PRAGMA table_xinfo({table})"):
                on_sqlite.add((str(table), str(row[1])))
        rows = await post.execute_fetchall(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name != 'schema_version'"
        )
        on_pg = {(str(t), str(c)) for t, c in rows}
        assert on_sqlite - on_pg == ONLY_SQLITE
        assert on_pg - on_sqlite == ONLY_PG
    finally:
        await sqlite.close()
        await dispose(pg)


async def test_replicas_starting_together_on_a_new_store_seed_it_once(tmp_path: Path) -> None:
    """Both see an empty store; one seeds, the other waits and finds it filled (no file
    reported failed, no article twice). PostgreSQL only: on SQLite one bot holds the file."""
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    try:
        first, second = await store.open(), await store.open()
        reports = await asyncio.gather(*(ensure_seeded(db, SEEDS) for db in (first, second)))
        done = [r for r in reports if r is not None]
        assert len(done) == 1 and len(done[0].added) == 5 and not done[0].failed
        rows = await first.execute_fetchall("SELECT count(*) FROM articles")
        assert rows[0][0] == 5
    finally:
        await dispose(store)
