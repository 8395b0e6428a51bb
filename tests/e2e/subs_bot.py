"""A bot of its own for the subscription tests: its own fake Telegram, a copy of ``seeds/`` that
tests add article files to, and an admin in ADMIN_IDS, so /reload can bring new articles and
the delivery that follows can be watched. One per test module (module-scoped fixture).
"""

# ruff: noqa: ASYNC109  (timeouts are the point of a test helper)
from __future__ import annotations

import asyncio
import itertools
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config import load_settings
from bot.services.subscriptions import SubscriptionService
from tests.e2e.conftest import SEEDS, RunningBot, start_bot, stop_bot
from tests.support.fake_telegram import Chat, FakeTelegram, SentMessage, User

_numbers = itertools.count(1)

TOURISM = """Алматы и Самарканд запускают совместный туристический маршрут {n}
Туроператоры Алматы и Самарканда договорились о новом туристическом маршруте номер {n}.
АЛМАТЫ, 3 марта. Туроператоры двух городов подписали соглашение о развитии туризма. Новый \
туристический маршрут {n} свяжет Алматы и Самарканд, туристы смогут посетить исторические \
памятники. Ожидается, что поток туристов вырастет на {n} процентов.
"""
ECOLOGY = """Павлодарская и Омская области займутся охраной реки от загрязнения {n}
Экологи двух регионов договорились вместе следить за качеством воды, программа номер {n}.
ПАВЛОДАР, 4 марта. Экологи Павлодарской и Омской областей подписали меморандум об охране \
окружающей среды. Стороны будут вместе измерять загрязнение воды, сокращать выбросы и \
восстанавливать леса вдоль берегов. Экологический мониторинг {n} начнётся весной.
"""


@dataclass
class NewsBot:
    running: RunningBot
    admin: User
    seeds: Path

    @property
    def fake(self) -> FakeTelegram:
        return self.running.fake

    @property
    def subs(self) -> SubscriptionService:
        return self.running.services.subscriptions

    def add_article(self, template: str) -> str:
        """Write a new article file (unique title); returns its title."""
        n = next(_numbers) * 7 + int(time.time() * 1000) % 1000
        text = template.format(n=n)
        (self.seeds / f"new_{n}.txt").write_text(text, encoding="utf-8")
        return text.splitlines()[0]

    async def reload(self) -> SentMessage:
        """/reload by the admin, once the previous delivery run is over.

        The scheduler's wake-up is dropped while a run is still going (max_instances=1), and
        the rows /reload queues would then wait a whole DELIVERY_INTERVAL.
        """
        await self.idle()
        [reply] = await self.fake.ask(self.admin, "/reload", timeout=20)
        return reply

    async def idle(self) -> None:
        """Nothing queued for delivery and no delivery run in progress."""
        app = self.running.app
        assert app.delivery is not None
        admin, delivery = app.services.admin, app.delivery

        async def quiet() -> bool:
            stats = await admin.stats()
            return stats.deliveries_pending == 0 and not delivery.busy

        await eventually(quiet, timeout=30)

    async def group_message_as_chat(self, group: Chat, text: str) -> None:
        """A message an anonymous admin sends: from GroupAnonymousBot, sender_chat = group."""
        message: dict[str, Any] = {
            "message_id": 10_000 + next(_numbers),
            "date": int(time.time()),
            "chat": group.api(),
            "sender_chat": group.api(),
            "text": text,
            "from": {
                "id": 1087968824,
                "is_bot": True,
                "first_name": "Group",
                "username": "GroupAnonymousBot",
            },
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        }
        await self.fake.push_update({"message": message})


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 5.0) -> Any:
    """Poll an async check of the store until it is truthy (the store does not notify)."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result or time.monotonic() > deadline:
            assert result, "condition not reached in time"
            return result
        await asyncio.sleep(0.05)


def titles(messages: list[SentMessage]) -> str:
    return "\n".join(m.plain for m in messages)


@pytest.fixture(scope="module")
async def news_bot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[NewsBot]:
    folder = tmp_path_factory.mktemp("subs-bot")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    async with FakeTelegram() as fake:
        admin = fake.new_user(first_name="Admin")
        settings = load_settings(
            bot_token=fake.token,
            telegram_api_url=fake.base_url,
            database_path=folder / "news.sqlite3",
            seeds_dir=seeds,
            admin_ids=str(admin.id),
        )
        running = await start_bot(fake, settings)
        try:
            yield NewsBot(running, admin, seeds)
        finally:
            await stop_bot(running)
