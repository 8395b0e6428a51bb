"""The health check (/healthz): a real store file and the real delivery scheduler."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import cast

import pytest

from bot.delivery.scheduler import DeliveryScheduler
from bot.delivery.worker import DeliveryWorker
from bot.services.health import HealthService
from storage.database import Database
from tests.bot.test_scheduler import GatedWorker

INTERVAL = 60.0


class Clock:
    """time.monotonic, moved forward by the test."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.ahead


@pytest.fixture
async def db(store_db: Database) -> Database:
    """The health check's store ping on both engines."""
    return store_db


async def started(worker: GatedWorker) -> DeliveryScheduler:
    scheduler = DeliveryScheduler(cast(DeliveryWorker, worker), interval=INTERVAL)
    await scheduler.start()
    await asyncio.wait_for(worker.started.wait(), 5)
    return scheduler


async def test_store_answering_and_a_run_in_progress_is_healthy(db: Database) -> None:
    scheduler = await started(GatedWorker())  # the first run starts at once and waits
    clock = Clock()
    health = HealthService(db, lambda: scheduler, clock=clock)
    try:
        clock.ahead = 10 * INTERVAL  # a long broadcast: still running is still alive
        report = await health.check()
        assert report.ok and report.parts == {"store": "ok", "scheduler": "ok"}
    finally:
        await scheduler.stop()


async def test_no_run_for_three_intervals_is_a_dead_scheduler(db: Database) -> None:
    worker = GatedWorker()
    worker.gate.set()  # runs finish at once
    scheduler = await started(worker)
    clock = Clock()
    health = HealthService(db, lambda: scheduler, clock=clock)
    try:
        for _ in range(500):  # the first run, at once
            if scheduler.last_run_at is not None:
                break
            await asyncio.sleep(0.01)
        clock.ahead = 2.5 * INTERVAL
        assert (await health.check()).ok
        clock.ahead = 3.5 * INTERVAL  # the job stopped firing (its scheduler died)
        report = await health.check()
        assert not report.ok
        assert report.parts["store"] == "ok"
        assert report.parts["scheduler"].startswith("stale: no run for 2")  # ~210 s
        assert "every 60 s" in report.parts["scheduler"]
    finally:
        await scheduler.stop()


async def test_a_closed_store_fails_without_naming_the_file(tmp_path: Path, db: Database) -> None:
    health = HealthService(db, lambda: None)
    await db.close()
    report = await health.check()
    assert not report.ok
    assert report.parts["store"].startswith("error: ")
    assert str(tmp_path) not in str(report.parts)


async def test_a_replica_without_delivery_is_on_standby(db: Database) -> None:
    report = await HealthService(db, lambda: None).check()
    assert report.ok and report.parts == {"store": "ok", "scheduler": "standby"}


async def test_a_stopped_scheduler_is_on_standby_not_stale(db: Database) -> None:
    worker = GatedWorker()
    worker.gate.set()
    scheduler = await started(worker)
    await scheduler.stop()  # this replica stood down: another one leads now
    clock = Clock()
    clock.ahead = 10 * INTERVAL
    report = await HealthService(db, lambda: scheduler, clock=clock).check()
    assert report.ok and report.parts["scheduler"] == "standby"
