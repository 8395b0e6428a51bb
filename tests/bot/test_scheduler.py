"""The delivery scheduler: a wake during a run is not lost (the /reload that came mid-run)."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from bot.delivery.scheduler import DeliveryScheduler
from bot.delivery.worker import DeliveryWorker


class GatedWorker:
    """Stands in for the worker: each run waits until the test lets it finish."""

    def __init__(self) -> None:
        self.runs = 0
        self.gate = asyncio.Event()
        self.started = asyncio.Event()

    async def recover(self) -> None:
        return None

    async def run_once(self) -> Any:
        self.runs += 1
        self.started.set()
        await self.gate.wait()
        return None

    def stop(self) -> None:
        self.gate.set()


async def test_wake_during_a_run_runs_again_at_once() -> None:
    worker = GatedWorker()
    scheduler = DeliveryScheduler(cast(DeliveryWorker, worker), interval=3600)
    await scheduler.start()
    try:
        await asyncio.wait_for(worker.started.wait(), 5)
        assert scheduler.busy
        scheduler.wake()  # new articles arrived while the first run is still sending
        worker.gate.set()
        for _ in range(200):
            if worker.runs >= 2:
                break
            await asyncio.sleep(0.01)
        assert worker.runs == 2  # not after the hour-long interval
    finally:
        await scheduler.stop()


async def test_wake_when_idle_runs_once_more() -> None:
    worker = GatedWorker()
    worker.gate.set()
    scheduler = DeliveryScheduler(cast(DeliveryWorker, worker), interval=3600)
    await scheduler.start()
    try:
        for _ in range(200):
            if worker.runs >= 1 and not scheduler.busy:
                break
            await asyncio.sleep(0.01)
        scheduler.wake()
        for _ in range(200):
            if worker.runs >= 2:
                break
            await asyncio.sleep(0.01)
        assert worker.runs == 2
    finally:
        await scheduler.stop()
