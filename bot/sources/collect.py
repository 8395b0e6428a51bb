"""One source polled: feed -> items -> pages -> the same analysis as files -> the store.

The identity of a web article is its canonical URL; an item whose URL (or canonical URL) the
store knows is skipped before its page is fetched. A new item is analysed in a worker thread
(CPU: the event loop keeps answering chats and delivering), then checked against the story
index: another agency's report of a stored story is merged into it (one more source, no new
article id, so it is not delivered again); anything else is stored as a new article.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from bot.sources.canonical import canonical_url
from bot.sources.feeds import FeedItem, NotAFeed, ParsedFeed, parse_feed
from bot.sources.http import PAGE_ACCEPT, Fetcher, FetchError, backoff
from bot.sources.pages import extract_article, page_to_article_text
from storage.analysis.analyze import analyze, fingerprint
from storage.articles import ArticleRecord
from storage.fulltext import index_text
from storage.ingest import text_hash
from storage.sources import Source, SourceStore
from storage.stories import Signature, StoryIndex, signature

log = logging.getLogger(__name__)

Now = Callable[[], dt.datetime]
PAUSE_AFTER = dt.timedelta(days=3)  # failing this long: paused, admins told once
MAX_ITEMS = 200  # a feed's newest items considered per poll
KIND_OF = {"rss": "rss", "atom": "atom", "json": "json"}


@dataclass(slots=True)
class SourceReport:
    """What one poll of one source did (``sources fetch`` prints it; /sources shows it)."""

    source: Source
    items: int = 0
    new: int = 0
    relevant: int = 0
    merged: int = 0
    skipped: list[str] = field(default_factory=list)  # items that failed, with the reason
    error: str | None = None  # the whole poll failed
    not_modified: bool = False
    paused: bool = False  # paused by this poll (failing for PAUSE_AFTER)
    new_ids: list[int] = field(default_factory=list)
    # one line per item and what became of it (``sources check`` prints them)
    log: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An item turned into an article record, ready to store (built in a worker thread)."""

    record: ArticleRecord
    signature: Signature
    relevant: bool


# ONE worker thread for the CPU work (parsing, extraction, analysis, look-ups): several would
# only take turns on the GIL, and each more thread makes the event loop wait longer for it
# (measured in bench_sources: the loop's p99 delay during a first round).
_CPU = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sources-cpu")
_T = TypeVar("_T")


async def _cpu(func: Callable[..., _T], *args: object) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_CPU, func, *args)


def prepare(text: str, today: dt.date, url: str) -> Prepared | None:
    """The analysis files get, plus the story signature. None: nothing to store."""
    analysis = analyze(text, today=today)
    if not analysis.title.strip():
        return None
    record = ArticleRecord(
        analysis=analysis,
        raw=text,
        content_hash=text_hash(text),
        fingerprint=fingerprint(),
        source_path=None,
        lemmas=index_text(analysis.title, analysis.lead, analysis.body),
    )
    regions = (r.code for r in analysis.regions)
    sig = signature(analysis.title, analysis.lead, analysis.body, regions=regions)
    return Prepared(record, sig, analysis.relevant)


class Collector:
    """Polls sources into the store; one per bot (the story index and its lock are shared)."""

    def __init__(
        self,
        store: SourceStore,
        fetcher: Fetcher,
        index: StoryIndex,
        *,
        default_interval: float,
        now: Now,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.index = index
        self.default_interval = default_interval
        self.now = now
        self.rng = rng or random.Random()
        # Look-up and insert of a story are one step: two reports of one story polled at the
        # same time must not both become articles.
        self._story_lock = asyncio.Lock()

    async def poll(self, source: Source, *, dry_run: bool = False) -> SourceReport:
        report = SourceReport(source)
        try:
            feed, response_etag, response_modified = await self._feed(source, report)
        except (FetchError, NotAFeed) as exc:
            report.error = exc.reason if isinstance(exc, (FetchError, NotAFeed)) else str(exc)
            if not dry_run:
                await self._failed(source, report, exc)
            return report
        if feed is not None:
            report.items = len(feed.items)
            for item in feed.items[:MAX_ITEMS]:
                await self._item(source, item, report, dry_run)
        if not dry_run:
            interval = source.interval or self.default_interval
            await self.store.polled(
                source,
                now=self.now(),
                next_poll=self.now() + dt.timedelta(seconds=interval),
                etag=response_etag,
                last_modified=response_modified,
                seen=report.items,
                new=report.new,
                relevant=report.relevant,
                kind=KIND_OF.get(_kind(feed.kind)) if feed is not None else None,
            )
        return report

    async def _feed(
        self, source: Source, report: SourceReport
    ) -> tuple[ParsedFeed | None, str | None, str | None]:
        response = await self.fetcher.get(
            source.url, etag=source.etag, last_modified=source.last_modified
        )
        if response.not_modified:
            report.not_modified = True
            return None, source.etag, source.last_modified
        content_type = response.headers.get("content-type")
        feed = await _cpu(parse_feed, response.body, response.url, content_type)
        return feed, response.etag, response.last_modified

    async def _item(
        self, source: Source, item: FeedItem, report: SourceReport, dry_run: bool
    ) -> None:
        if not item.url:
            report.skipped.append(f"{item.title[:60]!r}: no link")
            return
        url = canonical_url(item.url)
        if (known := await self.store.known(url)) is not None:
            report.log.append(f"known (article {known}): {item.title[:80]}")
            return
        html, final_url = await self._page(item.url)
        try:
            page = await _cpu(extract_article, html, final_url) if html else None
            canonical = canonical_url(final_url, page.canonical_url if page else None)
            if canonical != url and (known := await self.store.known(canonical)) is not None:
                report.log.append(f"known (article {known}, canonical URL): {item.title[:80]}")
                return
            text = page_to_article_text(page, item)
            today = self.now().date()
            prepared = await _cpu(prepare, text, today, url)
        except Exception as exc:  # one bad item never stops the others
            log.exception("item %s failed", item.url)
            report.skipped.append(f"{item.url[:100]}: {type(exc).__name__}: {exc}")
            return
        if prepared is None:
            report.skipped.append(f"{item.url[:100]}: no text")
            return
        await self._keep(source, url, canonical, prepared, report, dry_run)

    async def _page(self, url: str) -> tuple[str | None, str]:
        """The article page's HTML (None when robots.txt forbids it or it fails: the feed's
        own content is used then), and the URL it was found at."""
        try:
            if not await self.fetcher.allowed_by_robots(url):
                return None, url
            response = await self.fetcher.get(url, accept=PAGE_ACCEPT)
        except FetchError as exc:
            log.info("page %s: %s; using the feed's text", url, exc.reason)
            return None, url
        return response.text, response.url

    async def _keep(
        self,
        source: Source,
        url: str,
        canonical: str,
        prepared: Prepared,
        report: SourceReport,
        dry_run: bool,
    ) -> None:
        async with self._story_lock:
            match = await _cpu(self.index.best_match, prepared.signature)
            if match is not None:
                report.merged += 1
                report.log.append(
                    f"same story as article {match[0]} (similarity {match[1]:.2f}): "
                    f"{prepared.record.analysis.title[:80]}"
                )
                if not dry_run:
                    await self.store.merge_item(source, match[0], item_url=url, now=self.now())
                return
            report.new += 1
            report.relevant += prepared.relevant
            report.log.append(_new_line(prepared))
            if dry_run:
                return
            article_id = await self.store.store_item(
                source,
                prepared.record,
                canonical=canonical,
                item_url=url,
                signature=prepared.signature,
                relevant=prepared.relevant,
                now=self.now(),
            )
            self.index.add(article_id, prepared.signature)
            if prepared.relevant:
                report.new_ids.append(article_id)

    async def _failed(self, source: Source, report: SourceReport, exc: Exception) -> None:
        now = self.now()
        errors = source.consecutive_errors + 1
        delay = backoff(errors, rng=self.rng)
        wish = getattr(exc, "retry_after", None)
        if wish is not None:
            delay = max(delay, float(wish))
        first = source.first_error or now
        pause = None
        if now - first >= PAUSE_AFTER:
            pause = f"failing since {first:%Y-%m-%d %H:%M} UTC: {report.error}"
            report.paused = True
        await self.store.failed(
            source,
            report.error or "error",
            now=now,
            next_poll=now + dt.timedelta(seconds=delay),
            pause_reason=pause,
        )


def _new_line(prepared: Prepared) -> str:
    """What a new item is: its title, regions and topics, and whether it is delivered."""
    a = prepared.record.analysis
    regions = ", ".join(r.code for r in a.regions) or "no region"
    topics = ", ".join(a.topics) or "no topic"
    verdict = (
        "new, about cooperation" if a.relevant else "new, NOT about cooperation (kept, not sent)"
    )
    return f"{verdict}: {a.title[:80]} [{regions}; {topics}]"


def _kind(feed_kind: str) -> str:
    """feedparser's version ("rss20", "atom10", "json") to the store's kind."""
    if feed_kind.startswith("atom"):
        return "atom"
    if feed_kind.startswith("json"):
        return "json"
    return "rss"
