"""ArticleStore: listings newest first, pagination, tags, full-text search, query plans.

Every test runs on both engines (``store_db``) except the query-plan ones, which read
SQLite's EXPLAIN QUERY PLAN (its FTS5 index and b-trees) and so are SQLite-only."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.model import Analysis, Figure, RegionRef
from storage.articles import (
    LATEST_SQL,
    SEARCH_SQL,
    TAG_LISTING_SQL,
    ArticleRecord,
    ArticleStore,
    delete_article,
    insert_articles,
    save_article,
)
from storage.database import Database, transaction

ZHAMBYL = RegionRef("KZ-31", "Жамбылская область", "KZ")
TASHKENT = RegionRef("UZ-TK", "Ташкент", "UZ")
CHELYABINSK = RegionRef("RU-CHE", "Челябинская область", "RU")


def _analysis(
    title: str,
    body: str = "",
    *,
    date: dt.date | None = None,
    regions: tuple[RegionRef, ...] = (),
    topics: tuple[str, ...] = (),
    figures: tuple[Figure, ...] = (),
) -> Analysis:
    return Analysis(
        title=title,
        lead=f"Лид: {title}",
        body=body or title,
        date=date,
        url="https://example.org/a",
        regions=regions,
        countries=tuple(sorted({r.country for r in regions})),
        topics=topics,
        summary=f"Сводка: {title}.",
        figures=figures,
    )


async def _add(db: Database, analysis: Analysis, *, now: str | None = None) -> int:
    record = ArticleRecord(analysis, raw=analysis.body, content_hash="h", fingerprint="fp")
    async with transaction(db):
        return await save_article(db, record, now=now)


@pytest.fixture
async def db(store_db: Database) -> Database:
    return store_db


async def test_get_returns_everything_saved(db: Database) -> None:
    figures = (Figure("money", "$850 млн"), Figure("percent", "20%"))
    article_id = await _add(
        db,
        _analysis(
            "Ташкент и Тараз",
            date=dt.date(2025, 9, 21),
            regions=(ZHAMBYL, TASHKENT),
            topics=("tourism", "culture"),
            figures=figures,
        ),
    )
    article = await ArticleStore(db).get(article_id)
    assert article is not None
    assert article.title == "Ташкент и Тараз"
    assert article.date == dt.date(2025, 9, 21)
    assert article.regions == (ZHAMBYL, TASHKENT)  # the analysis's order
    assert article.countries == ("KZ", "UZ")
    assert article.topics == ("tourism", "culture")
    assert article.figures == figures
    assert article.url == "https://example.org/a"
    assert article.ingested_at is not None and article.ingested_at.tzinfo is dt.UTC
    assert await ArticleStore(db).get(article_id + 100) is None


async def test_latest_orders_by_date_then_ingestion_day_then_id(
    db: Database,
) -> None:
    old = await _add(db, _analysis("old", date=dt.date(2024, 1, 1)))
    new = await _add(db, _analysis("new", date=dt.date(2025, 6, 1)))
    # Undated, ingested on 2025-03-10: placed by that day, between the two.
    undated = await _add(db, _analysis("undated"), now="2025-03-10 12:00:00")
    twin = await _add(db, _analysis("twin of new", date=dt.date(2025, 6, 1)))
    page = await ArticleStore(db).latest(limit=10)
    assert [a.id for a in page.items] == [twin, new, undated, old]
    assert not page.has_more


async def test_pagination_has_more(db: Database) -> None:
    ids = [
        await _add(db, _analysis(f"n{i}", date=dt.date(2025, 1, 1 + i), regions=(ZHAMBYL,)))
        for i in range(7)
    ]
    store = ArticleStore(db)
    first = await store.by_region("KZ-31", limit=5)
    second = await store.by_region("kz-31", limit=5, offset=5)
    assert [a.id for a in first.items] == ids[::-1][:5]
    assert first.has_more
    assert [a.id for a in second.items] == ids[::-1][5:]
    assert not second.has_more
    exact = await store.by_region("KZ-31", limit=7)
    assert len(exact.items) == 7 and not exact.has_more


async def test_by_region_topic_and_counts(db: Database) -> None:
    a = await _add(
        db, _analysis("a", date=dt.date(2025, 1, 1), regions=(ZHAMBYL, TASHKENT), topics=("trade",))
    )
    b = await _add(
        db,
        _analysis("b", date=dt.date(2025, 2, 1), regions=(TASHKENT,), topics=("trade", "tourism")),
    )
    c = await _add(
        db, _analysis("c", date=dt.date(2025, 3, 1), regions=(CHELYABINSK,), topics=("space",))
    )
    store = ArticleStore(db)
    assert [x.id for x in (await store.by_region("UZ-TK")).items] == [b, a]
    assert [x.id for x in (await store.by_topic("trade")).items] == [b, a]
    assert [x.id for x in (await store.by_topic("TOURISM")).items] == [b]
    assert (await store.by_region("CN-XJ")).items == ()
    assert [x.id for x in (await store.by_country("RU")).items] == [c]
    assert await store.region_counts() == {"KZ-31": 1, "UZ-TK": 2, "RU-CHE": 1}
    assert await store.region_counts("UZ") == {"UZ-TK": 2}
    assert await store.topic_counts() == {"trade": 2, "tourism": 1, "space": 1}
    assert await store.count() == 3


async def test_update_in_place_replaces_tags(db: Database) -> None:
    article_id = await _add(db, _analysis("x", regions=(ZHAMBYL,), topics=("trade",)))
    record = ArticleRecord(
        _analysis("x2", "новый текст о космосе", regions=(CHELYABINSK,), topics=("space",)),
        raw="x2",
        content_hash="h2",
        fingerprint="fp",
    )
    async with transaction(db):
        assert await save_article(db, record, article_id=article_id) == article_id
    store = ArticleStore(db)
    assert (await store.by_region("KZ-31")).items == ()
    assert [a.id for a in (await store.by_region("RU-CHE")).items] == [article_id]
    assert [a.id for a in (await store.search("космосом")).items] == [article_id]
    assert (await store.search("x")).items == ()  # the old text left the index
    assert await store.count() == 1


async def test_ids_are_never_reused(db: Database) -> None:
    store = ArticleStore(db)
    assert await store.max_id() == 0
    first = await _add(db, _analysis("a"))
    last = await _add(db, _analysis("b"))
    async with transaction(db):
        await delete_article(db, last)
    assert await store.max_id() == last
    newer = await _add(db, _analysis("c"))
    assert newer > last
    assert await store.ids_after(first) == [newer]
    assert await store.ids_after(0) == [first, newer]


async def test_search_matches_word_forms(db: Database) -> None:
    tourism = await _add(
        db,
        _analysis(
            "Регионы развивают туризм",
            "Развитие туризм и гостиницы в Ташкенте.",
            date=dt.date(2025, 1, 1),
        ),
    )
    trade = await _add(
        db,
        _analysis(
            "Товарооборот вырос",
            "Торговля между областями растёт, туризму помогает.",
            date=dt.date(2025, 2, 1),
        ),
    )
    store = ArticleStore(db)
    assert [a.id for a in (await store.search("туризма")).items] == [trade, tourism]
    assert [a.id for a in (await store.search("Туризмом гостиниц")).items] == [tourism]
    assert [a.id for a in (await store.search("торговли")).items] == [trade]
    assert [a.id for a in (await store.search("ТАШКЕНТ")).items] == [tourism]
    assert [a.id for a in (await store.search("растет")).items] == [trade]  # ё folded
    assert (await store.search("космос")).items == ()


@pytest.mark.parametrize(
    "words",
    [
        '" OR 1=1 --',
        "NEAR(",
        "*",
        "туризм AND",
        "туризм OR космос",
        "'; DROP TABLE articles; --",
        "title:туризм",
        "^туризм",
        '"туризм" NOT',
        "{lemmas}: x",
        "туризм*",
        "( ) : - +",
    ],
)
async def test_search_syntax_is_plain_text(db: Database, words: str) -> None:
    article_id = await _add(db, _analysis("Туризм", "Туризм в регионах растёт."))
    page = await ArticleStore(db).search(words)
    # Never an error; the words are just words: "туризм" alone finds it, any other real
    # word must also be in the article.
    found = [a.id for a in page.items]
    assert found in ([], [article_id])
    if words in {"туризм AND", "туризм OR космос", '"туризм" NOT'}:
        assert found == []  # AND/OR/NOT are words the article does not contain
    assert await ArticleStore(db).count() == 1


@pytest.mark.parametrize("words", ["", "   ", "!!! ... ???", "«»—"])
async def test_search_without_words_is_empty(db: Database, words: str) -> None:
    await _add(db, _analysis("Туризм"))
    page = await ArticleStore(db).search(words)
    assert page.items == () and not page.has_more


async def test_search_pagination(db: Database) -> None:
    ids = [await _add(db, _analysis(f"Туризм {i}", date=dt.date(2025, 1, 1 + i))) for i in range(3)]
    store = ArticleStore(db)
    first = await store.search("туризм", limit=2)
    rest = await store.search("туризм", limit=2, offset=2)
    assert [a.id for a in first.items] == [ids[2], ids[1]] and first.has_more
    assert [a.id for a in rest.items] == [ids[0]] and not rest.has_more


async def _plan(db: Database, sql: str, params: tuple[object, ...]) -> str:
    async with db.execute(f"EXPLAIN QUERY PLAN {sql}", params) as cursor:
        return "\n".join(str(row[3]) for row in await cursor.fetchall())


@pytest.mark.parametrize(
    ("table", "value"),
    [("article_regions", "KZ-31"), ("article_topics", "trade"), ("article_countries", "KZ")],
)
async def test_tag_listing_plans_use_the_key_without_sorting(
    sqlite_db: Database, table: str, value: str
) -> None:
    """SQLite-only: reads SQLite's query plan."""
    db = sqlite_db
    for i in range(30):
        await _add(
            db,
            _analysis(
                f"a{i}", date=dt.date(2025, 1, 1 + i % 28), regions=(ZHAMBYL,), topics=("trade",)
            ),
        )
    await db.execute("ANALYZE")
    plan = await _plan(db, TAG_LISTING_SQL[table], (value, 11, 0))
    assert "SEARCH" in plan and "PRIMARY KEY" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


async def test_latest_and_search_plans_walk_the_date_index(sqlite_db: Database) -> None:
    """SQLite-only: reads SQLite's query plan (FTS5 hands rows out in listing order)."""
    db = sqlite_db
    latest = await _plan(db, LATEST_SQL, (6, 0))
    assert "articles_newest" in latest and "TEMP B-TREE" not in latest, latest
    search = await _plan(db, SEARCH_SQL, ('"туризм"', 6, 0))
    # FTS5 hands rows out in rowid (= listing) order: no sort step.
    assert "VIRTUAL TABLE" in search and "TEMP B-TREE" not in search, search


async def test_batch_insert_gives_each_row_its_id(db: Database) -> None:
    await _add(db, _analysis("first"))
    doomed = await _add(db, _analysis("doomed"))
    async with transaction(db):
        await delete_article(db, doomed)
    records = [
        ArticleRecord(
            _analysis(f"batch {i}", regions=(ZHAMBYL,), topics=("trade",)),
            raw=f"r{i}",
            content_hash=f"h{i}",
            fingerprint="fp",
        )
        for i in range(3)
    ]
    async with transaction(db):
        ids = await insert_articles(db, records)
    assert ids == [doomed + 1, doomed + 2, doomed + 3]
    store = ArticleStore(db)
    for i, article_id in enumerate(ids):
        article = await store.get(article_id)
        assert article is not None and article.title == f"batch {i}"
        assert article.regions == (ZHAMBYL,) and article.topics == ("trade",)
    assert [a.id for a in (await store.search("batch")).items] == ids[::-1]
    with pytest.raises(RuntimeError):
        await insert_articles(db, records)  # outside a transaction
