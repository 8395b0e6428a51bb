"""Start-up problems of ``python -m bot run``: one line each, an exit code, never the token.

Each case runs the real process (as an operator would) against the fake Telegram or against
nothing at all, and reads everything it printed.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import pytest

from bot.app import EXIT_CONFIG, EXIT_RUNNING, EXIT_STORE, EXIT_TOKEN, EXIT_UNREACHABLE
from tests.e2e.conftest import SEEDS
from tests.support.fake_telegram import FakeTelegram
from tests.support.process import bot_env, spawn_bot

pytestmark = pytest.mark.e2e

TOKEN = "987654:secret-startup-token"


async def run_bot(tmp_path: Path, **env: str) -> tuple[int, str]:
    """Run ``python -m bot run`` to its end; (exit code, everything it printed)."""
    values = {"BOT_TOKEN": TOKEN, "SEEDS_DIR": str(SEEDS), "STARTUP_WAIT": "0"}
    values.setdefault("DATABASE_PATH", str(tmp_path / "news.sqlite3"))
    values.update(env)
    proc = await spawn_bot(tmp_path, bot_env(**values), stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode()


def assert_one_clean_line(output: str, *words: str) -> None:
    assert TOKEN not in output and TOKEN.split(":")[1] not in output, output
    assert "Traceback" not in output and "Unclosed" not in output, output
    last = output.strip().splitlines()[-1]
    assert all(w in last for w in words), output


async def test_unreachable_api_is_one_line_without_the_token(tmp_path: Path) -> None:
    # port 1 on loopback: connection refused, the way a firewalled or absent API answers
    code, output = await run_bot(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1")
    assert code == EXIT_UNREACHABLE
    assert_one_clean_line(output, "did not answer", "TELEGRAM_API_URL")


async def test_impossible_api_url_is_a_configuration_error_without_the_token(
    tmp_path: Path,
) -> None:
    code, output = await run_bot(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:99999")
    assert code == EXIT_CONFIG
    assert_one_clean_line(output, "TELEGRAM_API_URL")


async def test_rejected_token_is_one_line(tmp_path: Path) -> None:
    async with FakeTelegram(token="111:the-real-one") as fake:  # our TOKEN is not it: 401
        code, output = await run_bot(tmp_path, TELEGRAM_API_URL=fake.base_url)
    assert code == EXIT_TOKEN
    assert_one_clean_line(output, "401", "@BotFather")


async def test_corrupt_store_names_the_file(tmp_path: Path) -> None:
    store = tmp_path / "news.sqlite3"
    store.write_bytes(b"this is not a database, it is a text file " * 200)
    code, output = await run_bot(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1")
    assert code == EXIT_STORE
    assert_one_clean_line(output, str(store), "backup")


async def test_store_locked_by_another_program_is_one_line(tmp_path: Path) -> None:
    store = tmp_path / "news.sqlite3"
    other = sqlite3.connect(store, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN IMMEDIATE")  # a backup tool or a shell holding the write lock
    try:
        code, output = await run_bot(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == EXIT_STORE
    assert_one_clean_line(output, str(store), "locked")


async def test_second_bot_on_the_same_store_stops_with_one_line(tmp_path: Path) -> None:
    async with FakeTelegram(token=TOKEN) as fake:
        env = bot_env(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=fake.base_url,
            DATABASE_PATH=str(tmp_path / "news.sqlite3"),
            SEEDS_DIR=str(SEEDS),
        )
        first = await spawn_bot(
            tmp_path, env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        try:
            await fake.wait_until(lambda: fake.get_updates_calls > 0, timeout=30)
            code, output = await run_bot(tmp_path, TELEGRAM_API_URL=fake.base_url)
            assert first.returncode is None  # the first one runs on, untouched
            [reply] = await fake.ask(fake.new_user(), "/start", timeout=10)
            assert "/region" in reply.plain
        finally:
            first.send_signal(signal.SIGTERM)
            await asyncio.wait_for(first.wait(), 15)
    assert code == EXIT_RUNNING
    assert_one_clean_line(output, "already running", "news.sqlite3")


async def chattr(flag: str, path: Path) -> None:
    proc = await asyncio.create_subprocess_exec("chattr", flag, str(path))
    assert await proc.wait() == 0, f"chattr {flag} failed"


async def test_read_only_store_names_the_file(tmp_path: Path) -> None:
    store = tmp_path / "news.sqlite3"
    sqlite3.connect(store).close()  # an empty file SQLite knows, never migrated
    # immutable: refused even to root (plain permissions are not, and tests may run as root)
    await chattr("+i", store)
    try:
        code, output = await run_bot(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1")
    finally:
        await chattr("-i", store)
    assert code == EXIT_STORE
    assert_one_clean_line(output, str(store), "read-only")


async def test_missing_seeds_folder_on_first_start_is_one_line(tmp_path: Path) -> None:
    code, output = await run_bot(
        tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1", SEEDS_DIR=str(tmp_path / "nowhere")
    )
    assert code == EXIT_CONFIG
    assert_one_clean_line(output, "SEEDS_DIR", "nowhere")


async def test_malformed_token_is_one_line_that_does_not_repeat_it(tmp_path: Path) -> None:
    code, output = await run_bot(
        tmp_path, BOT_TOKEN="secret-startup token", TELEGRAM_API_URL="http://127.0.0.1:1"
    )
    assert code == EXIT_CONFIG
    assert "secret-startup" not in output
    assert_one_clean_line(output, "BOT_TOKEN", "@BotFather")
