"""The delivery scheduler: an APScheduler interval job, started and stopped with the bot.

One job every ``DELIVERY_INTERVAL`` seconds does a whole run (plan, due digests, instant
queue). ``max_instances=1`` means a run still going when the next is due makes that one skip
(never two runs at once), ``coalesce=True`` folds missed runs into one. The first run starts at
once, after the rows a crash left in flight are put back in the queue.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import time
import uuid
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery.sender import Sender
from bot.delivery.worker import DeliveryWorker, Now, Render, RunReport, utc_now
from bot.jobs import start_interval_job

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.config import Settings
    from storage.database import Database

log = logging.getLogger(__name__)

JOB_ID = "delivery"


class DeliveryScheduler:
    def __init__(self, worker: DeliveryWorker, interval: float) -> None:
        self.worker = worker
        self.interval = interval
        self._scheduler: AsyncIOScheduler | None = None
        self._running: asyncio.Task[RunReport] | None = None
        self._again = False  # woken during a run: run once more right after it
        self.runs = 0
        # the health check's heartbeat (bot/services/health.py), time.monotonic() values
        self.started_at: float | None = None
        self.last_run_at: float | None = None

    @property
    def busy(self) -> bool:
        """A delivery run is in progress."""
        return self._running is not None and not self._running.done()

    @property
    def active(self) -> bool:
        """Between start() and stop(): runs are scheduled (a stopped one stood down)."""
        return self._scheduler is not None

    async def start(self) -> None:
        await self.worker.recover()
        self._scheduler = start_interval_job(self._tick, self.interval, JOB_ID)
        self.started_at = time.monotonic()
        log.info("delivery every %s s", self.interval)

    def wake(self) -> None:
        """Run as soon as possible (after /reload); a run in progress just finishes first.

        A wake during a run would be skipped by ``max_instances=1``, so it is remembered and
        the run in progress goes round once more instead.
        """
        if self.busy:
            self._again = True
            return
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.modify_job(JOB_ID, next_run_time=dt.datetime.now(dt.UTC))

    async def stop(self, grace: float = 30.0) -> None:
        """No new runs; the messages in flight finish and are recorded, then we return."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.pause()  # shutting down now would cancel the run in progress
        self.worker.stop()
        running = self._running
        if running is not None and not running.done():
            try:
                await asyncio.wait_for(asyncio.shield(running), grace)
            except TimeoutError:
                log.warning("delivery run did not finish in %s s; cancelling it", grace)
                running.cancel()
            except BaseException:
                log.exception("delivery run failed while stopping")
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)

    async def _tick(self) -> None:
        while True:
            self._again = False
            self._running = asyncio.ensure_future(self.worker.run_once())
            try:
                await self._running
            except asyncio.CancelledError:
                raise
            except Exception:  # the next interval tries again; the outbox keeps the state
                log.exception("delivery run failed")
            finally:
                self.runs += 1
                self.last_run_at = time.monotonic()
            if not self._again or self._scheduler is None:
                return


def build_scheduler(
    db: Database,
    bot: Bot,
    settings: Settings,
    *,
    render: Render | None = None,
    now: Now = utc_now,
    concurrency: int = 16,
) -> DeliveryScheduler:
    """The scheduler with the app's defaults: cards and splitting from ``bot.formatting``.

    The pace (BROADCAST_RATE, Telegram's limits, replies first) is the Bot session's
    ``OutgoingMiddleware``; the worker's claims carry this process's own id."""
    from bot.formatting import article_card, split_html

    sender = Sender(bot, splitter=split_html)
    owner = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    worker = DeliveryWorker(
        db, sender, render or article_card, concurrency=concurrency, now=now, owner=owner
    )
    return DeliveryScheduler(worker, settings.delivery_interval)
