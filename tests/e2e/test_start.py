"""/start and /help, the command menu, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import RunningBot
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

COMMANDS = ["/region", "/topic", "/latest", "/search", "/help"]


def command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("/")]


async def test_start_in_russian_lists_every_command_with_an_example(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="ru")
    [reply] = await tg.ask(user, "/start")
    assert "Новости регионального сотрудничества" in reply.plain
    lines = command_lines(reply.plain)
    for command in COMMANDS:
        assert any(line.startswith(command) for line in lines), command
    # an example for each command that takes an argument
    assert "/region Алматы" in reply.plain
    assert "/topic туризм" in reply.plain
    assert "/search побратим" in reply.plain
    assert reply.parse_mode == "HTML"


async def test_help_in_english_for_language_code_en(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    [reply] = await tg.ask(user, "/help")
    assert "Regional cooperation news" in reply.plain
    assert "/region Almaty" in reply.plain
    assert not re.search("[а-я]{6,} [а-я]{6,}", reply.plain.split("\n")[1])  # English prose


async def test_unknown_language_falls_back_to_russian(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="de")
    [reply] = await tg.ask(user, "/help")
    assert "Команды:" in reply.plain


async def test_help_names_the_bot_for_inline_mode(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/help")
    assert "@regional_news_test_bot" in reply.plain


async def test_command_menu_registered_in_russian_and_english(running_bot: RunningBot) -> None:
    fake = running_bot.fake
    ru, en = fake.commands_for("ru"), fake.commands_for("en")
    assert ru == en
    assert {"start", "help", "region", "topic", "latest", "search"} <= set(ru)
    ru_descriptions = [c["description"] for c in fake.commands[("default", "ru")]]
    en_descriptions = [c["description"] for c in fake.commands[("default", "en")]]
    assert ru_descriptions != en_descriptions
    assert fake.commands_for("") == ru  # users with another language see the Russian menu
