"""The send budget in PostgreSQL: GCRA slots shared by every connection that reserves them.

Real server (tests/support/pg_server.py), a schema of its own per test with migration 0060.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.budget import BudgetUnavailable, SendBudget
from tests.support.pg_server import fresh_schema, pg_url_or_skip

MIGRATION = Path(__file__).resolve().parents[2] / "storage/migrations_pg/0060_send_budget.sql"


@pytest.fixture
async def budget_url() -> AsyncIterator[str]:
    url = await pg_url_or_skip()
    async with fresh_schema(url, str(MIGRATION)) as scoped:
        yield scoped


async def test_two_connections_get_slots_exactly_one_interval_apart(budget_url: str) -> None:
    a, b = SendBudget(budget_url), SendBudget(budget_url)
    interval = 1.0  # slots only, nobody sleeps: a long interval makes stalls here harmless
    try:
        taken = await asyncio.gather(
            *(x.slot("overall", interval) for _ in range(50) for x in (a, b))
        )
    finally:
        await a.close()
        await b.close()
    # 100 reservations at (nearly) the same instant from two connections: consecutive slots
    # one interval apart on the server's clock, whichever connection asked; none shared
    slots = sorted(slot for slot, _ in taken)
    gaps = [later - earlier for earlier, later in itertools.pairwise(slots)]
    assert min(gaps) == pytest.approx(interval, abs=1e-6)
    assert max(gaps) == pytest.approx(interval, abs=1e-6)  # back to back: none wasted
    first_asked = min(now for _, now in taken)
    assert slots[0] == pytest.approx(first_asked, abs=0.01)


async def test_a_quiet_chat_may_send_a_burst_then_one_per_interval(budget_url: str) -> None:
    budget = SendBudget(budget_url)
    try:
        waits = [await budget.reserve("chat:7", 1.0, burst=3) for _ in range(5)]
        other = await budget.reserve("chat:8", 1.0, burst=3)  # its own budget
    finally:
        await budget.close()
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3] == pytest.approx(1.0, abs=0.05)
    assert waits[4] == pytest.approx(2.0, abs=0.05)
    assert other == 0.0


async def test_hold_keeps_a_budget_quiet(budget_url: str) -> None:
    budget = SendBudget(budget_url)
    try:
        await budget.hold("chat:9", 3.0)
        assert await budget.reserve("chat:9", 1.0, burst=3) == pytest.approx(1.0, abs=0.05)
        await budget.hold("chat:10", 3.0)
        assert await budget.reserve("chat:10", 1.0) == pytest.approx(3.0, abs=0.05)
    finally:
        await budget.close()


async def test_idle_budgets_are_forgotten(budget_url: str) -> None:
    budget = SendBudget(budget_url)
    try:
        await budget.reserve("chat:1", 0.001)
        await budget.reserve("overall", 1000.0)  # busy for a long time yet
        await asyncio.sleep(0.05)
        await budget.forget_idle(idle=0.01)
        # chat:1 starts afresh, overall was kept
        assert await budget.reserve("chat:1", 0.001) == 0.0
        assert await budget.reserve("overall", 1000.0) > 900
    finally:
        await budget.close()


async def test_an_unreachable_store_is_one_line_without_the_password() -> None:
    budget = SendBudget("postgresql://bot:s3cret-pw@127.0.0.1:1/none")
    with pytest.raises(BudgetUnavailable) as caught:
        await budget.reserve("overall", 0.1)
    line = str(caught.value)
    assert line.startswith("send budget: ") and "\n" not in line and "s3cret-pw" not in line
