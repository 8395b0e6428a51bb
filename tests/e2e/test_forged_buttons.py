"""Buttons are checked like typed commands: a forged callback can neither store junk, grow a
chat without bound, learn about another chat, nor break the bot with a huge number."""

from __future__ import annotations

import logging

import pytest

from bot.routers.subscriptions import MAX_SUBSCRIPTIONS
from tests.e2e.conftest import RunningBot
from tests.support.fake_telegram import FakeTelegram, SentMessage

pytestmark = pytest.mark.e2e


def forge(message: SentMessage, *data: str) -> None:
    """Replace the message's keyboard with buttons carrying ``data`` (what a client could send)."""
    message.reply_markup = {
        "inline_keyboard": [[{"text": f"b{i}", "callback_data": d}] for i, d in enumerate(data)]
    }


async def press(tg: FakeTelegram, message: SentMessage, data: str) -> str:
    query_id = await tg.press(message, data=data, user=tg.users[message.chat_id])
    answer = await tg.wait_for_callback_answer(query_id)
    return str(answer.get("text") or "")


async def test_forged_subscribe_values_are_refused_and_stored_never(
    tg: FakeTelegram, running_bot: RunningBot
) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/start")
    junk = ["t:<b>junk</b>", "t:" + "x" * 30, "r:XX-99", "q:tourism"]
    forge(reply, *(f"ss:{user.id}:{j}:0" for j in junk), f"ss:{user.id}:t:tourism:0")
    for j in junk:
        assert "устарел" in await press(tg, reply, f"ss:{user.id}:{j}:0")
    await press(tg, reply, f"ss:{user.id}:t:tourism:0")  # a real topic still works
    await tg.wait_for_edit(reply)
    assert running_bot.services.subscriptions is not None
    stored = await running_bot.services.subscriptions.list(user.id)
    assert [(s.kind, s.value) for s in stored] == [("topic", "tourism")]


async def test_subscriptions_per_chat_are_capped(tg: FakeTelegram, running_bot: RunningBot) -> None:
    user = tg.new_user()
    service = running_bot.services.subscriptions
    assert service is not None
    for n in range(MAX_SUBSCRIPTIONS):
        await service.subscribe(user.id, "private", "region", f"KZ-X{n}")
    [reply] = await tg.ask(user, "/start")
    forge(reply, f"ss:{user.id}:t:tourism:0")
    await press(tg, reply, f"ss:{user.id}:t:tourism:0")
    edited = await tg.wait_for_edit(reply)
    assert str(MAX_SUBSCRIPTIONS) in edited.plain
    assert len(await service.list(user.id)) == MAX_SUBSCRIPTIONS
    [typed] = await tg.ask(user, "/subscribe туризм")
    assert str(MAX_SUBSCRIPTIONS) in typed.plain
    assert len(await service.list(user.id)) == MAX_SUBSCRIPTIONS


async def test_a_stranger_learns_nothing_about_another_chat(
    tg: FakeTelegram, running_bot: RunningBot
) -> None:
    owner = tg.new_user()
    channel = tg.new_channel(admins=[owner], username="secretnews", title="Секретный канал")
    service = running_bot.services.subscriptions
    assert service is not None
    await service.subscribe(channel.id, "channel", "topic", "trade", title=channel.title)
    [sub] = await service.list(channel.id)
    stranger = tg.new_user()
    [reply] = await tg.ask(stranger, "/start")
    used, unknown = f"su:{channel.id}:{sub.id}", "su:-1009999999999:1"
    forge(reply, used, unknown)
    about_used = await press(tg, reply, used)
    about_unknown = await press(tg, reply, unknown)
    assert about_used == about_unknown  # the same words for "not yours" and "no such chat"
    assert "Секретный" not in about_used
    assert [s.id for s in await service.list(channel.id)] == [sub.id]


async def test_huge_pages_and_ids_are_answered_not_overflowing(
    tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    user = tg.new_user()
    [reply] = await tg.ask(user, "/latest")
    huge = str(2**63)
    forged = [f"l:n::{huge}", f"c:{huge}", f"su:{user.id}:{huge}", f"ss:{huge}:t:trade:0"]
    forge(reply, *forged)
    for data in forged:
        assert "устарел" in await press(tg, reply, data)
    assert not [r for r in caplog.records if "handler failed" in r.getMessage()]


async def test_double_tap_on_the_country_picker_is_not_an_error(
    tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    user = tg.new_user()
    [picker] = await tg.ask(user, "/region")
    button = picker.buttons[0]["callback_data"]
    await tg.wait_for_callback_answer(await tg.press(picker, data=button, user=user))
    picker.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": button}]]}
    await tg.wait_for_callback_answer(await tg.press(picker, data=button, user=user))
    await tg.ask(user, "/help")  # the second tap has been handled by now
    assert not [r for r in caplog.records if "not modified" in r.getMessage()]
    assert not [r for r in caplog.records if "handler failed" in r.getMessage()]
