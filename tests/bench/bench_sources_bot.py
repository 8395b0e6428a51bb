"""Resident memory of the REAL bot (``python -m bot run``: aiogram, delivery, poller) polling
6,000 sources, against the fake Bot API with Telegram's limits on (issue 12: < 250 MB).

``bench_sources`` measures the poller inside a bench process that never imports aiogram; this
one starts the bot as users run it. A separate process serves 6,000 local feeds of 20 items
each; the store (the seeds ingested as on a first start, then the sources) already knows every
item, each a stored story inside the 14-day story window, as the round that first read them
leaves it (120,000 in the story index). The bot polls with a short ``SOURCES_INTERVAL`` so whole
rounds pass within the bench: the first answered 200 with the 20 items (parsed, looked up,
all known), the next 304 (the ETag repeated). VmRSS / VmHWM of the bot's process are read
from /proc after one and after two full rounds (12,000 polls), and for the same bot with no
sources (the baseline), so the sources' own cost shows.

Then every tenth feed publishes a story (page fetched, analysed, stored) and memory is read
after that round too: the figure with the analysis's word caches holding what 600 stories
put there. Then the same feeds publish once more, each story carrying a share of
``BENCH_WORDS`` (150,000) distinct words (dictionary forms and made-up names, as days of news
bring): every per-word cache (storage/analysis/wordcache.py) ends full, at its limit. A last
round of ordinary news follows, with its own peak (VmHWM reset before it): the long run, caches
full.

Run: ``python -m tests.bench sources_bot`` (about 90 s). Options: ``BENCH_MEMORY_SOURCES=1000``
for a shorter run; ``BENCH_STORIES=0``: every known item points at one article, no story index;
``BENCH_ROUNDS`` full rounds before the news (2); ``BENCH_LEAD=500``: a description of that many
characters in each item; ``BENCH_NEWS_EVERY`` (10); ``BENCH_INTERVAL``: SOURCES_INTERVAL (5 s);
``BENCH_WORDS`` (0: no round of new words).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import aiohttp
import numpy as np
from aiohttp import web

from bot.sources.poller import utc_now
from storage.database import Database
from storage.db import open_db, transaction
from storage.ingest import ensure_seeded
from storage.sources import stamp
from tests.bench.bench_sources import _free_port, _page
from tests.bench.corpus import dictionary_words
from tests.support.fake_telegram import FakeTelegram
from tests.support.process import ROOT, bot_env, spawn_bot

SOURCES = int(os.environ.get("BENCH_MEMORY_SOURCES", "6000"))
ITEMS = 20
INTERVAL = float(os.environ.get("BENCH_INTERVAL", "5"))  # SOURCES_INTERVAL of the bot
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))  # full rounds: the first 200, then 304
# each known item its own stored article with a story signature (else one article, no index)
STORIES = os.environ.get("BENCH_STORIES", "1") != "0"
LEAD = int(os.environ.get("BENCH_LEAD", "0"))  # characters of a description in each item
_WORDS = [
    "сотрудничество",
    "область",
    "соглашение",
    "поставки",
    "регион",
    "делегация",
    "проект",
    "завод",
]
SEEDS = ROOT / "seeds"
# then news: every NEWS_EVERY-th feed gets a 21st item with its page (a story to analyse)
NEWS_EVERY = int(os.environ.get("BENCH_NEWS_EVERY", "10"))
PUBLISHING = len(range(0, SOURCES, NEWS_EVERY))
# then a 22nd item each, whose pages share this many distinct words (the word caches filled)
WORDS = int(os.environ.get("BENCH_WORDS", "150000"))
_ROUND = re.compile(
    r"sources round: (\d+) polled, (\d+) new, \d+ relevant, (\d+) merged, (\d+) not modified, "
    r"(\d+) failed"
)


def _feed(base: str, number: int, news: int) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>']
    for item in range(ITEMS + news):
        link = f"{base}/p/{number}/{item}.html"
        lead = " ".join(_WORDS[(number + item + k) % len(_WORDS)] for k in range(LEAD // 11))
        parts.append(
            f"<item><title>Новость {item}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>Wed, 02 Dec 2026 10:{item:02d}:00 +0000</pubDate>"
            f"<description>{lead}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def _serve(port: int) -> None:
    """The feeds: 200 with the 20 items, 304 to their ETag repeated; after each POST to /news,
    every NEWS_EVERY-th feed has one item more (a new ETag), whose page is a story; from the
    second on, a story with a share of the WORDS distinct words."""
    base = f"http://127.0.0.1:{port}"
    news = [0]
    words = dictionary_words(WORDS) if WORDS else []
    share = -(-len(words) // max(1, PUBLISHING))

    async def feed(request: web.Request) -> web.Response:
        number = int(request.match_info["n"])
        new = news[0] if number % NEWS_EVERY == 0 else 0
        etag = f'"f{number}-{new}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        body = _feed(base, number, new)
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def page(request: web.Request) -> web.Response:
        f, i = int(request.match_info["f"]), int(request.match_info["i"])
        body = _page(f, i)
        if i == ITEMS + 1:  # the second story: new words
            k = f // NEWS_EVERY
            body = body.replace(b"</article>", _words(words[k * share : (k + 1) * share]))
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    async def publish(request: web.Request) -> web.Response:
        news[0] += 1
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/f/{n}.rss", feed)
    app.router.add_get("/p/{f}/{i}.html", page)
    app.router.add_get("/robots.txt", lambda r: web.Response(text=""))  # type: ignore[arg-type,return-value]
    app.router.add_post("/news", publish)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def _words(words: list[str]) -> bytes:
    """Paragraphs of sentences of 12 words each, then the article's end."""
    sentences = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    text = " ".join(s[:1].upper() + s[1:] + "." for s in sentences)
    return f"<p>{escape(text)}</p></article>".encode()


def memory(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM (peak), RssAnon, RssFile of a process, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) / 1024
    return found


def reset_peak(pid: int) -> None:
    """VmHWM counted again from now (Linux: 5 to clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def show(what: str, mem: dict[str, float]) -> None:
    print(
        f"{what}: VmRSS {mem['VmRSS']:.0f} MB, VmHWM (peak) {mem['VmHWM']:.0f} MB "
        f"(anonymous {mem['RssAnon']:.0f} MB, files {mem['RssFile']:.0f} MB)",
        flush=True,
    )


async def _store(path: Path, base: str, sources: int) -> None:
    """The seeds as a first start ingests them, then ``sources`` feeds whose items are known."""
    db = await open_db(path)
    try:
        await ensure_seeded(db, SEEDS)
        if not sources:
            return
        async with transaction(db):
            await db.executemany(
                "INSERT INTO sources (url, name, kind, created_at) VALUES (?, ?, 'rss', ?)",
                [(f"{base}/f/{i}.rss", f"feed {i}", "2026-01-01 00:00:00") for i in range(sources)],
            )
            await _known_items(db, base, sources)
    finally:
        await db.close()


async def _known_items(db: Database, base: str, sources: int) -> None:
    """Every item of every feed a stored article with its story signature made today (inside
    the story window): what the first round that met these feeds would have left, and what
    the story index holds. Without ``STORIES`` they all point at one article, no signature."""
    if not STORIES:
        await db.execute(
            "INSERT INTO articles (title, sort_key, ingested_at, updated_at, content_hash, "
            "analysis_fingerprint, raw) VALUES ('x', '2026-01-01', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 'x', 'x', 'x')"
        )
    now = stamp(utc_now())
    rows = await db.execute_fetchall("SELECT coalesce(max(id), 0) FROM articles")
    first = int(next(iter(rows))[0]) + 1
    rng = np.random.default_rng(12)
    codes = ["RU-MOS", "RU-SPE", "RU-TA", "RU-BA", "RU-KDA", "CN-BJ", "BY-MI", "KZ-ALA", "UZ-TO"]
    items = [(i, j) for i in range(sources) for j in range(ITEMS)]
    if STORIES:
        await db.executemany(
            "INSERT INTO articles (id, title, sort_key, ingested_at, updated_at, content_hash, "
            "analysis_fingerprint, raw) VALUES (?, ?, ?, ?, ?, ?, 'x', '')",
            [(first + k, f"Новость {j}", now, now, now, f"h{k}") for k, (_, j) in enumerate(items)],
        )
        await db.executemany(
            "INSERT INTO article_signatures (article_id, minhash, numbers, regions, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    first + k,
                    rng.integers(0, 1 << 32, 64, dtype=np.uint32).tobytes(),
                    " ".join(str(n) for n in rng.integers(1, 5000, k % 4)),
                    " ".join(codes[(k + d) % len(codes)] for d in range(k % 3)),
                    now,
                )
                for k in range(len(items))
            ],
        )
    await db.executemany(
        "INSERT INTO article_sources (article_id, source_id, url, name, seen_at) "
        "VALUES (?, NULL, ?, 'x', ?)",
        [
            (first + k if STORIES else first - 1, f"{base}/p/{i}/{j}.html", now)
            for k, (i, j) in enumerate(items)
        ],
    )


@dataclass
class Rounds:
    """What the bot's log lines say of its rounds so far."""

    polled: int = 0
    new: int = 0  # new or merged articles
    not_modified: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


async def _read_log(stream: asyncio.StreamReader, rounds: Rounds) -> None:
    while line := await stream.readline():
        text = line.decode(errors="replace").rstrip()
        if found := _ROUND.search(text):
            rounds.polled += int(found[1])
            rounds.new += int(found[2]) + int(found[3])
            rounds.not_modified += int(found[4])
            rounds.failed += int(found[5])
            rounds.lines.append(text[text.index("sources round") :])
        elif "Traceback" in text or "ERROR" in text:
            rounds.lines.append(text)


async def _until(check: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not within {seconds:.0f} s")
        await asyncio.sleep(0.2)


async def run_bot(base: str, sources: int, fake: FakeTelegram) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-sources-bot-"))
    await _store(folder / "news.sqlite3", base, sources)
    env = bot_env(
        BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.base_url,
        DATABASE_PATH=str(folder / "news.sqlite3"),
        SEEDS_DIR=str(SEEDS),
        SOURCES_INTERVAL=str(INTERVAL),
        LOG_LEVEL="INFO",
    )
    proc = await spawn_bot(folder, env, stdout=asyncio.subprocess.DEVNULL)
    rounds = Rounds()
    assert proc.stderr is not None
    reader = asyncio.create_task(_read_log(proc.stderr, rounds))
    try:
        calls = fake.get_updates_calls
        await fake.wait_until(lambda: fake.get_updates_calls > calls, timeout=120)
        label = f"{sources} sources" if sources else "no sources (baseline)"
        show(f"{label}, ready (first getUpdates)", memory(proc.pid))
        if not sources:
            await asyncio.sleep(3 * INTERVAL)  # a few idle ticks of the poller
            show(f"{label}, after {3 * INTERVAL:.0f} s", memory(proc.pid))
            return
        started = time.monotonic()
        for n in range(1, ROUNDS + 1):
            await _until(lambda n=n: rounds.polled >= n * sources, 900)  # type: ignore[misc]
            show(
                f"{sources} sources, {n} full round(s) in {time.monotonic() - started:.0f} s "
                f"({rounds.polled} polls, {rounds.not_modified} 304, {rounds.failed} failed)",
                memory(proc.pid),
            )
        await _news_round(base, sources, rounds, proc.pid, "")
        if WORDS:
            label = f"bringing {WORDS} distinct words (word caches full)"
            await _news_round(base, sources, rounds, proc.pid, label)
            # Days of news in one round is a burst no feed brings: the peak is measured again
            # from here, over a round of ordinary news with the caches full (the long run).
            reset_peak(proc.pid)
            label = "(word caches full, peak counted from this round)"
            await _news_round(base, sources, rounds, proc.pid, label)
        print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        for line in rounds.lines[:12]:
            print(f"  bot: {line}")
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 60)
        reader.cancel()


async def _news_round(base: str, sources: int, rounds: Rounds, pid: int, label: str) -> None:
    """One more full round in which every NEWS_EVERY-th feed brings a new story (its page
    fetched, extracted, analysed, checked against the index, stored): the analysis and its
    word caches in memory too, as in a bot whose feeds publish."""
    async with aiohttp.ClientSession() as session, session.post(f"{base}/news") as answer:
        answer.raise_for_status()
    started, polled, new = time.monotonic(), rounds.polled, rounds.new
    await _until(lambda: rounds.new >= new + PUBLISHING and rounds.polled >= polled + sources, 900)
    show(
        f"{sources} sources, then a full round with {rounds.new - new} new stories {label} in "
        f"{time.monotonic() - started:.0f} s",
        memory(pid),
    )


async def main() -> None:
    port = _free_port()
    server = multiprocessing.Process(target=_serve, args=(port,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{port}"
    try:
        async with FakeTelegram(token="779:sources-memory") as fake:  # Telegram's limits on
            await run_bot(base, 0, fake)
            await run_bot(base, SOURCES, fake)
    finally:
        server.terminate()
    print("target: < 250 MB resident with 6,000 sources polled")


if __name__ == "__main__":
    asyncio.run(main())
