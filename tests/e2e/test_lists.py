"""Lists end to end (issue 9): full titles with numbered buttons, ◀ and ▶ paging, undated
articles marked with their load date, and empty answers that offer the nearest useful list."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningBot
from tests.e2e.test_commands import TITLE_000, TITLE_004, items
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e


async def test_full_titles_in_the_message_numbers_on_the_buttons(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Тараз")
    first = items(reply)[0]
    assert first.startswith("1. ") and f"{TITLE_000} —" in first  # whole, not cut at 40
    assert reply.button_texts() == [str(n) for n in range(1, len(items(reply)) + 1)]


async def test_undated_articles_say_they_are_listed_by_load_date(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Туркестанская область")  # 004 states no date
    [line] = items(reply)
    assert TITLE_004 in line and "загружено" in line and "дата не указана" in line
    english = tg.new_user(language_code="en")
    [reply] = await tg.ask(english, "/region Туркестанская область")
    assert "loaded" in items(reply)[0] and "no date given" in items(reply)[0]


async def test_pages_go_forward_and_back(running_bot: RunningBot) -> None:
    tg, articles = running_bot.fake, running_bot.services.articles
    articles.page_size = 3  # every seed is about a region of Kazakhstan: five articles
    try:
        user = tg.new_user()
        [first] = await tg.ask(user, "/region Казахстан")
        assert first.button_texts()[-1] == "Ещё ▶" and "◀ Назад" not in first.button_texts()
        await tg.press(first, text="Ещё ▶", user=user)
        [second] = (await tg.wait_for_messages(user.id, 2))[1:]
        assert [line[:2] for line in items(second)] == ["4.", "5."]
        assert second.button_texts() == ["4", "5", "◀ Назад"]
        await tg.press(second, text="◀ Назад", user=user)
        [again] = (await tg.wait_for_messages(user.id, 3))[2:]
        assert items(again) == items(first)
    finally:
        articles.page_size = 5


async def test_empty_oblast_offers_its_city_the_country_and_a_subscription(
    tg: FakeTelegram,
) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Ташкентская область")
    assert "Ташкентская область: новостей пока нет" in reply.plain
    assert "/subscribe Ташкентская область" in reply.plain
    assert reply.button_texts() == ["Ташкент", "Узбекистан"]
    await tg.press(reply, text="Ташкент", user=user)
    [listing] = (await tg.wait_for_messages(user.id, 2))[1:]
    assert listing.plain.startswith("📍 Ташкент: свежие новости") and items(listing)


async def test_empty_combined_question_offers_its_parts(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Алматы Челябинск")  # no seed has both as sides
    assert "новостей пока нет" in reply.plain
    assert reply.button_texts() == ["Алматы", "Челябинская область"]
    assert "/subscribe Алматы Челябинская область" in reply.plain
    [reply] = await tg.ask(user, "/region Алматы в сентябре 2025")
    assert reply.button_texts()[0] == "Алматы"  # the same question without its period


async def test_empty_list_in_english(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    [reply] = await tg.ask(user, "/region Tashkent Region")
    assert "no news yet" in reply.plain and "There is news nearby" in reply.plain
    assert reply.button_texts() == ["Toshkent", "Uzbekistan"]
