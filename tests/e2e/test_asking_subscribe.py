"""Combined subscriptions end to end (issue 9): "/subscribe туризм Алматы" keeps both words,
/subscriptions shows it as read, and delivery sends only articles matching every term."""

from __future__ import annotations

import pytest

from tests.e2e.subs_bot import ECOLOGY, TOURISM, NewsBot, news_bot, titles

pytestmark = pytest.mark.e2e
__all__ = ["news_bot"]  # the fixture, imported for this module


async def test_combined_subscription_is_kept_whole_and_listed_as_read(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user()
    [reply] = await fake.ask(user, "/subscribe туризм Алматы")
    assert "Подписка оформлена" in reply.plain
    assert "Алматы" in reply.plain and "туризм" in reply.plain  # nothing dropped
    [listing] = await fake.ask(user, "/subscriptions")
    assert "🔎 Алматы · туризм" in listing.plain
    [reply] = await fake.ask(user, "/subscribe Алматы туризм")  # same terms, other order
    assert "Уже есть подписка" in reply.plain
    [reply] = await fake.ask(user, "/subscribe Алматы Самрканд")  # a word not understood
    assert "Самрканд" in reply.plain and "Подписка оформлена" not in reply.plain
    assert len(await news_bot.subs.list(user.id)) == 1


async def test_english_listing_of_a_combined_subscription(news_bot: NewsBot) -> None:
    fake, user = news_bot.fake, news_bot.fake.new_user(language_code="en")
    await fake.ask(user, "/subscribe Kazakhstan trade")
    [listing] = await fake.ask(user, "/subscriptions")
    assert "🔎 Kazakhstan · trade" in listing.plain


async def test_delivery_matches_every_term(news_bot: NewsBot) -> None:
    fake = news_bot.fake
    between, place_topic, miss = fake.new_user(), fake.new_user(), fake.new_user()
    await fake.ask(between, "/subscribe Павлодар Омск")  # both sides of the ecology article
    await fake.ask(place_topic, "/subscribe туризм Самарканд")
    await fake.ask(miss, "/subscribe Алматы экология")  # each article has only one of the two
    tour_title = news_bot.add_article(TOURISM)
    eco_title = news_bot.add_article(ECOLOGY)
    await news_bot.reload()
    [eco_got] = (await fake.wait_for_messages(between.id, 2, timeout=20))[1:]
    [tour_got] = (await fake.wait_for_messages(place_topic.id, 2, timeout=20))[1:]
    assert eco_title in eco_got.plain and tour_title in tour_got.plain
    assert tour_title not in titles(fake.messages_to(between.id))
    assert eco_title not in titles(fake.messages_to(place_topic.id))
    assert len(fake.messages_to(miss.id)) == 1  # only the reply to /subscribe
