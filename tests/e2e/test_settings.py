"""/settings end to end: the buttons and the text form change the chat's delivery settings."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import NewsBot, news_bot

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]


async def test_defaults_then_buttons_change_mode_hour_zone_and_silence(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    [panel] = await fake.ask(user, "/settings")
    # SPEC defaults: instant delivery, Asia/Almaty, sound on.
    assert "сразу" in panel.plain and "Часовой пояс: Алматы (UTC+5)" in panel.plain
    assert "Тихие сообщения: нет" in panel.plain

    await fake.press(panel, text="Дайджест")
    await fake.wait_for_edit(panel, 1)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.mode == "digest"
    assert "дайджест раз в день в 09:00" in panel.plain

    await fake.press(panel, text="Час дайджеста")
    await fake.wait_for_edit(panel, 2)
    assert len(panel.buttons) == 25  # 24 hours and "back"
    await fake.press(panel, text="07:00")
    await fake.wait_for_edit(panel, 3)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.digest_hour == 7 and "в 07:00" in panel.plain

    await fake.press(panel, text="Пояс")
    await fake.wait_for_edit(panel, 4)
    assert "Москва (UTC+3)" in panel.button_texts()  # cities with their offsets
    await fake.press(panel, text="Ташкент (UTC+5)")
    await fake.wait_for_edit(panel, 5)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.tz == "Asia/Tashkent"

    await fake.press(panel, text="Тихо")
    await fake.wait_for_edit(panel, 6)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.silent and "Тихие сообщения: да" in panel.plain

    await fake.press(panel, text="Сразу")
    await fake.wait_for_edit(panel, 7)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.mode == "instant" and chat.digest_hour == 7


async def test_text_form(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user(language_code="en")
    [reply] = await fake.ask(user, "/settings tz europe/moscow")
    assert "Time zone: Moscow (UTC+3)" in reply.plain
    await fake.ask(user, "/settings digest 18")
    await fake.ask(user, "/settings silent on")
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None
    assert (chat.tz, chat.mode, chat.digest_hour, chat.silent) == (
        "Europe/Moscow",
        "digest",
        18,
        True,
    )


async def test_bad_zone_and_hour_are_explained_and_change_nothing(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    await fake.ask(user, "/settings hour 6")
    for text, expected in (
        ("/settings tz Mars/Olympus", "Не знаю часового пояса «Mars/Olympus»"),
        ("/settings hour 25", "от 0 до 23"),
        ("/settings hour -1", "от 0 до 23"),
        ("/settings tz " + "x" * 5000, "Не знаю часового пояса"),
        ("/settings tz ../../etc/passwd", "Не знаю часового пояса"),
        ("/settings <b>loud</b>", "Не понял настройку"),
    ):
        [reply] = await fake.ask(user, text)
        assert expected in reply.plain, (text, reply.plain)
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.tz == "Asia/Almaty" and chat.digest_hour == 6


async def test_group_settings_only_for_admins(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    boss, member = fake.new_user(), fake.new_user()
    group = fake.new_group(admins=[boss])
    [reply] = await fake.ask(group, "/settings digest", user=member)
    assert "администраторы" in reply.plain
    assert await news_bot.subs.get_settings(group.id) is None
    [panel] = await fake.ask(group, "/settings", user=boss)
    query = await fake.press(panel, text="Дайджест", user=member)
    answer = await fake.wait_for_callback_answer(query)
    assert answer.get("show_alert")
    chat = await news_bot.subs.get_settings(group.id)
    assert chat is not None and chat.mode == "instant"
    await fake.press(panel, text="Дайджест", user=boss)
    await fake.wait_for_edit(panel)
    chat = await news_bot.subs.get_settings(group.id)
    assert chat is not None and chat.mode == "digest"


async def test_channel_settings_by_post(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    channel = fake.new_channel(admins=[fake.new_user()])
    await fake.channel_post(channel, "/settings silent on")
    [panel] = await fake.wait_for_messages(channel.id)
    assert "Тихие сообщения: да" in panel.plain
    chat = await news_bot.subs.get_settings(channel.id)
    assert chat is not None and chat.silent and chat.type == "channel"
