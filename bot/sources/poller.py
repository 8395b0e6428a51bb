"""The sources poller: an APScheduler job that polls the due sources, started with the bot.

Every ``tick`` seconds the job takes the enabled sources whose ``next_poll`` has come and polls
them concurrently (at most ``concurrency`` at once; the Fetcher bounds hosts and requests),
on the bot's event loop: the network waits are async and the analysis runs in worker threads,
so replies and delivery never wait for a round. New relevant articles wake the delivery at
once; a source paused for failing three days is told to the admins once. One log line a round.
"""

from __future__ import annotations

import asyncio
import ctypes
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.jobs import start_interval_job
from bot.sources.collect import Collector, SourceReport
from bot.sources.http import Fetcher
from storage.sources import SourceStore
from storage.stories import WINDOW_DAYS, StoryIndex

if TYPE_CHECKING:
    from bot.config import Settings
    from storage.database import Database

log = logging.getLogger(__name__)


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


_TRIM = _malloc_trim()

JOB_ID = "sources"
INDEX_REFRESH = dt.timedelta(days=1)
Notify = Callable[[str], Awaitable[None]]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class RoundReport:
    sources: list[SourceReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(r, name)) for r in self.sources)

    @property
    def failed(self) -> int:
        return sum(r.error is not None for r in self.sources)

    def line(self, seconds: float) -> str:
        return (
            f"sources round: {len(self.sources)} polled, {self.total('new')} new, "
            f"{self.total('relevant')} relevant, {self.total('merged')} merged, "
            f"{self.total('not_modified')} not modified, {self.failed} failed in {seconds:.1f} s"
        )


async def load_index(db: Database, now: dt.datetime) -> StoryIndex:
    """The story index of the last ``WINDOW_DAYS`` days' web articles, from their signatures."""
    index = StoryIndex()
    async for found in SourceStore(db).signatures_since(now - dt.timedelta(days=WINDOW_DAYS)):
        await asyncio.to_thread(index.add_many, found)
    give_back_memory()
    return index


def give_back_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc only; elsewhere nothing).

    Loading the story index and a round of thousands of feeds (parsed in the worker thread,
    rows read in aiosqlite's) free many small blocks; glibc keeps them resident in its
    per-thread heaps unless trimmed: 10 MB of the real bot with 6,000 sources
    (bench_sources_bot). A few milliseconds, once a round."""
    if _TRIM is not None:
        _TRIM(0)


async def poll_round(
    collector: Collector, *, every: bool = False, concurrency: int = 16, lines: bool = True
) -> RoundReport:
    """Poll the due sources (or every enabled one) once, concurrently. ``lines=False``: each
    report's per-item log lines are dropped as its poll ends (the bot's rounds print none;
    kept to the round's end, those of 6,000 sources were 13 MB that stayed resident,
    bench_sources_bot)."""
    store = collector.store
    if every:
        sources = [s for s in await store.all() if s.enabled and s.kind != "files"]
    else:
        sources = await store.due(collector.now())
    gate = asyncio.Semaphore(concurrency)

    async def one(source_index: int) -> SourceReport:
        async with gate:
            try:
                report = await collector.poll(sources[source_index])
            except Exception as exc:  # a bug in one source's poll never stops the round
                log.exception("polling %s failed", sources[source_index].url)
                return SourceReport(sources[source_index], error=f"{type(exc).__name__}: {exc}")
            if not lines:
                report.log.clear()
            return report

    reports = await asyncio.gather(*(one(i) for i in range(len(sources))))
    return RoundReport(list(reports))


class Poller:
    def __init__(
        self,
        collector: Collector,
        *,
        tick: float,
        wake: Callable[[], None] | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.collector = collector
        self.tick = tick
        self.wake = wake
        self.notify = notify
        self._scheduler: AsyncIOScheduler | None = None
        self.rounds = 0
        self._index_built = collector.now()

    def start(self) -> None:
        self._scheduler = start_interval_job(self.run_once, self.tick, JOB_ID)

    async def stop(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)

    async def run_once(self) -> RoundReport:
        started = asyncio.get_running_loop().time()
        await self._refresh_index()
        report = await poll_round(self.collector, lines=False)
        self.rounds += 1
        if report.sources:
            give_back_memory()
            log.info(report.line(asyncio.get_running_loop().time() - started))
        if any(r.new_ids for r in report.sources) and self.wake is not None:
            self.wake()
        for paused in (r for r in report.sources if r.paused):
            if self.notify is not None:
                await self._tell(f"{paused.source.name} ({paused.source.url}): {paused.error}")
        return report

    async def _refresh_index(self) -> None:
        """Once a day the story index is rebuilt from the store: stories older than the window
        leave it, so a bot running for months keeps a bounded index."""
        now = self.collector.now()
        if now - self._index_built < INDEX_REFRESH:
            return
        self.collector.index = await load_index(self.collector.store.db, now)
        self._index_built = now

    async def _tell(self, text: str) -> None:
        assert self.notify is not None
        try:
            await self.notify(text)
        except Exception:
            log.exception("could not tell the admins about a paused source")


@dataclass(slots=True)
class RunningSources:
    """The poller and the Fetcher it owns, while the bot runs (built by ``bot.container``)."""

    poller: Poller
    fetcher: Fetcher

    async def stop(self) -> None:
        await self.poller.stop()
        await self.fetcher.__aexit__(None, None, None)


async def start_sources(
    db: Database,
    settings: Settings,
    *,
    wake: Callable[[], None],
    notify: Notify,
) -> RunningSources:
    """Start polling: the story index is built from the store, then the job runs every tick.

    ``wake`` nudges the delivery when relevant articles arrive; ``notify`` tells the admins.
    """
    fetcher = Fetcher()
    await fetcher.__aenter__()
    try:
        index = await load_index(db, utc_now())
    except BaseException:
        await fetcher.__aexit__(None, None, None)
        raise
    collector = Collector(
        SourceStore(db), fetcher, index, default_interval=settings.sources_interval, now=utc_now
    )
    poller = Poller(collector, tick=min(30.0, settings.sources_interval), wake=wake, notify=notify)
    poller.start()
    return RunningSources(poller, fetcher)
