"""Another program holding the store's write lock for longer than a moment (a backup, an
``sqlite3`` shell) makes a /subscribe wait for it, not answer "something went wrong"."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.texts import t
from tests.e2e.conftest import RunningBot

pytestmark = pytest.mark.e2e

HELD = 6.5  # seconds: well past the 5 s the store used to wait before giving up


async def take_write_lock(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, retried while the bot itself writes (its first delivery run)."""
    for _ in range(100):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError:
            await asyncio.sleep(0.1)
    raise AssertionError("the store stayed locked for 10 s")


async def test_subscribe_waits_out_a_write_lock_held_by_another_program(
    running_bot: RunningBot,
) -> None:
    fake = running_bot.fake
    user = fake.new_user()
    other = sqlite3.connect(running_bot.settings.database_path, isolation_level=None, timeout=0)
    try:
        await take_write_lock(other)
        await fake.send_text(user, user, "/subscribe туризм")
        await asyncio.sleep(HELD)
        other.execute("ROLLBACK")
    finally:
        other.close()
    [reply] = await fake.wait_for_messages(user.id, 1, timeout=10)
    assert t("error.generic", "ru") not in reply.plain
    assert running_bot.services.subscriptions is not None
    stored = await running_bot.services.subscriptions.list(user.id)
    assert [(s.kind, s.value) for s in stored] == [("topic", "tourism")]
