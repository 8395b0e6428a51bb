"""The real ``python -m bot run`` process against the fake Telegram."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.e2e.conftest import SEEDS
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_webhook import FakeWebhook
from tests.support.process import bot_env, running_bot, spawn_bot, stop_bot

pytestmark = pytest.mark.e2e


async def test_bot_process_answers_start_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with (
        FakeTelegram(token="424242:process-test-token") as fake,
        FakeWebhook(fake) as hook,
    ):
        # left over from webhook mode: getUpdates answers 409 Conflict until it is deleted
        await hook._set_webhook({"url": "https://old.example.com/telegram"})
        db_path = tmp_path / "data" / "news.sqlite3"
        env = bot_env(
            BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.base_url,
            DATABASE_PATH=str(db_path),
            SEEDS_DIR=str(SEEDS),
            LOG_LEVEL="INFO",
        )
        async with running_bot(tmp_path, env) as proc:
            await fake.wait_until(lambda: fake.get_updates_calls > 0, timeout=30)
            user = fake.new_user()
            [reply] = await fake.ask(user, "/start", timeout=10)
            assert "/region" in reply.plain
            assert fake.commands_for("ru") and fake.commands_for("en")
            assert hook.url == "" and ("getUpdates", 409) not in [e[:2] for e in fake.errors]
            log = await stop_bot(proc, 15)
        assert proc.returncode == 0, log
        assert "stopped" in log
        assert fake.token not in log  # the token is never logged
        assert fake.token.split(":")[1] not in log
        assert db_path.exists()  # the store was created and seeded on first start


async def test_run_without_token_prints_one_line_and_fails(tmp_path: Path) -> None:
    env = bot_env(DATABASE_PATH=str(tmp_path / "x.sqlite3"))
    proc = await spawn_bot(tmp_path, env)
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode != 0
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "BOT_TOKEN" in lines[0]
    assert not (tmp_path / "x.sqlite3").exists()  # refused before touching anything


async def test_bad_configuration_names_the_variable(tmp_path: Path) -> None:
    env = bot_env(BOT_TOKEN="1:x", ADMIN_IDS="12,abc")
    proc = await spawn_bot(tmp_path, env)
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode != 0
    assert "ADMIN_IDS" in stderr.decode()
