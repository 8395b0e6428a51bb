"""Polling news sources into the store: real feeds and pages from a local aiohttp server,
a real SQLite file, the real analysis and story index; the clock is injected."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator
from html import escape

import pytest

from bot.delivery.planner import plan
from bot.formatting import article_card
from bot.services.subscriptions import SubscriptionService
from bot.sources.collect import Collector
from bot.sources.http import Fetcher
from bot.sources.poller import Poller, load_index, poll_round
from storage.articles import ArticleStore
from storage.database import Database
from storage.sources import SourceStore
from storage.stories import WINDOW_DAYS, StoryIndex
from tests.bench.dedup_pairs import PLACES, make_story, render
from tests.support.feed_server import FeedServer, Item, rss

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def page(title: str, body: str, canonical: str | None = None) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f'<html lang="ru"><head><title>{escape(title)}</title>{link}</head><body>'
        f"<nav>Главная | Новости</nav><article><h1>{escape(title)}</h1>{paragraphs}"
        "</article><footer>© Тестовое агентство</footer></body></html>"
    ).encode()


def story_texts(seed: int) -> tuple[str, str]:
    """One story as two agencies write it (title line, blank line, paragraphs)."""
    rng = random.Random(seed)
    story = make_story(rng, PLACES[seed % len(PLACES)])
    return render(story, 0, rng), render(story, 1, rng)


def publish(site: FeedServer, feed: str, stories: list[tuple[str, str]]) -> None:
    """Serve ``stories`` (slug, text) as the feed ``feed`` with an HTML page per item."""
    items = []
    for slug, text in stories:
        title, body = text.split("\n\n", 1)
        path = f"/{feed}/{slug}.html"
        site.route(path, body=page(title, body), content_type="text/html; charset=utf-8")
        items.append(Item(title=title, link=site.url(path), description=body[:150]))
    site.route(f"/{feed}.rss", body=rss(items))


@pytest.fixture
async def db(store_db: Database) -> Database:
    """On SQLite and on PostgreSQL: a poll's items, links and signatures in one transaction."""
    return store_db


@pytest.fixture
async def site() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        yield server


async def _collector(
    db: Database, fetcher: Fetcher, clock: Clock, index: StoryIndex | None = None
) -> Collector:
    return Collector(
        SourceStore(db),
        fetcher,
        index if index is not None else await load_index(db, clock()),
        default_interval=900,
        now=clock,
        rng=random.Random(1),
    )


async def _scalar(db: Database, sql: str, *args: object) -> int:
    rows = list(await db.execute_fetchall(sql, args))
    return int(rows[0][0])


async def test_new_items_between_polls_are_stored_once(db: Database, site: FeedServer) -> None:
    clock = Clock()
    first, second, third = (story_texts(s)[0] for s in (1, 2, 3))
    publish(site, "a", [("one", first), ("two", second)])
    store = SourceStore(db)
    await store.add(site.url("/a.rss"), "Агентство А", now=clock())
    async with Fetcher() as fetcher:
        collector = await _collector(db, fetcher, clock)
        report = await poll_round(collector)
        assert [(r.new, r.merged, r.error) for r in report.sources] == [(2, 0, None)]
        assert await poll_round(collector) == type(report)([])  # not due before its interval
        publish(site, "a", [("three", third), ("one", first), ("two", second)])
        clock.now += dt.timedelta(seconds=901)
        site.reset_counts()
        again = await poll_round(collector)
    assert [(r.new, r.merged) for r in again.sources] == [(1, 0)]
    assert site.hits["/a/three.html"] == 1
    assert site.hits["/a/one.html"] == 0  # a known item's page is not fetched again
    assert await _scalar(db, "SELECT count(*) FROM articles") == 3
    titles = {r[0] for r in await db.execute_fetchall("SELECT title FROM articles")}
    assert titles == {t.split("\n", 1)[0] for t in (first, second, third)}
    [source] = await store.all() and [s for s in await store.all() if s.kind != "files"]
    assert (source.items_stored, source.last_new, source.consecutive_errors) == (3, 1, 0)


async def test_one_story_in_two_feeds_is_one_article_with_two_sources_planned_once(
    db: Database, site: FeedServer
) -> None:
    clock = Clock()
    original, rewrite = story_texts(7)
    other_same_places = story_texts(17)[0]  # PLACES[7]: the same pair of places
    publish(site, "a", [("story", original)])
    publish(site, "b", [("rewrite", rewrite), ("other", other_same_places)])
    subs = SubscriptionService(db)
    await subs.subscribe(501, "private")
    store = SourceStore(db)
    await store.add(site.url("/a.rss"), "Агентство А", now=clock())
    async with Fetcher() as fetcher:
        collector = await _collector(db, fetcher, clock)
        await poll_round(collector)
        await plan(db)  # the first report is delivered ...
        await store.add(site.url("/b.rss"), "Агентство Б", now=clock())
        report = await poll_round(collector)
    [b] = report.sources
    assert (b.new, b.merged) == (1, 1)
    await plan(db)
    assert await _scalar(db, "SELECT count(*) FROM articles WHERE canonical_url IS NOT NULL") == 2
    story_id = await _scalar(db, "SELECT article_id FROM article_sources WHERE url LIKE '%/a/%'")
    assert await store.article_sources(story_id) == [
        ("Агентство А", site.url("/a/story.html")),
        ("Агентство Б", site.url("/b/rewrite.html")),
    ]
    stored = await ArticleStore(db).get(story_id)
    assert stored is not None
    card = article_card(stored, "ru")
    assert f'<a href="{site.url("/a/story.html")}">Агентство А</a>' in card
    assert f'<a href="{site.url("/b/rewrite.html")}">Агентство Б</a>' in card
    # ... and not again when the second agency reports it: one row per article for the chat
    rows = await db.execute_fetchall("SELECT article_id FROM outbox WHERE chat_id = 501")
    assert sorted(int(r[0]) for r in rows) == sorted(
        int(r[0]) for r in await db.execute_fetchall("SELECT id FROM articles")
    )
    assert len(rows) == 2


async def test_index_rebuilt_at_start_still_merges(db: Database, site: FeedServer) -> None:
    clock = Clock()
    original, rewrite = story_texts(4)
    publish(site, "a", [("story", original)])
    publish(site, "b", [("rewrite", rewrite)])
    store = SourceStore(db)
    await store.add(site.url("/a.rss"), "А", now=clock())
    async with Fetcher() as fetcher:
        await poll_round(await _collector(db, fetcher, clock))
        await store.add(site.url("/b.rss"), "Б", now=clock())
        restarted = await _collector(db, fetcher, clock)  # a new process: index from the store
        assert len(restarted.index) == 1
        report = await poll_round(restarted)
    assert [(r.new, r.merged) for r in report.sources] == [(0, 1)]


async def test_failing_source_backs_off_is_paused_after_three_days_admins_told_once(
    db: Database, site: FeedServer
) -> None:
    clock = Clock()
    site.route("/down.rss", status=500, body=b"oops")
    publish(site, "ok", [("one", story_texts(3)[0])])
    store = SourceStore(db)
    down = await store.add(site.url("/down.rss"), "Падающий", now=clock())
    await store.add(site.url("/ok.rss"), "Рабочий", now=clock())
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    async with Fetcher() as fetcher:
        poller = Poller(await _collector(db, fetcher, clock), tick=60, notify=notify)
        first = await poller.run_once()
        by_url = {r.source.url: r for r in first.sources}
        assert by_url[site.url("/ok.rss")].new == 1  # the failing one stops nothing
        assert "500" in (by_url[site.url("/down.rss")].error or "")
        delays = []
        while (state := await store.get(down.id)) is not None and state.enabled:
            delays.append(state.next_poll - clock.now)
            clock.now = state.next_poll + dt.timedelta(seconds=1)
            await poller.run_once()
        await poller.run_once()
    state = await store.get(down.id)
    assert state is not None and not state.enabled and state.paused_reason
    assert clock.now - T0 >= dt.timedelta(days=3)
    assert delays[1] > delays[0] and max(delays) <= dt.timedelta(hours=6)
    assert len(told) == 1 and "Падающий" in told[0]


async def test_retry_after_is_honoured(db: Database, site: FeedServer) -> None:
    clock = Clock()
    site.route("/busy.rss", status=429, body=b"", headers={"Retry-After": "7200"})
    store = SourceStore(db)
    busy = await store.add(site.url("/busy.rss"), "Занятый", now=clock())
    async with Fetcher() as fetcher:
        await poll_round(await _collector(db, fetcher, clock))
    state = await store.get(busy.id)
    assert state is not None and state.next_poll - clock.now >= dt.timedelta(seconds=7200)


async def test_story_index_keeps_only_the_window_in_a_long_running_poller(
    db: Database, site: FeedServer
) -> None:
    clock = Clock()
    first, _ = story_texts(5)
    publish(site, "a", [("first", first)])
    store = SourceStore(db)
    await store.add(site.url("/a.rss"), "А", now=clock())
    async with Fetcher() as fetcher:
        poller = Poller(await _collector(db, fetcher, clock), tick=60)
        await poller.run_once()
        assert len(poller.collector.index) == 1
        clock.now += dt.timedelta(days=WINDOW_DAYS + 1)
        await poller.run_once()  # a day later the index is rebuilt from the last 14 days
    assert len(poller.collector.index) == 0


async def test_robots_txt_forbidding_pages_leaves_the_feed_text(
    db: Database, site: FeedServer
) -> None:
    clock = Clock()
    text = story_texts(8)[0]
    title, body = text.split("\n\n", 1)
    site.route("/robots.txt", body=b"User-agent: *\nDisallow: /b/\n", content_type="text/plain")
    site.route("/b/story.html", body=page(title, body), content_type="text/html")
    site.route(
        "/b.rss", body=rss([Item(title=title, link=site.url("/b/story.html"), content=body)])
    )
    store = SourceStore(db)
    await store.add(site.url("/b.rss"), "Б", now=clock())
    async with Fetcher() as fetcher:
        [report] = (await poll_round(await _collector(db, fetcher, clock))).sources
    assert (report.new, report.error) == (1, None)
    assert site.hits["/b/story.html"] == 0  # robots.txt said no
    rows = list(await db.execute_fetchall("SELECT title, lead || ' ' || body FROM articles"))
    assert rows[0][0] == title
    assert all(p in rows[0][1] for p in body.split("\n\n"))  # the feed's content, in full


async def test_one_story_twice_in_one_feed_and_one_link_twice(
    db: Database, site: FeedServer
) -> None:
    """A poll's items are checked against each other too (they are stored together): the
    second report of a story in the same feed is merged into the first; a link listed twice
    is one item."""
    clock = Clock()
    original, rewrite = story_texts(5)
    other = story_texts(6)[0]
    publish(site, "a", [("story", original), ("rewrite", rewrite), ("other", other)])
    items = [Item(title=t.split("\n", 1)[0], link=site.url(f"/a/{slug}.html")) for slug, t in (
        ("story", original), ("rewrite", rewrite), ("other", other), ("other", other))]  # fmt: skip
    site.route("/a.rss", body=rss(items))
    store = SourceStore(db)
    await store.add(site.url("/a.rss"), "Агентство А", now=clock())
    async with Fetcher() as fetcher:
        collector = await _collector(db, fetcher, clock)
        [report] = (await poll_round(collector)).sources
    assert (report.new, report.merged, report.error) == (2, 1, None)
    assert any(line.startswith("known (article") for line in report.log)
    assert await _scalar(db, "SELECT count(*) FROM articles WHERE canonical_url IS NOT NULL") == 2
    story_id = await _scalar(db, "SELECT article_id FROM article_sources WHERE url LIKE '%story%'")
    assert [url for _name, url in await store.article_sources(story_id)] == [
        site.url("/a/story.html"),
        site.url("/a/rewrite.html"),
    ]
    [source] = [s for s in await store.all() if s.kind != "files"]
    assert (source.items_stored, source.items_merged) == (2, 1)
    assert len(collector.index) == 2
