"""The real ``python -m bot run`` killed (SIGKILL) in the middle of a broadcast and restarted
on the same store: everyone is served, and only the messages in flight at the kill may come
twice (SPEC: Delivery, "Durable")."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.services.subscriptions import SubscriptionService
from storage.db import open_db
from tests.support.delivery_support import add_article, eventually
from tests.support.fake_telegram import FakeTelegram
from tests.support.process import spawn_bot

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 150
SEND_DELAY = 0.02  # the slowed-down server: every sendMessage takes this long


class SlowTelegram(FakeTelegram):
    """The fake, answering sendMessage slowly, so a kill lands with messages in flight."""

    async def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(SEND_DELAY)
        return await super()._api_sendmessage(params)


async def _start_bot(
    fake: FakeTelegram, db_path: Path, tmp_path: Path
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": fake.token,
        "TELEGRAM_API_URL": fake.base_url,
        "DATABASE_PATH": str(db_path),
        "SEEDS_DIR": str(tmp_path / "no-seeds"),
        "DELIVERY_INTERVAL": "0.2",
        "BROADCAST_RATE": "40",
        "ADMIN_IDS": "",
        "LOG_LEVEL": "WARNING",
    }
    return await spawn_bot(
        ROOT, env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )


def _rows(db_path: Path, status: str) -> set[int]:
    with sqlite3.connect(db_path) as conn:
        return {
            r[0] for r in conn.execute("SELECT chat_id FROM outbox WHERE status = ?", (status,))
        }


async def test_kill_in_the_middle_of_a_broadcast_and_restart(tmp_path: Path) -> None:
    db_path = tmp_path / "news.sqlite3"
    async with SlowTelegram() as fake:
        users = [fake.new_user() for _ in range(SUBSCRIBERS)]
        db = await open_db(db_path)
        subs = SubscriptionService(db)
        for user in users:
            await subs.subscribe(user.id, "private")
        await add_article(db, "Срочная новость о сотрудничестве")
        await db.close()

        first = await _start_bot(fake, db_path, tmp_path)
        try:
            await fake.wait_until(lambda: len(fake.sent) >= SUBSCRIBERS // 3, timeout=60)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        in_flight = _rows(db_path, "sending")
        sent_before = len(fake.sent)
        assert sent_before < SUBSCRIBERS  # the kill did land in the middle

        second = await _start_bot(fake, db_path, tmp_path)
        try:
            await fake.wait_until(
                lambda: len({m.chat_id for m in fake.sent}) >= SUBSCRIBERS, timeout=60
            )
            await eventually(lambda: not _rows(db_path, "pending") | _rows(db_path, "sending"))
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()

    counts = Counter(m.chat_id for m in fake.sent)
    assert set(counts) == {u.id for u in users}  # nobody lost
    duplicated = {chat for chat, n in counts.items() if n > 1}
    assert max(counts.values()) <= 2
    assert duplicated <= in_flight  # only the messages in flight at the kill came twice
    assert len(duplicated) <= len(in_flight)
    assert _rows(db_path, "sent") == {u.id for u in users}
    print(
        f"killed after {sent_before} sent, {len(in_flight)} in flight, {len(duplicated)} duplicated"
    )
