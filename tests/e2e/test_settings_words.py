"""/settings as people type it (issue 9): time zones by city in Russian or English or by UTC
offset, and the setting words in Russian."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import NewsBot, news_bot

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]


@pytest.mark.parametrize(
    ("typed", "zone", "shown"),
    [
        ("пояс Москва", "Europe/Moscow", "Москва (UTC+3)"),
        ("tz Ташкенте", "Asia/Tashkent", "Ташкент (UTC+5)"),  # any case form
        ("tz Tashkent", "Asia/Tashkent", "Ташкент (UTC+5)"),
        ("пояс Челябинск", "Asia/Yekaterinburg", "Екатеринбург (UTC+5)"),  # a city of the zone
        ("пояс UTC+5", "Etc/GMT-5", "Часовой пояс: UTC+5"),
        ("tz GMT-3", "Etc/GMT+3", "Часовой пояс: UTC−3"),
    ],
)
async def test_zone_by_city_or_offset(news_bot: NewsBot, typed: str, zone: str, shown: str) -> None:
    user = news_bot.fake.new_user()
    [reply] = await news_bot.fake.ask(user, f"/settings {typed}")
    assert shown in reply.plain
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and chat.tz == zone


async def test_zone_in_english(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user(language_code="en")
    [reply] = await news_bot.fake.ask(user, "/settings tz Moscow")
    assert "Time zone: Moscow (UTC+3)" in reply.plain
    [reply] = await news_bot.fake.ask(user, "/settings tz UTC+15")
    assert "Unknown time zone «UTC+15»" in reply.plain


async def test_russian_setting_words(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    await fake.ask(user, "/settings дайджест")
    await fake.ask(user, "/settings час 8")
    await fake.ask(user, "/settings тихо вкл")
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and (chat.mode, chat.digest_hour, chat.silent) == ("digest", 8, True)
    await fake.ask(user, "/settings мгновенно")
    await fake.ask(user, "/Settings тихо выкл")
    chat = await news_bot.subs.get_settings(user.id)
    assert chat is not None and (chat.mode, chat.silent) == ("instant", False)
