"""/subscribe, /unsubscribe, /subscriptions end to end: every way in and out, filters, rights."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import ECOLOGY, TOURISM, NewsBot, news_bot, titles
from tests.support.fake_telegram import MAX_TEXT

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]  # the fixture, imported for this module


async def filters_of(bot: NewsBot, chat_id: int) -> set[tuple[str, str]]:
    return {(s.kind, s.value) for s in await bot.subs.list(chat_id)}


# --------------------------------------------------------------------------- private chats


async def test_subscribe_to_everything_in_a_private_chat(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user()
    [reply] = await news_bot.fake.ask(user, "/subscribe")
    assert "Подписка оформлена" in reply.plain and "все новости" in reply.plain
    assert await filters_of(news_bot, user.id) == {("all", "")}
    chat = await news_bot.subs.get_chat(user.id)
    assert chat is not None and chat.type == "private" and chat.active


async def test_region_by_city_old_name_latin_and_topic_any_form(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user()
    for text in (
        "/subscribe в Таразе",
        "/subscribe Samarkand",
        "/subscribe Чимкент",
        "/subscribe туристический",
    ):
        [reply] = await news_bot.fake.ask(user, text)
        assert "Подписка оформлена" in reply.plain, (text, reply.plain)
    # Тараз is in Zhambyl (KZ-31), Чимкент is Shymkent (KZ-79), a city that is a region itself.
    assert await filters_of(news_bot, user.id) == {
        ("region", "KZ-31"),
        ("region", "UZ-SA"),
        ("region", "KZ-79"),
        ("topic", "tourism"),
    }


async def test_duplicate_subscribe_says_already_subscribed(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user()
    await news_bot.fake.ask(user, "/subscribe туризм")
    [again] = await news_bot.fake.ask(user, "/subscribe Туризм")
    assert "Уже есть подписка" in again.plain
    assert len(await news_bot.subs.list(user.id)) == 1


async def test_english_user_gets_english_answers(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user(language_code="en")
    [reply] = await news_bot.fake.ask(user, "/subscribe tourism")
    assert reply.plain.startswith("✅ Subscribed:") and "tourism" in reply.plain
    [listing] = await news_bot.fake.ask(user, "/subscriptions")
    assert "Subscriptions" in listing.plain and "Press a button to remove" in listing.plain
    assert listing.button_texts() == ["✖ 🏷 tourism"]


async def test_unknown_name_offers_buttons_that_subscribe(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user()
    [reply] = await news_bot.fake.ask(user, "/subscribe туризмм")
    assert "Не нашёл" in reply.plain
    assert 1 <= len(reply.buttons) <= 3
    assert "туризм" in reply.button_texts()[0]
    await news_bot.fake.press(reply, text="туризм")
    await news_bot.fake.wait_for_edit(reply)
    assert "Подписка оформлена" in reply.plain
    assert await filters_of(news_bot, user.id) == {("topic", "tourism")}


async def test_unsubscribe_by_name_all_and_the_list(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    for name in ("Алматы", "экология", ""):
        await fake.ask(user, f"/subscribe {name}".strip())
    [reply] = await fake.ask(user, "/unsubscribe Алма-Ата")  # the old name of the same city
    assert "Подписка удалена" in reply.plain
    assert await filters_of(news_bot, user.id) == {("topic", "ecology"), ("all", "")}
    [reply] = await fake.ask(user, "/unsubscribe Алматы")
    assert "нет" in reply.plain  # not subscribed any more: says so and lists what there is
    assert any("экология" in b for b in reply.button_texts())
    [listing] = await fake.ask(user, "/unsubscribe")
    assert len([b for b in listing.button_texts() if b.startswith("✖")]) == 3  # 2 + "all"
    [reply] = await fake.ask(user, "/unsubscribe all")
    assert "Удалены все подписки (2)" in reply.plain
    assert await news_bot.subs.list(user.id) == []
    [reply] = await fake.ask(user, "/subscriptions")
    assert "Подписок нет" in reply.plain and not reply.buttons


async def test_remove_buttons_edit_the_list(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    await fake.ask(user, "/subscribe Алматы")
    await fake.ask(user, "/subscribe торговля")
    [listing] = await fake.ask(user, "/subscriptions")
    assert "Алматы" in listing.plain and "торговля" in listing.plain
    query = await fake.press(listing, text="Алматы")
    await fake.wait_for_edit(listing)
    assert (await fake.wait_for_callback_answer(query))["text"] == "Подписка удалена"
    assert "Алматы" not in listing.plain and "торговля" in listing.plain
    assert await filters_of(news_bot, user.id) == {("topic", "trade")}
    await fake.press(listing, text="торговля")
    await fake.wait_for_edit(listing, 2)
    assert "Подписок нет" in listing.plain
    assert await news_bot.subs.list(user.id) == []


# --------------------------------------------------------------------------- delivery filter


async def test_tourism_subscriber_gets_tourism_not_ecology(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    tourist, ecologist = fake.new_user(), fake.new_user()
    await fake.ask(tourist, "/subscribe туризм")
    await fake.ask(ecologist, "/subscribe экология")
    tour_title = news_bot.add_article(TOURISM)
    eco_title = news_bot.add_article(ECOLOGY)
    report = await news_bot.reload()
    assert "добавлено 2" in report.plain
    # after the one reply to /subscribe, one delivery each
    [got] = (await fake.wait_for_messages(tourist.id, 2, timeout=20))[1:]
    [eco_got] = (await fake.wait_for_messages(ecologist.id, 2, timeout=20))[1:]
    assert tour_title in got.plain and "#туризм" in got.plain
    assert eco_title in eco_got.plain
    # The run that delivered the ecology article planned both: nothing more is coming.
    assert eco_title not in titles(fake.messages_to(tourist.id))
    assert tour_title not in titles(fake.messages_to(ecologist.id))


# --------------------------------------------------------------------------- groups


async def test_group_non_admin_is_refused_and_nothing_changes(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    boss, member = fake.new_user(), fake.new_user()
    group = fake.new_group(admins=[boss])
    for text in ("/subscribe", "/unsubscribe all", "/subscriptions"):
        [reply] = await fake.ask(group, text, user=member)
        assert "только её администраторы" in reply.plain
    assert await news_bot.subs.get_chat(group.id) is None
    [reply] = await fake.ask(group, "/subscribe@regional_news_test_bot Алматы", user=boss)
    assert "Подписка оформлена" in reply.plain
    [reply] = await fake.ask(group, "/unsubscribe all", user=member)
    assert "администраторы" in reply.plain
    assert await filters_of(news_bot, group.id) == {("region", "KZ-75")}


async def test_group_remove_button_pressed_by_non_admin_is_refused(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    boss, member = fake.new_user(), fake.new_user()
    group = fake.new_group(admins=[boss], supergroup=True)
    await fake.ask(group, "/subscribe энергетика", user=boss)
    [listing] = await fake.ask(group, "/subscriptions", user=boss)
    query = await fake.press(listing, text="энергетика", user=member)
    answer = await fake.wait_for_callback_answer(query)
    assert answer.get("show_alert") and "администраторы" in answer["text"]
    assert await filters_of(news_bot, group.id) == {("topic", "energy")}
    assert listing.edits == 0


async def test_anonymous_group_admin_may_subscribe(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    group = fake.new_group(admins=[fake.new_user()], supergroup=True)
    await news_bot.group_message_as_chat(group, "/subscribe космос")
    [reply] = await fake.wait_for_messages(group.id)
    assert "Подписка оформлена" in reply.plain
    assert await filters_of(news_bot, group.id) == {("topic", "space")}


async def test_forum_topic_subscription_delivers_into_the_topic(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    boss = fake.new_user()
    forum = fake.new_group(admins=[boss], forum=True)
    [reply] = await fake.ask(forum, "/subscribe Самарканд", user=boss, thread_id=77)
    assert "тему форума" in reply.plain and reply.message_thread_id == 77
    [sub] = await news_bot.subs.list(forum.id)
    assert sub.thread_id == 77
    title = news_bot.add_article(TOURISM)  # Samarkand is one of its regions
    await news_bot.reload()
    delivered = (await fake.wait_for_messages(forum.id, 2, timeout=20))[1]
    assert title in delivered.plain and delivered.message_thread_id == 77


# --------------------------------------------------------------------------- channels


async def test_channel_post_subscribes_the_channel(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    channel = fake.new_channel(admins=[fake.new_user()])
    await fake.channel_post(channel, "/subscribe туризм")
    [reply] = await fake.wait_for_messages(channel.id)
    assert "Подписка оформлена" in reply.plain
    assert await filters_of(news_bot, channel.id) == {("topic", "tourism")}
    chat = await news_bot.subs.get_chat(channel.id)
    assert chat is not None and chat.type == "channel"
    await fake.channel_post(channel, "/unsubscribe туризм")
    await fake.wait_for_messages(channel.id, 2)
    assert await news_bot.subs.list(channel.id) == []


async def test_subscribe_channel_from_private_chat(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    owner, stranger = fake.new_user(), fake.new_user()
    channel = fake.new_channel(admins=[owner], username="coop_news_ok", title="Coop <News>")
    [reply] = await fake.ask(stranger, "/subscribe @coop_news_ok туризм")
    assert "не администратор канала" in reply.plain and "Coop <News>" in reply.plain
    assert await news_bot.subs.get_chat(channel.id) is None
    [reply] = await fake.ask(owner, "/subscribe @coop_news_ok туризм")
    assert "Подписка оформлена" in reply.plain and "канал «Coop <News>»" in reply.plain
    assert await filters_of(news_bot, channel.id) == {("topic", "tourism")}
    assert await news_bot.subs.get_chat(owner.id) is None  # the private chat is not subscribed
    # its list, managed from the private chat, with a working remove button
    [listing] = await fake.ask(owner, "/subscriptions @coop_news_ok")
    await fake.press(listing, text="туризм")
    await fake.wait_for_edit(listing)
    assert await news_bot.subs.list(channel.id) == []


async def test_channel_where_the_bot_cannot_post_is_refused(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    owner = fake.new_user()
    channel = fake.new_channel(admins=[owner], username="coop_news_ro", bot_status="member")
    [reply] = await fake.ask(owner, "/subscribe @coop_news_ro")
    assert "не могу публиковать" in reply.plain and "администраторы канала" in reply.plain
    assert await news_bot.subs.get_chat(channel.id) is None


async def test_subscribe_unknown_or_malformed_channel(news_bot: NewsBot) -> None:
    user = news_bot.fake.new_user()
    [reply] = await news_bot.fake.ask(user, "/subscribe @nonexistent_channel")
    assert "не найден" in reply.plain and "@nonexistent_channel" in reply.plain
    [reply] = await news_bot.fake.ask(user, "/subscribe @<b>x</b>")
    assert "не похоже на имя канала" in reply.plain and "<b>x</b>" in reply.plain
    assert await news_bot.subs.get_chat(user.id) is None


# --------------------------------------------------------------------------- bad input


async def test_hostile_names_are_plain_text(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    for name in ("я" * 5000, "<b>Нарния</b> & <i>", "'; DROP TABLE subscriptions; --"):
        [reply] = await fake.ask(user, f"/subscribe {name}")
        assert "Не нашёл" in reply.plain
        assert len(reply.plain) <= MAX_TEXT
    [reply] = await fake.ask(user, "/subscribe <b>x</b>")
    assert "<b>x</b>" in reply.plain  # shown as typed, i.e. escaped in the HTML
    assert await news_bot.subs.list(user.id) == []
    [reply] = await fake.ask(user, "/unsubscribe " + "z" * 5000)
    assert len(reply.plain) <= MAX_TEXT
