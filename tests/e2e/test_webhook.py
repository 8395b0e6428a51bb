"""Webhook mode end to end: the real ``python -m bot run`` with WEBHOOK_URL set, the fake Bot API
posting updates to it (tests/support/fake_webhook.py), Telegram's limits on.

One fake and one bot process serve the whole module (start-up is the slow part); each test uses
fresh users. The last test stops the bot with SIGTERM and reads everything it logged.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import EXIT_CONFIG
from tests.e2e.conftest import SEEDS
from tests.e2e.test_startup import assert_one_clean_line, run_bot
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_webhook import SECRET_HEADER, FakeWebhook
from tests.support.process import bot_env, free_port, spawn_bot, wait_healthy, webhook_env

pytestmark = pytest.mark.e2e

TOKEN = "246810:webhook-e2e-token"
SECRET = "Wh-secret_0123456789abcdef"


@dataclass
class WebhookBot:
    fake: FakeTelegram
    hook: FakeWebhook
    proc: asyncio.subprocess.Process
    url: str  # where the bot listens for updates
    base: str  # http://127.0.0.1:port
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[WebhookBot]:
    tmp = tmp_path_factory.mktemp("webhook")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeTelegram(token=TOKEN) as fake, FakeWebhook(fake) as hook:
        env = bot_env(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=fake.base_url,
            DATABASE_PATH=str(tmp / "news.sqlite3"),
            SEEDS_DIR=str(SEEDS),
            LOG_LEVEL="INFO",
            **webhook_env(port, SECRET),
        )
        log_path = tmp / "bot.log"
        with log_path.open("wb") as log_file:  # a file: a full pipe would stall the bot
            proc = await spawn_bot(tmp, env, stdout=log_file.fileno(), stderr=log_file.fileno())
        running = WebhookBot(fake, hook, proc, f"{base}/telegram", base, log_path)
        try:
            if not await wait_healthy(base, 60):
                raise AssertionError(f"the bot never served /healthz:\n{running.log()}")
            yield running
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


async def post_update(url: str, update: dict[str, Any], headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as answer,
    ):
        return answer.status


async def test_start_sets_the_webhook_with_the_secret(live: WebhookBot) -> None:
    [call] = live.hook.set_calls  # once, at start
    assert call["url"] == live.url
    assert call["secret_token"] == SECRET
    assert {"message", "callback_query", "my_chat_member"} <= set(call["allowed_updates"])
    assert not call.get("drop_pending_updates")  # updates queued during a deploy are kept
    assert live.fake.commands_for("ru") and live.fake.commands_for("en")  # start-up as polling


async def test_commands_arrive_by_webhook_and_are_answered(live: WebhookBot) -> None:
    fake, hook = live.fake, live.hook
    user = fake.new_user()
    [welcome] = await fake.ask(user, "/start", timeout=15)
    assert "/region" in welcome.plain
    [region] = await fake.ask(user, "/region Алматы", timeout=15)
    assert "Алматы" in region.plain
    # the reply can reach the fake before the webhook's answer does: wait for both answers
    await fake.wait_until(lambda: all(p.status is not None for p in hook.posts))
    assert [(p.target, p.status) for p in hook.posts] == [(live.url, 200)] * 2
    assert hook.replies_in_response == []  # replies went through the Bot API and its limits
    assert fake.get_updates_calls == 0


async def test_wrong_or_missing_secret_is_refused_and_nothing_handled(live: WebhookBot) -> None:
    fake = live.fake
    user = fake.new_user()
    forged = {
        "update_id": 990_001,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": user.id, "type": "private"},
            "from": user.api(),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    assert await post_update(live.url, forged, {SECRET_HEADER: "not-the-secret"}) == 401
    assert await post_update(live.url, forged, {}) == 401
    assert await post_update(live.url, forged, {SECRET_HEADER: SECRET.lower()}) == 401
    # the update is handled before the answer: a 401 means it never reached a handler
    assert fake.count_to(user.id) == 0
    [reply] = await fake.ask(user, "/start", timeout=15)  # the genuine one, through the fake
    assert "/region" in reply.plain
    await asyncio.sleep(0.3)
    assert fake.count_to(user.id) == 1


async def test_healthz_reports_store_and_scheduler(live: WebhookBot) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{live.base}/healthz") as answer,
    ):
        body = await answer.text()
        assert answer.status == 200, body
        assert answer.content_type == "application/json"
    assert json.loads(body) == {"store": "ok", "scheduler": "ok"}
    assert SECRET not in body and TOKEN.split(":")[1] not in body


async def test_an_unreachable_replica_gets_its_update_retried_elsewhere_in_order(
    live: WebhookBot,
) -> None:
    fake, hook = live.fake, live.hook
    with socket.socket() as sock:  # bound, never listening: connection refused
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/telegram"
        hook.targets = [dead, live.url]  # a load balancer in front of a dead and a live replica
        try:
            user = fake.new_user(language_code="en")
            for text in ("/start", "/help", "/region Almaty"):
                await fake.send_text(user, user, text)
            replies = await fake.wait_for_messages(user.id, 3, timeout=20)
        finally:
            hook.targets = None
    assert "/region" in replies[0].plain  # /start's welcome first: per-chat order kept
    assert "Almaty" in replies[2].plain or "Алматы" in replies[2].plain
    assert any(p.target == dead and p.status is None for p in hook.posts)
    info = await hook._get_webhook_info({})
    assert info["url"] == live.url and info["last_error_message"].startswith("Connection")


async def test_sigterm_finishes_the_update_in_flight_and_leaves_the_webhook_set(
    live: WebhookBot,
) -> None:
    fake, hook = live.fake, live.hook
    user = fake.new_user()
    fake.hang(user.id, 2.0)  # the reply is sent, Telegram's answer to it takes 2 s
    update_id = await fake.send_text(user, user, "/start")
    await fake.wait_for_messages(user.id, 1, timeout=15)
    live.proc.send_signal(signal.SIGTERM)  # while the handler still waits for that answer
    await asyncio.wait_for(live.proc.wait(), 30)
    log = live.log()
    assert live.proc.returncode == 0, log
    assert "stopped" in log and "Traceback" not in log and "handler failed" not in log, log
    # the handler finished before the session closed, so the update was answered 200:
    # Telegram will not send it again
    assert [p.status for p in hook.posts if p.update_id == update_id] == [200]
    methods = {name for name, _ in live.fake.calls}
    assert "deleteWebhook" not in methods  # the other replicas keep receiving
    assert "getUpdates" not in methods and live.fake.get_updates_calls == 0
    assert live.hook.url == live.url
    assert TOKEN.split(":")[1] not in log and SECRET not in log, log


async def test_webhook_without_secret_is_one_line(tmp_path: Path) -> None:
    code, output = await run_bot(
        tmp_path, TELEGRAM_API_URL="http://127.0.0.1:1", WEBHOOK_URL="https://bot.example.com/t"
    )
    assert code == EXIT_CONFIG
    assert_one_clean_line(output, "WEBHOOK_SECRET", "WEBHOOK_URL")


async def test_listen_address_in_use_is_one_line(tmp_path: Path) -> None:
    async with FakeTelegram(token="987654:secret-startup-token") as fake:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            code, output = await run_bot(
                tmp_path,
                TELEGRAM_API_URL=fake.base_url,
                **webhook_env(port, SECRET),
            )
    assert code == EXIT_CONFIG
    assert_one_clean_line(output, "WEBHOOK_LISTEN", "cannot listen", "another host:port")
    assert "starting delivery" not in output  # refused before anything started
    assert SECRET not in output


async def test_url_telegram_refuses_is_one_line(tmp_path: Path) -> None:
    async with (
        FakeTelegram(token="987654:secret-startup-token") as fake,
        FakeWebhook(fake) as hook,
    ):
        hook.refuse = "Failed to resolve host: Name or service not known"
        code, output = await run_bot(
            tmp_path,
            TELEGRAM_API_URL=fake.base_url,
            WEBHOOK_URL="https://bot.example.com/telegram",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN=f"127.0.0.1:{free_port()}",
        )
    assert code == EXIT_CONFIG
    assert_one_clean_line(output, "Telegram refused WEBHOOK_URL", "Failed to resolve host")
    assert SECRET not in output
