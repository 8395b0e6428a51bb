"""articles.tags (storage/tags.py), the card's copy of an article's tag rows, stays in step with
the rows through every kind of write: new articles, new source links (a new story, a story
merged from another feed, within one poll too), a re-analysis, a re-tag on a new analysis
fingerprint, and the migration's backfill of a store written before it. On both engines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from storage.analysis.model import Analysis, RegionRef
from storage.articles import ArticleRecord, ArticleStore, insert_articles, save_article
from storage.database import Database, transaction
from storage.ingest import ingest_dir
from storage.sources import Entry, SourceStore
from storage.tags import stale_tags
from tests.support.stores import TestStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
ALMATY = RegionRef("KZ-75", "Алматы", "KZ")
TASHKENT = RegionRef("UZ-TK", "Ташкент", "UZ")
DATELINE = RegionRef("RU-CHE", "Челябинская область", "RU", "mention")


def _record(title: str, *regions: RegionRef, topics: tuple[str, ...] = ()) -> ArticleRecord:
    analysis = Analysis(
        title=title,
        lead="",
        body=title,
        date=dt.date(2026, 3, 1),
        url=None,
        regions=regions,
        countries=tuple(sorted({r.country for r in regions})),
        topics=topics,
        summary="",
    )
    return ArticleRecord(analysis, raw=title, content_hash=title, fingerprint="fp")


async def test_tags_follow_inserts_merges_and_re_analysis(store_db: Database) -> None:
    db, store = store_db, ArticleStore(store_db)
    async with transaction(db):  # a region twice (the first place, the last values) and a topic
        [first] = await insert_articles(
            db,
            [
                _record(
                    "Первая",
                    TASHKENT,
                    ALMATY,
                    dataclasses.replace(TASHKENT, role="mention"),
                    DATELINE,
                    topics=("trade", "tourism", "trade"),
                )
            ],
        )
    assert await stale_tags(db) == []
    sources = SourceStore(db)
    feed_a = await sources.add("https://a.example/rss", "Агентство А", now=NOW)
    feed_b = await sources.add("https://b.example/rss", "Агентство Б", now=NOW)
    done = await sources.store_items(
        feed_a,
        [
            Entry("https://a.example/1", "https://a.example/1", _record("Вторая", ALMATY)),
            Entry("https://a.example/1-amp", "https://a.example/1-amp", into_batch=0),
            Entry("https://a.example/old", "https://a.example/old", into=first),
        ],
        now=NOW,
    )
    second = done[0][1]
    assert [o for o, _ in done] == ["new", "merged", "merged"]
    assert await stale_tags(db) == []
    await sources.store_items(  # the same story from another agency, a poll later
        feed_b,
        [Entry("https://b.example/9", "https://b.example/9", into=second)],
        now=NOW + dt.timedelta(minutes=5),
    )
    assert await stale_tags(db) == []
    got = await store.get(second)
    assert got is not None and got.sources == (
        ("Агентство А", "https://a.example/1"),
        ("Агентство А", "https://a.example/1-amp"),
        ("Агентство Б", "https://b.example/9"),
    )
    async with transaction(db):  # re-analysed: new tags, its source links kept
        await save_article(db, _record("Вторая", TASHKENT, topics=("energy",)), article_id=second)
    assert await stale_tags(db) == []
    got = await store.get(second)
    assert got is not None
    assert ([r.code for r in got.regions], got.topics, len(got.sources)) == (
        ["UZ-TK"],
        ("energy",),
        3,
    )
    [listed] = (await store.by_region("UZ-TK", limit=5)).items
    assert listed.id == second  # "Первая" has Tashkent twice, the last time as a mention
    # the check can fail: a link written behind the store's back is caught
    await db.execute(
        "INSERT INTO article_sources (article_id, source_id, url, name, seen_at) "
        "VALUES (?, NULL, 'https://c.example/1', 'В', '2026-03-02 09:00:00')",
        (first,),
    )
    assert await stale_tags(db) == [first]


async def test_tags_follow_a_re_tag_on_a_new_analysis(store_db: Database, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    await ingest_dir(store_db, tmp_path / "seeds")
    assert await stale_tags(store_db) == []
    # an older analysis wrote them, and found no topics (the copy still shows today's)
    await store_db.execute("UPDATE articles SET analysis_fingerprint = 'older'")
    await store_db.execute("DELETE FROM article_topics")
    assert await stale_tags(store_db) != []
    report = await ingest_dir(store_db, tmp_path / "seeds")
    assert report.retagged == len(list(SEEDS.glob("*.txt")))
    assert await stale_tags(store_db) == []


async def test_the_migration_fills_the_tags_of_a_store_written_before_it(
    test_store: TestStore,
) -> None:
    old = await test_store.open(upto=60)
    # today's writer fills the column too: lent while the old store is written, then removed
    await old.execute("ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL DEFAULT ''")
    async with transaction(old):
        ids = await insert_articles(old, [_record("Старая", ALMATY, TASHKENT, topics=("trade",))])
    sources = SourceStore(old)
    feed = await sources.add("https://a.example/rss", "Агентство А", now=NOW)
    await sources.store_items(
        feed, [Entry("https://a.example/7", "https://a.example/7", into=ids[0])], now=NOW
    )
    await old.execute("ALTER TABLE articles DROP COLUMN tags")
    await test_store.close()
    db = await test_store.open()
    assert await stale_tags(db) == []
    got = await ArticleStore(db).get(ids[0])
    assert got is not None
    assert ([r.code for r in got.regions], got.topics, got.sources) == (
        ["KZ-75", "UZ-TK"],
        ("trade",),
        (("Агентство А", "https://a.example/7"),),
    )
