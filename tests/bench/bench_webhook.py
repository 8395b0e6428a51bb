"""Benchmark of webhook mode against long polling: ``python -m tests.bench.bench_webhook``.

The real ``python -m bot run`` process on a fresh store seeded from ``seeds/``, once polling and
once by webhook (tests/support/fake_webhook.py POSTing the updates), Telegram's limits on in the
fake: seconds from start to ready (first getUpdates / first /healthz answer); 100 commands one
at a time, p50/p99 seconds from update queued to reply received (the transport's own cost);
then the burst of bench_bot (200 commands from 50 users, queued at once), p50/p99 and updates
per second (the bot's own pacing, 30 a second, is the ceiling either way). No target: webhook
mode must not be slower than polling.
"""

from __future__ import annotations

import asyncio
import random
import signal
import tempfile
import time
from asyncio.subprocess import DEVNULL
from pathlib import Path

from tests.bench.bench_bot import burst, percentiles
from tests.e2e.conftest import SEEDS
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_webhook import FakeWebhook
from tests.support.process import bot_env, free_port, spawn_bot, wait_healthy, webhook_env

USERS = 50
ROUNDS = 3


async def one_at_a_time(fake: FakeTelegram) -> dict[str, float]:
    latencies = []
    for _ in range(100):
        user = fake.new_user()
        started = time.monotonic()
        await fake.ask(user, "/help", timeout=10)
        latencies.append(time.monotonic() - started)
    return percentiles(latencies)


async def run_mode(webhook: bool) -> str:
    fake = FakeTelegram(token="135790:bench-webhook")
    async with fake, FakeWebhook(fake):
        tmp = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
        values = {
            "BOT_TOKEN": fake.token,
            "TELEGRAM_API_URL": fake.base_url,
            "DATABASE_PATH": str(tmp / "news.sqlite3"),
            "SEEDS_DIR": str(SEEDS),
            "LOG_LEVEL": "WARNING",
        }
        port = free_port()
        if webhook:
            values.update(webhook_env(port, "bench-secret"))
        started = time.monotonic()
        proc = await spawn_bot(tmp, bot_env(**values), stdout=DEVNULL, stderr=DEVNULL)
        try:
            if webhook:
                assert await wait_healthy(f"http://127.0.0.1:{port}", 60)
            else:
                await fake.wait_until(lambda: fake.first_get_updates_at is not None, 60)
            ready = time.monotonic() - started
            single = await one_at_a_time(fake)
            latencies: list[float] = []
            rates: list[float] = []
            users = [fake.new_user() for _ in range(USERS)]
            for round_ in range(ROUNDS):
                got, rate = await burst(fake, users, random.Random(round_))
                latencies += got
                rates.append(rate)
                await asyncio.sleep(1.5)  # per-chat bursts refill between rounds
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 60)
    p = percentiles(latencies)
    mode = "webhook" if webhook else "polling"
    return (
        f"{mode:8} ready {ready:4.2f} s | one at a time: p50 {single['p50'] * 1000:4.1f} ms "
        f"p99 {single['p99'] * 1000:5.1f} ms | burst: p50 {p['p50']:.2f} s p99 {p['p99']:.2f} s "
        f"{sum(rates) / len(rates):4.1f} updates/s | exit {proc.returncode}"
    )


async def main_async() -> None:
    print(f"Telegram's limits on; 100 commands one at a time, then {ROUNDS} bursts of 200")
    for webhook in (False, True):
        print("  " + await run_mode(webhook), flush=True)


def main() -> None:
    asyncio.run(main_async())


if __name__ == "__main__":
    main()
