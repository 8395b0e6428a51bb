"""PostgreSQL plans a region page once per connection, not once per page (storage.articles,
``bounds_in_sql``): with the page's LIMIT and OFFSET written into the SQL, the prepared
statement's cached generic plan is used; with them as parameters every execution was planned
anew (issue 10: about a fifth of a page's time)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storage.analysis.model import Analysis, RegionRef
from storage.articles import ArticleRecord, ArticleStore, insert_articles
from storage.database import transaction
from storage.pg import open_pg
from tests.support.stores import PG_URL, create_schema, drop_schema, skip_without_pg

ALMATY = RegionRef("KZ-75", "Алматы", "KZ")


def _record(i: int) -> ArticleRecord:
    analysis = Analysis(
        title=f"Новость {i}",
        lead="",
        body=f"Новость {i}",
        date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
        url=None,
        regions=(ALMATY,),
        countries=("KZ",),
        topics=("trade",),
        summary="",
    )
    return ArticleRecord(analysis, raw=str(i), content_hash=str(i), fingerprint="fp")


async def test_a_region_page_uses_the_connections_cached_plan(tmp_path: Path) -> None:
    skip_without_pg()
    schema = await create_schema()
    db = await open_pg(PG_URL, search_path=schema, size=1)  # one connection: its statements
    try:
        async with transaction(db):
            # enough rows that planning a 10 % share of them costs more than a page
            ids = await insert_articles(db, [_record(i) for i in range(2000)])
        await db.execute("ANALYZE")
        store = ArticleStore(db)
        for _ in range(15):
            page = await store.by_region("KZ-75", limit=5, offset=5)
            assert [a.id for a in page.items] == ids[::-1][5:10] and page.has_more
        rows = await db.execute_fetchall(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
        )
        [(generic, custom)] = [(g, c) for s, g, c in rows if "FROM article_regions WHERE" in str(s)]
        assert generic >= 5 and custom <= 5  # planned a few times, then reused
    finally:
        await db.close()
        await drop_schema(schema)
