"""Which running bot is the leader: the one that plans, polls sources and delivers.

Commands are answered by every bot on a store; the background work must run in one process
only (two delivery loops would race for the same outbox rows, two pollers fetch every feed
twice). A :class:`Leadership` says whether this process is that one:

- :class:`FileLeadership` (SQLite): the ``flock`` of :mod:`storage.instance`. A second bot on
  one SQLite file is a mistake, not a standby, so it never waits: it raises InstanceLocked and
  ``python -m bot run`` exits 6, as before. The kernel never takes a flock away, so it is never
  lost.
- :class:`PgLeadership` (PostgreSQL, several replicas): a session-level advisory lock held on a
  connection of its own. PostgreSQL drops the lock when the session ends, however the process
  ends (SIGKILL, a lost machine), so a standby that retries every ``interval`` takes over within
  one interval. The holder watches its connection: the moment the socket closes (the session
  was terminated) or a ``SELECT 1`` each interval fails, it steps down and competes again.

A standby that answered /reload asks the leader to deliver at once with a ``NOTIFY`` on the
store's channel, which the leader ``LISTEN``s to on the same connection (:meth:`nudge`).

The lock is not a fence: for up to one interval after a session is cut off without the socket
closing (a network partition), the old leader may still believe it leads. The outbox claims
(leases, ``FOR UPDATE SKIP LOCKED``) are what keep two senders from sending one row twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from storage.instance import InstanceLock, InstanceLocked
from storage.pg_text import describe_pg_error

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import TupleRow

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10  # seconds: a database that does not answer is retried at the next interval


def _key(name: str) -> int:
    """The first 8 bytes of SHA-256(name) as a signed bigint (advisory lock keys are bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


# One fixed key for every replica of this bot on a database.
LEADER_KEY = _key("regional-news-bot")


def leader_key(schema: str | None) -> int:
    """The lock's key for the store in ``schema``. Advisory locks belong to the database, not
    the schema: a second store in another schema of the same database (a staging bot beside
    production, the tests' stores) gets a key of its own rather than a leader in common."""
    return LEADER_KEY if schema in (None, "public") else _key(f"regional-news-bot:{schema}")


class Leadership(Protocol):
    """Am I the process that does the background work, and tell me when I stop being it."""

    @property
    def is_leader(self) -> bool: ...

    async def try_acquire(self) -> bool:
        """Become the leader now if nobody is; never waits."""
        ...

    async def acquire_or_wait(self) -> None:
        """Return once this process is the leader (FileLeadership: at once or InstanceLocked)."""
        ...

    async def wait_lost(self) -> None:
        """Return when leadership is lost (never, for a lock the kernel holds)."""
        ...

    async def release(self) -> None:
        """Give leadership up (the next standby takes over); safe to call twice."""
        ...

    # called in the leader when any replica asks for a delivery now (after /reload)
    on_nudge: Callable[[], None] | None

    async def nudge(self) -> None:
        """Ask the leader, whichever process it is, to deliver now (call ``on_nudge`` there)."""
        ...


class FileLeadership:
    """Today's one-bot-per-SQLite-file lock behind the Leadership interface."""

    def __init__(self, store: Path) -> None:
        self._lock = InstanceLock(store)
        self.on_nudge: Callable[[], None] | None = None
        self._leader = False
        self._released = asyncio.Event()

    @property
    def path(self) -> Path:
        return self._lock.path

    @property
    def is_leader(self) -> bool:
        return self._leader

    async def try_acquire(self) -> bool:
        if not self._leader:
            try:
                self._lock.acquire()
            except InstanceLocked:
                return False
            self._leader = True
            self._released.clear()
        return True

    async def acquire_or_wait(self) -> None:
        """Take the lock or raise InstanceLocked (one line naming the store): a second bot
        on one file must stop, not wait (StoreError if the folder cannot hold the lock)."""
        if not self._leader:
            self._lock.acquire()
            self._leader = True
            self._released.clear()

    async def wait_lost(self) -> None:
        await self._released.wait()

    async def release(self) -> None:
        self._lock.release()
        self._leader = False
        self._released.set()

    async def nudge(self) -> None:
        """Nothing to do: one bot per file, so the leader is this process (woken already)."""


class PgLeadership:
    """Leader while this process holds ``pg_try_advisory_lock(key)`` on its own connection.

    ``conninfo``: a libpq connection string or ``postgresql://`` URL. ``interval``: how often a
    standby retries and the leader checks its connection (the delivery interval). ``key``: the
    lock's id; by default :func:`leader_key` of the connection's schema (its ``search_path``).
    """

    def __init__(self, conninfo: str, interval: float, *, key: int | None = None) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.conninfo = conninfo
        self.interval = interval
        self.key = key
        self.on_nudge: Callable[[], None] | None = None
        self._conn: psycopg.AsyncConnection[TupleRow] | None = None
        # one user of the connection at a time: the watcher's socket reader and psycopg's own
        # (added during every query) would replace each other
        self._using = asyncio.Lock()
        self._leader = False
        self._released = asyncio.Event()
        self._yield_until = 0.0  # loop time before which acquire_or_wait does not compete

    @property
    def is_leader(self) -> bool:
        return self._leader

    @property
    def backend_pid(self) -> int | None:
        """The lock's session on the server (what ``pg_terminate_backend`` would end)."""
        conn = self._conn
        return None if conn is None or conn.closed else conn.info.backend_pid

    async def try_acquire(self) -> bool:
        if self._leader:
            return True
        async with self._using:
            # a standby's idle connection may have been closed meanwhile: one fresh try
            for fresh in (self._conn is None, True):
                try:
                    taken = await self._try_lock()
                    break
                except Exception as exc:
                    await self._drop_connection()
                    if fresh:  # the database is down or restarting: try again later
                        log.warning(
                            "leadership: %s; retrying every %g s",
                            self.describe(exc),
                            self.interval,
                        )
                        return False
        self._leader = taken
        if self._leader:
            self._released.clear()
            log.info("leadership taken (advisory lock %s)", self.key)
        return self._leader

    async def acquire_or_wait(self) -> None:
        """Retry each interval until leader. A replica that just lost its session first lets
        the standbys (who retry within one interval) have their turn: its own connection just
        failed, theirs did not."""
        loop = asyncio.get_running_loop()
        if (pause := self._yield_until - loop.time()) > 0:
            await asyncio.sleep(pause)
        while True:  # a standby: retry each interval until the holder is gone
            if await self.try_acquire():
                return
            await asyncio.sleep(self.interval)

    async def wait_lost(self) -> None:
        """Watch the lock's connection; return when it is gone (stepped down) or released.

        Between checks the socket is watched: a terminated session closes it, noticed at once.
        Each interval a ``SELECT 1`` (bounded by the interval) catches a connection that died
        silently. On loss the connection is closed, so the lock cannot outlive our belief
        that we hold it."""
        while self._leader:
            async with self._using:
                if self._leader and await self._alive():
                    continue
                if self._leader:  # lost, not released by us
                    log.warning("leadership lost: the lock's database session is gone")
                    self._leader = False
                    self._yield_until = asyncio.get_running_loop().time() + 1.5 * self.interval
                    await self._drop_connection()

    async def release(self) -> None:
        self._leader = False
        self._released.set()  # wakes the watcher, which then lets go of the connection
        async with self._using:
            if self._conn is not None:
                with contextlib.suppress(Exception):  # closing the session frees it anyway
                    await self._conn.execute("SELECT pg_advisory_unlock_all()")
            await self._drop_connection()

    # -- the lock's own connection ----------------------------------------------------------

    async def _try_lock(self) -> bool:
        conn = await self._connection()
        if self.key is None:
            await self._learn_key(conn)
        cur = await conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,))
        row = await cur.fetchone()
        taken = bool(row and row[0])
        if taken:  # the standbys' nudges come to the lock's connection (see ``_notified``)
            from psycopg import sql  # (psycopg is loaded only for a PostgreSQL store)

            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        return taken

    @property
    def channel(self) -> str:
        """The NOTIFY channel of this store's leader (a store's key: one per store)."""
        return f"regional_news_bot_{(self.key or LEADER_KEY) % 2**64:x}"

    async def nudge(self) -> None:
        """Ask the leader to deliver now: a NOTIFY on its channel (here: call at once)."""
        if self._leader:
            if self.on_nudge is not None:
                self.on_nudge()
            return
        async with self._using:
            try:
                conn = await self._connection()
                if self.key is None:
                    await self._learn_key(conn)
                await conn.execute("SELECT pg_notify(%s, '')", (self.channel,))
            except Exception as exc:  # the leader delivers at its next interval anyway
                log.warning("could not nudge the leader: %s", self.describe(exc))
                await self._drop_connection()

    def _notified(self, notify: psycopg.Notify) -> None:
        # psycopg calls this while reading the connection: the watcher's SELECT 1, which runs
        # as soon as the NOTIFY makes the idle socket readable
        if self._leader and notify.channel == self.channel and self.on_nudge is not None:
            self.on_nudge()

    async def _learn_key(self, conn: psycopg.AsyncConnection[TupleRow]) -> None:
        cur = await conn.execute("SELECT current_schema()")
        schema = await cur.fetchone()
        self.key = leader_key(schema[0] if schema else None)

    async def _connection(self) -> psycopg.AsyncConnection[TupleRow]:
        import psycopg

        if self._conn is None or self._conn.closed:
            # autocommit: the lock is the session's, and no transaction stays open on it;
            # keepalives: a peer that vanished is noticed by the kernel, not only by us
            seconds = max(1, int(self.interval))
            self._conn = await psycopg.AsyncConnection.connect(
                self.conninfo,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT,
                application_name="regional-news-bot leader",
                keepalives=1,
                keepalives_idle=seconds,
                keepalives_interval=seconds,
                keepalives_count=3,
            )
            self._conn.add_notify_handler(self._notified)
        return self._conn

    async def _alive(self) -> bool:
        """Wait one interval (sooner if the socket stirs or we are released), then
        ``SELECT 1``; False if the connection is gone."""
        conn = self._conn
        if conn is None or conn.closed:
            return False
        if not await self._quiet_for(conn, self.interval) and not self._leader:
            return False  # released meanwhile
        try:
            await asyncio.wait_for(conn.execute("SELECT 1"), self.interval)
        except Exception as exc:
            log.warning("leadership: %s", self.describe(exc))
            return False
        return True

    async def _quiet_for(self, conn: psycopg.AsyncConnection[TupleRow], seconds: float) -> bool:
        """Wait ``seconds``; False early if the idle connection's socket becomes readable (the
        server ending the session, or a standby's NOTIFY) or we are released."""
        loop = asyncio.get_running_loop()
        stirred = asyncio.Event()
        try:
            fd = conn.fileno()
        except Exception:
            return False
        # psycopg adds its own reader during a query: ours is removed before any query runs
        loop.add_reader(fd, stirred.set)
        waiters = [
            asyncio.ensure_future(stirred.wait()),
            asyncio.ensure_future(self._released.wait()),
        ]
        try:
            done, _ = await asyncio.wait(waiters, timeout=seconds, return_when="FIRST_COMPLETED")
        finally:
            loop.remove_reader(fd)
            for waiter in waiters:
                waiter.cancel()
        return not done

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    def describe(self, exc: BaseException) -> str:
        """One line about a database error that never shows the password."""
        return describe_pg_error(self.conninfo, exc)
