"""Two replicas on one PostgreSQL store, in webhook mode behind a "load balancer" (issue 10).

Two real ``python -m bot run`` processes share a store in a PostgreSQL schema of this test's
own; the fake Bot API posts updates to them in turn (``hook.targets``) with Telegram's limits
on. Any replica answers commands; one, the leader (an advisory lock), delivers; both send
through one budget kept in the store, so together they never draw a 429.

Then the leader is SIGKILLed in the middle of a broadcast: the other replica takes over and
finishes it; only the rows in flight at the kill may reach a chat twice, and nobody is lost.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.services.subscriptions import SubscriptionService
from storage.pg import open_pg
from tests.support.delivery_support import add_article
from tests.support.fake_telegram import FakeTelegram, User
from tests.support.fake_webhook import FakeWebhook
from tests.support.process import bot_env, free_port, spawn_bot, wait_healthy, webhook_env
from tests.support.stores import PG_URL, create_schema, drop_schema, skip_without_pg

pytestmark = pytest.mark.e2e

TOKEN = "13579:replicas-e2e-token"
SECRET = "replicas_secret-0123456789"
SUBSCRIBERS = 300
ASKERS = 20  # users whose commands go through the webhook to either replica
LEADER_LINE = "leadership taken"


class SlowTelegram(FakeTelegram):
    """Telegram whose sendMessage can be slowed down, so a kill lands with messages in flight."""

    send_delay = 0.0

    async def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        if self.send_delay:
            await asyncio.sleep(self.send_delay)
        return await super()._api_sendmessage(params)


@dataclass
class Replica:
    name: str
    proc: asyncio.subprocess.Process
    base: str
    log_path: Path

    @property
    def url(self) -> str:
        return f"{self.base}/telegram"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def leads(self) -> bool:
        return LEADER_LINE in self.log()


@dataclass
class Cluster:
    fake: SlowTelegram
    hook: FakeWebhook
    replicas: list[Replica]
    schema: str
    users: list[User]

    @property
    def url(self) -> str:
        return f"{PG_URL}?options=-csearch_path%3D{self.schema}"

    async def add_article(self, title: str) -> int:
        db = await open_pg(PG_URL, search_path=self.schema, size=1)
        try:
            return await add_article(db, title, regions=("KZ-75", "UZ-TK"))
        finally:
            await db.close()

    def received(self, title: str) -> Counter[int]:
        return Counter(m.chat_id for m in self.fake.sent if title in m.plain)

    def too_many(self) -> list[tuple[str, int, str]]:
        return [e for e in self.fake.errors if e[1] == 429]


async def _subscribe_all(schema: str, users: list[User]) -> None:
    db = await open_pg(PG_URL, search_path=schema, size=1)
    try:
        subs = SubscriptionService(db)
        for user in users:
            await subs.subscribe(user.id, "private")
    finally:
        await db.close()


async def _start(name: str, tmp: Path, fake: FakeTelegram, url: str) -> Replica:
    port = free_port()
    env = bot_env(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=fake.base_url,
        DATABASE_URL=url,
        DATABASE_PATH=str(tmp / f"{name}-unused.sqlite3"),
        SEEDS_DIR=str(tmp / "no-seeds"),
        DELIVERY_INTERVAL="0.5",
        BROADCAST_RATE="25",
        LOG_LEVEL="INFO",
        **webhook_env(port, SECRET),
    )
    log_path = tmp / f"{name}.log"
    with log_path.open("wb") as log_file:  # a file: a full pipe would stall the bot
        proc = await spawn_bot(tmp, env, stdout=log_file.fileno(), stderr=log_file.fileno())
    return Replica(name, proc, f"http://127.0.0.1:{port}", log_path)


@pytest.fixture(scope="module")
async def cluster(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    skip_without_pg()
    tmp = tmp_path_factory.mktemp("replicas")
    (tmp / "no-seeds").mkdir()
    schema = await create_schema()
    try:
        async with SlowTelegram(token=TOKEN) as fake, FakeWebhook(fake) as hook:
            users = [fake.new_user() for _ in range(SUBSCRIBERS)]
            running = Cluster(fake, hook, [], schema, users)
            first = await _start("a", tmp, fake, running.url)
            running.replicas.append(first)
            # the first one migrates the new schema; the second starts beside a live store
            if not await wait_healthy(first.base, 90):
                raise AssertionError(f"replica a never served /healthz:\n{first.log()}")
            second = await _start("b", tmp, fake, running.url)
            running.replicas.append(second)
            if not await wait_healthy(second.base, 90):
                raise AssertionError(f"replica b never served /healthz:\n{second.log()}")
            hook.targets = [r.url for r in running.replicas]  # the load balancer
            await _subscribe_all(schema, users)
            try:
                yield running
            finally:
                for replica in running.replicas:
                    if replica.proc.returncode is None:
                        replica.proc.kill()
                        await replica.proc.wait()
    finally:
        await drop_schema(schema)


async def test_both_replicas_answer_commands_one_leads(cluster: Cluster) -> None:
    fake, hook = cluster.fake, cluster.hook
    askers = [fake.new_user() for _ in range(ASKERS)]
    answers = await asyncio.gather(*(fake.ask(u, "/region Алматы", timeout=30) for u in askers))
    assert all(len(a) == 1 and "Алматы" in a[0].plain for a in answers)
    await fake.wait_until(lambda: all(p.status is not None for p in hook.posts), timeout=10)
    served = Counter(p.target for p in hook.posts if p.status == 200)
    assert set(served) == {r.url for r in cluster.replicas}  # each replica answered some
    assert sum(r.leads() for r in cluster.replicas) == 1  # exactly one leads
    assert cluster.too_many() == []


async def test_one_broadcast_each_subscriber_exactly_once(cluster: Cluster) -> None:
    title = "Первая рассылка двух реплик"
    await cluster.add_article(title)
    fake = cluster.fake
    await fake.wait_until(lambda: len(cluster.received(title)) >= SUBSCRIBERS, timeout=90)
    await asyncio.sleep(2)  # later runs of either replica must add nothing
    counts = cluster.received(title)
    assert set(counts) == {u.id for u in cluster.users}
    assert set(counts.values()) == {1}
    assert cluster.too_many() == []


def _in_flight(url: str) -> set[int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT chat_id FROM outbox WHERE status = 'sending'").fetchall()
    return {int(r[0]) for r in rows}


async def test_leader_killed_mid_broadcast_the_other_finishes(cluster: Cluster) -> None:
    fake = cluster.fake
    [leader] = [r for r in cluster.replicas if r.leads()]
    [standby] = [r for r in cluster.replicas if r is not leader]
    title = "Вторая рассылка, прерванная на середине"
    fake.send_delay = 0.05  # messages stay in flight long enough for the kill to land among them
    await cluster.add_article(title)
    await fake.wait_until(lambda: len(cluster.received(title)) >= SUBSCRIBERS // 3, timeout=60)
    os.kill(leader.proc.pid, signal.SIGKILL)
    await leader.proc.wait()
    in_flight = await asyncio.to_thread(_in_flight, cluster.url)
    sent_before = len(cluster.received(title))
    assert sent_before < SUBSCRIBERS  # the kill did land in the middle
    await fake.wait_until(lambda: len(cluster.received(title)) >= SUBSCRIBERS, timeout=90)
    await asyncio.sleep(2)
    counts = cluster.received(title)
    assert set(counts) == {u.id for u in cluster.users}  # nobody lost
    assert max(counts.values()) <= 2
    duplicated = {chat for chat, n in counts.items() if n > 1}
    assert duplicated <= in_flight  # only what was in flight at the kill came twice
    assert standby.leads() and standby.proc.returncode is None
    assert cluster.too_many() == []
    print(
        f"killed after {sent_before} sent, {len(in_flight)} in flight, {len(duplicated)} duplicated"
    )
