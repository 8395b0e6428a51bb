"""Two replicas, one Telegram budget (issue 10): ``python -m tests.bench replicas``.

Two processes, each a Bot built as ``python -m bot run`` builds it (``build_bot``: the outgoing
middleware, Telegram's limits, 429s waited out) with the store's shared send budget
(``DATABASE_URL``: the real PostgreSQL, a schema of its own, migration 0060), send to many
private chats as fast as they are let for ``--seconds`` into the fake Bot API, Telegram's
limits ON (30 a second overall, sliding one-second window; a burst of 3 then 1 a second per
chat). Printed: messages a second both together against the limit, and the 429s. Then the
same two processes without the shared budget (each keeping its own 29 a second), to show
what the budget prevents.

Targets: >= 95 % of the limit together, zero 429s. The margin is the limiter's 29 against
Telegram's 30 a second: 34 ms a second, which a machine busy elsewhere can eat (a late
wake-up bunches the next turns), so run it on a quiet machine and with ``--runs 3``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from tests.support.fake_telegram import OVERALL_PER_SECOND, FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
MIGRATION = ROOT / "storage/migrations_pg/0060_send_budget.sql"
SENDERS = 16  # concurrent sends in each replica (the delivery worker's default concurrency)
TEXT = "<b>Новый грузовой маршрут</b>\nАлматы — Ташкент, #транспорт #торговля"


@dataclass(frozen=True, slots=True)
class Job:
    api_url: str
    token: str
    database_url: str  # "": this replica's own limits only
    chats: list[int]
    start_at: float  # time.time() both replicas begin at
    seconds: float


def replica(job: Job, out: Connection) -> None:  # runs in a child process
    out.send(asyncio.run(_replica(job)))


async def _replica(job: Job) -> tuple[int, int, int]:
    """(messages sent, 429s met, turns given up for waking late) by one replica."""
    from bot.app import build_bot
    from bot.config import load_settings
    from bot.outgoing.session import outgoing
    from bot.outgoing.shared import SharedLimiter

    settings = load_settings(bot_token=job.token, telegram_api_url=job.api_url)
    bot = build_bot(settings, database_url=job.database_url)
    await bot.get_me()  # the HTTP connection is up before the clock starts
    chats = iter(job.chats)
    sent = 0
    await asyncio.sleep(max(0.0, job.start_at - time.time()))
    end = time.monotonic() + job.seconds

    async def sender() -> None:
        nonlocal sent
        while time.monotonic() < end:
            await bot.send_message(next(chats), TEXT)
            sent += 1

    await asyncio.gather(*(sender() for _ in range(SENDERS)))
    retried = outgoing(bot).retries_after
    await bot.session.close()
    limiter = outgoing(bot).limiter
    retaken = 0
    if isinstance(limiter, SharedLimiter):
        retaken = limiter.retaken
        await limiter.close()
    return sent, retried, retaken


async def run(seconds: float, database_url: str, label: str) -> None:
    async with FakeTelegram() as fake:
        users = [fake.new_user().id for _ in range(4000)]
        start_at = time.time() + 4.0  # both children imported and connected by then
        ctx = mp.get_context("spawn")
        pipes, procs = [], []
        for half in (users[0::2], users[1::2]):
            parent, child = ctx.Pipe()
            job = Job(fake.base_url, fake.token, database_url, half, start_at, seconds)
            proc = ctx.Process(target=replica, args=(job, child))
            proc.start()
            pipes.append(parent)
            procs.append(proc)
        results = []
        for pipe in pipes:  # the fake answers meanwhile: wait off the event loop
            results.append(await asyncio.to_thread(pipe.recv))
        for proc in procs:
            await asyncio.to_thread(proc.join)
        stamps = sorted(m.time for m in fake.sent)
        errors_429 = sum(1 for _, status, _ in fake.errors if status == 429)
    elapsed = stamps[-1] - stamps[0]
    rate = (len(stamps) - 1) / elapsed
    print(
        f"{label}: {len(stamps)} messages in {elapsed:.2f} s from two replicas "
        f"({' + '.join(str(r[0]) for r in results)}) -> {rate:.1f} msg/s = "
        f"{rate / OVERALL_PER_SECOND:.1%} of Telegram's {OVERALL_PER_SECOND}/s; "
        f"429s: {errors_429}; late turns retaken: {sum(r[2] for r in results)}"
    )


async def shared_budget(seconds: float, url: str) -> None:
    from tests.support.pg_server import fresh_schema

    async with fresh_schema(url, str(MIGRATION)) as scoped:
        await run(seconds, scoped, "shared budget (PostgreSQL)")


def main(argv: list[str] | None = None) -> int:
    from tests.support.stores import PG_URL

    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_replicas")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--database-url", default=PG_URL)
    parser.add_argument("--runs", type=int, default=1, help="shared-budget runs to print")
    args = parser.parse_args(argv)
    try:
        for _ in range(args.runs):
            asyncio.run(shared_budget(args.seconds, args.database_url))
    except Exception as exc:  # psycopg.OperationalError: no server
        print(f"no PostgreSQL at {args.database_url}: {exc}", file=sys.stderr)
        return 1
    asyncio.run(run(args.seconds, "", "own limits only (no shared budget)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
