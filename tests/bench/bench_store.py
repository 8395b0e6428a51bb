"""Store benchmark: ``python -m tests.bench.bench_store`` (about two minutes).

(a) ingestion of 10,000 synthetic article files (built from the seeds) into a fresh store,
    through ``ingest_dir`` (read, decode, analyse, write: the real path), in articles/s;
(b) a store of 100,000 articles, written through the store's own ``insert_articles`` with the
    seeds' analyses computed once and varied (title, date, regions, topics, a rare word each),
    then 1,000 region/topic listings (newest 10) and 200 full-text searches, p50/p99 in ms.

Targets (issue 2): region/topic p99 < 2 ms, full-text p99 < 10 ms at 100,000 articles.
Options: --ingest N, --store N (smaller runs for a quick look), --keep DIR.
--pg [URL]: (b) on PostgreSQL instead (issue 10: within 2x of SQLite's p99), in a schema of its
own dropped after; URL defaults to TEST_DATABASE_URL or the local test server.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from storage.analysis.analyze import analyze, fingerprint
from storage.analysis.model import Analysis, RegionRef
from storage.articles import (
    ARTICLE_SELECT,
    SEARCH_SQL,
    TAG_LISTING_SQL,
    ArticleRecord,
    ArticleStore,
    insert_articles,
)
from storage.database import Database
from storage.db import MMAP_BYTES, open_db, transaction
from storage.fulltext import index_text, match_expression
from storage.ingest import ingest_dir, text_hash

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REGIONS = [
    RegionRef("KZ-31", "Жамбылская область", "KZ"),
    RegionRef("KZ-75", "Алматы", "KZ"),
    RegionRef("KZ-71", "Астана", "KZ"),
    RegionRef("KZ-79", "Шымкент", "KZ"),
    RegionRef("KZ-61", "Туркестанская область", "KZ"),
    RegionRef("KZ-23", "Атырауская область", "KZ"),
    RegionRef("UZ-TK", "Ташкент", "UZ"),
    RegionRef("UZ-SA", "Самаркандская область", "UZ"),
    RegionRef("UZ-QR", "Каракалпакстан", "UZ"),
    RegionRef("UZ-BU", "Бухарская область", "UZ"),
    RegionRef("RU-CHE", "Челябинская область", "RU"),
    RegionRef("RU-OMS", "Омская область", "RU"),
    RegionRef("KG-C", "Чуйская область", "KG"),
    RegionRef("TJ-SU", "Согдийская область", "TJ"),
    RegionRef("CN-XJ", "Синьцзян-Уйгурский автономный район", "CN"),
]
TOPICS = [
    "tourism",
    "trade",
    "agriculture",
    "industry",
    "transport",
    "energy",
    "ecology",
    "health",
    "education",
    "culture",
    "investment",
    "space",
]
COMMON_WORDS = [
    "туризма",
    "сотрудничество",
    "регионов",
    "Узбекистан",
    "торговли",
    "область развитие",
    "Казахстана и Узбекистана",
    "делегация",
]


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:.3f} ms, p99 {p99 * 1000:.3f} ms"


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def write_corpus(folder: Path, count: int, rng: random.Random) -> None:
    """``count`` article files: a seed with a new title line and its paragraphs shuffled."""
    seeds = _seed_texts()
    for i in range(count):
        lines = seeds[i % len(seeds)].split("\n")
        head, body = lines[0], [ln for ln in lines[1:] if ln.strip()]
        rng.shuffle(body)
        region = rng.choice(REGIONS).name
        text = f"{head} ({region}, выпуск {i})\n" + "\n\n".join(body) + "\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


async def bench_ingest(workdir: Path, count: int) -> None:
    corpus = workdir / "corpus"
    corpus.mkdir()
    write_corpus(corpus, count, random.Random(1))
    db = await open_db(workdir / "ingest.sqlite3")
    try:
        started = time.perf_counter()
        report = await ingest_dir(db, corpus)
        elapsed = time.perf_counter() - started
    finally:
        await db.close()
    assert len(report.added) == count, report.failed[:3]
    print(
        f"(a) ingest {count} files into a fresh store: {elapsed:.1f} s, "
        f"{count / elapsed:.0f} articles/s (analysis fingerprint {fingerprint()!r})"
    )


def _templates() -> list[tuple[Analysis, str, str]]:
    """(analysis, raw text, index text) of each seed, computed once."""
    out = []
    for raw in _seed_texts():
        analysis = analyze(raw, today=dt.date(2026, 1, 15))
        out.append((analysis, raw, index_text(analysis.title, analysis.lead, analysis.body)))
    return out


def _variant(
    i: int, rng: random.Random, templates: list[tuple[Analysis, str, str]]
) -> ArticleRecord:
    analysis, raw, lemmas = templates[i % len(templates)]
    regions = tuple(rng.sample(REGIONS, rng.randint(1, 4)))
    topics = tuple(sorted(rng.sample(TOPICS, rng.randint(1, 4))))
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
    rare = f"метка{i % 5000}"  # each rare word is in 20 articles
    varied = replace(
        analysis,
        title=f"{analysis.title} {rare}",
        date=day if rng.random() > 0.05 else None,
        regions=regions,
        countries=tuple(sorted({r.country for r in regions})),
        topics=topics,
    )
    return ArticleRecord(
        varied, raw, text_hash(raw + str(i)), fingerprint(), lemmas=f"{index_text(rare)} {lemmas}"
    )


async def fill_store(db: Database, count: int) -> float:
    templates = _templates()
    rng = random.Random(2)
    started = time.perf_counter()
    batch = 1000
    for start in range(0, count, batch):
        records = [_variant(i, rng, templates) for i in range(start, min(count, start + batch))]
        async with transaction(db):
            await insert_articles(db, records)
    await db.execute(db.pick("ANALYZE", "VACUUM ANALYZE"))
    return time.perf_counter() - started


async def _timed(calls: list[Callable[[], Awaitable[object]]]) -> list[float]:
    samples = []
    for call in calls:
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


async def _open(
    workdir: Path, pg_url: str | None
) -> tuple[Database, Callable[[], Awaitable[None]]]:
    """The store to fill, and what removes it (a PostgreSQL schema is dropped)."""
    if pg_url is None:
        db: Database = await open_db(workdir / "store.sqlite3")
        return db, db.close
    import psycopg

    from storage.pg import open_pg

    schema = f"bench_{int(time.time())}"
    async with await psycopg.AsyncConnection.connect(pg_url, autocommit=True) as conn:
        await conn.execute(f"CREATE SCHEMA {schema}")
    db = await open_pg(pg_url, search_path=schema)

    async def drop() -> None:
        await db.close()
        async with await psycopg.AsyncConnection.connect(pg_url, autocommit=True) as conn:
            await conn.execute(f"DROP SCHEMA {schema} CASCADE")

    return db, drop


async def _size_mb(db: Database, workdir: Path) -> float:
    if db.dialect == "sqlite":
        return (workdir / "store.sqlite3").stat().st_size / 1e6
    rows = await db.execute_fetchall(
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
    )
    return float(rows[0][0]) / 1e6


async def bench_queries(workdir: Path, count: int, pg_url: str | None = None) -> None:
    db, close = await _open(workdir, pg_url)
    try:
        elapsed = await fill_store(db, count)
        size_mb = await _size_mb(db, workdir)
        print(
            f"(b) {db.dialect}: {count} articles written through insert_articles in "
            f"{elapsed:.1f} s ({count / elapsed:.0f}/s), store {size_mb:.0f} MB"
        )
        store = ArticleStore(db)
        gc.collect()
        gc.freeze()  # the fill's garbage is not the queries' cost
        rng = random.Random(3)
        lookups: list[Callable[[], Awaitable[object]]] = []
        for n in range(1000):
            if n % 2:
                code = rng.choice(REGIONS).code
                offset = rng.choice([0, 0, 0, 10, 50])
                lookups.append(partial(store.by_region, code, limit=10, offset=offset))
            else:
                slug = rng.choice(TOPICS)
                lookups.append(partial(store.by_topic, slug, limit=10))
        await _timed(lookups[:50])  # warm the page cache
        print(f"    region/topic newest 10 (1000 queries): {_percentiles(await _timed(lookups))}")
        common: list[Callable[[], Awaitable[object]]] = []
        rare: list[Callable[[], Awaitable[object]]] = []
        mixed: list[Callable[[], Awaitable[object]]] = []
        for _ in range(70):
            words = rng.choice(COMMON_WORDS)
            common.append(partial(store.search, words, limit=10))
            tag = f"метка{rng.randrange(5000)}"
            rare.append(partial(store.search, tag, limit=10))
            pair = f"{rng.choice(COMMON_WORDS)} метка{rng.randrange(5000)}"
            mixed.append(partial(store.search, pair, limit=10))
        searches = common[:67] + rare[:67] + mixed[:66]
        rng.shuffle(searches)
        await _timed(searches[:20])
        print(f"    full-text search (200 queries): {_percentiles(await _timed(searches))}")
        print(f"      common words only: {_percentiles(await _timed(common))}")
        print(f"      rare word only:    {_percentiles(await _timed(rare))}")
        print(f"      common + rare:     {_percentiles(await _timed(mixed))}")
        if db.dialect == "sqlite":
            _sql_only(workdir / "store.sqlite3", rng)
        hits = await store.search("туризма", limit=10)
        assert len(hits.items) == 10 and hits.has_more
        assert len((await store.search("метка42", limit=50)).items) == count // 5000
    finally:
        await close()


def _sql_only(path: Path, rng: random.Random) -> None:
    """The same listings in plain sqlite3, no event loop: the store's own share of the time
    (the rest above is aiosqlite's thread hop and the machine's scheduling)."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    page = (
        "WITH page(id) AS MATERIALIZED ({}) "
        + ARTICLE_SELECT
        + " FROM page JOIN articles AS a ON a.id = page.id ORDER BY a.sort_key DESC, a.id DESC"
    )
    samples: list[float] = []
    for n in range(1000):
        table = "article_regions" if n % 2 else "article_topics"
        key = rng.choice(REGIONS).code if n % 2 else rng.choice(TOPICS)
        started = time.perf_counter()
        conn.execute(page.format(TAG_LISTING_SQL[table]), (key, 11, 0)).fetchall()
        samples.append(time.perf_counter() - started)
    print(f"    same region/topic pages in plain sqlite3: {_percentiles(samples)}")
    samples = []
    for n in range(200):
        words = match_expression(rng.choice(COMMON_WORDS) if n % 2 else f"метка{n}")
        started = time.perf_counter()
        conn.execute(page.format(SEARCH_SQL), (words, 11, 0)).fetchall()
        samples.append(time.perf_counter() - started)
    print(f"    same searches in plain sqlite3: {_percentiles(samples)}")
    conn.close()


async def run(
    ingest_count: int, store_count: int, keep: Path | None, pg_url: str | None = None
) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_store_") as tmp:
        workdir = keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if ingest_count:
            await bench_ingest(workdir, ingest_count)
        if store_count:
            await bench_queries(workdir, store_count, pg_url)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_store")
    parser.add_argument("--ingest", type=int, default=10_000, help="files to ingest (a)")
    parser.add_argument("--store", type=int, default=100_000, help="articles in the store (b)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--pg",
        nargs="?",
        const=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="(b) on PostgreSQL at this URL (default: the test server)",
    )
    args = parser.parse_args(argv)
    asyncio.run(run(args.ingest, args.store, args.keep, args.pg))


if __name__ == "__main__":
    main()
