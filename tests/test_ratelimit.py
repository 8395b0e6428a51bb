"""Token buckets and the limiter, on a fake clock: what Telegram allows is what we send."""

from __future__ import annotations

import itertools

import pytest

from bot.delivery.ratelimit import RateLimiter, TokenBucket


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


async def _send_times(
    limiter: RateLimiter, clock: FakeClock, chats: list[tuple[int, bool]]
) -> list[float]:
    times = []
    for chat_id, broadcast in chats:
        await limiter.acquire(chat_id, broadcast=broadcast)
        times.append(clock.now)
    return times


async def test_global_rate_caps_many_chats() -> None:
    clock = FakeClock()
    limiter = RateLimiter(25, clock=clock, sleep=clock.sleep)
    start = clock.now
    times = await _send_times(limiter, clock, [(i, False) for i in range(100)])
    # 100 different chats at 25/s: the last one goes 99/25 s after the first
    assert times[-1] - start == pytest.approx(99 / 25)
    assert all(b - a == pytest.approx(1 / 25) for a, b in itertools.pairwise(times))


async def test_one_message_a_second_to_one_private_chat() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1000, clock=clock, sleep=clock.sleep)
    times = await _send_times(limiter, clock, [(7, False)] * 5)
    assert [t - times[0] for t in times] == pytest.approx([0, 1, 2, 3, 4])


async def test_twenty_a_minute_to_a_group() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1000, clock=clock, sleep=clock.sleep)
    times = await _send_times(limiter, clock, [(-100, True)] * 41)
    # never more than 20 in any 60-second window
    for i, t in enumerate(times):
        in_window = [u for u in times[i:] if u - t < 60 - 1e-9]
        assert len(in_window) <= 20
    assert times[-1] - times[0] == pytest.approx(40 * 3)


async def test_penalised_chat_waits_retry_after_others_do_not() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1000, clock=clock, sleep=clock.sleep)
    await limiter.acquire(5)
    limiter.penalise(5, 12)
    before = clock.now
    await limiter.acquire(6)
    assert clock.now - before < 0.01
    await limiter.acquire(5)
    assert clock.now - before == pytest.approx(12, abs=0.01)


async def test_no_limits_never_sleeps() -> None:
    clock = FakeClock()
    limiter = RateLimiter(None, per_chat_rate=None, group_rate=None, clock=clock, sleep=clock.sleep)
    times = await _send_times(limiter, clock, [(1, True)] * 50)
    assert times[-1] == times[0]


async def test_forgetting_idle_buckets_keeps_the_limits() -> None:
    clock = FakeClock()
    limiter = RateLimiter(None, clock=clock, sleep=clock.sleep)
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
