"""Delivery end to end: the real worker, sender and aiogram session against the fake Telegram.

The store is a real SQLite file; subscriptions are made through the service layer the chat
handlers call; the fake answers like Telegram (rate limits, 429, 502, 403, migrations).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot

from bot.app import build_bot
from bot.config import load_settings
from bot.delivery.scheduler import DeliveryScheduler, build_scheduler
from bot.delivery.sender import Sender
from bot.delivery.worker import DeliveryWorker, RunReport
from bot.formatting import article_card, split_html
from bot.outgoing.limits import DELIVERY, Limits, OutgoingLimiter
from bot.outgoing.session import RetryPolicy, outgoing
from bot.services.subscriptions import SubscriptionService
from storage.database import Database
from storage.subscriptions import SubscriptionStore
from tests.bot.test_ratelimit import FakeClock
from tests.support.delivery_support import add_article, eventually
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

FAST = RetryPolicy(backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def db(store_db: Database) -> Database:
    """Delivery on both engines: the SQLite file and a PostgreSQL schema of its own."""
    return store_db


@pytest.fixture
async def bot(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Bot]:
    settings = load_settings(
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_path=tmp_path / "unused.sqlite3",
    )
    tg = build_bot(settings, policy=FAST)  # Telegram's limits, the fake's too; short backoff
    yield tg
    await tg.session.close()


class Clock:
    """The digest clock the tests move (UTC)."""

    def __init__(self, when: dt.datetime) -> None:
        self.when = when

    def __call__(self) -> dt.datetime:
        return self.when


def make_worker(db: Database, bot: Bot, *, clock: Clock | None = None) -> DeliveryWorker:
    # The pace is the bot session's (Telegram's limits, on in the fake too).
    sender = Sender(bot, splitter=split_html)
    return DeliveryWorker(
        db, sender, article_card, concurrency=32, now=clock or (lambda: dt.datetime.now(dt.UTC))
    )


def delivered(fake: FakeTelegram) -> Counter[int]:
    return Counter(m.chat_id for m in fake.sent)


async def status_counts(db: Database) -> dict[str, int]:
    return await SubscriptionStore(db).counts()


async def test_sixty_subscribers_served_exactly_once_by_the_scheduler(
    fake: FakeTelegram, db: Database, bot: Bot, tmp_path: Path
) -> None:
    subs = SubscriptionService(db)
    users = [fake.new_user() for _ in range(60)]  # at Telegram's 30 a second: 2 s
    for user in users:
        await subs.subscribe(user.id, "private")
    art = await add_article(db, "Новый маршрут Алматы — Ташкент", regions=("KZ-75", "UZ-TK"))
    settings = load_settings(
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_path=tmp_path / "x.sqlite3",
        delivery_interval=0.2,
        broadcast_rate=1000,
    )
    scheduler = build_scheduler(db, bot, settings)
    await scheduler.start()
    try:
        await fake.wait_until(lambda: len(fake.sent) >= 60, timeout=30)
        await eventually(lambda: scheduler.runs >= 3)  # later runs add nothing
    finally:
        await scheduler.stop()
    counts = delivered(fake)
    assert set(counts) == {u.id for u in users}
    assert set(counts.values()) == {1}
    assert all("Новый маршрут Алматы — Ташкент" in m.plain for m in fake.sent)
    assert await status_counts(db) == {"pending": 0, "sending": 0, "sent": 60, "failed": 0}
    async with db.execute("SELECT DISTINCT article_id FROM outbox") as cur:
        assert [r[0] for r in await cur.fetchall()] == [art]


async def test_blocked_and_vanished_chats_are_deactivated_and_not_retried(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    users = [fake.new_user() for _ in range(20)]
    for user in users:
        await subs.subscribe(user.id, "private")
    blocked = {u.id for u in users[:5]}
    for chat_id in blocked:
        fake.block(chat_id)
    vanished = users[5].id
    fake.forget_chat(vanished)
    worker = make_worker(db, bot)
    await add_article(db)
    report = await worker.run_once()
    assert report.gone == 6 and report.sent == 14
    for chat_id in [*blocked, vanished]:
        chat = await subs.get_chat(chat_id)
        assert chat is not None and not chat.active
    attempts = Counter(p["chat_id"] for m, p in fake.calls if m == "sendMessage")
    assert all(attempts[c] == 1 for c in [*blocked, vanished])  # one try, no retry
    await add_article(db)
    await worker.run_once()
    await worker.run_once()
    attempts = Counter(p["chat_id"] for m, p in fake.calls if m == "sendMessage")
    assert all(attempts[c] == 1 for c in [*blocked, vanished])  # never tried again
    assert all(delivered(fake)[u.id] == 2 for u in users[6:])
    # a blocked user who comes back (/start) gets new articles, not the missed ones
    fake.unblock(users[0].id)
    assert await subs.revive(users[0].id)
    await worker.run_once()
    assert delivered(fake)[users[0].id] == 0
    await add_article(db)
    await worker.run_once()
    assert delivered(fake)[users[0].id] == 1


async def test_429s_and_502s_still_deliver_exactly_once(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    users = [fake.new_user() for _ in range(50)]  # 100 messages: 3.5 s at Telegram's pace
    for user in users:
        await subs.subscribe(user.id, "private")
    fake.inject_failures(p429=0.10, p502=0.05, seed=4)
    worker = make_worker(db, bot)
    await add_article(db, topics=("trade",))
    await add_article(db, topics=("energy",))
    report = await worker.run_once()
    errors = Counter(status for _, status, _ in fake.errors)
    assert errors[429] > 0 and errors[502] > 0  # the fake did misbehave
    # every 429 and 502 was waited out / retried by the session middleware, none lost
    middleware = outgoing(bot)
    assert middleware.retries_after == errors[429] and middleware.retried_errors == errors[502]
    assert report.retries_after == 0 and report.server_errors == 0
    counts = delivered(fake)
    assert {u.id for u in users} == set(counts) and set(counts.values()) == {2}
    pairs = Counter((m.chat_id, m.plain.splitlines()[0]) for m in fake.sent)
    assert set(pairs.values()) == {1}  # each article once per chat, none twice
    assert await status_counts(db) == {"pending": 0, "sending": 0, "sent": 100, "failed": 0}


async def test_group_migrating_to_a_supergroup_keeps_its_subscription(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    admin = fake.new_user()
    group = fake.new_group(admins=[admin], title="Торговые новости")
    await subs.subscribe(group.id, "group", "topic", "trade", title=group.title)
    await subs.update_settings(group.id, silent=True)
    new_id = -1_000_000_777_000
    fake.migrate(group.id, new_id)
    worker = make_worker(db, bot)
    art = await add_article(db, "Торговый дом в Ташкенте", topics=("trade",))
    report = await worker.run_once()
    assert report.migrated == 1 and report.sent == 1
    [message] = fake.sent
    assert message.chat_id == new_id and "Торговый дом в Ташкенте" in message.plain
    assert message.disable_notification  # the settings moved too
    assert await subs.get_chat(group.id) is None
    chat = await subs.get_chat(new_id)
    assert chat is not None and chat.type == "supergroup" and chat.silent
    assert [(s.kind, s.value) for s in await subs.list(new_id)] == [("topic", "trade")]
    async with db.execute("SELECT chat_id, status FROM outbox WHERE article_id = ?", (art,)) as c:
        assert [tuple(r) for r in await c.fetchall()] == [(new_id, "sent")]
    await add_article(db, "Ещё о торговле", topics=("trade",))
    await worker.run_once()
    assert [m.chat_id for m in fake.sent] == [new_id, new_id]  # straight to the new id now


async def test_digest_chat_gets_one_message_at_its_hour(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    reader = fake.new_user()
    instant = fake.new_user()
    await subs.subscribe(reader.id, "private")
    await subs.subscribe(instant.id, "private")
    await subs.update_settings(reader.id, mode="digest", digest_hour=9)  # Asia/Almaty, UTC+5
    clock = Clock(dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC))  # 08:00 in Almaty
    worker = make_worker(db, bot, clock=clock)
    titles = [f"Новость номер {i}" for i in range(3)]
    for title in titles:
        await add_article(db, title)
        await worker.run_once()
    assert len(fake.messages_to(instant.id)) == 3  # instant readers are not held back
    assert fake.messages_to(reader.id) == []  # 08:00: not yet
    clock.when = dt.datetime(2026, 3, 2, 3, 59, tzinfo=dt.UTC)
    await worker.run_once()
    assert fake.messages_to(reader.id) == []
    clock.when = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.UTC)  # 09:00 in Almaty
    await worker.run_once()
    [digest] = fake.messages_to(reader.id)
    assert all(title in digest.plain for title in titles)
    clock.when = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # later that day
    late = await add_article(db, "Поздняя новость")
    await worker.run_once()
    assert len(fake.messages_to(reader.id)) == 1  # one digest a day
    clock.when = dt.datetime(2026, 3, 3, 4, 0, tzinfo=dt.UTC)  # next day, 09:00
    await worker.run_once()
    second = fake.messages_to(reader.id)[1:]
    assert len(second) == 1 and "Поздняя новость" in second[0].plain
    assert not any(t in second[0].plain for t in titles)
    async with db.execute(
        "SELECT status FROM outbox WHERE chat_id = ? AND article_id = ?", (reader.id, late)
    ) as cur:
        assert (await cur.fetchone())[0] == "sent"


async def test_big_digest_is_split_between_articles_never_over_the_limit(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    reader = fake.new_user()
    await subs.subscribe(reader.id, "private")
    await subs.update_settings(reader.id, mode="digest", digest_hour=0, tz="UTC")
    titles = [f"Заголовок {i:02d} " + "очень длинный " * 18 for i in range(40)]
    for title in titles:
        await add_article(db, title)
    worker = make_worker(db, bot, clock=Clock(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)))
    await worker.run_once()
    parts = fake.messages_to(reader.id)
    assert len(parts) >= 2  # the fake refuses anything over 4096, so each part fits
    joined = "\n".join(p.plain for p in parts)
    for i in range(40):
        assert joined.count(f"Заголовок {i:02d} ") == 1


async def test_forum_topic_subscription_is_delivered_into_its_thread(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    admin = fake.new_user()
    forum = fake.new_group(admins=[admin], forum=True, title="Форум")
    await subs.subscribe(forum.id, "supergroup", "region", "KZ-75", thread_id=77)
    worker = make_worker(db, bot)
    await add_article(db, "Алматы принимает делегацию", regions=("KZ-75",))
    await worker.run_once()
    [message] = fake.messages_to(forum.id)
    assert message.message_thread_id == 77


async def test_tourism_subscriber_gets_tourism_not_ecology(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    tourist = fake.new_user()
    everyone = fake.new_user()
    await subs.subscribe(tourist.id, "private", "topic", "tourism")
    await subs.subscribe(everyone.id, "private")
    worker = make_worker(db, bot)
    await add_article(
        db, "Туристический маршрут по Великому шёлковому пути", topics=("tourism", "culture")
    )
    await add_article(db, "Спасение Аральского моря", topics=("ecology",))
    await worker.run_once()
    got = [m.plain for m in fake.messages_to(tourist.id)]
    assert len(got) == 1 and "Туристический маршрут" in got[0]
    assert len(fake.messages_to(everyone.id)) == 2


async def test_channel_and_group_respect_twenty_a_minute(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    """The limit is checked on the limiter's own (injected) clock, so the verdict does not
    depend on how fast the machine is: 45 messages to one channel get turns no more than 20 in
    any minute. End to end, against the fake's 20-a-minute window, a channel's three articles
    arrive once each (a 429 from clock skew would be waited out, never lost)."""
    clock = FakeClock()
    limiter = OutgoingLimiter(Limits(), clock=clock, sleep=clock.sleep)
    turns = []
    for _ in range(45):
        await limiter.acquire(-100_123, DELIVERY)
        turns.append(clock.now)
    assert all(sum(t <= x < t + 60 for x in turns) <= 20 for t in turns)
    assert turns[-1] - turns[0] >= 120  # 45 messages need two full minutes past the first burst
    subs = SubscriptionService(db)
    channel = fake.new_channel(username="newsroom")
    await subs.subscribe(channel.id, "channel", title="Newsroom")
    worker = make_worker(db, bot)
    for _ in range(3):
        await add_article(db)
    await worker.run_once()
    assert len(fake.messages_to(channel.id)) == 3
    assert await status_counts(db) == {"pending": 0, "sending": 0, "sent": 3, "failed": 0}


async def test_scheduler_never_runs_twice_at_once(
    fake: FakeTelegram, db: Database, bot: Bot
) -> None:
    subs = SubscriptionService(db)
    users = [fake.new_user() for _ in range(30)]
    for user in users:
        await subs.subscribe(user.id, "private")
    await add_article(db)
    worker = make_worker(db, bot)  # a run takes ~1 s at Telegram's pace, the interval 0.05 s
    active = 0
    most = 0
    original = worker.run_once

    async def counting() -> RunReport:
        nonlocal active, most
        active += 1
        most = max(most, active)
        try:
            return await original()
        finally:
            active -= 1

    worker.run_once = counting  # type: ignore[method-assign]
    scheduler = DeliveryScheduler(worker, 0.05)
    await scheduler.start()
    try:
        await fake.wait_until(lambda: len(fake.sent) >= 30, timeout=10)
    finally:
        await scheduler.stop()
    assert most == 1
    assert set(delivered(fake).values()) == {1}
