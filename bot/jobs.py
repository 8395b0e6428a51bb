"""The one way the bot's background work is scheduled (delivery, the source poller)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler


def start_interval_job(
    job: Callable[[], Awaitable[Any]], seconds: float, job_id: str
) -> AsyncIOScheduler:
    """Run ``job`` at once, then every ``seconds``, never two at a time.

    ``max_instances=1``: a run still going when the next is due makes that one skip;
    ``coalesce=True``: runs missed meanwhile fold into one; no misfire grace, so a late run is
    still run rather than dropped.
    """
    scheduler = AsyncIOScheduler(timezone=dt.UTC)
    scheduler.add_job(
        job,
        "interval",
        seconds=seconds,
        id=job_id,
        coalesce=True,
        max_instances=1,
        next_run_time=dt.datetime.now(dt.UTC),
        misfire_grace_time=None,
    )
    scheduler.start()
    return scheduler
