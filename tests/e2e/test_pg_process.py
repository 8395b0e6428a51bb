"""The real ``python -m bot run`` on a PostgreSQL store (DATABASE_URL) against the fake Telegram:
it migrates and seeds the store, answers from it, never logs the password, stops cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import SEEDS
from tests.support.fake_telegram import FakeTelegram
from tests.support.process import bot_env, running_bot, stop_bot
from tests.support.stores import TestStore, create_schema, dispose, skip_without_pg

pytestmark = pytest.mark.e2e
PASSWORD = "pw-never-logged"  # the test server trusts 127.0.0.1: any password is accepted


async def test_bot_process_on_postgresql_seeds_answers_and_hides_the_password(
    tmp_path: Path,
) -> None:
    skip_without_pg()
    store = TestStore("postgresql", tmp_path / "unused", await create_schema())
    url = store.url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@")
    assert PASSWORD in url
    try:
        async with FakeTelegram(token="424243:pg-process-token") as fake:
            env = bot_env(
                BOT_TOKEN=fake.token,
                TELEGRAM_API_URL=fake.base_url,
                DATABASE_URL=url,
                DATABASE_PATH=str(tmp_path / "data" / "news.sqlite3"),
                SEEDS_DIR=str(SEEDS),
                LOG_LEVEL="INFO",
            )
            async with running_bot(tmp_path, env) as proc:
                await fake.wait_until(lambda: fake.get_updates_calls > 0, timeout=60)
                user = fake.new_user()
                replies = await fake.ask(user, "/latest", timeout=15)
                assert replies and "1." in replies[0].plain
                log = await stop_bot(proc, 30)
        assert proc.returncode == 0, log
        assert PASSWORD not in log
        assert "store PostgreSQL 127.0.0.1:5432/test: 5 articles" in log, log
        assert not (tmp_path / "data" / "news.sqlite3").exists()  # no SQLite file made
        db = await store.open()
        rows = await db.execute_fetchall("SELECT count(*) FROM articles")
        assert rows[0][0] == 5
    finally:
        await dispose(store)
