"""storage/queries.py: combined listings (both places sides, a place and a topic, a country, a
period), their plans, partners, and the delivery match of combined subscriptions.

All on both engines but the query plan (SQLite's EXPLAIN QUERY PLAN: SQLite-only)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from bot.services.partners import render_chart
from storage.analysis.model import RegionRef
from storage.articles import ArticleStore
from storage.database import Database
from storage.queries import Combined, Term, combined_page, combined_sql, partners
from tests.storage.test_articles import TASHKENT, ZHAMBYL, _add, _analysis

ALMATY = RegionRef("KZ-75", "Алматы", "KZ")
ALMATY_MENTION = RegionRef("KZ-75", "Алматы", "KZ", "mention")
OMSK = RegionRef("RU-OMS", "Омская область", "RU")


@pytest.fixture
async def db(store_db: Database) -> Database:
    return store_db


async def _titles(db: Database, *terms: Term, **period: str) -> list[str]:
    page = await combined_page(ArticleStore(db), Combined(terms, **period), limit=10)
    return [a.title for a in page.items]


async def test_two_places_must_both_be_sides(db: Database) -> None:
    day = dt.date(2025, 5, 1)
    await _add(db, _analysis("both", date=day, regions=(ZHAMBYL, TASHKENT)))
    await _add(db, _analysis("mention", date=day, regions=(TASHKENT, ALMATY_MENTION)))
    await _add(db, _analysis("pair", date=day, regions=(TASHKENT, ALMATY)))
    await _add(db, _analysis("one", date=day, regions=(ZHAMBYL,)))
    assert await _titles(db, Term("region", "KZ-31"), Term("region", "UZ-TK")) == ["both"]
    # Алматы only named in passing is not a side: "between Алматы and Ташкент" is "pair" only
    assert await _titles(db, Term("region", "UZ-TK"), Term("region", "KZ-75")) == ["pair"]


async def test_place_topic_country_and_period(db: Database) -> None:
    for month, (title, regions, topics) in enumerate(
        [
            ("kz trade", (ZHAMBYL,), ("trade",)),
            ("kz tourism", (ZHAMBYL,), ("tourism",)),
            ("ru tourism", (OMSK,), ("tourism",)),
            ("uz-kz tourism", (TASHKENT, ALMATY), ("tourism",)),
        ],
        start=1,
    ):
        await _add(
            db, _analysis(title, date=dt.date(2025, month, 10), regions=regions, topics=topics)
        )
    tourism = Term("topic", "tourism")
    assert await _titles(db, Term("region", "KZ-31"), tourism) == ["kz tourism"]
    assert await _titles(db, Term("country", "KZ"), tourism) == ["uz-kz tourism", "kz tourism"]
    assert await _titles(db, tourism, since="2025-03-01") == ["uz-kz tourism", "ru tourism"]
    march = {"since": "2025-03-01", "until": "2025-03-31"}
    assert await _titles(db, tourism, **march) == ["ru tourism"]


async def test_combined_plan_reads_one_key_range_without_sorting(sqlite_db: Database) -> None:
    """SQLite-only: reads SQLite's query plan."""
    db = sqlite_db
    for i in range(30):
        await _add(
            db, _analysis(f"a{i}", date=dt.date(2025, 1, 1 + i % 28), regions=(ZHAMBYL, TASHKENT))
        )
    await db.execute("ANALYZE")
    query = Combined((Term("region", "KZ-31"), Term("region", "UZ-TK"), Term("topic", "trade")))
    sql, params = combined_sql(query)
    async with db.execute(f"EXPLAIN QUERY PLAN {sql}", (*params, 6, 0)) as cursor:
        plan = "\n".join(str(row[3]) for row in await cursor.fetchall())
    assert "TEMP B-TREE" not in plan, plan
    assert plan.count("SCAN") == 0, plan  # every table reached through an index


async def test_partners_count_sides_with_their_topics(db: Database) -> None:
    day = dt.date(2025, 6, 1)
    await _add(db, _analysis("1", date=day, regions=(ZHAMBYL, TASHKENT), topics=("trade",)))
    await _add(
        db, _analysis("2", date=day, regions=(ZHAMBYL, TASHKENT), topics=("tourism", "trade"))
    )
    await _add(db, _analysis("3", date=day, regions=(ZHAMBYL, OMSK), topics=("energy",)))
    await _add(db, _analysis("old", date=dt.date(2020, 1, 1), regions=(ZHAMBYL, OMSK)))
    found = await partners(db, Term("region", "KZ-31"), since=dt.date(2025, 1, 1))
    assert [(p.kind, p.code, p.articles) for p in found] == [
        ("region", "UZ-TK", 2),
        ("country", "UZ", 2),
        ("region", "RU-OMS", 1),
        ("country", "RU", 1),
    ]
    assert found[0].topics == (("trade", 2), ("tourism", 1))
    by_country = await partners(db, Term("country", "RU"), since=dt.date(2025, 1, 1))
    assert [(p.code, p.articles) for p in by_country] == [("KZ-31", 1), ("KZ", 1)]


def test_chart_is_a_png_and_matplotlib_is_not_loaded_at_start() -> None:
    png = render_chart("Тараз: партнёры", [("Ташкент", 2), ("Омская область", 1)])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    code = (
        "import sys; from bot.routers import feature_routers; from bot.app import build_dispatcher;"
        " feature_routers(); print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_planner_sends_combined_subscriptions_only_what_matches_every_term(
    db: Database,
) -> None:
    from bot.delivery.planner import plan
    from bot.services.subscriptions import SubscriptionService
    from storage.queries import query_value

    subs = SubscriptionService(db)
    pair = query_value((Term("region", "KZ-31"), Term("region", "UZ-TK")))
    await subs.subscribe(1, "private", "query", pair)
    await subs.subscribe(2, "private", "query", query_value((Term("country", "RU"),)))
    day = dt.date(2025, 6, 1)
    both = await _add(db, _analysis("both", date=day, regions=(ZHAMBYL, TASHKENT)))
    mention = RegionRef("UZ-TK", "Ташкент", "UZ", "mention")
    await _add(db, _analysis("mention", date=day, regions=(ZHAMBYL, mention)))
    russia = await _add(db, _analysis("ru", date=day, regions=(OMSK,)))
    await plan(db)
    rows = await db.execute_fetchall("SELECT chat_id, article_id FROM outbox ORDER BY 1, 2")
    assert [tuple(r) for r in rows] == [(1, both), (2, russia)]
    # removing the subscription removes its terms with it
    [sub] = await subs.list(1)
    assert await subs.unsubscribe_id(1, sub.id)
    left = await db.execute_fetchall("SELECT count(*) FROM subscription_terms")
    assert next(iter(left))[0] == 1  # only the country subscription's term is left
