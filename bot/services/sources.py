"""/sources for admins (SPEC: Chat commands): the sources' state, pause, resume, remove, and
``add`` which fetches the URL first and says what it found. No Telegram here: the router
turns these results into messages and buttons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.config import Settings
from bot.sources.collect import Collector, SourceReport
from bot.sources.feeds import NotAFeed, parse_feed
from bot.sources.http import Fetcher, FetchError
from bot.sources.poller import load_index, utc_now
from storage.database import Database
from storage.sources import FILES_KIND, Source, SourceExists, SourceStore

MAX_DISCOVERED = 5


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``/sources add`` found. ``error`` set: nothing was added."""

    url: str  # the feed added (a page's own feed when the URL was a page)
    items: int = 0
    relevant: int = 0
    page_url: str | None = None  # the page the feed was discovered on
    discovered: list[str] = field(default_factory=list)
    error: str | None = None
    exists: bool = False


class SourceService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.store = SourceStore(db)
        self.db = db
        self.settings = settings

    async def states(self) -> list[Source]:
        """Every source, the seeds folder first (it is the first row)."""
        return await self.store.all()

    async def pause(self, source_id: int) -> bool:
        return await self._web(source_id) and await self.store.set_enabled(
            source_id, False, "paused by an admin"
        )

    async def resume(self, source_id: int) -> bool:
        return await self._web(source_id) and await self.store.set_enabled(source_id, True)

    async def remove(self, source_id: int) -> bool:
        source = await self.store.get(source_id)
        return source is not None and await self.store.remove(source.url)

    async def _web(self, source_id: int) -> bool:
        source = await self.store.get(source_id)
        return source is not None and source.kind != FILES_KIND

    async def add(self, url: str, name: str | None = None) -> AddResult:
        """Fetch ``url``; a feed is checked (items, how many about cooperation) and added; a
        page that links to feeds is replaced by its first feed; anything else is the error."""
        if not url.startswith(("http://", "https://")):
            return AddResult(url, error="not an http(s) URL")
        if await self.store.by_url(url) is not None:
            return AddResult(url, exists=True, error="already a source")
        async with Fetcher() as fetcher:
            page_url, discovered = None, []
            try:
                feed_url = await self._feed_url(fetcher, url)
            except _Discovered as found:
                page_url, discovered = url, found.feeds
                feed_url = found.feeds[0]
                if await self.store.by_url(feed_url) is not None:
                    return AddResult(feed_url, page_url=url, discovered=discovered, exists=True)
            except (FetchError, NotAFeed) as exc:
                return AddResult(url, error=exc.reason)
            report = await self._check(fetcher, feed_url, name)
        if report.error:
            return AddResult(feed_url, page_url=page_url, discovered=discovered, error=report.error)
        try:
            await self.store.add(feed_url, name or feed_url, now=utc_now())
        except SourceExists:
            return AddResult(feed_url, exists=True, error="already a source")
        return AddResult(
            feed_url,
            items=report.items,
            relevant=report.relevant,
            page_url=page_url,
            discovered=discovered,
        )

    async def _feed_url(self, fetcher: Fetcher, url: str) -> str:
        response = await fetcher.get(url)
        try:
            parse_feed(response.body, response.url, response.headers.get("content-type"))
        except NotAFeed as exc:
            if exc.discovered:
                raise _Discovered(exc.discovered[:MAX_DISCOVERED]) from None
            raise
        return url

    async def _check(self, fetcher: Fetcher, url: str, name: str | None) -> SourceReport:
        """A dry run of the poll: what would be stored, and how much is about cooperation."""
        now = utc_now()
        collector = Collector(
            self.store,
            fetcher,
            await load_index(self.db, now),
            default_interval=self.settings.sources_interval,
            now=utc_now,
        )
        return await collector.poll(probe(url, name), dry_run=True)


class _Discovered(Exception):
    def __init__(self, feeds: list[str]) -> None:
        super().__init__("not a feed")
        self.feeds = feeds


def probe(url: str, name: str | None = None) -> Source:
    """A source not (yet) in the store, for a dry-run poll."""
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return Source(
        id=0, url=url, name=name or url, kind="rss", enabled=True, interval=None, etag=None,
        last_modified=None, last_success=None, last_error=None, first_error=None,
        consecutive_errors=0, next_poll=epoch, paused_reason=None, items_seen=0,
        items_stored=0, items_relevant=0, items_merged=0, last_new=0, last_relevant=0,
    )  # fmt: skip
