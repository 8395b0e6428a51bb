"""SharedLimiter: two replicas' limiters on one send budget in the real PostgreSQL stay under
Telegram's limits together (where two in-process limiters would send twice the rate)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.outgoing.limits import Limiter, Limits, OutgoingLimiter
from bot.outgoing.shared import SharedLimiter, limiter_for
from storage.budget import SendBudget
from tests.support.pg_server import fresh_schema, pg_url_or_skip

MIGRATION = Path(__file__).resolve().parents[2] / "storage/migrations_pg/0060_send_budget.sql"
RATE = 40.0  # the overall limit in these tests (Telegram's is 30; faster makes shorter tests)
OVERALL_ONLY = Limits(overall=RATE, chat_rate=None, group_per_minute=None)


@pytest.fixture
async def budget_url() -> AsyncIterator[str]:
    url = await pg_url_or_skip()
    async with fresh_schema(url, str(MIGRATION)) as scoped:
        yield scoped


async def _flood(
    limiters: list[Limiter], seconds: float, chat_id: int | None = None
) -> list[float]:
    """Eight senders per limiter taking turns as fast as allowed, stopped after ``seconds``;
    the moments the turns came."""
    stamps: list[float] = []

    async def sender(limiter: Limiter) -> None:
        while True:
            await limiter.acquire(chat_id)
            stamps.append(time.monotonic())

    senders = [asyncio.ensure_future(sender(x)) for x in limiters for _ in range(8)]
    await asyncio.sleep(seconds)
    for task in senders:
        task.cancel()
    await asyncio.gather(*senders, return_exceptions=True)
    return sorted(stamps)


def _busiest_second(stamps: list[float]) -> int:
    """The most turns in any one-second window (Telegram's sliding window)."""
    best, first = 0, 0
    for last, stamp in enumerate(stamps):
        while stamp - stamps[first] >= 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best


async def test_two_replicas_sharing_the_budget_stay_under_the_rate_together(
    budget_url: str,
) -> None:
    budgets = [SendBudget(budget_url), SendBudget(budget_url)]
    try:
        limiters: list[Limiter] = [SharedLimiter(b, OVERALL_ONLY) for b in budgets]
        stamps = await _flood(limiters, 3.0)
    finally:
        for budget in budgets:
            await budget.close()
    # the slots themselves are exact (tests/storage/test_budget.py); the moments here also
    # carry wake-up jitter, tens of ms on a loaded machine: a late turn lands beside the next
    # ones. Two replicas without the shared budget reach twice the rate (the test below).
    assert _busiest_second(stamps) <= RATE * 1.15
    assert len(stamps) >= RATE * 2  # and the budget is used, not wasted
    assert all(isinstance(x, SharedLimiter) and x.fallbacks == 0 for x in limiters)


async def test_without_the_shared_budget_two_replicas_send_twice_the_rate() -> None:
    # the control: what the shared budget prevents (so the test above can fail)
    stamps = await _flood([OutgoingLimiter(OVERALL_ONLY), OutgoingLimiter(OVERALL_ONLY)], 2.0)
    assert _busiest_second(stamps) > RATE * 1.5


async def test_one_chat_gets_its_burst_and_one_a_second_across_replicas(budget_url: str) -> None:
    limits = Limits(overall=RATE, chat_rate=1.0, chat_burst=3, group_per_minute=None)
    budgets = [SendBudget(budget_url), SendBudget(budget_url)]
    begun = time.monotonic()  # no turn can be earlier; the first recorded one may be late
    try:
        stamps = await _flood([SharedLimiter(b, limits) for b in budgets], 2.5, chat_id=5)
    finally:
        for budget in budgets:
            await budget.close()
    assert len([s for s in stamps if s - stamps[0] < 0.5]) == 3  # the burst, from both replicas
    assert len(stamps) == 5  # then one a second: at 1 s and 2 s
    # Measured from the flood's start, not from the first recorded turn: under load the first
    # sender can wake 50-100 ms after its slot while the fourth wakes on time, which made a
    # correct limiter look 0.9 s apart (sessions 8-9). A late wake-up only delays a turn.
    assert stamps[3] - begun >= 0.95 and stamps[4] - begun >= 1.95


async def test_a_429_in_one_replica_quiets_the_chat_in_the_other(budget_url: str) -> None:
    limits = Limits(overall=RATE, chat_rate=1.0, chat_burst=3, group_per_minute=None)
    budgets = [SendBudget(budget_url), SendBudget(budget_url)]
    try:
        a, b = (SharedLimiter(x, limits) for x in budgets)
        a.penalise(9, 1.5)
        await asyncio.sleep(0.1)  # the hold is written in the background
        started = time.monotonic()
        await b.acquire(9)
        assert time.monotonic() - started >= 1.2
    finally:
        for budget in budgets:
            await budget.close()


async def test_an_unreachable_store_falls_back_to_the_replicas_own_limits(
    caplog: pytest.LogCaptureFixture,
) -> None:
    budget = SendBudget("postgresql://bot:s3cret-pw@127.0.0.1:1/none")
    limiter = SharedLimiter(budget, Limits(overall=RATE, chat_rate=None, group_per_minute=None))
    for _ in range(3):
        await limiter.acquire(None)
    assert limiter.fallbacks == 3
    warnings = [r for r in caplog.records if "own limits" in r.getMessage()]
    assert len(warnings) == 1  # once a minute, not once a message
    assert "s3cret-pw" not in caplog.text


def test_the_shared_budget_is_used_only_with_a_database_url() -> None:
    assert isinstance(limiter_for(Limits()), OutgoingLimiter)  # SQLite: one bot, in memory
    shared = limiter_for(Limits(), "postgresql://postgres@127.0.0.1/test")
    assert isinstance(shared, SharedLimiter) and isinstance(shared.budget, SendBudget)


class _Budget:
    """A budget that always grants the turn 0.1 s ahead (to watch the limiter's own logic)."""

    def __init__(self) -> None:
        self.reserved: list[str] = []

    async def reserve(self, key: str, interval: float, burst: int = 1) -> float:
        self.reserved.append(key)
        return 0.1

    async def hold(self, key: str, seconds: float) -> None: ...

    async def close(self) -> None: ...


async def test_a_turn_woken_too_late_is_given_up_for_a_new_one() -> None:
    now = [0.0]
    oversleep = [0.2, 0.0]  # the first wake-up comes 200 ms late (a busy machine)

    async def sleep(seconds: float) -> None:
        now[0] += seconds + (oversleep.pop(0) if oversleep else 0.0)

    budget = _Budget()
    limiter = SharedLimiter(budget, OVERALL_ONLY, clock=lambda: now[0], sleep=sleep)
    await limiter.acquire(None)
    # sent 200 ms after its turn it would land beside the next turns: a new turn was taken
    assert budget.reserved == ["overall", "overall"] and limiter.retaken == 1
    oversleep[:] = [0.01]  # 10 ms late: within the slack, kept
    await limiter.acquire(None)
    assert budget.reserved.count("overall") == 3 and limiter.retaken == 1
