"""bot/webhook.py's web app in-process (a real listener on 127.0.0.1, the fake Bot API), and the
fake's webhook rules the end-to-end tests rely on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.app import build_bot, build_dispatcher
from bot.config import load_settings
from bot.container import App, open_app
from bot.webhook import WebhookError, _listen, build_web_app
from tests.e2e.conftest import e2e_settings
from tests.support.fake_telegram import FakeTelegram, TelegramError
from tests.support.fake_webhook import FakeWebhook

SECRET = "in-process_secret"


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[App, str]]:
    """The webhook app on a free port, its dispatcher started; (app, base URL)."""
    async with FakeTelegram() as fake:
        settings = e2e_settings(
            fake,
            tmp_path / "news.sqlite3",
            webhook_url="http://127.0.0.1:1/telegram",
            webhook_secret=SECRET,
        )
        app = await open_app(settings, deliver=False)  # no scheduler here: "standby"
        bot = build_bot(settings)
        runner = web.AppRunner(build_web_app(build_dispatcher(app), bot, app))
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        host, port = runner.addresses[0][:2]
        try:
            yield app, f"http://{host}:{port}"
        finally:
            await runner.cleanup()
            await bot.session.close()
            await app.close()


async def get_health(base: str) -> tuple[int, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as answer:
        return answer.status, await answer.json()


async def test_healthz_is_503_naming_the_store_when_it_fails(served: tuple[App, str]) -> None:
    app, base = served
    assert await get_health(base) == (200, {"store": "ok", "scheduler": "standby"})
    await app.db.close()  # the store gone (a disk error, a closed connection)
    status, body = await get_health(base)
    assert status == 503
    assert body["store"].startswith("error: ") and body["scheduler"] == "standby"
    assert str(app.settings.database_path) not in str(body)


async def test_the_update_route_is_the_path_of_webhook_url(served: tuple[App, str]) -> None:
    _, base = served
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}/telegram", json={"update_id": 1}) as answer:
            assert answer.status == 401  # there, and guarded by the secret
        async with session.post(f"{base}/other", json={"update_id": 1}) as answer:
            assert answer.status == 404


async def test_fake_refuses_getupdates_while_a_webhook_is_set() -> None:
    async with FakeTelegram() as fake, FakeWebhook(fake) as hook:
        await fake.push_update({"message": {"chat": {"id": 5}, "text": "queued"}})
        await hook._set_webhook({"url": "https://bot.example.com/t"})
        with pytest.raises(TelegramError) as caught:
            await hook._get_updates({})
        assert caught.value.status == 409 and "webhook is active" in caught.value.description
        await hook._delete_webhook({})
        assert len(await hook._get_updates({})) == 1  # kept for polling, not lost


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"url": "http://bot.example.com/t"}, "HTTPS URL must be provided"),
        ({"url": "https://bot.example.com:8080/t"}, "ports 80, 88, 443 or 8443"),
        ({"url": "https://bot.example.com/t", "secret_token": "a b"}, "unallowed characters"),
    ],
)
async def test_fake_checks_setwebhook_like_telegram(params: dict[str, str], words: str) -> None:
    async with FakeTelegram() as fake, FakeWebhook(fake) as hook:
        with pytest.raises(TelegramError) as caught:
            await hook._set_webhook(params)
        assert caught.value.status == 400 and words in caught.value.description
        assert hook.url == ""


async def test_fake_drops_update_types_the_webhook_did_not_ask_for() -> None:
    async with FakeTelegram() as fake, FakeWebhook(fake) as hook:
        await hook._set_webhook(
            {"url": "http://127.0.0.1:1/t", "allowed_updates": ["callback_query"]}
        )
        await fake.push_update({"message": {"chat": {"id": 5}, "text": "not wanted"}})
        await fake.wait_until(lambda: not fake._updates)
        assert hook.posts == []  # dropped, never sent


@pytest.mark.parametrize("listen", ["10.99.99.99:8080", "no-such-host.invalid:8080"])
def test_an_address_this_machine_lacks_is_one_line(listen: str) -> None:
    settings = load_settings(
        webhook_url="https://bot.example.com/t", webhook_secret=SECRET, webhook_listen=listen
    )
    with pytest.raises(WebhookError) as caught:
        _listen(settings).close()
    message = str(caught.value)
    assert message.startswith(f"WEBHOOK_LISTEN {listen}: cannot listen") and "\n" not in message
    assert message.endswith("use 0.0.0.0, :: or an address of this machine")
