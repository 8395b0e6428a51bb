"""/reload and /stats: ADMIN_IDS only; the counts, the failures, the queue."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import ECOLOGY, TOURISM, NewsBot, news_bot

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]


async def article_count(bot: NewsBot) -> int:
    return await bot.running.services.articles.store.count()


async def test_reload_and_stats_refused_to_others_and_nothing_changes(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    before = await article_count(news_bot)
    news_bot.add_article(ECOLOGY)  # waiting in SEEDS_DIR: only an admin's /reload may load it
    user = fake.new_user()
    for text in ("/reload", "/stats"):
        [reply] = await fake.ask(user, text)
        assert "только для администраторов" in reply.plain
    group = fake.new_group(admins=[user])  # a group admin is not a bot admin
    [reply] = await fake.ask(group, "/reload", user=user)
    assert "только для администраторов" in reply.plain
    channel = fake.new_channel(admins=[user])  # a channel post has no sender at all
    await fake.channel_post(channel, "/reload")
    [reply] = await fake.wait_for_messages(channel.id)
    assert "только для администраторов" in reply.plain
    assert await article_count(news_bot) == before
    english = fake.new_user(language_code="en")
    [reply] = await fake.ask(english, "/stats")
    assert "administrators only" in reply.plain
    # the admin's reload picks the waiting file up (the test's own proof that it was there)
    reply = await news_bot.reload()
    assert "добавлено 1" in reply.plain
    assert await article_count(news_bot) == before + 1


async def test_reload_counts_failures_and_queues_new_articles(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    subscriber = fake.new_user()
    await fake.ask(subscriber, "/latest")  # fills the listing cache before the reload
    await fake.ask(subscriber, "/subscribe")
    before = await article_count(news_bot)
    title = news_bot.add_article(TOURISM)
    (news_bot.seeds / "empty.txt").write_bytes(b"")
    (news_bot.seeds / "<script>.txt").write_bytes(bytes(range(256)) * 40)
    try:
        reply = await news_bot.reload()
    finally:
        (news_bot.seeds / "empty.txt").unlink()
        (news_bot.seeds / "<script>.txt").unlink()
    assert "добавлено 1" in reply.plain and "с ошибками 2" in reply.plain
    assert f"без изменений {before}" in reply.plain
    assert "empty.txt" in reply.plain and "<script>.txt" in reply.plain  # escaped, shown
    assert "поставлены в очередь" in reply.plain
    delivered = (await fake.wait_for_messages(subscriber.id, 3, timeout=20))[2]
    assert title in delivered.plain
    # listings are cached for a while; a reload must show the new article at once
    [latest] = await fake.ask(subscriber, "/latest")
    assert title in latest.plain
    again = await news_bot.reload()
    assert "добавлено 0" in again.plain and "Новых статей нет" in again.plain


async def test_stats_counts(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    active, gone = fake.new_user(), fake.new_user()
    await fake.ask(active, "/subscribe Алматы")
    await fake.ask(gone, "/subscribe")
    await fake.my_chat_member(gone, gone, old="member", new="kicked")
    await news_bot.idle()
    services = news_bot.running.services
    assert services.admin is not None
    expected = await services.admin.stats()
    async with services.db.execute("SELECT count(DISTINCT code) FROM article_regions") as cur:
        row = await cur.fetchone()
    assert row is not None
    [reply] = await fake.ask(news_bot.admin, "/stats")
    assert f"Статей: {await article_count(news_bot)}" in reply.plain
    assert f"Регионов с новостями: {row[0]}" in reply.plain
    assert expected.subscribers_inactive >= 1
    n_active, n_inactive = expected.subscribers_active, expected.subscribers_inactive
    assert (
        f"Подписчики: {n_active} {ru_plural(n_active, 'активный', 'активных', 'активных')}, "
        f"{n_inactive} {ru_plural(n_inactive, 'неактивный', 'неактивных', 'неактивных')}"
    ) in reply.plain
    assert f"{expected.deliveries_sent} отправлено" in reply.plain


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for ``n`` (1 and 21 one; 2-4 and 22-24 few; 0, 5-20, 11-14 many)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
