"""/sources and /sources add for ADMIN_IDS: the real bot, the fake Bot API, a local news site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from html import escape

import pytest

from tests.e2e.subs_bot import NewsBot, news_bot
from tests.sources.test_sources_poll import publish, story_texts
from tests.support.fake_telegram import SentMessage
from tests.support.feed_server import FeedServer

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]


@pytest.fixture(scope="module")
async def site() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        publish(server, "a", [(f"s{i}", story_texts(60 + i)[0]) for i in range(3)])
        feed = server.url("/a.rss")
        server.route(
            "/home",
            content_type="text/html; charset=utf-8",
            body=(
                '<html><head><link rel="alternate" type="application/rss+xml" '
                f'href="{escape(feed)}"></head><body><p>Новости</p></body></html>'
            ).encode(),
        )
        server.route("/gone.rss", status=404, body=b"")
        yield server


async def test_sources_is_refused_to_others_and_changes_nothing(
    news_bot: NewsBot, site: FeedServer
) -> None:
    user = news_bot.fake.new_user()
    for text in ("/sources", f"/sources add {site.url('/a.rss')}"):
        [reply] = await news_bot.fake.ask(user, text)
        assert "только для администраторов" in reply.plain
    assert site.hits["/a.rss"] == 0


async def test_add_a_feed_a_page_with_its_feed_and_a_broken_url(
    news_bot: NewsBot, site: FeedServer
) -> None:
    fake, admin = news_bot.fake, news_bot.admin
    [_, bad] = await fake.ask(admin, f"/sources add {site.url('/gone.rss')}", 2, timeout=20)
    assert "Не добавлено" in bad.plain and "404" in bad.plain
    [_, page] = await fake.ask(admin, f"/sources add {site.url('/home')} Домашняя", 2, timeout=30)
    assert "не лента" in page.plain and site.url("/a.rss") in page.plain
    assert "записей в ней 3, о сотрудничестве 3" in page.plain
    [_, again] = await fake.ask(admin, f"/sources add {site.url('/a.rss')}", 2, timeout=20)
    assert "уже есть" in again.plain
    [usage] = await fake.ask(admin, "/sources add")
    assert "Укажите адрес ленты" in usage.plain


async def test_list_pause_resume_remove(news_bot: NewsBot, site: FeedServer) -> None:
    fake, admin = news_bot.fake, news_bot.admin
    listing = await _listing(news_bot)
    assert "Домашняя" in listing.plain and "папка статей" in listing.plain
    await fake.press(listing, text="⏸ Пауза: Домашняя", user=admin)
    await fake.wait_for_edit(listing)
    assert "приостановлен" in listing.plain
    stranger = fake.new_user()
    query = await fake.press(listing, text="▶️ Включить: Домашняя", user=stranger)
    answer = await fake.wait_for_callback_answer(query)
    assert "только для администраторов" in answer.get("text", "")
    await fake.press(listing, text="▶️ Включить: Домашняя", user=admin)
    await fake.wait_for_edit(listing, 2)
    assert "следующий опрос" in listing.plain and "приостановлен" not in listing.plain
    await fake.press(listing, text="✖ Удалить", user=admin)
    await fake.wait_for_edit(listing, 3)
    assert "Домашняя" not in listing.plain


async def _listing(news_bot: NewsBot) -> SentMessage:
    [reply] = await news_bot.fake.ask(news_bot.admin, "/sources")
    return reply
