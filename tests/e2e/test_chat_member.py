"""The bot blocked, kicked, added back; a group becoming a supergroup; /start reviving."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import TOURISM, NewsBot, eventually, news_bot, titles

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]


async def is_active(bot: NewsBot, chat_id: int) -> bool | None:
    chat = await bot.subs.get_chat(chat_id)
    return None if chat is None else chat.active


async def test_kicked_inactive_then_readded_active_without_backlog(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    boss, witness = fake.new_user(), fake.new_user()
    group = fake.new_group(admins=[boss])
    await fake.ask(group, "/subscribe туризм", user=boss)
    await fake.ask(witness, "/subscribe туризм")

    await fake.my_chat_member(group, boss, old="administrator", new="kicked")
    await eventually(lambda: _inactive(news_bot, group.id))
    missed = news_bot.add_article(TOURISM)
    await news_bot.reload()
    await fake.wait_until(lambda: missed in titles(fake.messages_to(witness.id)), 20)
    await news_bot.idle()
    assert missed not in titles(fake.messages_to(group.id))
    assert not [e for e in fake.errors if e[0] == "sendMessage" and e[1] == 403]  # not tried

    await fake.my_chat_member(group, boss, old="left", new="administrator")
    await eventually(lambda: _active(news_bot, group.id))
    fresh = news_bot.add_article(TOURISM)
    await news_bot.reload()
    await fake.wait_until(lambda: fresh in titles(fake.messages_to(group.id)), 20)
    await news_bot.idle()
    got = titles(fake.messages_to(group.id))
    assert missed not in got  # no backlog
    assert got.count(fresh) == 1
    assert len(await news_bot.subs.list(group.id)) == 1  # kept while inactive


async def test_blocked_private_user_revived_by_start(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    await fake.ask(user, "/subscribe")
    await fake.my_chat_member(user, user, old="member", new="kicked")
    await eventually(lambda: _inactive(news_bot, user.id))
    fake.unblock(user.id)  # the user unblocked the bot and writes /start
    [reply] = await fake.ask(user, "/start")
    assert "/region" in reply.plain  # /start is still answered as usual
    assert await is_active(news_bot, user.id) is True


async def test_subscribe_revives_an_inactive_chat(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    await fake.ask(user, "/subscribe Алматы")
    await fake.my_chat_member(user, user, old="member", new="kicked")
    await eventually(lambda: _inactive(news_bot, user.id))
    fake.unblock(user.id)
    [reply] = await fake.ask(user, "/subscribe туризм")
    assert "С возвращением" in reply.plain
    assert await is_active(news_bot, user.id) is True


async def test_group_migrating_to_supergroup_keeps_subscriptions(news_bot: NewsBot) -> None:
    fake, boss = news_bot.fake, news_bot.fake.new_user()
    group = fake.new_group(admins=[boss])
    await fake.ask(group, "/subscribe экология", user=boss)
    new_id = -1_000_000_000_000 - group.id * -1
    supergroup = fake.migrate(group.id, new_id)
    await fake.push_update(
        {
            "message": {
                "message_id": 900,
                "date": 0,
                "chat": {"id": group.id, "type": "group"},
                "from": {"id": boss.id, "is_bot": False, "first_name": "Boss"},
                "migrate_to_chat_id": new_id,
            }
        }
    )
    await fake.push_update(
        {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": supergroup.api(),
                "from": {"id": boss.id, "is_bot": False, "first_name": "Boss"},
                "migrate_from_chat_id": group.id,
            }
        }
    )
    await eventually(lambda: _has_subs(news_bot, new_id))
    assert await news_bot.subs.get_chat(group.id) is None
    [sub] = await news_bot.subs.list(new_id)
    assert (sub.kind, sub.value) == ("topic", "ecology")
    chat = await news_bot.subs.get_chat(new_id)
    assert chat is not None and chat.type == "supergroup"


async def _inactive(bot: NewsBot, chat_id: int) -> bool:
    return await is_active(bot, chat_id) is False


async def _active(bot: NewsBot, chat_id: int) -> bool:
    return await is_active(bot, chat_id) is True


async def _has_subs(bot: NewsBot, chat_id: int) -> bool:
    return bool(await bot.subs.list(chat_id))
