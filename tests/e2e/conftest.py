"""One fake Telegram and one real bot for the whole end-to-end session.

The bot is the production Dispatcher with aiogram's real AiohttpSession pointed at the fake
over HTTP, and a real SQLite store in a temporary folder seeded from ``seeds/``. Tests talk to it
through the ``fake`` fixture; each test uses fresh users (``fake.new_user()``) so their chats
never mix.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher

from bot.app import build_bot, build_dispatcher
from bot.config import Settings, load_settings
from bot.container import App, open_app
from bot.services.container import Services
from tests.support.fake_telegram import FakeTelegram
from tests.support.stores import TestStore, create_schema, drop_schema, skip_without_pg

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@dataclass
class RunningBot:
    fake: FakeTelegram
    settings: Settings
    app: App
    bot: Bot
    dp: Dispatcher
    task: asyncio.Task[None]

    @property
    def services(self) -> Services:
        return self.app.services


def e2e_settings(fake: FakeTelegram, db_path: Path, **overrides: object) -> Settings:
    return load_settings(
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_path=db_path,
        seeds_dir=SEEDS,
        **overrides,
    )


async def start_bot(fake: FakeTelegram, settings: Settings) -> RunningBot:
    """The real bot polling the fake; returns once it asked for its first updates."""
    app = await open_app(settings)
    bot = build_bot(settings)
    dp = build_dispatcher(app)
    calls_before = fake.get_updates_calls
    task = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=True, polling_timeout=1)
    )
    await fake.wait_until(lambda: fake.get_updates_calls > calls_before or task.done(), 15)
    if task.done():
        task.result()
    return RunningBot(fake, settings, app, bot, dp, task)


async def stop_bot(running: RunningBot) -> None:
    await running.dp.stop_polling()
    await asyncio.wait_for(running.task, 10)
    await running.app.close()


@pytest.fixture(scope="session")
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="session")
async def running_bot(
    fake: FakeTelegram, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningBot]:
    """The shared bot; on PostgreSQL (a schema of its own) when E2E_STORE=postgresql, to run the
    end-to-end suite on the other engine: ``E2E_STORE=postgresql python -m pytest tests/e2e``."""
    db_path = tmp_path_factory.mktemp("e2e-store") / "news.sqlite3"
    schema = None
    overrides: dict[str, object] = {}
    if os.environ.get("E2E_STORE") == "postgresql":
        skip_without_pg()
        schema = await create_schema()
        overrides["database_url"] = TestStore("postgresql", db_path, schema).url
    running = await start_bot(fake, e2e_settings(fake, db_path, **overrides))
    assert running.app.db.dialect == ("sqlite" if schema is None else "postgresql")
    yield running
    await stop_bot(running)
    if schema is not None:
        await drop_schema(schema)


@pytest.fixture
async def tg(running_bot: RunningBot) -> FakeTelegram:
    """The fake Telegram with the shared bot running against it (what most tests want)."""
    return running_bot.fake
