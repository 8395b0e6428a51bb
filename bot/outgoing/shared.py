"""Telegram's limits kept by several replicas together: the budgets live in the store.

Telegram counts per bot, not per process: two replicas each keeping 29 messages a second would
send 58. :class:`SharedLimiter` takes each message's turn from a :class:`Budget` the replicas
share (``storage.budget.SendBudget``, a GCRA row per budget in PostgreSQL):

1. the chat's own budget (a burst of 3 then about one a second; a group's 20 a minute, spaced
   evenly: replies into one chat may come from any replica);
2. this process's own order: deliveries at most BROADCAST_RATE (only the leader delivers) and
   replies before deliveries (an in-process :class:`OutgoingLimiter` without chat limits);
3. the overall budget, about 30 a second for the bot, all replicas together.

If the store does not answer, the replica falls back to its in-process limits (one warning a
minute): messages keep going, at worst a few 429s that the session middleware waits out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from typing import Protocol

from bot.outgoing.limits import INTERACTIVE, Clock, Limiter, Limits, OutgoingLimiter, Sleep

log = logging.getLogger(__name__)

WARN_EVERY = 60.0  # seconds between warnings that the shared budget is unreachable
# An overall turn this late is given up and a new one taken. Turns are 1/29 s apart against
# Telegram's 30 a second: if every message leaves less than 34 ms after its turn, no second
# holds more than 30 of them; a busy machine wakes a sleeper tens of ms late. 25 ms leaves
# the rest to the network's own jitter.
LATE = 0.025
RETAKES = 3  # late turns given up in a row before going anyway (an overloaded machine)


class Budget(Protocol):
    """Shared budgets (``storage.budget.SendBudget``); errors raise ``BudgetUnavailable``."""

    async def reserve(self, key: str, interval: float, burst: int = 1) -> float: ...

    async def hold(self, key: str, seconds: float) -> None: ...

    async def close(self) -> None: ...


class SharedLimiter:
    def __init__(
        self,
        budget: Budget,
        limits: Limits | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.budget = budget
        self.limits = limits = limits or Limits()
        self._sleep = sleep
        self._clock = clock
        # the chat budgets are the store's; this process keeps BROADCAST_RATE and the order
        self._local = OutgoingLimiter(
            replace(limits, chat_rate=None, group_per_minute=None), clock=clock, sleep=sleep
        )
        self._fallback = OutgoingLimiter(limits, clock=clock, sleep=sleep)
        self._warned_at: float | None = None
        self._holds: set[asyncio.Task[None]] = set()
        self.fallbacks = 0  # turns taken from the in-process limits (figures for the tests)
        self.retaken = 0  # overall turns given up because this process woke too late

    async def acquire(self, chat_id: int | None, priority: int = INTERACTIVE) -> None:
        try:
            await self._shared(chat_id, priority)
        except Exception as exc:  # BudgetUnavailable, or anything the store raised
            self._warn(exc)
            self.fallbacks += 1
            await self._fallback.acquire(chat_id, priority)

    async def _shared(self, chat_id: int | None, priority: int) -> None:
        lim = self.limits
        if chat_id is not None and lim.chat_rate:
            await self._take(f"chat:{chat_id}", 1.0 / lim.chat_rate, lim.chat_burst)
        if chat_id is not None and chat_id < 0 and lim.group_per_minute:
            # evenly spaced: any 60 s then hold at most group_per_minute of them
            await self._take(f"group:{chat_id}", (60.0 + lim.group_margin) / lim.group_per_minute)
        await self._local.acquire(None, priority)
        if lim.overall:
            for _ in range(RETAKES):
                if await self._take("overall", 1.0 / lim.overall) <= LATE:
                    return
                self.retaken += 1

    async def _take(self, key: str, interval: float, burst: int = 1) -> float:
        """Wait for the next turn of budget ``key``; how late this process woke for it.

        The server took the slot somewhere between asking and the answer: the midpoint is
        the estimate (a reservation queued behind others on the connection is not "late")."""
        asked = self._clock()
        wait = await self.budget.reserve(key, interval, burst)
        turn = (asked + self._clock()) / 2 + wait
        if wait > 0:
            await self._sleep(wait)
        return self._clock() - turn

    def penalise(self, chat_id: int | None, seconds: float) -> None:
        """A 429 for this chat: every replica keeps it quiet for ``seconds``."""
        self._fallback.penalise(chat_id, seconds)
        lim = self.limits
        if chat_id is None or not lim.chat_rate:
            return
        # the budget's burst tolerance would let a burst through right after the hold
        quiet = seconds + (lim.chat_burst - 1) / lim.chat_rate
        task = asyncio.ensure_future(self._hold(f"chat:{chat_id}", quiet))
        self._holds.add(task)  # kept until done: a task nobody references may be collected
        task.add_done_callback(self._holds.discard)

    async def _hold(self, key: str, seconds: float) -> None:
        try:
            await self.budget.hold(key, seconds)
        except Exception as exc:
            self._warn(exc)

    async def close(self) -> None:
        """Close the budget's connection (at shutdown, after the last send)."""
        await self.budget.close()

    def _warn(self, exc: Exception) -> None:
        now = self._clock()
        if self._warned_at is None or now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning("%s; sending within this replica's own limits meanwhile", exc)


def limiter_for(limits: Limits, database_url: str = "") -> Limiter:
    """The bot's limiter: the store's shared budget when the store is PostgreSQL (replicas),
    else this process's own (SQLite: one bot)."""
    if not database_url:
        return OutgoingLimiter(limits)
    from storage.budget import SendBudget

    return SharedLimiter(SendBudget(database_url), limits)
