"""Delivery benchmark (issue 4): ``python -m tests.bench.bench_delivery``.

1. Broadcast: one new article to N subscribers (default 1,000) through the fake Telegram
   enforcing a global limit (default 30 messages a second, sliding one-second window), with
   BROADCAST_RATE set just under it. Reports the time taken against the ideal N/limit seconds,
   the share of the allowed rate reached, and the 429s received. The whole path runs: the
   planner, the outbox marks before and after every call, the sender, aiogram's session.
2. Raw sender: the sender alone with every limit off, many chats at once, against the fake
   running in its own process (so the fake's work does not count against ours): messages a
   second it can push.

Targets: >= 95% of the allowed rate with zero 429s; >= 1,000 messages a second raw.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

from bot.app import build_bot
from bot.config import load_settings
from bot.delivery.planner import plan
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.sender import Outcome, Sender
from bot.delivery.worker import DeliveryWorker
from bot.formatting import article_card, split_html
from bot.services.subscriptions import SubscriptionService
from storage.db import open_db
from tests.delivery_support import add_article
from tests.fake_telegram import FakeTelegram


async def broadcast(subscribers: int, limit: int, rate: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_db(Path(tmp) / "bench.sqlite3")
        async with FakeTelegram() as fake:
            fake.set_rate_limit(limit)
            subs = SubscriptionService(db)
            for _ in range(subscribers):
                await subs.subscribe(fake.new_user().id, "private")
            await add_article(
                db,
                "Новый грузовой маршрут Алматы — Ташкент",
                regions=("KZ-75", "UZ-TK"),
                topics=("transport", "trade"),
            )
            settings = load_settings(bot_token=fake.token, telegram_api_url=fake.base_url)
            bot = build_bot(settings)
            sender = Sender(bot, RateLimiter(rate), splitter=split_html)
            worker = DeliveryWorker(db, sender, article_card)
            queued = (await plan(db)).queued
            start = time.perf_counter()
            report = await worker.run_once()
            elapsed = time.perf_counter() - start
            await bot.session.close()
            errors_429 = sum(1 for _, status, _ in fake.errors if status == 429)
            delivered = len({m.chat_id for m in fake.sent})
        await db.close()
    ideal = subscribers / limit
    print(f"broadcast: {queued} queued, {report.sent} sent, {delivered} chats reached")
    print(f"  fake limit {limit}/s, BROADCAST_RATE {rate}/s")
    print(
        f"  time {elapsed:.2f} s vs ideal {ideal:.2f} s -> {ideal / elapsed:.1%} of the "
        f"allowed rate ({report.sent / elapsed:.1f} msg/s)"
    )
    print(f"  429s received: {errors_429}")


def _serve_fake(port_out: mp.connection.Connection) -> None:  # runs in the child process
    async def serve() -> None:
        async with FakeTelegram() as fake:
            for _ in range(1000):
                fake.new_user()
            port_out.send((fake.base_url, fake.token, sorted(fake.users)))
            await asyncio.Event().wait()

    asyncio.run(serve())


async def raw(messages: int, chats: list[int], url: str, token: str, parallel: int) -> None:
    settings = load_settings(bot_token=token, telegram_api_url=url)
    bot = build_bot(settings)
    sender = Sender(
        bot, RateLimiter(None, per_chat_rate=None, group_rate=None), splitter=split_html
    )
    text = "<b>Новый грузовой маршрут</b>\nАлматы — Ташкент, #транспорт #торговля"
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(messages):
        queue.put_nowait(chats[i % len(chats)])
    ok = 0

    async def pump() -> None:
        nonlocal ok
        while not queue.empty():
            result = await sender.send(queue.get_nowait(), text)
            ok += result.outcome is Outcome.SENT

    await sender.send(chats[0], text)  # warm the connection pool up
    start = time.perf_counter()
    await asyncio.gather(*(pump() for _ in range(parallel)))
    elapsed = time.perf_counter() - start
    await bot.session.close()
    print(
        f"raw sender: {ok}/{messages} sent in {elapsed:.2f} s -> {ok / elapsed:.0f} msg/s "
        f"({parallel} requests in parallel, no limits, fake in its own process)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_delivery")
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=30, help="the fake's messages a second")
    parser.add_argument("--rate", type=float, default=29.5, help="BROADCAST_RATE")
    parser.add_argument("--raw-messages", type=int, default=10_000)
    parser.add_argument("--parallel", type=int, default=64)
    args = parser.parse_args(argv)

    asyncio.run(broadcast(args.subscribers, args.limit, args.rate))

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve_fake, args=(child,), daemon=True)
    server.start()
    try:
        url, token, chats = parent.recv()
        asyncio.run(raw(args.raw_messages, chats, url, token, args.parallel))
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
