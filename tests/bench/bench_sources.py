"""News sources end to end: local feeds and pages -> fetch -> extract -> analyse -> store.

A separate process serves FEEDS feeds of 20 items, each item with its HTML page (the stories of
``dedup_pairs``, all different), answering 304 to a matching If-None-Match. The bot's own code
polls them into a fresh SQLite store:

1. first round: every item new (page fetched, extracted, analysed, deduplicated, stored);
   target >= 150 new articles/s end to end, on one core bounded by the analysis;
2. second round: every feed answers 304; target <= 5 s for 1,000 feeds;
3. 6,000 sources polled (each feed 200 with 20 items the store already knows): resident memory
   after the round; target < 250 MB.

Run: ``python -m tests.bench sources`` (``BENCH_FEEDS=200`` for a shorter run;
``BENCH_FEEDS=0`` measures only the memory of a bot polling 6,000 sources it has read before).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import socket
import tempfile
import threading
import time
from html import escape
from pathlib import Path

from aiohttp import web

from bot.sources.collect import Collector
from bot.sources.http import Fetcher, Limits
from bot.sources.poller import load_index, poll_round, utc_now
from storage.db import open_db, transaction
from storage.sources import SourceStore
from tests.bench.dedup_pairs import PLACES, make_story, render

FEEDS = int(os.environ.get("BENCH_FEEDS", "1000"))
ITEMS = 20
MEMORY_SOURCES = int(os.environ.get("BENCH_MEMORY_SOURCES", "6000"))


def _story(feed: int, item: int) -> str:
    rng = random.Random(feed * 1000 + item)
    return render(make_story(rng, rng.choice(PLACES)), 0, rng)


def _feed(base: str, feed: int) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>']
    for item in range(ITEMS):
        title = _story(feed, item).split("\n", 1)[0] if feed < FEEDS else f"Новость {item}"
        link = f"{base}/p/{feed}/{item}.html"
        parts.append(f"<item><title>{escape(title)}</title><link>{link}</link></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def _page(feed: int, item: int) -> bytes:
    title, body = _story(feed, item).split("\n\n", 1)
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}"
        f"</h1>{paragraphs}</article></body></html>"
    ).encode()


def _serve(port: int) -> None:
    base = f"http://127.0.0.1:{port}"

    async def feed(request: web.Request) -> web.Response:
        number = int(request.match_info["n"])
        etag = f'"f{number}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(
            body=_feed(base, number), content_type="application/rss+xml", headers={"ETag": etag}
        )

    async def page(request: web.Request) -> web.Response:
        body = _page(int(request.match_info["f"]), int(request.match_info["i"]))
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/f/{n}.rss", feed)
    app.router.add_get("/p/{f}/{i}.html", page)
    app.router.add_get("/robots.txt", lambda r: web.Response(text=""))  # type: ignore[arg-type,return-value]
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


_LAGS: list[float] = []


async def _loop_lag(step: float = 0.01) -> None:
    """How late a 10 ms timer fires on the bot's loop while sources are polled."""
    loop = asyncio.get_running_loop()
    while True:
        before = loop.time()
        await asyncio.sleep(step)
        _LAGS.append(loop.time() - before - step)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _thread_cpu() -> dict[str, float]:
    """CPU seconds (user + system) used so far by each thread of this process, by name."""
    ticks = os.sysconf("SC_CLK_TCK")
    names = {t.native_id: t.name for t in threading.enumerate()}
    used: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name = names.get(int(task.name)) or stat[stat.index("(") + 1 : stat.rindex(")")]
        name = name.split(" (")[0].rstrip("_0123456789")  # "Thread-3 (worker)", "pool_0"
        fields = stat[stat.rindex(")") + 2 :].split()
        used[name] = used.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return used


def _cpu_line(before: dict[str, float], after: dict[str, float], wall: float, n: int) -> str:
    """Where this process's CPU went during a round: per thread, and per article."""
    spent = {k: v - before.get(k, 0.0) for k, v in after.items()}
    total = sum(spent.values())
    parts = ", ".join(
        f"{k} {v:.1f} s ({v / wall:.0%})"
        for k, v in sorted(spent.items(), key=lambda kv: -kv[1])
        if v >= 0.05
    )
    each = total / max(n, 1) * 1000
    return f"CPU of the bot process: {total:.1f} s = {each:.1f} ms an article; {parts}"


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def main() -> None:
    port = _free_port()
    server = multiprocessing.Process(target=_serve, args=(port,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{port}"
    await asyncio.sleep(1.5)
    folder = Path(tempfile.mkdtemp(prefix="bench-sources-"))
    db = await open_db(folder / "news.sqlite3")
    try:
        store = SourceStore(db)
        now = utc_now()
        async with transaction(db):
            await db.executemany(
                "INSERT INTO sources (url, name, kind, created_at) VALUES (?, ?, 'rss', ?)",
                [(f"{base}/f/{i}.rss", f"feed {i}", "2026-01-01 00:00:00") for i in range(FEEDS)],
            )
        async with Fetcher(Limits(overall=64)) as fetcher:
            collector = Collector(
                store, fetcher, await load_index(db, now), default_interval=900, now=utc_now
            )
            lag = asyncio.create_task(_loop_lag())
            cpu_before = _thread_cpu()
            started = time.perf_counter()
            first = await poll_round(collector, every=True, concurrency=32)
            took = time.perf_counter() - started
            cpu_after = _thread_cpu()
            lag.cancel()
            lags = sorted(_LAGS) or [0.0]
            worst, p99 = lags[-1], lags[int(len(lags) * 0.99)]
            new, merged = first.total("new"), first.total("merged")
            print(
                f"first round: {FEEDS} feeds x {ITEMS} items with pages: {new} new, "
                f"{merged} merged, {first.failed} failed in {took:.1f} s = "
                f"{(new + merged) / took:.0f} articles/s (target >= 150)"
            )
            print(_cpu_line(cpu_before, cpu_after, took, new + merged))
            print(f"load average at the end of the round: {os.getloadavg()[0]:.2f}")
            print(
                f"event loop during the round (what a reply or a delivery would wait): "
                f"p99 {p99 * 1000:.0f} ms, worst {worst * 1000:.0f} ms"
            )
            started = time.perf_counter()
            second = await poll_round(collector, every=True, concurrency=64)
            took = time.perf_counter() - started
            print(
                f"second round: {second.total('not_modified')} of {FEEDS} not modified (304) in "
                f"{took:.2f} s (target <= 5 s)"
            )
            await _memory_round(db, store, collector, base)
    finally:
        await db.close()
        server.terminate()


async def _memory_round(db, store, collector, base) -> None:  # type: ignore[no-untyped-def]
    """6,000 sources whose 20 items the store knows: one full round, then resident memory."""
    extra = range(FEEDS, FEEDS + MEMORY_SOURCES - FEEDS)
    async with transaction(db):
        await db.executemany(
            "INSERT INTO sources (url, name, kind, created_at) VALUES (?, ?, 'rss', ?)",
            [(f"{base}/f/{i}.rss", f"feed {i}", "2026-01-01 00:00:00") for i in extra],
        )
        await db.execute(  # the article the known items point at
            "INSERT INTO articles (title, sort_key, ingested_at, updated_at, content_hash, "
            "analysis_fingerprint, raw) VALUES ('x', '2026-01-01', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 'x', 'x', 'x')"
        )
        await db.executemany(
            "INSERT INTO article_sources (article_id, source_id, url, name, seen_at) "
            "VALUES ((SELECT max(id) FROM articles), NULL, ?, 'x', '2026-01-01 00:00:00')",
            [(f"{base}/p/{i}/{j}.html",) for i in extra for j in range(ITEMS)],
        )
    await db.execute("UPDATE sources SET etag = NULL")  # every feed answers 200 in full
    started = time.perf_counter()
    report = await poll_round(collector, every=True, concurrency=64)
    took = time.perf_counter() - started
    current, peak = _rss_mb()
    print(
        f"{len(report.sources)} sources polled in {took:.1f} s ({report.failed} failed): "
        f"resident memory {current:.0f} MB now, {peak:.0f} MB peak of the whole bench "
        f"(target < 250 MB; index of {len(collector.index)} stories)"
    )


if __name__ == "__main__":
    asyncio.run(main())
