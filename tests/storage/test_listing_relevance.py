"""Only relevant articles are listed and delivered; a region's listing and subscriptions use
the articles where it is a party (issue 11). Real SQLite files, the real planner."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from bot.delivery.planner import plan
from bot.services.subscriptions import SubscriptionService
from storage.analysis.model import Analysis, RegionRef
from storage.articles import ArticleRecord, ArticleStore, save_article
from storage.database import Database
from storage.db import transaction

_serial = itertools.count(1)
ZHAMBYL = RegionRef("KZ-31", "Жамбылская область", "KZ")
CHUY = RegionRef("KG-C", "Чуйская область", "KG")
TASHKENT_DATELINE = RegionRef("UZ-TK", "Ташкент", "UZ", role="mention")


@pytest.fixture
async def db(store_db: Database) -> Database:
    return store_db


async def add(
    db: Database,
    regions: tuple[RegionRef, ...],
    *,
    relevant: bool = True,
    topics: tuple[str, ...] = ("trade",),
) -> int:
    n = next(_serial)
    analysis = Analysis(
        title=f"Статья {n} торговля",
        lead="",
        body=f"Текст {n} о торговле.",
        date=None,
        url=None,
        regions=regions,
        countries=tuple(sorted({r.country for r in regions})),
        topics=topics,
        summary="",
        relevant=relevant,
    )
    raw = f"raw {n}"
    record = ArticleRecord(analysis, raw, hashlib.sha256(raw.encode()).hexdigest(), "fp")
    async with transaction(db):
        return await save_article(db, record)


async def test_irrelevant_articles_are_kept_but_never_listed(db: Database) -> None:
    store = ArticleStore(db)
    listed = await add(db, (ZHAMBYL, CHUY))
    local = await add(db, (ZHAMBYL,), relevant=False)
    for page in (
        await store.latest(limit=10),
        await store.by_region("KZ-31", limit=10),
        await store.by_topic("trade", limit=10),
        await store.by_country("KZ", limit=10),
        await store.search("торговля", limit=10),
    ):
        assert [a.id for a in page.items] == [listed]
    kept = await store.get(local)
    assert kept is not None and not kept.relevant
    assert await store.count() == 2 and await store.count_unlisted() == 1
    assert await store.region_counts() == {"KZ-31": 1, "KG-C": 1}
    assert await store.topic_counts() == {"trade": 1}


async def test_a_region_only_mentioned_is_not_in_its_listing(db: Database) -> None:
    store = ArticleStore(db)
    dated = await add(db, (ZHAMBYL, CHUY, TASHKENT_DATELINE))
    about = await add(db, (RegionRef("UZ-TK", "Ташкент", "UZ"), ZHAMBYL))
    assert [a.id for a in (await store.by_region("UZ-TK", limit=10)).items] == [about]
    got = await store.get(dated)
    assert got is not None
    assert [(r.code, r.role) for r in got.regions] == [
        ("KZ-31", "party"),
        ("KG-C", "party"),
        ("UZ-TK", "mention"),
    ]


async def test_delivery_plans_only_relevant_articles_and_parties(
    db: Database,
) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private")
    await subs.subscribe(2, "private", "region", "UZ-TK")
    relevant = await add(db, (ZHAMBYL, CHUY, TASHKENT_DATELINE))
    await add(db, (ZHAMBYL,), relevant=False)
    about = await add(db, (RegionRef("UZ-TK", "Ташкент", "UZ"), ZHAMBYL))
    await plan(db)
    async with db.execute("SELECT chat_id, article_id FROM outbox ORDER BY 1, 2") as cur:
        rows = [(r[0], r[1]) for r in await cur.fetchall()]
    assert rows == [(1, relevant), (1, about), (2, about)]


async def test_admins_see_the_unlisted_articles_counted(db: Database, tmp_path: Path) -> None:
    from bot.config import load_settings
    from bot.container import queue_new
    from bot.services.admin import AdminService

    await add(db, (ZHAMBYL, CHUY))
    await add(db, (ZHAMBYL,), relevant=False)
    settings = load_settings(seeds_dir=tmp_path)
    stats = await AdminService(db, settings, plan=queue_new).stats()
    assert stats.articles == 2 and stats.articles_unlisted == 1
