"""Asking as people ask (issue 9), end to end through the real Dispatcher and the fake Telegram:
two places ("between"), a place and a topic, a country, a period, words not understood named
back, plain words in a private chat and in a group only when addressed, commands in any case.

Expected articles come from the seeds and their roles (python -m bot analyze --json seeds/*):
000 has Жамбылская область (KZ-31) and Ташкент (UZ-TK) as sides; 002 is about Алматы (KZ-75)
and names Ташкент only in passing; 004 is the only one of Туркестанская область (KZ-61), with
Челябинская область a side; every seed is about a region of Kazakhstan.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_commands import items
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

TITLE_000 = "Узбекистан и Казахстан наращивают сотрудничество в сфере туризма"
TITLE_002 = "Узбекистан и Алматы расширят межрегиональное сотрудничество"
TITLE_004 = "Туркестанская и Челябинская области сотрудничают в сфере туризма"


async def test_two_places_mean_between_them(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Тараз Ташкент")
    assert reply.plain.splitlines()[0] == "🔎 Жамбылская область ↔ Ташкент: свежие новости"
    assert len(items(reply)) == 1 and TITLE_000 in items(reply)[0]
    [reply] = await tg.ask(user, "/region Туркестанская область Челябинская область")
    assert len(items(reply)) == 1 and TITLE_004 in items(reply)[0]


async def test_a_place_named_in_passing_is_not_a_side(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Алматы Ташкент")  # 002 only mentions Ташкент
    assert reply.plain.startswith("🔎 Алматы ↔ Ташкент: новостей пока нет")
    assert not items(reply)


async def test_place_and_topic_mean_both(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Туркестанская область туризм")
    assert "Туркестанская область · туризм" in reply.plain.splitlines()[0]
    assert len(items(reply)) == 1 and TITLE_004 in items(reply)[0]
    [reply] = await tg.ask(user, "/region Туркестанская область экология")  # 004 has no ecology
    assert "новостей пока нет" in reply.plain and not items(reply)


async def test_a_country_means_any_of_its_regions(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Казахстан")
    assert reply.plain.startswith("🔎 Казахстан: свежие новости")
    assert len(items(reply)) == 5  # every seed names a region of Kazakhstan
    [reply] = await tg.ask(user, "/region Россия")
    assert len(items(reply)) == 1 and TITLE_004 in items(reply)[0]


async def test_words_not_understood_are_named_with_nearest_names(tg: FakeTelegram) -> None:
    user = tg.new_user()
    listing, note = await tg.ask(user, "/region Алматы Самрканд", 2)
    assert listing.plain.startswith("📍 Алматы: свежие новости")
    assert "Не понял: «Самрканд»" in note.plain
    assert "Самаркандская область" in note.button_texts()


async def test_a_period_bounds_the_list(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region Алматы в декабре 2025")  # 002 is of 2025-12-28
    assert "01.12.2025–31.12.2025" in reply.plain.splitlines()[0]
    assert len(items(reply)) == 1 and TITLE_002 in items(reply)[0]
    [reply] = await tg.ask(user, "/region Алматы в сентябре 2025")
    assert "новостей пока нет" in reply.plain


async def test_plain_words_in_a_private_chat(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [asked] = await tg.ask(user, "что нового между Таразом и Ташкентом?")
    [command] = await tg.ask(user, "/region Тараз Ташкент")
    assert asked.text == command.text and asked.reply_markup == command.reply_markup
    [reply] = await tg.ask(user, "туризм в Туркестане")
    assert TITLE_004 in items(reply)[0]
    [reply] = await tg.ask(user, "ну и ладно")  # nothing to understand: named, with a hint
    assert "Не понял" in reply.plain and "ладно" in reply.plain


async def test_plain_words_in_a_group_only_when_addressed(tg: FakeTelegram) -> None:
    user = tg.new_user()
    group = tg.new_group(admins=[user])
    await tg.send_text(group, user, "Тараз Ташкент")  # talk among members: not for the bot
    [reply] = await tg.ask(group, "@regional_news_test_bot Тараз Ташкент", user=user)
    assert reply.plain.startswith("🔎 Жамбылская область ↔ Ташкент")
    assert len(tg.messages_to(group.id)) == 1  # the unaddressed message got no answer


async def test_a_reply_to_the_bot_in_a_group_is_a_question(tg: FakeTelegram) -> None:
    user = tg.new_user()
    group = tg.new_group(admins=[user])
    [first] = await tg.ask(group, "@regional_news_test_bot Алматы", user=user)
    before = len(tg.messages_to(group.id))
    message = {
        "message_id": 900_001,
        "date": int(first.time),
        "chat": tg.chats[group.id].api(),
        "from": user.api(),
        "text": "Туркестанская область",
        "reply_to_message": {
            "message_id": first.message_id,
            "date": int(first.time),
            "chat": tg.chats[group.id].api(),
            "from": tg.bot_user(),
            "text": first.plain,
        },
    }
    await tg.push_update({"message": message})
    [reply] = (await tg.wait_for_messages(group.id, before + 1))[before:]
    assert reply.plain.startswith("📍 Туркестанская область")


async def test_commands_in_any_case(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/Region Алматы")
    assert reply.plain.startswith("📍 Алматы: свежие новости")
    [reply] = await tg.ask(user, "/TOPIC туризм")
    assert reply.plain.startswith("🏷 туризм")


async def test_english_reader(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    [reply] = await tg.ask(user, "what's new between Taraz and Tashkent")
    assert reply.plain.splitlines()[0] == "🔎 Zhambyl Region ↔ Toshkent: latest news"
    assert TITLE_000 in items(reply)[0]
    [reply] = await tg.ask(user, "/region Turkistan tourism")
    assert reply.plain.splitlines()[0] == "🔎 Turkistan Region · tourism: latest news"
    [reply] = await tg.ask(user, "/region Kazakhstan")
    assert reply.plain.startswith("🔎 Kazakhstan: latest news")
    _listing, note = await tg.ask(user, "/region Almaty Smrkand", 2)
    assert "Not understood: «Smrkand»" in note.plain


async def test_topic_command_with_a_place_answers_the_place(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/topic Алматы")
    assert reply.plain.startswith("📍 Алматы: свежие новости")


async def test_inline_mode_reads_the_same_questions(tg: FakeTelegram) -> None:
    user = tg.new_user()
    query_id = await tg.inline_query(user, "Тараз Ташкент")
    [result] = (await tg.wait_for_inline_answer(query_id))["results"]
    assert TITLE_000 in result["title"]  # the one article where both are sides
    query_id = await tg.inline_query(user, "космос Россия")
    [result] = (await tg.wait_for_inline_answer(query_id))["results"]
    assert TITLE_004 in result["title"]
    # Ташкент is only named in 002: no article has both as sides, so the words are searched
    query_id = await tg.inline_query(user, "Алматы Ташкент")
    results = (await tg.wait_for_inline_answer(query_id))["results"]
    assert any(TITLE_002 in r["title"] for r in results)


async def test_region_picker_in_english(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    [picker] = await tg.ask(user, "/region")
    assert "Kazakhstan" in picker.button_texts()
    await tg.press(picker, text="Kazakhstan", user=user)
    await tg.wait_for_edit(picker)
    names = [label.rsplit(" (", 1)[0] for label in picker.button_texts()]
    assert "Zhambyl Region" in names and "Turkistan Region" in names
    assert not any("область" in name for name in names)


async def test_a_period_alone_and_latest_with_words(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/latest в декабре 2025")
    assert reply.plain.startswith("🔎 01.12.2025–31.12.2025: свежие новости")
    assert len(items(reply)) == 1 and TITLE_002 in items(reply)[0]
    listing, note = await tg.ask(user, "/latest 10", 2)  # a number is no question: named
    assert listing.plain.startswith("🗞 Свежие новости") and "Не понял: «10»" in note.plain
    [reply] = await tg.ask(user, "что нового сегодня?")  # 003 and 004 have no date: loaded today
    assert {TITLE_004 in line for line in items(reply)} == {True, False}
    assert len(items(reply)) == 2
