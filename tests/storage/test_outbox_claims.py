"""One sender per row: claims take only pending rows, leases keep a live sender's rows, and a
send that hangs neither holds up other chats nor reaches its chat twice.

Real stores (a SQLite file, and a PostgreSQL schema: every test runs on both), the real worker
and aiogram session against the fake Telegram (limits on).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot

from bot.app import build_bot
from bot.config import load_settings
from bot.delivery.sender import Sender
from bot.delivery.worker import DeliveryWorker
from bot.formatting import article_card, split_html
from bot.outgoing.session import RetryPolicy, outgoing
from bot.services.subscriptions import SubscriptionService
from storage.database import Database
from storage.outbox import OutboxStore, plan
from tests.support.delivery_support import add_article
from tests.support.fake_telegram import FakeTelegram
from tests.support.stores import TestStore

pytestmark = pytest.mark.e2e


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


def make_bot(fake: FakeTelegram, tmp_path: Path, **settings: object) -> Bot:
    return build_bot(
        load_settings(
            bot_token=fake.token,
            telegram_api_url=fake.base_url,
            database_path=tmp_path / "unused.sqlite3",
            **settings,
        )
    )


def worker(db: object, bot: Bot, owner: str) -> DeliveryWorker:
    sender = Sender(bot, splitter=split_html)
    return DeliveryWorker(db, sender, article_card, owner=owner)  # type: ignore[arg-type]


async def test_two_senders_on_one_store_send_each_row_once(
    fake: FakeTelegram, tmp_path: Path, test_store: TestStore
) -> None:
    first, second = await test_store.open(), await test_store.open()
    bots = [make_bot(fake, tmp_path), make_bot(fake, tmp_path)]
    try:
        subs = SubscriptionService(first)
        readers = [fake.new_user() for _ in range(60)]
        for reader in readers:
            await subs.subscribe(reader.id, "private")
        await add_article(first, "Одна новость для всех")
        a, b = worker(first, bots[0], "A"), worker(second, bots[1], "B")
        reports = await asyncio.gather(a.run_once(), b.run_once())
        counts = await OutboxStore(first).counts()
    finally:
        for bot in bots:
            await bot.session.close()
    delivered = Counter(m.chat_id for m in fake.sent)
    assert set(delivered) == {r.id for r in readers} and set(delivered.values()) == {1}
    assert sum(r.sent for r in reports) == 60
    assert counts == {"pending": 0, "sending": 0, "sent": 60, "failed": 0}


async def test_a_live_senders_rows_are_not_requeued_until_its_lease_runs_out(
    fake: FakeTelegram, tmp_path: Path, test_store: TestStore
) -> None:
    db = await test_store.open()
    bot = make_bot(fake, tmp_path)
    try:
        subs = SubscriptionService(db)
        reader = fake.new_user()
        await subs.subscribe(reader.id, "private")
        await add_article(db)
        other = worker(db, bot, "B")
        await other.run_once()  # plans the row and sends it... unless A holds it:
        assert len(fake.sent) == 1
        await add_article(db)
        alive = OutboxStore(db, "A")
        await plan(db)
        [row] = await alive.pending()
        assert await alive.claim([row.id]) == {row.id}  # A is sending it now
        await other.run_once()
        assert len(fake.sent) == 1  # B neither requeued nor sent A's row
        assert await alive.claim([row.id]) == set()  # a claim takes only pending rows
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        assert await OutboxStore(db, "B").requeue_orphans(now=later) == 1  # A's lease ran out
        await other.run_once()
        assert len(fake.sent) == 2
    finally:
        await bot.session.close()


async def test_a_hanging_send_holds_up_no_one_and_reaches_its_chat_once(
    fake: FakeTelegram, tmp_path: Path, test_store: TestStore
) -> None:
    db = await test_store.open()
    bot = make_bot(fake, tmp_path, request_timeout=1)
    try:
        subs = SubscriptionService(db)
        readers = [fake.new_user() for _ in range(12)]
        for reader in readers:
            await subs.subscribe(reader.id, "private")
        slow = readers[0]
        fake.hang(slow.id, 30)  # Telegram takes the message but the answer never comes in time
        await add_article(db, "Новость, которая застряла в пути")
        run = worker(db, bot, "A")
        # one request times out after 1 s; the run must not wait the 30 s of the hang
        report = await asyncio.wait_for(run.run_once(), 10)
        assert report.sent == 11 and report.unconfirmed == 1
        await run.run_once()  # the next run does not send the unconfirmed one again
        await run.run_once()
        async with db.execute(
            "SELECT status, error FROM outbox WHERE chat_id = ?", (slow.id,)
        ) as c:
            status, error = await c.fetchone()
    finally:
        await bot.session.close()
    delivered = Counter(m.chat_id for m in fake.sent)
    assert delivered[slow.id] == 1  # once: the timed-out request was not repeated
    assert all(delivered[r.id] == 1 for r in readers[1:])
    assert status == "sent" and "unconfirmed" in error


async def test_a_send_that_never_left_is_queued_again_not_lost(
    fake: FakeTelegram, tmp_path: Path, test_store: TestStore
) -> None:
    """The other side of the trade-off: connection refused means Telegram never saw it, so the
    row goes back to the queue (after the middleware's bounded retries) and a later run sends it."""
    db = await test_store.open()
    fast = RetryPolicy(backoff_base=0.01, backoff_cap=0.02)
    down = build_bot(
        load_settings(
            bot_token=fake.token,
            telegram_api_url="http://127.0.0.1:1",  # nothing listens: connection refused
            database_path=tmp_path / "unused.sqlite3",
        ),
        policy=fast,
    )
    up = make_bot(fake, tmp_path)
    try:
        subs = SubscriptionService(db)
        reader = fake.new_user()
        await subs.subscribe(reader.id, "private")
        await add_article(db, "Новость, которую не потеряли")
        report = await worker(db, down, "A").run_once()
        assert report.deferred == 1 and report.sent == 0
        assert outgoing(down).retried_errors == fast.max_retries
        assert (await OutboxStore(db).counts())["pending"] == 1
        report = await worker(db, up, "A").run_once()
        assert report.sent == 1
    finally:
        await down.session.close()
        await up.session.close()
    assert fake.count_to(reader.id) == 1


async def test_two_claimers_racing_over_the_same_rows_never_take_one_twice(
    test_store: TestStore,
) -> None:
    """Two stores (two connections; on PostgreSQL two pools, as two replicas would have) claim
    overlapping batches of the same 300 rows at once: every row is taken exactly once. On
    PostgreSQL the claim is one UPDATE over SELECT ... FOR UPDATE SKIP LOCKED."""
    first, second = await test_store.open(), await test_store.open()
    subs = SubscriptionService(first)
    for chat in range(1, 301):
        await subs.subscribe(chat, "private")
    await add_article(first, "Новость для трёхсот читателей")
    assert (await plan(first)).queued == 300
    ids = [r.id for r in await OutboxStore(first).pending()]

    async def claimer(db: Database, owner: str, order: list[int]) -> list[int]:
        store, taken = OutboxStore(db, owner), []
        for start in range(0, len(order), 25):  # batches overlapping the other's
            taken += sorted(await store.claim(order[start : start + 40]))
        return taken

    a, b = await asyncio.gather(claimer(first, "A", ids), claimer(second, "B", list(reversed(ids))))
    assert not set(a) & set(b)
    assert sorted(a + b) == sorted(ids) and len(a) + len(b) == 300
    rows = await first.execute_fetchall(
        "SELECT claimed_by, count(*) FROM outbox WHERE status = 'sending' GROUP BY claimed_by"
    )
    claimed = {"A": len(a), "B": len(b)}
    assert {str(r[0]): int(r[1]) for r in rows} == {k: n for k, n in claimed.items() if n}
    if test_store.backend == "postgresql":  # the claims really ran side by side
        assert len(a) > 0 and len(b) > 0, claimed


async def test_the_only_sender_takes_back_a_dead_senders_claims_at_once(
    test_store: TestStore,
) -> None:
    """The new sole sender (the SQLite file's lock holder, or the replica that took over the
    PostgreSQL leadership from a dead one) requeues the dead one's in-flight rows at start,
    without waiting for their ten-minute lease; its own claims stay."""
    db = await test_store.open()
    await SubscriptionService(db).subscribe(1, "private")
    await SubscriptionService(db).subscribe(2, "private")
    await add_article(db)
    await plan(db)
    dead_row, own_row = [r.id for r in await OutboxStore(db).pending()]
    assert await OutboxStore(db, "dead").claim([dead_row]) == {dead_row}
    assert await OutboxStore(db, "new").claim([own_row]) == {own_row}
    new = OutboxStore(db, "new")
    assert await new.requeue_orphans() == 0  # the lease still runs
    assert await new.requeue_orphans(claimers_gone=True) == 1
    assert [r.id for r in await new.pending()] == [dead_row]
