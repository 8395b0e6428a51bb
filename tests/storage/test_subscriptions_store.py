"""Subscriptions, chats and settings in a real store file (SPEC: Chat commands, Delivery)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.container import queue_new
from bot.delivery.planner import plan
from bot.services.admin import AdminService
from bot.services.subscriptions import SubscriptionError, SubscriptionService
from storage.database import Database
from storage.subscriptions import SubscriptionStore
from tests.support.delivery_support import add_article


@pytest.fixture
async def db(store_db: Database) -> Database:
    return store_db


async def queued(db: Database, chat_id: int) -> list[int]:
    rows = await SubscriptionStore(db).pending_for_chat(chat_id)
    return [r.article_id for r in rows]


async def test_new_chat_starts_after_the_newest_article(db: Database) -> None:
    old = await add_article(db)
    service = SubscriptionService(db)
    result = await service.subscribe(1, "private")
    assert result.created and not result.revived
    chat = await service.get_chat(1)
    assert chat is not None and chat.active and chat.watermark == old
    assert chat.tz == "Asia/Almaty" and chat.mode == "instant" and not chat.silent
    assert result.subscription.created_after == old


async def test_several_subscriptions_per_chat_and_listing(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private", "region", "KZ-31")
    await service.subscribe(1, "private", "topic", "tourism")
    again = await service.subscribe(1, "private", "topic", "tourism")
    assert not again.created  # the same filter twice is one subscription
    subs = await service.list(1)
    assert [(s.kind, s.value) for s in subs] == [("region", "KZ-31"), ("topic", "tourism")]
    assert await service.list(2) == []


async def test_unsubscribe_one_by_name_by_id_and_all(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private", "region", "KZ-31")
    b = await service.subscribe(1, "private", "topic", "trade")
    await service.subscribe(1, "private")
    assert await service.unsubscribe(1, "region", "KZ-31")
    assert not await service.unsubscribe(1, "region", "KZ-31")
    assert not await service.unsubscribe_id(2, b.subscription.id)  # not that chat's
    assert await service.unsubscribe_id(1, b.subscription.id)
    assert await service.unsubscribe_all(1) == 1
    assert await service.list(1) == []


async def test_unsubscribing_drops_queued_articles_nobody_wants_any_more(
    db: Database,
) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private", "topic", "tourism")
    await service.subscribe(1, "private", "topic", "ecology")
    tour = await add_article(db, topics=("tourism",))
    eco = await add_article(db, topics=("ecology",))
    both = await add_article(db, topics=("ecology", "tourism"))
    await plan(db)
    assert await queued(db, 1) == [tour, eco, both]
    await service.unsubscribe(1, "topic", "ecology")
    assert await queued(db, 1) == [tour, both]  # "both" still matches tourism
    await service.unsubscribe_all(1)
    assert await queued(db, 1) == []


async def test_bad_requests_are_refused(db: Database) -> None:
    service = SubscriptionService(db)
    with pytest.raises(SubscriptionError):
        await service.subscribe(1, "private", "country", "KZ")  # type: ignore[arg-type]
    with pytest.raises(SubscriptionError):
        await service.subscribe(1, "private", "region", "")
    with pytest.raises(SubscriptionError):
        await service.subscribe(1, "bot", "all")  # type: ignore[arg-type]
    await service.subscribe(1, "private")
    with pytest.raises(SubscriptionError):
        await service.update_settings(1, digest_hour=24)
    with pytest.raises(SubscriptionError):
        await service.update_settings(1, tz="Mars/Olympus")
    with pytest.raises(SubscriptionError):
        await service.update_settings(1, mode="weekly")  # type: ignore[arg-type]
    with pytest.raises(SubscriptionError):
        await service.update_settings(99, silent=True)
    chat = await service.get_settings(1)
    assert chat is not None and chat.mode == "instant" and chat.digest_hour == 9


async def test_settings_round_trip(db: Database) -> None:
    service = SubscriptionService(db)
    await service.ensure_chat(-5, "supergroup", title="Группа")
    chat = await service.update_settings(
        -5, mode="digest", digest_hour=18, silent=True, tz="Asia/Tashkent", lang="en"
    )
    assert (chat.mode, chat.digest_hour, chat.silent, chat.tz, chat.lang) == (
        "digest",
        18,
        True,
        "Asia/Tashkent",
        "en",
    )
    assert chat.title == "Группа" and chat.is_broadcast
    chat = await service.update_settings(-5, silent=False)
    assert not chat.silent and chat.mode == "digest"  # untouched settings stay


async def test_inactive_chat_gets_no_backlog_when_it_comes_back(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private")
    queued_before = await add_article(db)
    await plan(db)
    assert await queued(db, 1) == [queued_before]
    assert await service.mark_inactive(1, "Forbidden: bot was blocked by the user")
    assert not await service.mark_inactive(1)  # already inactive
    assert await queued(db, 1) == []  # nothing waits for a chat that cannot hear us
    missed = await add_article(db)
    await plan(db)
    chat = await service.get_chat(1)
    assert chat is not None and not chat.active and chat.watermark < missed
    assert await service.revive(1)
    assert not await service.revive(1)
    await plan(db)
    assert await queued(db, 1) == []  # neither the queued nor the missed article
    fresh = await add_article(db)
    await plan(db)
    assert await queued(db, 1) == [fresh]


async def test_resubscribing_revives_without_backlog(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private", "topic", "trade")
    await service.mark_inactive(1)
    await add_article(db, topics=("trade",))
    result = await service.subscribe(1, "private", "topic", "trade")
    assert result.revived and not result.created
    await plan(db)
    assert await queued(db, 1) == []


async def test_unsubscribe_all_then_subscribe_again_gets_no_backlog(
    db: Database,
) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private")
    await service.unsubscribe_all(1)
    await add_article(db)
    await service.subscribe(1, "private")
    await plan(db)
    assert await queued(db, 1) == []


async def test_migration_moves_everything_to_the_new_id(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(-10, "group", "topic", "trade", title="Торговля")
    await service.update_settings(-10, mode="digest", digest_hour=7)
    art = await add_article(db, topics=("trade",))
    await plan(db)
    await service.migrate_chat(-10, -100_10)
    assert await service.get_chat(-10) is None
    chat = await service.get_chat(-100_10)
    assert chat is not None
    assert (chat.type, chat.title, chat.mode, chat.digest_hour) == (
        "supergroup",
        "Торговля",
        "digest",
        7,
    )
    assert [(s.kind, s.value) for s in await service.list(-100_10)] == [("topic", "trade")]
    assert await queued(db, -100_10) == [art]


async def test_migration_onto_a_chat_we_already_know_merges(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(-10, "group", "topic", "trade")
    await service.subscribe(-10, "group", "region", "KZ-75")
    await service.subscribe(-200, "supergroup", "topic", "trade")
    await service.migrate_chat(-10, -200)
    subs = await service.list(-200)
    assert sorted((s.kind, s.value) for s in subs) == [("region", "KZ-75"), ("topic", "trade")]
    assert await service.get_chat(-10) is None


async def test_forum_thread_is_kept_and_moved(db: Database) -> None:
    service = SubscriptionService(db)
    first = await service.subscribe(-300, "supergroup", thread_id=42)
    assert first.subscription.thread_id == 42
    again = await service.subscribe(-300, "supergroup", thread_id=43)
    assert not again.created and again.subscription.thread_id == 43


async def test_admin_stats_count_what_is_there(db: Database, tmp_path: Path) -> None:
    service = SubscriptionService(db)
    admin = AdminService(
        db, load_settings(admin_ids="42", seeds_dir=tmp_path / "seeds"), plan=queue_new
    )
    assert admin.is_admin(42) and not admin.is_admin(43) and not admin.is_admin(None)
    await service.subscribe(1, "private")
    await service.subscribe(2, "private", "region", "KZ-31")
    await service.subscribe(3, "private")
    await service.ensure_chat(4, "private")  # known, never subscribed: not a subscriber
    await service.mark_inactive(3)
    await add_article(db, regions=("KZ-31", "UZ-TK"))
    await add_article(db, regions=("KZ-31",))
    await plan(db)
    await SubscriptionStore(db).set_status([1], "sent", message_id=9)
    stats = await admin.stats()
    assert (stats.articles, stats.regions_covered) == (2, 2)
    assert (stats.subscribers_active, stats.subscribers_inactive) == (2, 1)
    assert (stats.deliveries_pending, stats.deliveries_sent) == (3, 1)


async def test_admin_reload_queues_new_articles_for_subscribers(
    db: Database, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    woken: list[bool] = []
    admin = AdminService(
        db,
        load_settings(seeds_dir=seeds),
        plan=queue_new,
        wake_delivery=lambda: woken.append(True),
    )
    await SubscriptionService(db).subscribe(1, "private")
    await add_article(db)  # as if `python -m bot ingest` ran beside the bot
    report = await admin.reload()
    assert report.ok and woken == [True]
    assert len(await queued(db, 1)) == 1  # reload planned it straight away
