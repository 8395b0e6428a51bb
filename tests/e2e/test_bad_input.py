"""SPEC's bad input: nothing a user sends crashes the bot or breaks a message.

The fake refuses invalid HTML and texts over 4096 characters exactly like Telegram, so an
escaping bug shows up as a missing reply plus an entry in ``fake.errors``.
"""

from __future__ import annotations

import pytest

from tests.support.fake_telegram import FakeTelegram, parse_html

pytestmark = pytest.mark.e2e

HOSTILE = [
    "<b>Алматы</b>",
    "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE articles; --",
    '" OR *',
    "NEAR(туризм торговля",
    "туризм AND NOT экология*",
    "a & b < c > d",
    "&lt;i&gt; &amp;",
    "x" * 5000,
    "Алматы " * 800,
    "🙂" * 3000,
]


def sent_errors(fake: FakeTelegram) -> list[tuple[str, int, str]]:
    return [e for e in fake.errors if e[0] in {"sendMessage", "editMessageText"}]


@pytest.mark.parametrize("command", ["/region", "/topic", "/search"])
@pytest.mark.parametrize("argument", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_arguments_are_plain_text(
    tg: FakeTelegram, command: str, argument: str
) -> None:
    user = tg.new_user()
    errors_before = len(sent_errors(tg))
    [reply] = await tg.ask(user, f"{command} {argument}")
    assert sent_errors(tg)[errors_before:] == []
    assert len(reply.plain) <= 4096
    assert "<script>" not in reply.text  # escaped, never passed through as markup
    if argument.startswith("<b>"):
        assert "&lt;b&gt;" in reply.text or "Алматы" in reply.plain


async def test_html_in_a_region_name_is_shown_as_typed(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/region <i>Нигдештадт</i>")
    assert "«<i>Нигдештадт</i>» не найден" in reply.plain  # visible, not italic


async def test_sql_in_arguments_does_not_touch_the_store(tg: FakeTelegram) -> None:
    user = tg.new_user()
    await tg.ask(user, "/search '; DELETE FROM articles; --")
    await tg.ask(user, "/region Robert'); DROP TABLE articles;--")
    [latest] = await tg.ask(user, "/latest")
    assert latest.plain.count("\n\n") == 5  # still five articles listed


async def test_fts_syntax_finds_by_the_words_only(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, '/search космос*" OR "')
    # the operators are dropped or taken as words: no syntax error, an answer either way
    assert reply.plain.startswith("🔎")


async def test_unknown_command_gets_a_hint(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/weather Алматы")
    assert "/help" in reply.plain and "Не знаю такой команды" in reply.plain


async def test_plain_text_gets_a_hint(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    [reply] = await tg.ask(user, "zzqx please")  # nothing in it names a place or a topic
    assert "Not understood: «zzqx»" in reply.plain and "tourism in Samarkand" in reply.plain


async def test_stale_button_is_answered_not_crashing(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [listing] = await tg.ask(user, "/latest")
    listing.reply_markup = {
        "inline_keyboard": [
            [
                {"text": "old", "callback_data": "zz:1"},
                {"text": "gone", "callback_data": "c:99999"},
                {"text": "bad", "callback_data": "l:s:#dead:1"},
            ]
        ]
    }
    query_id = await tg.press(listing, text="old", user=user)
    answer = await tg.wait_for_callback_answer(query_id)
    assert "устарел" in answer["text"]
    await tg.press(listing, text="gone", user=user)
    [gone] = (await tg.wait_for_messages(user.id, 2))[1:]
    assert "недоступна" in gone.plain
    await tg.press(listing, text="bad", user=user)
    [expired] = (await tg.wait_for_messages(user.id, 3))[2:]
    assert "устарел" in expired.plain


async def test_a_long_search_query_keeps_its_more_button_under_64_bytes(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/search Узбекистан Казахстан сотрудничество регионов туризм")
    for button in reply.buttons:
        assert len(button["callback_data"].encode()) <= 64


async def test_bot_keeps_answering_after_everything(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/start")
    assert parse_html(reply.text) == reply.plain
