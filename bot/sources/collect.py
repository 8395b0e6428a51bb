"""One source polled: feed -> items -> pages -> the same analysis as files -> the store.

The identity of a web article is its canonical URL; an item whose URL (or canonical URL) the
store knows is skipped before its page is fetched (one look-up for the whole feed). A new item
is extracted and analysed in a worker thread (CPU: the event loop keeps answering chats and
delivering). Then the poll's new items are checked against the story index, one after the
other: another agency's report of a stored story (or of an earlier item of the same poll) is
merged into it (one more source, no new article id, so it is not delivered again); anything
else is a new article. They are written in one transaction per poll.
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
from bot.sources.pages import ExtractedPage, extract_article, page_to_article_text
from storage.analysis.analyze import analyze, fingerprint
from storage.articles import ArticleRecord
from storage.fulltext import index_text
from storage.ingest import text_hash
from storage.sources import Entry, Source, SourceStore
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
class Candidate:
    """A new item of this poll, analysed, waiting for the story check and the store."""

    position: int  # its place in the feed: its log line goes there
    url: str  # canonical form of the item's link
    canonical: str  # canonical URL of its page
    prepared: Prepared


# What the story check decided for a candidate: None (a new story), ("index", article id,
# similarity) or ("batch", position among the poll's candidates, similarity).
Match = tuple[str, int, float] | None


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
            await self._items(source, feed.items[:MAX_ITEMS], report, dry_run)
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

    async def _items(
        self, source: Source, items: list[FeedItem], report: SourceReport, dry_run: bool
    ) -> None:
        lines: list[str | None] = [None] * len(items)  # the log, in the feed's order
        links = [canonical_url(item.url) if item.url else "" for item in items]
        known = await self.store.known_many(link for link in links if link)
        ready: list[Candidate] = []
        for position, (item, url) in enumerate(zip(items, links, strict=True)):
            if not item.url:
                report.skipped.append(f"{item.title[:60]!r}: no link")
            elif (article_id := known.get(url)) is not None:
                lines[position] = f"known (article {article_id}): {item.title[:80]}"
            else:
                found = await self._item(position, item, url, report)
                if isinstance(found, str):
                    lines[position] = found
                elif found is not None:
                    ready.append(found)
        if ready:
            await self._keep(source, ready, lines, report, dry_run)
        report.log.extend(line for line in lines if line is not None)

    async def _item(
        self, position: int, item: FeedItem, url: str, report: SourceReport
    ) -> Candidate | str | None:
        """The item extracted and analysed; a log line when its page turns out to be known;
        None when it failed (reported in ``skipped``)."""
        html, final_url = await self._page(item.url)
        try:
            page, prepared = await _cpu(_work, html, final_url, item, self.now().date())
        except Exception as exc:  # one bad item never stops the others
            log.exception("item %s failed", item.url)
            report.skipped.append(f"{item.url[:100]}: {type(exc).__name__}: {exc}")
            return None
        canonical = canonical_url(final_url, page.canonical_url if page else None)
        if canonical != url and (known := await self.store.known(canonical)) is not None:
            return f"known (article {known}, canonical URL): {item.title[:80]}"
        if prepared is None:
            report.skipped.append(f"{item.url[:100]}: no text")
            return None
        return Candidate(position, url, canonical, prepared)

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
        ready: list[Candidate],
        lines: list[str | None],
        report: SourceReport,
        dry_run: bool,
    ) -> None:
        """The story check of the poll's new items, then ONE transaction for all of them.
        The lock makes check and insert one step: two reports of one story polled at the
        same time must not both become articles."""
        async with self._story_lock:
            signatures = [c.prepared.signature for c in ready]
            # ``sources check`` stores nothing, so its items are not matched with each other
            matches = await _cpu(match_all, self.index, signatures, not dry_run)
            if dry_run:
                for candidate, match in zip(ready, matches, strict=True):
                    lines[candidate.position] = self._counted(candidate, match, ready, report)
                return
            entries = [_entry(c, m) for c, m in zip(ready, matches, strict=True)]
            done = await self.store.store_items(source, entries, now=self.now())
            for candidate, match, (outcome, article_id) in zip(ready, matches, done, strict=True):
                title = candidate.prepared.record.analysis.title[:80]
                if outcome == "known":
                    lines[candidate.position] = f"known (article {article_id}): {title}"
                    continue
                if outcome == "new":
                    self.index.add(article_id, candidate.prepared.signature)
                    if candidate.prepared.relevant:
                        report.new_ids.append(article_id)
                    match = None
                else:
                    match = ("index", article_id, match[2] if match else 0.0)
                lines[candidate.position] = self._counted(candidate, match, ready, report)

    @staticmethod
    def _counted(
        candidate: Candidate, match: Match, ready: list[Candidate], report: SourceReport
    ) -> str:
        """Count the candidate in the report; its log line."""
        prepared = candidate.prepared
        if match is None:
            report.new += 1
            report.relevant += prepared.relevant
            return _new_line(prepared)
        report.merged += 1
        kind, target, score = match
        article = f"article {target}" if kind == "index" else f"item {ready[target].position + 1}"
        return (
            f"same story as {article} (similarity {score:.2f}): "
            f"{prepared.record.analysis.title[:80]}"
        )

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


def _work(
    html: str | None, url: str, item: FeedItem, today: dt.date
) -> tuple[ExtractedPage | None, Prepared | None]:
    """Page to article, in one trip to the worker thread: extraction, then the analysis."""
    page = extract_article(html, url) if html else None
    return page, prepare(page_to_article_text(page, item), today, url)


def match_all(index: StoryIndex, signatures: list[Signature], within: bool) -> list[Match]:
    """For each new item in turn: the stored story it belongs to, else (``within``) the most
    similar earlier new item of the same poll that is the same story; None: a new story. As
    if each were stored before the next is checked: an earlier item wins only with a higher
    similarity (on a tie the older article, as the index itself decides)."""
    matches: list[Match] = []
    for i, sig in enumerate(signatures):
        found = index.best_match(sig)
        best: Match = ("index", found[0], found[1]) if found else None
        for j in range(i) if within else ():
            if matches[j] is not None:
                continue  # merged itself: not a story of its own
            score = sig.similarity(signatures[j])
            if sig.agrees(signatures[j], score) and (best is None or score > best[2]):
                best = ("batch", j, score)
        matches.append(best)
    return matches


def _entry(candidate: Candidate, match: Match) -> Entry:
    prepared = candidate.prepared
    if match is None:
        return Entry(
            candidate.url,
            candidate.canonical,
            prepared.record,
            prepared.signature,
            prepared.relevant,
        )
    kind, target, _score = match
    if kind == "index":
        return Entry(candidate.url, candidate.canonical, into=target)
    return Entry(candidate.url, candidate.canonical, into_batch=target)


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
