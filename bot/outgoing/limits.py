"""Telegram's sending limits, kept by one limiter for everything the bot sends (SPEC: Delivery).

About 30 messages a second overall, a short burst then one a second per chat, 20 a minute per
group or channel, deliveries at most ``BROADCAST_RATE`` and only in the turns replies leave.
The session middleware (``bot.outgoing.session``) makes every request wait here.

Buckets work by reservation: a caller takes a token even when there is none yet (the balance
goes negative) and sleeps until its turn. Turns are therefore handed
out in arrival order, spaced exactly 1/rate apart on the clock rather than "1/rate after the
previous one woke up", so scheduler jitter does not accumulate into a lower rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class TokenBucket:
    """``rate`` tokens a second, at most ``capacity`` saved up (capacity 1: strict spacing)."""

    def __init__(self, rate: float, capacity: float = 1.0, *, clock: Clock = time.monotonic):
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be positive and capacity at least 1")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._tokens = capacity
        self._stamp = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def reserve(self) -> float:
        """Take one token now; return how many seconds to wait before using it."""
        self._refill()
        self._tokens -= 1
        return 0.0 if self._tokens >= 0 else -self._tokens / self.rate

    def hold(self, seconds: float) -> None:
        """Make the next reservation wait at least ``seconds`` from now."""
        self._refill()
        self._tokens = min(self._tokens, 1 - seconds * self.rate)

    def idle_since(self) -> float:
        """Clock time from which the bucket is full again (then it can be forgotten)."""
        missing = self.capacity - self._tokens
        return self._stamp + missing / self.rate


# -- one budget for everything the bot sends (the session middleware in bot.outgoing.session) --

INTERACTIVE = 0  # replies, edits, callback and inline answers: a person is waiting
DELIVERY = 1  # the delivery worker's messages: they use what replies leave


class SlidingWindow:
    """At most ``limit`` turns in any ``period`` seconds (Telegram's 20 a minute per group).

    Turns are reserved: the caller learns when its turn comes and sleeps until then."""

    def __init__(self, limit: int, period: float, *, clock: Clock = time.monotonic):
        self.limit = limit
        self.period = period
        self._clock = clock
        self._turns: list[float] = []

    def reserve(self) -> float:
        now = self._clock()
        self._turns = [t for t in self._turns if t > now - self.period]
        start = now
        if len(self._turns) >= self.limit:
            start = max(now, self._turns[-self.limit] + self.period)
        self._turns.append(start)
        return start - now

    def idle_since(self) -> float:
        return self._turns[-1] + self.period if self._turns else 0.0


class PriorityRate:
    """The overall budget: one turn every ``1/rate`` seconds, handed to interactive callers
    before deliveries. Turns are spaced on the clock (a late wake-up does not push the next
    turn back), and a caller cancelled while waiting gives its place up."""

    def __init__(self, rate: float, *, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep):
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next = clock()
        self._queues: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())
        self._pump: asyncio.Task[None] | None = None
        self.waiting_peak = 0

    async def acquire(self, priority: int = INTERACTIVE) -> None:
        now = self._clock()
        if self._next <= now and not any(self._queues):
            self._next = now + self.interval
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queues[priority].append(turn)
        self.waiting_peak = max(self.waiting_peak, sum(map(len, self._queues)))
        if self._pump is None or self._pump.done():
            self._pump = asyncio.ensure_future(self._hand_out())
        try:
            await turn
        except asyncio.CancelledError:
            with contextlib.suppress(ValueError):
                self._queues[priority].remove(turn)
            raise

    async def _hand_out(self) -> None:
        while any(self._queues):
            wait = self._next - self._clock()
            if wait > 0:
                await self._sleep(wait)
                continue
            queue = next(q for q in self._queues if q)
            turn = queue.popleft()
            if turn.done():  # cancelled meanwhile
                continue
            self._next = max(self._next, self._clock() - self.interval) + self.interval
            turn.set_result(None)


@dataclass(frozen=True, slots=True)
class Limits:
    """Telegram's sending limits as this bot keeps them (a few per cent under the real ones,
    so the milliseconds between our clock and Telegram's never cost a 429)."""

    overall: float | None = 29.0  # messages a second, all chats together (Telegram: 30)
    chat_rate: float | None = 0.95  # per chat after the burst (Telegram: about 1)
    chat_burst: int = 3
    group_per_minute: int | None = 20  # per group or channel (Telegram: 20 a minute)
    group_margin: float = 0.5  # seconds added to the group window
    deliveries: float | None = None  # BROADCAST_RATE: the most deliveries may take

    @classmethod
    def off(cls) -> Limits:
        """No limits at all (the raw-throughput benchmark)."""
        return cls(overall=None, chat_rate=None, group_per_minute=None)


class Limiter(Protocol):
    """What the session middleware waits on: :class:`OutgoingLimiter` (this process's own
    budget, the default) or ``bot.outgoing.shared.SharedLimiter`` (one budget in the store for
    all replicas, when the store is PostgreSQL)."""

    limits: Limits

    async def acquire(self, chat_id: int | None, priority: int = INTERACTIVE) -> None:
        """Return when a request into ``chat_id`` (None: no chat) may go."""
        ...

    def penalise(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said 429: keep this chat quiet for ``seconds``."""
        ...


class OutgoingLimiter:
    """Every request the bot makes to Telegram waits here for its turn: the chat's own bucket
    (groups and channels, whose ids are negative, also their 20 a minute), then deliveries their
    BROADCAST_RATE, then the overall budget where interactive requests go first."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.limits = limits = limits or Limits()
        self._clock = clock
        self._sleep = sleep
        self._overall = (
            PriorityRate(limits.overall, clock=clock, sleep=sleep) if limits.overall else None
        )
        self._deliveries = (
            TokenBucket(limits.deliveries, clock=clock) if limits.deliveries else None
        )
        self._chats: dict[int, TokenBucket] = {}
        self._groups: dict[int, SlidingWindow] = {}

    async def acquire(self, chat_id: int | None, priority: int = INTERACTIVE) -> None:
        lim = self.limits
        if chat_id is not None and lim.chat_rate:
            bucket = self._chats.get(chat_id)
            if bucket is None:
                self._forget_idle(self._chats)
                bucket = self._chats[chat_id] = TokenBucket(
                    lim.chat_rate, lim.chat_burst, clock=self._clock
                )
            await self._wait(bucket.reserve())
        if chat_id is not None and chat_id < 0 and lim.group_per_minute:
            window = self._groups.get(chat_id)
            if window is None:
                self._forget_idle(self._groups)
                window = self._groups[chat_id] = SlidingWindow(
                    lim.group_per_minute, 60.0 + lim.group_margin, clock=self._clock
                )
            await self._wait(window.reserve())
        if priority == DELIVERY and self._deliveries is not None:
            await self._wait(self._deliveries.reserve())
        if self._overall is not None:
            await self._overall.acquire(priority)

    def penalise(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said 429: keep this chat quiet for ``seconds``."""
        if chat_id is not None and chat_id in self._chats:
            self._chats[chat_id].hold(seconds)

    async def _wait(self, delay: float) -> None:
        if delay > 0:
            await self._sleep(delay)

    def _forget_idle(self, buckets: dict[int, TokenBucket] | dict[int, SlidingWindow]) -> None:
        if len(buckets) < 10_000:
            return
        now = self._clock()
        for key in [k for k, b in buckets.items() if b.idle_since() <= now]:
            del buckets[key]
