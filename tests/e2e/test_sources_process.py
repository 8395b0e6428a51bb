"""End to end: the real ``python -m bot run`` process, a local news site and the fake Bot API
(Telegram's limits on). A subscriber receives a new feed item exactly once, within one poll
interval plus one delivery interval; another agency's rewrite of it is not sent again. Then
SIGKILL during a fetch round and a restart: nothing lost, nothing twice."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from storage.db import open_db
from storage.sources import SourceStore
from tests.sources.test_sources_poll import T0, publish, story_texts
from tests.support.fake_telegram import FakeTelegram
from tests.support.feed_server import FeedServer, rss
from tests.support.process import bot_env, spawn_bot

pytestmark = pytest.mark.e2e

POLL, DELIVERY = 1.0, 1.0


async def _start(tmp_path: Path, fake: FakeTelegram, db_path: Path) -> asyncio.subprocess.Process:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)  # no seed articles: only what the feeds bring
    env = bot_env(
        BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.base_url,
        DATABASE_PATH=str(db_path),
        SEEDS_DIR=str(seeds),
        SOURCES_INTERVAL=str(POLL),
        DELIVERY_INTERVAL=str(DELIVERY),
        LOG_LEVEL="INFO",
    )
    proc = await spawn_bot(tmp_path, env, stdout=asyncio.subprocess.DEVNULL)
    await fake.wait_until(lambda: fake.get_updates_calls > 0, timeout=60)
    return proc


async def _stop(proc: asyncio.subprocess.Process) -> str:
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    return stderr.decode()


async def _add_sources(db_path: Path, *urls: str) -> None:
    db = await open_db(db_path)
    try:
        for i, url in enumerate(urls):
            await SourceStore(db).add(url, f"Агентство {i + 1}", now=T0)
    finally:
        await db.close()


async def test_new_feed_item_reaches_a_subscriber_once(tmp_path: Path) -> None:
    original, rewrite = story_texts(21)
    title = original.split("\n", 1)[0]
    async with FeedServer() as site, FakeTelegram(token="777:sources-e2e") as fake:
        site.route("/a.rss", body=rss([]))
        site.route("/b.rss", body=rss([]))
        db_path = tmp_path / "news.sqlite3"
        await _add_sources(db_path, site.url("/a.rss"), site.url("/b.rss"))
        proc = await _start(tmp_path, fake, db_path)
        try:
            user = fake.new_user()
            await fake.ask(user, "/subscribe", timeout=10)
            published = time.monotonic()
            publish(site, "a", [("story", original)])
            await fake.wait_until(
                lambda: any(title in m.plain for m in fake.messages_to(user.id)), timeout=30
            )
            took = time.monotonic() - published
            publish(site, "b", [("rewrite", rewrite)])  # another agency, reworded
            await until(lambda: site.hits["/b/rewrite.html"] > 0, 30)
            await asyncio.sleep(POLL + DELIVERY + 1)  # a poll and a delivery run after it
        finally:
            log = await _stop(proc)
        cards = [m for m in fake.messages_to(user.id) if title in m.plain or "Агентство" in m.plain]
    assert len(cards) == 1, log
    assert "sources round" in log
    # one poll interval plus one delivery interval, and the analysis/startup slack of a busy CI
    # machine: the bound that matters is "not the 15-minute default"
    assert took < POLL + DELIVERY + 20, took


async def test_sigkill_during_a_fetch_round_loses_nothing_and_stores_nothing_twice(
    tmp_path: Path,
) -> None:
    stories = [(f"s{i}", story_texts(100 + i)[0]) for i in range(12)]
    async with FeedServer() as site, FakeTelegram(token="778:sources-kill") as fake:
        publish(site, "a", stories)
        for slug, _ in stories:  # slow pages: the round is surely in flight when killed
            site.routes[f"/a/{slug}.html"].delay = 0.3
        db_path = tmp_path / "news.sqlite3"
        await _add_sources(db_path, site.url("/a.rss"))
        proc = await _start(tmp_path, fake, db_path)
        await until(lambda: sum(site.hits[f"/a/{s}.html"] for s, _ in stories) >= 3, 60)
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        db = await open_db(db_path)
        try:
            before = len(list(await db.execute_fetchall("SELECT id FROM articles")))
        finally:
            await db.close()
        assert before < len(stories)  # killed mid-round
        proc = await _start(tmp_path, fake, db_path)
        try:
            await until(lambda: _count(db_path) >= len(stories), 60)
            await asyncio.sleep(POLL + 0.5)  # one more round: nothing must come twice
        finally:
            await _stop(proc)
    db = await open_db(db_path)
    try:
        rows = list(await db.execute_fetchall("SELECT title, canonical_url FROM articles"))
        links = list(await db.execute_fetchall("SELECT url FROM article_sources"))
    finally:
        await db.close()
    assert sorted(r[0] for r in rows) == sorted(t.split("\n", 1)[0] for _, t in stories)
    assert len({r[1] for r in rows}) == len(stories) == len(links)


async def until(predicate: Callable[[], bool], seconds: float, step: float = 0.02) -> None:
    """Wait for something the bot process does that no event of ours announces."""
    for _ in range(int(seconds / step)):
        if predicate():
            return
        await asyncio.sleep(step)
    raise AssertionError(f"not within {seconds} s")


def _count(db_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
