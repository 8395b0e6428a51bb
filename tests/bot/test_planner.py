"""The planner: who gets which new article, once per chat (SPEC: Delivery)."""

from __future__ import annotations

import pytest

from bot.delivery.planner import plan
from bot.services.subscriptions import SubscriptionService
from storage.database import Database
from storage.subscriptions import Kind
from tests.support.delivery_support import add_article


@pytest.fixture
async def db(store_db: Database) -> Database:
    """Every planner test runs on SQLite and on PostgreSQL (its plan SQL differs)."""
    return store_db


async def outbox(db: Database) -> set[tuple[int, int, int | None]]:
    async with db.execute("SELECT chat_id, article_id, thread_id FROM outbox") as cur:
        return {(r[0], r[1], r[2]) for r in await cur.fetchall()}


async def test_filters_pick_the_matching_articles(db: Database) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private", "topic", "tourism")
    await subs.subscribe(2, "private", "region", "KZ-31")
    await subs.subscribe(3, "private")
    tourism = await add_article(db, regions=("UZ-TK",), topics=("tourism", "culture"))
    ecology = await add_article(db, regions=("KZ-31",), topics=("ecology",))
    result = await plan(db)
    assert result.queued == 4 and result.top == ecology
    assert await outbox(db) == {
        (1, tourism, None),  # the tourism subscriber: tourism article, not the ecology one
        (2, ecology, None),  # Zhambyl: only the article about KZ-31
        (3, tourism, None),
        (3, ecology, None),
    }


async def test_once_per_chat_even_when_several_subscriptions_match(
    db: Database,
) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(-100, "supergroup", "region", "KZ-75", thread_id=11)
    await subs.subscribe(-100, "supergroup", "topic", "trade", thread_id=22)
    await subs.subscribe(-100, "supergroup", "all", thread_id=33)
    art = await add_article(db, regions=("KZ-75",), topics=("trade",))
    assert (await plan(db)).queued == 1
    # the oldest matching subscription decides the forum topic
    assert await outbox(db) == {(-100, art, 11)}


async def test_each_subscription_only_for_articles_after_it(db: Database) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private", "topic", "trade")
    early_energy = await add_article(db, topics=("energy",))
    early_trade = await add_article(db, topics=("trade",))
    # energy subscription made after early_energy: that one is not news to it
    await subs.subscribe(1, "private", "topic", "energy")
    late_energy = await add_article(db, topics=("energy",))
    await plan(db)
    assert await outbox(db) == {(1, early_trade, None), (1, late_energy, None)}
    assert early_energy not in {a for _, a, _ in await outbox(db)}


async def test_a_second_run_plans_nothing_and_watermarks_advance(db: Database) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private", "topic", "space")
    await add_article(db, topics=("space",))
    other = await add_article(db, topics=("trade",))
    assert (await plan(db)).queued == 1
    assert (await plan(db)).queued == 0
    chat = await subs.get_chat(1)
    assert chat is not None and chat.watermark == other  # non-matching ones count as seen


async def test_inactive_chats_get_nothing(db: Database) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private")
    await subs.subscribe(2, "private")
    await subs.mark_inactive(2)
    art = await add_article(db)
    await plan(db)
    assert await outbox(db) == {(1, art, None)}


async def test_articles_arriving_between_runs_are_planned_next_time(
    db: Database,
) -> None:
    subs = SubscriptionService(db)
    await subs.subscribe(1, "private")
    first = await add_article(db)
    await plan(db)
    second = await add_article(db)
    third = await add_article(db)
    assert (await plan(db)).queued == 2
    assert {a for _, a, _ in await outbox(db)} == {first, second, third}


KINDS: list[tuple[Kind, str | None]] = [("all", None), ("topic", "trade"), ("region", "KZ-71")]


async def test_many_subscribers_in_one_statement(db: Database) -> None:
    subs = SubscriptionService(db)
    for chat_id in range(1, 1201):
        kind, value = KINDS[chat_id % 3]
        await subs.subscribe(chat_id, "private", kind, value)
    trade = await add_article(db, topics=("trade",))
    astana = await add_article(db, regions=("KZ-71",))
    result = await plan(db)
    # 400 "all" chats get both, 400 trade chats one, 400 Astana chats one
    assert result.queued == 400 * 2 + 400 + 400
    rows = await outbox(db)
    assert sum(1 for _, a, _ in rows if a == trade) == 800
    assert sum(1 for _, a, _ in rows if a == astana) == 800
