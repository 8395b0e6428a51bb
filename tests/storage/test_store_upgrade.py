"""A store made by the previous program (schema before migration 0030, the previous analysis'
fingerprint) opened by this one: migrated, then re-tagged by itself, so every article gets
``relevant`` and its regions their roles, and listings hide what is not listed.

SQLite-only: the old store is a SQLite file cut back to an older schema with sqlite3. Re-tagging
on both engines: test_ingest.py; PostgreSQL's upgrade path: test_pg_store.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.articles import ArticleStore
from storage.db import open_db, schema_version, user_version
from storage.ingest import SEEDS_ROOT, ingest_dir

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LOCAL_NEWS = (
    "В Таразе ожидается сильный ветер\n\n"
    "ТАРАЗ, 3 ноября — Kazinform. Синоптики предупреждают о порывах ветра до 25 метров в "
    "секунду в Жамбылской области.\n\nВ горных районах ожидается снег, на дорогах гололед.\n"
)
OLD_FINGERPRINT = "an older analysis"


def _schema(path: Path) -> dict[str, tuple[str, set[str]]]:
    """name -> (type, columns) of every table, index and trigger of the file."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, tuple[str, set[str]]] = {}
        for kind, name in con.execute("SELECT type, name FROM sqlite_master WHERE sql NOT NULL"):
            cols = set()
            if kind == "table":
                cols = {row[1] for row in con.execute(f"PRAGMA table_info('{name}')")}
            out[name] = (kind, cols)
        return out
    finally:
        con.close()


async def made_by_older_program(path: Path, version: int, folder: Path) -> list[int]:
    """A store at ``path`` shaped as the program of schema ``version`` left it: this
    program's ingest of ``folder``, then every table, index, trigger and column a later
    migration added dropped, user_version set back and the fingerprint made an old one."""
    db = await open_db(path)
    try:
        ids = sorted((await ingest_dir(db, folder)).new_article_ids)
    finally:
        await db.close()
    reference = path.with_name("reference.sqlite3")
    await (await open_db(reference, upto=version)).close()
    old, new = _schema(reference), _schema(path)
    con = sqlite3.connect(path)
    try:
        for name, (kind, _) in new.items():
            if name not in old and kind in ("trigger", "index"):
                con.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        for name, (kind, cols) in new.items():
            if kind != "table" or name.startswith("articles_fts"):
                continue
            if name not in old:
                con.execute(f"DROP TABLE {name}")
                continue
            for col in sorted(cols - old[name][1]):
                con.execute(f"ALTER TABLE {name} DROP COLUMN {col}")
        con.execute("UPDATE articles SET analysis_fingerprint = ?", (OLD_FINGERPRINT,))
        con.execute(f"PRAGMA user_version = {version}")
        con.commit()
    finally:
        con.close()
    return ids


async def test_old_store_is_retagged_with_relevance_and_roles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "900_local.txt").write_text(LOCAL_NEWS, encoding="utf-8")
    path = tmp_path / "old.sqlite3"
    ids = await made_by_older_program(path, 10, folder)
    con = sqlite3.connect(path)
    columns = {row[1] for row in con.execute("PRAGMA table_info('articles')")}
    con.close()
    assert "relevant" not in columns  # really the old shape

    db = await open_db(path)
    try:
        assert await user_version(db) == schema_version()
        # the old store keyed files by absolute path; migration 0040 made them the seeds
        # folder's (seeds:NAME), which is how the bot reads SEEDS_DIR from now on
        report = await ingest_dir(db, folder, root=SEEDS_ROOT)
        assert report.retagged == 6 and not report.added and not report.failed
        async with db.execute("SELECT DISTINCT analysis_fingerprint FROM articles") as cur:
            assert OLD_FINGERPRINT not in [row[0] for row in await cur.fetchall()]
        store = ArticleStore(db)
        articles = {a.id: a for a in [await store.get(i) for i in ids] if a is not None}
        local = [a for a in articles.values() if a.title.startswith("В Таразе")]
        assert len(local) == 1 and not local[0].relevant
        assert all(a.relevant for a in articles.values() if a is not local[0])
        seed_001 = next(a for a in articles.values() if "торгово-экономические" in a.title)
        assert {r.code: r.role for r in seed_001.regions}["UZ-TK"] == "mention"  # dateline
        listed = await store.latest(limit=20)
        assert local[0].id not in [a.id for a in listed.items]
        assert len(listed.items) == 5
        tashkent = await store.by_region("UZ-TK", limit=20)
        assert seed_001.id not in [a.id for a in tashkent.items]
        assert await store.count() == 6 and await store.count_unlisted() == 1
    finally:
        await db.close()
