"""Leadership: one leader per store, a standby taking over within one interval.

PostgreSQL tests run on the real server (tests/support/pg_server.py), each with its own lock
key so they never meet a bot running on the same database.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from storage.instance import InstanceLocked
from storage.leader import LEADER_KEY, FileLeadership, PgLeadership, leader_key
from tests.support.pg_server import fresh_schema, pg_url_or_skip

INTERVAL = 0.5
SLACK = 0.5  # a loaded 2-core machine: scheduling and connecting, on top of the interval
ROOT = Path(__file__).resolve().parents[2]


def _key() -> int:
    return random.randint(-(2**63), 2**63 - 1)


async def _holders(url: str, key: int) -> int:
    """How many sessions hold advisory lock ``key`` (bigint keys: classid high, objid low)."""
    unsigned = key % 2**64
    async with await psycopg.AsyncConnection.connect(url) as conn:
        cur = await conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
            (unsigned >> 32, unsigned & 0xFFFFFFFF),
        )
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


def test_the_key_is_fixed() -> None:
    # replicas of different versions must compete for the same lock: the key never changes
    assert LEADER_KEY == 6224515084682671600


async def test_file_leadership_second_process_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "news.sqlite3"
    first, second = FileLeadership(store), FileLeadership(store)
    await first.acquire_or_wait()
    assert first.is_leader
    assert not await second.try_acquire()
    with pytest.raises(InstanceLocked, match="already running"):
        await second.acquire_or_wait()  # never waits: a second bot on one file is a mistake
    lost = asyncio.ensure_future(first.wait_lost())
    await asyncio.sleep(0.05)
    assert not lost.done()  # a flock is never taken away
    await first.release()
    await asyncio.wait_for(lost, 1)
    assert await second.try_acquire()
    await second.release()


async def test_two_replicas_exactly_one_leader() -> None:
    url = await pg_url_or_skip()
    key = _key()
    a, b = PgLeadership(url, INTERVAL, key=key), PgLeadership(url, INTERVAL, key=key)
    try:
        tasks = [asyncio.ensure_future(x.acquire_or_wait()) for x in (a, b)]
        done, pending = await asyncio.wait(tasks, timeout=5, return_when="FIRST_COMPLETED")
        assert len(done) == 1 and len(pending) == 1
        await asyncio.sleep(2 * INTERVAL)  # the standby retries meanwhile, and fails
        assert [a.is_leader, b.is_leader].count(True) == 1
        assert not pending.pop().done()
        assert await _holders(url, key) == 1
    finally:
        for task in tasks:
            task.cancel()
        await a.release()
        await b.release()
    assert await _holders(url, key) == 0


async def test_terminated_session_steps_down_and_the_standby_takes_over() -> None:
    url = await pg_url_or_skip()
    key = _key()
    a, b = PgLeadership(url, INTERVAL, key=key), PgLeadership(url, INTERVAL, key=key)
    try:
        assert await a.try_acquire()
        lost = asyncio.ensure_future(a.wait_lost())
        standby = asyncio.ensure_future(b.acquire_or_wait())
        await asyncio.sleep(INTERVAL * 1.5)
        assert not lost.done() and not standby.done()  # a healthy leader keeps the lock
        pid = a.backend_pid
        assert pid is not None
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
            killed_at = time.monotonic()
            await admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        await asyncio.wait_for(lost, INTERVAL + SLACK)
        assert not a.is_leader  # reports lost
        await asyncio.wait_for(standby, INTERVAL + SLACK)
        took = time.monotonic() - killed_at
        assert b.is_leader and took <= INTERVAL + SLACK, took
        # the deposed one competes again, and is refused while b leads
        assert not await a.try_acquire()
        assert await _holders(url, key) == 1
    finally:
        await a.release()
        await b.release()


_HOLDER = """
import asyncio, sys
from storage.leader import PgLeadership
async def main():
    lead = PgLeadership(sys.argv[1], 60, key=int(sys.argv[2]))
    await lead.acquire_or_wait()
    print("leader", flush=True)
    await asyncio.sleep(3600)
asyncio.run(main())
"""


async def test_leader_process_killed_standby_takes_over_within_one_interval() -> None:
    url = await pg_url_or_skip()
    key = _key()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _HOLDER, url, str(key),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    standby = PgLeadership(url, INTERVAL, key=key)
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        assert line.strip() == b"leader"
        waiting = asyncio.ensure_future(standby.acquire_or_wait())
        await asyncio.sleep(INTERVAL * 2)
        assert not waiting.done()  # the live leader keeps it
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        await asyncio.wait_for(waiting, INTERVAL + SLACK)
        took = time.monotonic() - killed_at
        assert standby.is_leader and took <= INTERVAL + SLACK, took
        assert await _holders(url, key) == 1
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.wait()
        await standby.release()


async def test_unreachable_database_is_one_line_without_the_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lead = PgLeadership("postgresql://bot:s3cret-pw@127.0.0.1:1/none", INTERVAL, key=_key())
    assert not await lead.try_acquire()
    assert not lead.is_leader
    text = caplog.text
    assert "leadership:" in text and "s3cret-pw" not in text


async def test_each_schema_is_a_store_with_its_own_leader() -> None:
    url = await pg_url_or_skip()
    async with fresh_schema(url) as one, fresh_schema(url) as other:
        a, b, c = (PgLeadership(x, INTERVAL) for x in (one, one, other))
        try:
            assert await a.try_acquire()
            assert not await b.try_acquire()  # the same store: a leads it
            assert await c.try_acquire()  # another store in the same database
            assert a.key == b.key == leader_key(one_schema(one)) != c.key
        finally:
            for x in (a, b, c):
                await x.release()
    assert leader_key("public") == leader_key(None) == LEADER_KEY


async def test_a_standby_whose_idle_connection_was_closed_still_takes_over() -> None:
    url = await pg_url_or_skip()
    key = _key()
    a, b = PgLeadership(url, INTERVAL, key=key), PgLeadership(url, INTERVAL, key=key)
    try:
        assert await a.try_acquire()
        assert not await b.try_acquire()
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
            await admin.execute("SELECT pg_terminate_backend(%s)", (b.backend_pid,))
        await a.release()
        assert await b.try_acquire()  # at once, not one interval later
    finally:
        await a.release()
        await b.release()


def one_schema(conninfo: str) -> str:
    return str(conninfo_to_dict(conninfo)["options"]).split("=", 1)[1]


async def test_a_standby_nudges_the_leader_through_the_database() -> None:
    url = await pg_url_or_skip()
    key = _key()
    a, b = PgLeadership(url, 30, key=key), PgLeadership(url, 30, key=key)
    nudged: list[float] = []
    came = asyncio.Event()

    def on_nudge() -> None:
        nudged.append(time.monotonic())
        came.set()

    a.on_nudge = on_nudge
    try:
        assert await a.try_acquire()
        watching = asyncio.ensure_future(a.wait_lost())
        assert not await b.try_acquire()
        asked = time.monotonic()
        await b.nudge()
        await asyncio.wait_for(came.wait(), 5)
        # at once, not at the leader's next check 30 s away: the NOTIFY wakes its watcher
        assert nudged[0] - asked < 2
        assert not watching.done() and a.is_leader  # a nudge is not a lost session
        await a.nudge()  # the leader nudging itself: called directly
        assert len(nudged) == 2
    finally:
        await a.release()
        await b.release()
