"""Is this bot process alive? The answer ``/healthz`` gives (served by :mod:`bot.webhook`).

Two parts, each cheap: the store answers a trivial query, and the delivery scheduler's job is
alive (a run in progress, or one finished within three intervals). A replica that does not run
delivery (another one leads, or this one stood down) reports the scheduler as ``standby``, which
is healthy.
Nothing here names a file, a URL or a secret: the report is public (no auth on /healthz).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from storage.database import Database

OK = "ok"
STANDBY = "standby"  # no scheduler in this process: another replica delivers
STALE_AFTER = 3  # intervals without a finished run before the scheduler counts as dead


class Heartbeat(Protocol):
    """What the health check reads of the delivery scheduler (times from ``time.monotonic``)."""

    @property
    def active(self) -> bool: ...
    @property
    def busy(self) -> bool: ...
    @property
    def interval(self) -> float: ...
    @property
    def started_at(self) -> float | None: ...
    @property
    def last_run_at(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class HealthReport:
    parts: dict[str, str]  # part -> "ok", "standby" or what is wrong with it

    @property
    def ok(self) -> bool:
        return all(state in (OK, STANDBY) for state in self.parts.values())


class HealthService:
    def __init__(
        self,
        db: Database,
        scheduler: Callable[[], Heartbeat | None],
        *,
        timeout: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.scheduler = scheduler  # a callable: the scheduler is built only when the bot starts
        self.timeout = timeout
        self.clock = clock

    async def check(self) -> HealthReport:
        return HealthReport({"store": await self._store(), "scheduler": self._scheduler()})

    async def _store(self) -> str:
        async def ping() -> None:
            async with self.db.execute("SELECT 1") as cursor:
                await cursor.fetchone()

        try:
            await asyncio.wait_for(ping(), self.timeout)
        except TimeoutError:
            return f"no answer in {self.timeout:g} s"
        except Exception as exc:  # the kind of failure only: a message may name the store
            return f"error: {type(exc).__name__}"
        return OK

    def _scheduler(self) -> str:
        beat = self.scheduler()
        if beat is None or not beat.active:  # never started here, or stood down (not leader)
            return STANDBY
        if beat.busy:
            return OK
        last = beat.last_run_at if beat.last_run_at is not None else beat.started_at
        if last is None:
            return "not started"
        age = self.clock() - last
        if age > STALE_AFTER * beat.interval:
            return f"stale: no run for {age:.0f} s (every {beat.interval:g} s)"
        return OK
