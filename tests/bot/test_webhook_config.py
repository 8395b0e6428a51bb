"""WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_LISTEN: each mistake is one line naming what to fix."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings

SECRET = "s3cret_TOKEN-42"
URL = "https://bot.example.com/telegram"


def webhook(**values: str) -> dict[str, str]:
    return {"webhook_url": URL, "webhook_secret": SECRET, **values}


def test_nothing_set_is_long_polling() -> None:
    settings = load_settings()
    assert not settings.webhook


def test_url_and_secret_listen_on_all_interfaces_8080_by_default() -> None:
    settings = load_settings(**webhook())
    assert settings.webhook
    assert settings.listen_address == ("0.0.0.0", 8080)
    assert settings.webhook_path == "/telegram"
    assert settings.webhook_secret.get_secret_value() == SECRET


def test_listen_address_and_ipv6() -> None:
    assert load_settings(**webhook(webhook_listen="10.0.0.5:9000")).listen_address == (
        "10.0.0.5",
        9000,
    )
    assert load_settings(**webhook(webhook_listen="[::]:8443")).listen_address == ("::", 8443)


def test_plain_http_only_on_loopback() -> None:
    assert load_settings(**webhook(webhook_url="http://127.0.0.1:8081/hook")).webhook
    assert load_settings(**webhook(webhook_url="http://localhost:9/")).webhook_path == "/"


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"webhook_url": "http://bot.example.com/t"}, ["WEBHOOK_URL", "https://"]),
        ({"webhook_url": "bot.example.com/t"}, ["WEBHOOK_URL", "https://"]),
        ({"webhook_url": "https:///t"}, ["WEBHOOK_URL", "host"]),
        ({"webhook_url": "https://bot.example.com:99999/t"}, ["WEBHOOK_URL", "valid URL"]),
        ({"webhook_url": "https://bot.example.com:8080/t"}, ["WEBHOOK_URL", "443", "8443"]),
        ({"webhook_url": "https://bot.example.com/healthz"}, ["WEBHOOK_URL", "/healthz"]),
        ({"webhook_secret": ""}, ["WEBHOOK_SECRET", "required with WEBHOOK_URL", "secrets"]),
        ({"webhook_secret": "has space"}, ["WEBHOOK_SECRET", "A-Z", "secrets"]),
        ({"webhook_secret": "x" * 257}, ["WEBHOOK_SECRET", "1-256"]),
        ({"webhook_secret": "dots.not.allowed"}, ["WEBHOOK_SECRET", "A-Z"]),
        ({"webhook_listen": "8080"}, ["WEBHOOK_LISTEN", "host:port"]),
        ({"webhook_listen": "0.0.0.0:http"}, ["WEBHOOK_LISTEN", "host:port"]),
        ({"webhook_listen": "0.0.0.0:70000"}, ["WEBHOOK_LISTEN", "1-65535"]),
        ({"webhook_url": "", "webhook_secret": SECRET}, ["WEBHOOK_SECRET", "WEBHOOK_URL"]),
        (
            {"webhook_url": "", "webhook_secret": "", "webhook_listen": "0.0.0.0:80"},
            ["WEBHOOK_LISTEN", "WEBHOOK_URL"],
        ),
    ],
)
def test_each_mistake_is_one_line_naming_the_variable(
    values: dict[str, str], words: list[str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(**webhook(**values))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(words[0]), message
    assert all(w in message for w in words), message
    secret = values.get("webhook_secret")
    if secret:
        assert secret not in message  # a mistyped secret is still a secret


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", URL)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("WEBHOOK_LISTEN", "127.0.0.1:8088")
    settings = load_settings()
    assert settings.webhook_url == URL and settings.listen_address == ("127.0.0.1", 8088)
    assert SECRET not in repr(settings)
