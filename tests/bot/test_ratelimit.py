"""Token buckets and the limiter, on a fake clock: what Telegram allows is what we send."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.outgoing.limits import (
    DELIVERY,
    INTERACTIVE,
    Limits,
    OutgoingLimiter,
    TokenBucket,
)


class FakeClock:
    """A monotonic clock the test moves; ``sleep`` advances it instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_bucket_spaces_reservations_exactly_one_over_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(30, clock=clock)
    waits = [bucket.reserve() for _ in range(4)]
    # capacity 1: the first goes now, the rest queue 1/30 s apart without anyone sleeping
    assert waits == pytest.approx([0, 1 / 30, 2 / 30, 3 / 30])


def test_bucket_refills_with_time_but_not_above_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(2, capacity=3, clock=clock)
    assert [bucket.reserve() for _ in range(3)] == [0, 0, 0]
    assert bucket.reserve() == pytest.approx(0.5)
    clock.now += 100  # a long idle time saves up only `capacity` tokens
    assert [bucket.reserve() for _ in range(3)] == [0, 0, 0]
    assert bucket.reserve() > 0


def test_bucket_hold_delays_the_next_reservation() -> None:
    clock = FakeClock()
    bucket = TokenBucket(1, clock=clock)
    bucket.hold(7)
    assert bucket.reserve() == pytest.approx(7)


def test_bucket_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        TokenBucket(1, capacity=0.5)


class YieldingClock(FakeClock):
    """A fake clock whose sleep also lets other tasks run (for waiters that queue together)."""

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def _send_times(
    limiter: OutgoingLimiter, clock: FakeClock, chats: list[int], priority: int = INTERACTIVE
) -> list[float]:
    times = []
    for chat_id in chats:
        await limiter.acquire(chat_id, priority)
        times.append(clock.now)
    return times


def _limiter(clock: FakeClock, **limits: object) -> OutgoingLimiter:
    return OutgoingLimiter(Limits(**limits), clock=clock, sleep=clock.sleep)  # type: ignore[arg-type]


async def test_overall_rate_caps_many_chats() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=25, chat_rate=None, group_per_minute=None)
    times = await _send_times(limiter, clock, list(range(100)))
    # 100 different chats at 25/s: spaced exactly 1/25 s on the clock
    assert times[-1] - times[0] == pytest.approx(99 / 25)
    assert all(b - a == pytest.approx(1 / 25) for a, b in itertools.pairwise(times))


async def test_a_private_chat_gets_a_burst_of_three_then_about_one_a_second() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=None)
    times = await _send_times(limiter, clock, [7] * 6)
    step = 1 / Limits().chat_rate  # type: ignore[operator]
    assert [t - times[0] for t in times] == pytest.approx([0, 0, 0, step, 2 * step, 3 * step])
    assert step > 1  # a little slower than Telegram's 1/s: clock skew never costs a 429


async def test_twenty_a_minute_to_a_group() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=None)
    times = await _send_times(limiter, clock, [-100] * 41)
    # never more than 20 in any 60-second window (the server's window, ours has a margin)
    for i, t in enumerate(times):
        assert len([u for u in times[i:] if u - t < 60]) <= 20
    assert times[-1] - times[0] >= 120


async def test_penalised_chat_waits_retry_after_others_do_not() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=None)
    await limiter.acquire(5)
    limiter.penalise(5, 12)
    before = clock.now
    await limiter.acquire(6)
    assert clock.now - before < 0.01
    await limiter.acquire(5)
    assert clock.now - before == pytest.approx(12, abs=0.01)


async def test_no_limits_never_sleeps() -> None:
    clock = FakeClock()
    limiter = OutgoingLimiter(Limits.off(), clock=clock, sleep=clock.sleep)
    times = await _send_times(limiter, clock, [-1] * 50)
    assert times[-1] == times[0]


async def test_deliveries_keep_to_broadcast_rate_replies_do_not() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=None, chat_rate=None, group_per_minute=None, deliveries=5)
    sent = await _send_times(limiter, clock, list(range(10)), DELIVERY)
    assert sent[-1] - sent[0] == pytest.approx(9 / 5)
    replies = await _send_times(limiter, clock, list(range(10)))
    assert replies[-1] == replies[0]


async def test_a_reply_goes_before_deliveries_already_waiting() -> None:
    clock = YieldingClock()
    limiter = _limiter(clock, overall=10, chat_rate=None, group_per_minute=None)
    order: list[str] = []

    async def send(tag: str, chat_id: int, priority: int) -> None:
        await limiter.acquire(chat_id, priority)
        order.append(tag)

    tasks = [asyncio.create_task(send(f"d{i}", i, DELIVERY)) for i in range(10)]
    await asyncio.sleep(0)  # the deliveries are queued
    tasks.append(asyncio.create_task(send("reply", 99, INTERACTIVE)))
    await asyncio.gather(*tasks)
    assert order.index("reply") <= 2  # the next free turn, not the eleventh
    assert sorted(order) == sorted([f"d{i}" for i in range(10)] + ["reply"])


async def test_forgetting_idle_buckets_keeps_the_limits() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, overall=None, chat_burst=1, chat_rate=1.0)
    for chat_id in range(10_000):
        await limiter.acquire(chat_id)
    clock.now += 0.5
    await limiter.acquire(10_000)  # crosses the threshold: nothing is idle yet, nothing goes
    assert len(limiter._chats) == 10_001
    clock.now += 2
    await limiter.acquire(10_001)  # now every older bucket is full again and is dropped
    assert len(limiter._chats) == 1
    before = clock.now
    await limiter.acquire(10_001)  # the kept bucket still counts: one a second
    assert clock.now - before == pytest.approx(1)
