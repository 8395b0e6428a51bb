"""The leader gate: delivery and the sources run in the leading replica only, stop the moment
it stops leading and start in the standby that takes over. The apps are real (``open_app``, a
SQLite file each); the leadership is the real PostgreSQL advisory lock."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any, cast

import psycopg
import pytest
from aiogram import Bot

from bot.config import load_settings
from bot.container import App, Lifecycle, open_app
from bot.leader_gate import LeaderGate, take_leadership
from storage.instance import InstanceLocked
from storage.leader import FileLeadership, PgLeadership
from tests.support.pg_server import pg_url_or_skip

INTERVAL = 0.5
SLACK = 1.0  # starting the delivery (recovery, the scheduler) on a loaded 2-core machine
NO_BOT = cast(Any, object())  # the parts only keep the Bot until they send


def _delivering(app: App) -> bool:
    return app.delivery is not None and app.delivery._scheduler is not None


async def _open(tmp_path: Path, name: str, leadership: Any) -> App:
    settings = load_settings(
        database_path=tmp_path / name / "news.sqlite3", seeds_dir=tmp_path, delivery_interval=60
    )
    return await open_app(settings, seed=False, leadership=leadership)


async def _until(condition: Any, within: float) -> float:
    """Seconds until ``condition()`` holds (fails the test after ``within`` s)."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > within:
            pytest.fail(f"not within {within} s")
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def test_sqlite_leads_at_once_and_a_second_bot_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "a" / "news.sqlite3"
    leadership = await take_leadership(store, "", 60)
    assert isinstance(leadership, FileLeadership) and leadership.is_leader
    with pytest.raises(InstanceLocked):
        await take_leadership(store, "", 60)
    app = await _open(tmp_path, "a", leadership)
    try:
        assert [part.name for part in app.lifecycle] == ["leader"]
        await app.on_startup(NO_BOT)
        assert _delivering(app)  # started with the bot, as without a gate
    finally:
        await app.close()
        await leadership.release()
    assert not _delivering(app)


async def test_parts_that_fail_to_start_are_stopped_and_the_error_propagates() -> None:
    events: list[str] = []

    async def start(bot: Bot) -> None:
        events.append("start a")

    async def stop() -> None:
        events.append("stop a")

    async def broken(bot: Bot) -> None:
        raise RuntimeError("boom")

    leadership = FileLeadership(Path("/nonexistent-dir-is-not-used"))
    leadership._leader = True  # as if taken: this test is about the parts
    gate = LeaderGate(leadership, [Lifecycle("a", start, stop), Lifecycle("b", broken)], retry=60)
    with pytest.raises(RuntimeError, match="boom"):
        await gate.start(NO_BOT)
    assert events == ["start a", "stop a"] and not gate.running


async def test_one_replica_delivers_and_the_standby_takes_over_when_its_session_ends(
    tmp_path: Path,
) -> None:
    url = await pg_url_or_skip()
    key = random.randint(-(2**63), 2**63 - 1)
    first = PgLeadership(url, INTERVAL, key=key)
    second = PgLeadership(url, INTERVAL, key=key)
    a = await _open(tmp_path, "a", first)
    b = await _open(tmp_path, "b", second)
    try:
        await a.on_startup(NO_BOT)
        await b.on_startup(NO_BOT)
        assert _delivering(a) and not _delivering(b)  # b is a standby
        assert a.leader is not None and a.leader.running
        assert b.leader is not None and not b.leader.running
        await asyncio.sleep(INTERVAL * 2)
        assert _delivering(a) and not _delivering(b)  # a healthy leader keeps leading

        # /reload answered by the standby: the leader's delivery runs at once
        assert a.delivery is not None
        runs = a.delivery.runs
        b.wake_delivery()
        await _until(lambda: a.delivery is not None and a.delivery.runs > runs, 5)

        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
            await admin.execute("SELECT pg_terminate_backend(%s)", (first.backend_pid,))
        await _until(lambda: not _delivering(a), INTERVAL + SLACK)  # a stood down at once
        took = await _until(lambda: _delivering(b), INTERVAL + SLACK)
        assert took <= INTERVAL + SLACK
        await asyncio.sleep(INTERVAL * 2)
        assert not _delivering(a)  # a is the standby now

        await b.close()  # b shuts down: its lock is released, a takes over again
        await second.release()
        await _until(lambda: _delivering(a), INTERVAL + SLACK)
    finally:
        await a.close()
        await b.close()
        await first.release()
        await second.release()


async def test_a_leader_whose_parts_fail_to_start_gives_leadership_up_and_tries_again() -> None:
    url = await pg_url_or_skip()
    key = random.randint(-(2**63), 2**63 - 1)
    holder, mine = PgLeadership(url, INTERVAL, key=key), PgLeadership(url, INTERVAL, key=key)
    attempts: list[bool] = []

    async def start(bot: Bot) -> None:
        attempts.append(mine.is_leader)
        if len(attempts) == 1:
            raise RuntimeError("the store hiccuped")

    gate = LeaderGate(mine, [Lifecycle("flaky", start)], retry=0.5)
    try:
        assert await holder.try_acquire()
        await gate.start(NO_BOT)
        assert not gate.running  # a standby
        await holder.release()
        await _until(lambda: len(attempts) == 1, INTERVAL + SLACK)
        await _until(lambda: not mine.is_leader, 1)  # gave it up after the failure
        await _until(lambda: gate.running, 0.5 + INTERVAL + SLACK)  # and led again
        assert attempts == [True, True] and gate.terms == 2
    finally:
        await gate.stop()
        await mine.release()
        await holder.release()
