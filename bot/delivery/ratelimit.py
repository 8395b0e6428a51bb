"""Token buckets for Telegram's sending limits (SPEC: Delivery).

At most ``BROADCAST_RATE`` messages a second overall, one a second per chat and 20 a minute
per group or channel. Buckets work by reservation: a caller takes a token even when there is
none yet (the balance goes negative) and sleeps until its turn. Turns are therefore handed
out in arrival order, spaced exactly 1/rate apart on the clock rather than "1/rate after the
previous one woke up", so scheduler jitter does not accumulate into a lower rate.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

PER_CHAT_RATE = 1.0  # messages a second to one chat
GROUP_RATE = 20 / 60  # messages a second to one group or channel


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


class RateLimiter:
    """The global bucket plus one bucket per chat (and one per group or channel)."""

    def __init__(
        self,
        global_rate: float | None,
        *,
        per_chat_rate: float | None = PER_CHAT_RATE,
        group_rate: float | None = GROUP_RATE,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """A rate of None switches that limit off (the raw-throughput benchmark)."""
        self._clock = clock
        self._sleep = sleep
        self._global = TokenBucket(global_rate, clock=clock) if global_rate else None
        self._per_chat_rate = per_chat_rate
        self._group_rate = group_rate
        self._chats: dict[int, TokenBucket] = {}
        self._groups: dict[int, TokenBucket] = {}

    async def acquire(self, chat_id: int, *, broadcast: bool = False) -> None:
        """Wait for the right to send one message to ``chat_id`` (a group or channel when
        ``broadcast``). The chat's own buckets come first and the global one last, so a slot of
        the shared rate is never held by a sender that is still waiting on its chat."""
        if self._per_chat_rate:
            await self._wait(self._bucket(self._chats, chat_id, self._per_chat_rate))
        if broadcast and self._group_rate:
            await self._wait(self._bucket(self._groups, chat_id, self._group_rate))
        if self._global is not None:
            await self._wait(self._global)

    def penalise(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 for this chat: keep it quiet for ``seconds``."""
        if self._per_chat_rate:
            self._bucket(self._chats, chat_id, self._per_chat_rate).hold(seconds)

    async def _wait(self, bucket: TokenBucket) -> None:
        delay = bucket.reserve()
        if delay > 0:
            await self._sleep(delay)

    def _bucket(self, buckets: dict[int, TokenBucket], key: int, rate: float) -> TokenBucket:
        bucket = buckets.get(key)
        if bucket is None:
            if len(buckets) >= 10_000:
                self._forget_idle(buckets)
            bucket = buckets[key] = TokenBucket(rate, clock=self._clock)
        return bucket

    def _forget_idle(self, buckets: dict[int, TokenBucket]) -> None:
        """A full bucket behaves like a new one, so dropping it changes nothing."""
        now = self._clock()
        for key in [k for k, b in buckets.items() if b.idle_since() <= now]:
            del buckets[key]
