"""The background parts that must run in one replica only, started while this one leads.

Every replica answers commands; planning, the source poller and delivery run in the leader
(``storage.leader``). :class:`LeaderGate` is one background part standing for those: started with
the bot, it takes leadership if it is free and starts them; a watcher then stops them the moment
leadership is lost and starts them again when it is won back (a standby waits for its turn).
With SQLite the store's lock is already held when the bot starts (a second bot exits 6), so the
parts start at once and are never stopped before shutdown, exactly as without a gate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from storage.leader import FileLeadership, Leadership, PgLeadership

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)


class Part(Protocol):
    """A background part (``bot.container.Lifecycle``)."""

    @property
    def name(self) -> str: ...
    @property
    def start(self) -> Callable[[Bot], Awaitable[None]] | None: ...
    @property
    def stop(self) -> Callable[[], Awaitable[None]] | None: ...


class LeaderGate:
    def __init__(
        self,
        leadership: Leadership,
        parts: Sequence[Part],
        *,
        retry: float,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self.leadership = leadership
        leadership.on_nudge = wake  # in the leader: another replica asked for a delivery now
        self.parts = list(parts)
        self.retry = retry  # seconds before leading again after the parts failed to start
        self._started: list[Part] = []
        self.running = False  # the parts are started (this replica leads)
        self.terms = 0  # how many times this replica became the leader
        self._stopping = asyncio.Event()
        self._watcher: asyncio.Task[None] | None = None
        self._nudges: set[asyncio.Task[None]] = set()

    @property
    def names(self) -> str:
        return ", ".join(part.name for part in self.parts)

    async def start(self, bot: Bot) -> None:
        """Lead at once if nobody does (a start failure propagates, as without a gate); the
        watcher takes it from there."""
        if self.leadership.is_leader or await self.leadership.try_acquire():
            try:
                await self._start_parts(bot)
            except BaseException:
                await self._stop_parts()
                raise
        else:
            log.info("another replica leads: %s wait here as a standby", self.names)
        self._watcher = asyncio.create_task(self._watch(bot), name="leader-gate")

    async def stop(self) -> None:
        """Stop watching, then stop the parts if they run (the caller releases leadership)."""
        self._stopping.set()
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            try:
                await watcher
            except Exception:  # e.g. the database gone for good: stopping goes on regardless
                log.exception("watching leadership failed")
        await self._stop_parts()

    def nudge_leader(self) -> None:
        """Ask the leading replica to deliver now (after a /reload answered here); nothing to
        do if this replica leads (its own delivery was woken)."""
        if self.running:
            return
        task = asyncio.ensure_future(self.leadership.nudge())
        self._nudges.add(task)  # kept until done: a task nobody references may be collected
        task.add_done_callback(self._nudges.discard)

    async def _watch(self, bot: Bot) -> None:
        while True:
            if self.running:
                if not await self._unless_stopping(self.leadership.wait_lost()):
                    return
                log.warning("leadership lost: stopping %s", self.names)
                await self._stop_parts()
            if not await self._unless_stopping(self.leadership.acquire_or_wait()):
                return
            log.info("this replica is the leader now: starting %s", self.names)
            try:
                await self._start_parts(bot)
            except Exception:  # stand down so another replica (or our next try) can lead
                log.exception("starting %s failed; giving leadership up", self.names)
                await self._stop_parts()
                await self.leadership.release()
                if not await self._unless_stopping(asyncio.sleep(self.retry)):
                    return

    async def _unless_stopping(self, waiting: Awaitable[None]) -> bool:
        """Await ``waiting`` unless the gate is stopped first; True if it finished."""
        task = asyncio.ensure_future(waiting)
        stopping = asyncio.ensure_future(self._stopping.wait())
        await asyncio.wait((task, stopping), return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if task.done():
            task.result()
            return True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return False

    async def _start_parts(self, bot: Bot) -> None:
        self.running = True
        self.terms += 1
        for part in self.parts:
            if part.start is not None:
                await part.start(bot)
            self._started.append(part)

    async def _stop_parts(self) -> None:
        """Stop what was started, newest first; a failing stop does not skip the others."""
        if not self.running:
            return
        while self._started:
            part = self._started.pop()
            if part.stop is None:
                continue
            try:
                await part.stop()
            except Exception:
                log.exception("stopping %s failed", part.name)
        self.running = False


async def take_leadership(store: Path, database_url: str, interval: float) -> Leadership:
    """The bot's leadership: PostgreSQL's advisory lock when ``database_url`` is set (taken by
    the gate, a replica may start as a standby); else the SQLite file's lock, taken now (a second
    bot on the file raises InstanceLocked: ``python -m bot run`` exits 6)."""
    if database_url:
        return PgLeadership(database_url, interval)
    leadership = FileLeadership(store)
    await leadership.acquire_or_wait()
    return leadership
