"""Benchmark of asking (issue 9): ``python -m tests.bench.bench_asking [--articles N] [--db P]``.

(a) combined questions in the store at N articles (100,000 by default, built by the store
    benchmark's generator and kept at ``--db``): 1,000 each of "between two regions", "a region
    and a topic", "a country and a topic" and "two regions within a year", through
    ``ArticleService.combined`` with its page cache off: p50/p99 ms (target p99 <= 3 ms);
(b) a plain-words question against the equivalent command, end to end (the real Dispatcher,
    aiogram's HTTP session, the fake Telegram with its limits off so only our time counts):
    median and p95 seconds of each, and their ratio (target <= 1.2);
(d) /search ranked (the newest 300 matches ranked by title and lead, snippets cut from the
    bodies of the page shown): 200 searches of common and rare words, p50/p99 ms;
(c) /partners: the counts over a year, the chart drawn the first time (matplotlib imported
    then), drawn again for another region, and served from the cache (target <= 300 ms drawn).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.app import build_dispatcher
from bot.config import load_settings
from bot.container import open_app
from bot.services.articles import ArticleService
from bot.services.asking import Place
from bot.services.partners import PartnerService
from storage.articles import ArticleStore
from storage.db import open_db
from storage.queries import Combined, Term
from tests.bench.bench_bot import ROOT, build_store, percentiles, run_polling
from tests.bench.bench_store import REGIONS, TOPICS
from tests.support.fake_telegram import FakeTelegram

COUNTRIES = ["KZ", "UZ", "RU", "KG", "TJ", "CN"]
QUESTIONS = [  # (command, the same question in plain words)
    ("/region Алматы Ташкент", "что нового между Алматы и Ташкентом?"),
    ("/region Самарканд туризм", "туризм в Самарканде"),
    ("/region Туркестанская область Челябинская область", "Туркестанская и Челябинская области"),
    ("/region Казахстан торговля", "торговля в Казахстане"),
    ("/region Бухара энергетика", "what about energy in Bukhara"),
]


def ms(samples: list[float]) -> str:
    p = percentiles(samples)
    return f"p50 {p['p50'] * 1000:.3f} ms, p99 {p['p99'] * 1000:.3f} ms"


async def _timed(calls: list[Callable[[], Awaitable[object]]]) -> list[float]:
    out = []
    for call in calls:
        started = time.perf_counter()
        await call()
        out.append(time.perf_counter() - started)
    return out


async def bench_store(db_path: Path) -> None:
    db = await open_db(db_path)
    try:
        service = ArticleService(ArticleStore(db), page_ttl=0)  # every call reads the store
        rng = random.Random(5)
        year = (dt.date(2025, 12, 31) - dt.timedelta(365)).isoformat()

        def pair() -> tuple[Term, Term]:
            a, b = rng.sample(REGIONS, 2)
            return Term("region", a.code), Term("region", b.code)

        kinds: dict[str, Callable[[], Combined]] = {
            "two regions": lambda: Combined(pair()),
            "region + topic": lambda: Combined(
                (Term("region", rng.choice(REGIONS).code), Term("topic", rng.choice(TOPICS)))
            ),
            "country + topic": lambda: Combined(
                (Term("country", rng.choice(COUNTRIES)), Term("topic", rng.choice(TOPICS)))
            ),
            "two regions, a year": lambda: Combined(pair(), since=year, until="2025-12-31"),
        }
        await service.combined(kinds["two regions"]())  # term counts, loaded once per store
        gc.collect()
        for name, make in kinds.items():
            asked = [(make(), rng.choice([0, 0, 0, 1, 4])) for _ in range(1000)]
            calls: list[Callable[[], Awaitable[object]]] = [
                lambda q=q, p=p: service.combined(q, p)  # type: ignore[misc]
                for q, p in asked
            ]
            # three passes: the first reads pages the OS may have dropped (a cold file cache),
            # and on a shared machine one pass's p99 is often another program's time slice
            passes = [percentiles(await _timed(calls)) for _ in range(3)]
            p50 = statistics.median(p["p50"] for p in passes) * 1000
            p99 = ", ".join(f"{p['p99'] * 1000:.2f}" for p in passes)
            print(f"(a) {name:>20}: p50 {p50:.3f} ms, p99 of three passes {p99} ms (target 3)")
    finally:
        await db.close()


async def bench_plain_words(db_path: Path, rounds: int) -> None:
    async with FakeTelegram() as fake:
        fake.set_rate_limit(None)
        fake.set_per_chat_limit(None)
        settings = load_settings(
            bot_token=fake.token,
            telegram_api_url=fake.base_url,
            database_path=db_path,
            seeds_dir=ROOT / "seeds",
        )
        app = await open_app(settings, deliver=False)
        app.services.articles.page_ttl = 0  # both forms read the store every time
        command_s: list[float] = []
        plain_s: list[float] = []

        async def ask(text: str) -> float:
            user = fake.new_user()
            started = time.perf_counter()
            await fake.ask(user, text, timeout=30)
            return time.perf_counter() - started

        async def body() -> None:
            for command, plain in QUESTIONS:  # warm-up: gazetteer, caches, connections
                await ask(command)
                await ask(plain)
            for n in range(rounds):
                for command, plain in QUESTIONS:
                    if n % 2:  # alternate which goes first
                        plain_s.append(await ask(plain))
                        command_s.append(await ask(command))
                    else:
                        command_s.append(await ask(command))
                        plain_s.append(await ask(plain))

        try:
            await run_polling(fake, settings, build_dispatcher(app), body)
        finally:
            await app.close()
    c, p = percentiles(command_s), percentiles(plain_s)
    ratio = statistics.median(plain_s) / statistics.median(command_s)
    print(
        f"(b) {len(command_s)} questions each way: command median "
        f"{statistics.median(command_s):.4f} s p95 {c['p95']:.4f} s; plain words median "
        f"{statistics.median(plain_s):.4f} s"
        f" p95 {p['p95']:.4f} s; ratio of medians {ratio:.2f} (target <= 1.2)"
    )


async def bench_search(db_path: Path) -> None:
    db = await open_db(db_path)
    try:
        service = ArticleService(ArticleStore(db), page_ttl=0)
        rng = random.Random(7)
        words = ["туризм", "сотрудничество", "торговли", "делегация Узбекистана", "побратим"]
        words += [f"метка{n}" for n in range(0, 5000, 50)]  # each in 20 articles
        await service.search_page("туризм")
        asked = [rng.choice(words) for _ in range(200)]
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda w=w: service.search_page(w)  # type: ignore[misc]
            for w in asked
        ]
        print(f"(d) ranked search with snippets, 200 queries: {ms(await _timed(calls))}")
    finally:
        await db.close()


async def bench_partners(db_path: Path) -> None:
    db = await open_db(db_path)
    try:
        articles = ArticleService(ArticleStore(db))
        partners = PartnerService(articles)
        since = dt.date(2025, 12, 31) - dt.timedelta(365)
        almaty, tashkent = Place("region", "KZ-75"), Place("region", "UZ-TK")
        started = time.perf_counter()
        await partners.partners(almaty, since)
        counted = time.perf_counter() - started
        started = time.perf_counter()
        await partners.chart(almaty, since, "Алматы: партнёры", "ru")
        first = time.perf_counter() - started
        started = time.perf_counter()
        await partners.chart(tashkent, since, "Ташкент: партнёры", "ru")
        second = time.perf_counter() - started
        started = time.perf_counter()
        await partners.chart(almaty, since, "Алматы: партнёры", "ru")
        cached = time.perf_counter() - started
        print(
            f"(c) partners of a region over a year: counts {counted * 1000:.1f} ms; chart drawn "
            f"{first * 1000:.0f} ms the first time (matplotlib imported), {second * 1000:.0f} ms "
            f"for the next region (target <= 300 ms); from the cache {cached * 1000:.2f} ms"
        )
    finally:
        await db.close()


async def main_async(args: argparse.Namespace) -> None:
    await build_store(args.db, args.articles)
    await bench_store(args.db)
    await bench_search(args.db)
    await bench_partners(args.db)
    await bench_plain_words(args.db, args.rounds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "regional-news-bench" / "asking.sqlite3",
    )
    asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    main(sys.argv[1:])
