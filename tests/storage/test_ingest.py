"""Ingesting a folder: added/unchanged/updated/removed/failed, atomicity, re-tagging, seeding."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from storage.analysis.analyze import fingerprint
from storage.articles import ArticleStore
from storage.database import Database
from storage.ingest import SEEDS_ROOT, ensure_seeded, ingest_dir

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
async def db(store_db: Database) -> Database:
    return store_db


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(SEEDS, target)
    return target


async def _scalar(db: Database, sql: str) -> int:
    async with db.execute(sql) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def _writes(db: Database) -> object:
    """Something every write changes: SQLite's change counter; on PostgreSQL the row versions
    (xmin) of the tables an ingest writes (an UPDATE, even to the same values, makes a new one)."""
    if db.dialect == "sqlite":
        return await _scalar(db, "SELECT total_changes()")
    parts = [
        f"(SELECT coalesce(string_agg(xmin::text, ',' ORDER BY xmin::text), '') FROM {t})"
        for t in ("articles", "ingested_files", "article_regions", "article_topics")
    ]
    rows = await db.execute_fetchall("SELECT " + ", ".join(parts))
    return tuple(rows[0])


async def _snapshot(db: Database) -> list[tuple[object, ...]]:
    async with db.execute(
        "SELECT id, title, updated_at, content_hash, analysis_fingerprint FROM articles ORDER BY id"
    ) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


async def test_first_ingest_adds_every_seed(db: Database, folder: Path) -> None:
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.added == SEED_NAMES
    assert report.ok and not (report.updated or report.unchanged or report.removed)
    assert len(report.new_article_ids) == 5
    store = ArticleStore(db)
    assert await store.count() == 5
    assert sorted(report.new_article_ids) == await store.ids_after(0)
    second = await store.get(report.new_article_ids[1])
    assert second is not None
    assert second.title == (
        "Узбекистан и Казахстан углубляют торгово-экономические связи между регионами"
    )


async def test_second_ingest_is_unchanged_and_writes_nothing(db: Database, folder: Path) -> None:
    await ingest_dir(db, folder, today=TODAY)
    before = await _snapshot(db)
    changes = await _writes(db)
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.unchanged == SEED_NAMES
    assert not (report.added or report.updated or report.removed or report.failed)
    assert report.retagged == 0 and report.new_article_ids == []
    assert await _snapshot(db) == before
    assert await _writes(db) == changes


async def test_changed_file_updates_in_place(db: Database, folder: Path) -> None:
    first = await ingest_dir(db, folder, today=TODAY)
    target = folder / SEED_NAMES[3]
    old_id = first.new_article_ids[3]
    text = target.read_text(encoding="utf-8")
    target.write_text("Атырау и Хива: новый заголовок\n" + text, encoding="utf-8")
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.updated == [SEED_NAMES[3]]
    assert report.unchanged == [n for n in SEED_NAMES if n != SEED_NAMES[3]]
    assert report.new_article_ids == []
    store = ArticleStore(db)
    article = await store.get(old_id)
    assert article is not None and article.title == "Атырау и Хива: новый заголовок"
    assert await store.count() == 5
    assert [a.id for a in (await store.search("заголовка")).items] == [old_id]


async def test_same_text_in_other_bytes_is_unchanged(db: Database, folder: Path) -> None:
    await ingest_dir(db, folder, today=TODAY)
    target = folder / SEED_NAMES[1]
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    report = await ingest_dir(db, folder, today=TODAY)
    assert SEED_NAMES[1] in report.unchanged and not report.updated
    again = await ingest_dir(db, folder, today=TODAY)  # the new bytes are remembered
    assert again.unchanged == SEED_NAMES


async def test_deleted_file_is_removed(db: Database, folder: Path) -> None:
    first = await ingest_dir(db, folder, today=TODAY)
    (folder / SEED_NAMES[0]).unlink()
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.removed == [SEED_NAMES[0]]
    store = ArticleStore(db)
    assert await store.get(first.new_article_ids[0]) is None
    assert await store.count() == 4
    assert (await store.search("предпринимательниц")).items == ()  # seed 000's word
    assert await _scalar(db, "SELECT count(*) FROM ingested_files") == 4
    assert (await ingest_dir(db, folder, today=TODAY)).removed == []


async def test_other_folder_does_not_remove(db: Database, folder: Path, tmp_path: Path) -> None:
    await ingest_dir(db, folder, today=TODAY)
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Новости Ташкента\nТуризм растёт.\n", encoding="utf-8")
    report = await ingest_dir(db, other, today=TODAY)
    assert report.added == ["x.txt"] and report.removed == []
    assert await ArticleStore(db).count() == 6


def _bad_files(folder: Path) -> dict[str, str]:
    """Writes the bad files; returns name -> a word the reason must contain."""
    text = (SEEDS / SEED_NAMES[4]).read_text(encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (folder / "huge.txt").write_bytes(text.encode() * 300)  # about 2 MB
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))
    return {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "huge.txt": "too large",
        "utf16.txt": "UTF-16",
    }


async def test_bad_files_fail_with_reasons_and_do_not_stop_others(
    db: Database, folder: Path
) -> None:
    expected = _bad_files(folder)
    text = (SEEDS / SEED_NAMES[2]).read_text(encoding="utf-8")
    (folder / "cp1251.txt").write_bytes(
        ("Ташкент и Алматы: версия в cp1251\n" + text).encode("cp1251", errors="replace")
    )
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("С BOM\n" + text).encode())
    (folder / "notes.md").write_text("not an article")
    report = await ingest_dir(db, folder, today=TODAY)
    assert dict(report.failed).keys() == expected.keys()
    for name, reason in report.failed:
        assert expected[name] in reason, (name, reason)
    assert sorted(report.added) == sorted([*SEED_NAMES, "cp1251.txt", "bom.txt"])
    titles = {a.title for a in (await ArticleStore(db).latest(limit=20)).items}
    assert {"Ташкент и Алматы: версия в cp1251", "С BOM"} <= titles
    assert await _scalar(db, "SELECT count(*) FROM ingested_files") == 7
    # Failing again next time: a failed file is never recorded as ingested.
    again = await ingest_dir(db, folder, today=TODAY)
    assert dict(again.failed).keys() == expected.keys()


async def test_file_that_turns_bad_keeps_its_article(db: Database, folder: Path) -> None:
    first = await ingest_dir(db, folder, today=TODAY)
    (folder / SEED_NAMES[2]).write_bytes(b"")
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.failed == [(SEED_NAMES[2], "empty file")]
    assert await ArticleStore(db).get(first.new_article_ids[2]) is not None


async def _fail_inserts(db: Database, victim: str) -> None:
    """A trigger making the file record of ``victim`` fail (one per engine)."""
    if db.dialect == "sqlite":
        await db.execute(
            "CREATE TEMP TRIGGER fail_one BEFORE INSERT ON ingested_files "
            f"WHEN new.path LIKE '%{victim}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
        return
    await db.execute(
        "CREATE FUNCTION fail_one() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN "
        f"IF new.path LIKE ''%{victim}'' THEN RAISE EXCEPTION ''disk on fire''; END IF; "
        "RETURN new; END'"
    )
    await db.execute(
        "CREATE TRIGGER fail_one BEFORE INSERT ON ingested_files "
        "FOR EACH ROW EXECUTE FUNCTION fail_one()"
    )


async def test_write_failing_midway_leaves_nothing_of_that_file(db: Database, folder: Path) -> None:
    """The file record is written last; making it fail must undo the article written before."""
    victim = SEED_NAMES[1]
    await _fail_inserts(db, victim)
    report = await ingest_dir(db, folder, today=TODAY)
    assert [name for name, _ in report.failed] == [victim]
    assert "disk on fire" in report.failed[0][1]
    assert report.added == [n for n in SEED_NAMES if n != victim]
    store = ArticleStore(db)
    assert await store.count() == 4
    assert "Узбекистан и Казахстан углубляют" not in {
        a.title for a in (await store.latest(limit=10)).items
    }
    for table in ("article_regions", "article_topics", "article_countries"):
        orphans = await _scalar(
            db, f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        )
        assert orphans == 0
    if db.dialect == "sqlite":
        await db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        await db.execute("DROP TRIGGER temp.fail_one")
    else:
        await db.execute("DROP TRIGGER fail_one ON ingested_files")
    retry = await ingest_dir(db, folder, today=TODAY)
    assert retry.added == [victim]
    assert await store.count() == 5


async def test_stale_fingerprint_is_retagged_in_place(db: Database, folder: Path) -> None:
    first = await ingest_dir(db, folder, today=TODAY)
    # As if an older analysis had tagged two of them (and broken one's index text).
    await db.execute(
        "UPDATE articles SET analysis_fingerprint = 'old', lemmas = 'мусор', title = 'old' "
        "WHERE id IN (?, ?)",
        (first.new_article_ids[0], first.new_article_ids[4]),
    )
    report = await ingest_dir(db, folder, today=TODAY)
    assert report.retagged == 2
    assert report.unchanged == SEED_NAMES and not report.updated
    assert (
        await _scalar(
            db, f"SELECT count(*) FROM articles WHERE analysis_fingerprint = '{fingerprint()}'"
        )
        == 5
    )
    store = ArticleStore(db)
    article = await store.get(first.new_article_ids[4])
    assert article is not None and article.title.startswith("Туркестанская и Челябинская")
    assert (await store.search("мусор")).items == ()
    assert (await ingest_dir(db, folder, today=TODAY)).retagged == 0


async def test_missing_folder_raises(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        await ingest_dir(db, tmp_path / "nope")


async def test_progress_is_reported_per_file(db: Database, folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    await ingest_dir(db, folder, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 5) for i in range(1, 6)]


async def test_ensure_seeded_only_on_an_empty_store(db: Database, folder: Path) -> None:
    report = await ensure_seeded(db, folder)
    assert report is not None and report.added == SEED_NAMES
    assert await ensure_seeded(db, folder) is None
    for name in SEED_NAMES:
        (folder / name).unlink()
    # everything removed (the seeds folder, as /reload reads it): the store is empty again ...
    await ingest_dir(db, folder, root=SEEDS_ROOT)
    assert await ArticleStore(db).count() == 0
    assert await ensure_seeded(db, folder) is not None  # ... and knows no file, so it seeds
