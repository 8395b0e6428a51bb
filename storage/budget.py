"""Telegram's sending limits kept in the store, so that all replicas together stay under them.

Each budget (``overall``, ``chat:<id>``, ``group:<id>``) is one row of ``send_budget`` holding
its GCRA "theoretical arrival time": the moment from which the next message may go. One
statement per message both reads and advances it::

    next_at = GREATEST(next_at, now) + interval

so two replicas reserving at once get slots one ``interval`` apart (the row lock orders them),
and a caller's slot is ``GREATEST(old next_at, now) - tolerance`` where the tolerance
``(burst - 1) * interval`` lets a quiet budget send ``burst`` at once (Telegram's few messages
into a private chat before its one a second). The caller sleeps until its slot. ``now`` is the
server's clock (``clock_timestamp()``), the one clock all replicas share; the wait is computed
from two readings of that clock, so the replicas' own clocks never matter.

A reservation is never returned: a caller cancelled while waiting leaves its slot unused, a
gap of one interval, which errs on the safe side.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, LiteralString, NoReturn

from storage.pg_text import describe_pg_error

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import TupleRow

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5  # seconds; a budget that does not answer makes senders fall back
FORGET_EVERY = 1000  # reservations between clean-ups of idle budgets
IDLE_SECONDS = 300.0  # a budget unused this long is back to full: its row can go

_RESERVE: LiteralString = """
WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS now)
INSERT INTO send_budget AS b (key, next_at)
SELECT %(key)s, clock.now + %(interval)s FROM clock
ON CONFLICT (key) DO UPDATE
    SET next_at = GREATEST(b.next_at, (SELECT now FROM clock)) + %(interval)s
RETURNING b.next_at, (SELECT now FROM clock)
"""

_HOLD: LiteralString = """
WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS now)
INSERT INTO send_budget AS b (key, next_at)
SELECT %(key)s, clock.now + %(seconds)s FROM clock
ON CONFLICT (key) DO UPDATE
    SET next_at = GREATEST(b.next_at, (SELECT now FROM clock) + %(seconds)s)
"""

_FORGET: LiteralString = """
DELETE FROM send_budget WHERE next_at < extract(epoch FROM clock_timestamp()) - %(idle)s
"""


class BudgetUnavailable(Exception):
    """The store did not answer; ``str()`` is one line without the password."""


class SendBudget:
    """GCRA budgets in PostgreSQL's ``send_budget`` (migration 0060), on a connection of its
    own (``conninfo``: a libpq string or URL; its ``search_path`` picks the schema).

    One connection is enough: a reservation is one short statement, and at Telegram's 30
    messages a second the connection is idle nearly all the time. It is opened on first use and
    again after a failure."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self._conn: psycopg.AsyncConnection[TupleRow] | None = None
        self._connecting = asyncio.Lock()
        self._reserved = 0

    async def reserve(self, key: str, interval: float, burst: int = 1) -> float:
        """Take the next slot of budget ``key`` (one message every ``interval`` seconds, up to
        ``burst`` at once after a quiet spell); seconds to wait before sending."""
        slot, now = await self.slot(key, interval, burst)
        return max(0.0, slot - now)

    async def slot(self, key: str, interval: float, burst: int = 1) -> tuple[float, float]:
        """:meth:`reserve`'s slot and the moment it was taken, on the server's clock."""
        row = await self._one(_RESERVE, {"key": key, "interval": interval})
        next_at, now = float(row[0]), float(row[1])
        self._reserved += 1
        if self._reserved % FORGET_EVERY == 0:
            await self.forget_idle()
        return next_at - interval - (burst - 1) * interval, now

    async def hold(self, key: str, seconds: float) -> None:
        """Telegram said 429: nothing more through ``key`` for ``seconds`` from now."""
        await self._run(_HOLD, {"key": key, "seconds": seconds})

    async def forget_idle(self, idle: float = IDLE_SECONDS) -> None:
        """Drop the rows of budgets unused for ``idle`` seconds (a chat's row per chat would
        otherwise stay forever); a dropped budget starts full, as it would be anyway."""
        await self._run(_FORGET, {"idle": idle})

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    async def _one(self, sql: LiteralString, params: dict[str, object]) -> TupleRow:
        conn = await self._connection()
        try:
            cur = await conn.execute(sql, params)
            row = await cur.fetchone()
        except Exception as exc:
            await self._broken(exc)
        if row is None:  # RETURNING always yields the row: only a broken table gets here
            raise BudgetUnavailable("send_budget returned nothing: run the migrations")
        return row

    async def _run(self, sql: LiteralString, params: dict[str, object]) -> None:
        conn = await self._connection()
        try:
            await conn.execute(sql, params)
        except Exception as exc:
            await self._broken(exc)

    async def _connection(self) -> psycopg.AsyncConnection[TupleRow]:
        import psycopg

        async with self._connecting:  # many senders at once: one connection, opened once
            if self._conn is None or self._conn.closed:
                try:
                    self._conn = await psycopg.AsyncConnection.connect(
                        self.conninfo,
                        autocommit=True,  # each reservation commits at once: no row stays locked
                        connect_timeout=CONNECT_TIMEOUT,
                        application_name="regional-news-bot budget",
                    )
                except Exception as exc:
                    raise BudgetUnavailable(self._describe(exc)) from None
            return self._conn

    async def _broken(self, exc: Exception) -> NoReturn:
        await self.close()  # the next call connects again
        raise BudgetUnavailable(self._describe(exc)) from None

    def _describe(self, exc: BaseException) -> str:
        return f"send budget: {describe_pg_error(self.conninfo, exc)}"
