"""/partners end to end: partners ranked by shared articles with their topics, a button per
partner leading to "between", and the chart sent with sendPhoto, drawn once per store state."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningBot
from tests.e2e.test_commands import items
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"
TOPICS_004 = {
    "культура",
    "образование",
    "промышленность",
    "инвестиции",
    "космос",
    "туризм",
    "торговля",
    "транспорт",
}


async def test_partners_of_a_region_text_buttons_and_chart(
    tg: FakeTelegram, running_bot: RunningBot
) -> None:
    user = tg.new_user()
    text, picture = await tg.ask(user, "/partners Туркестанская область", 2)
    lines = text.plain.splitlines()
    assert lines[0].startswith("🤝 Туркестанская область: с кем сотрудничает")
    # 004 (the only seed of KZ-61): Челябинская, Омская, Кызылординская области; Россия
    assert any(line.startswith("1. ") and "1 статья" in line for line in lines)
    chel = next(line for line in lines if "Челябинская область — 1 статья (" in line)
    shown = chel.split("(", 1)[1].rstrip(")").split(", ")
    # the topics of that cooperation: up to three, all among 004's topics
    assert 1 <= len(shown) <= 3 and set(shown) <= TOPICS_004
    assert any("Россия — 1 статья" in line for line in lines)
    assert not any("Туркестанская" in line for line in lines[1:])  # not its own partner
    assert picture.photo is not None and picture.photo.startswith(PNG)
    before = len(tg.messages_to(user.id))
    await tg.press(text, text="Туркестанская область ↔ Челябинская область", index=None)
    [listing] = (await tg.wait_for_messages(user.id, before + 1))[before:]
    assert listing.plain.startswith("🔎 Туркестанская область ↔ Челябинская область")
    assert "Туркестанская и Челябинская области" in items(listing)[0]


async def test_chart_is_drawn_once_until_the_store_changes(
    tg: FakeTelegram, running_bot: RunningBot
) -> None:
    partners = running_bot.services.partners
    user = tg.new_user()
    await tg.ask(user, "/partners Алматы", 2)
    drawn = partners.renders
    _text, picture = await tg.ask(user, "/partners Алматы", 2)
    assert partners.renders == drawn and picture.photo is not None
    running_bot.services.articles.invalidate()  # what /reload does after an ingest
    await tg.ask(user, "/partners Алматы", 2)
    assert partners.renders == drawn + 1


async def test_partners_of_a_country_in_english(tg: FakeTelegram) -> None:
    user = tg.new_user(language_code="en")
    text, picture = await tg.ask(user, "/partners Russia", 2)
    assert text.plain.startswith("🤝 Russian Federation: whom it works with")
    assert "Kazakhstan — 1 article" in text.plain
    assert picture.photo is not None


async def test_partners_without_a_place(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/partners")
    assert "/partners Алматы" in reply.plain
    [reply] = await tg.ask(user, "/Partners Самрканд")
    assert "Не понял: «Самрканд»" in reply.plain


async def test_partners_on_a_topic_and_nothing_typed_dropped(tg: FakeTelegram) -> None:
    user = tg.new_user()
    text, _picture = await tg.ask(user, "/partners Туркестанская область космос", 2)
    assert text.plain.startswith("🤝 Туркестанская область · космос:")
    assert "Челябинская область — 1 статья" in text.plain  # 004 is about space (Baikonur)
    [reply] = await tg.ask(user, "/partners Туркестанская область экология")  # 004 has none
    assert "нет статей о сотрудничестве" in reply.plain
    text, _picture, unused, note = await tg.ask(user, "/partners Алматы Ташкент ерунда", 4)
    assert "не учтено: Ташкент" in unused.plain
    assert "Не понял: «ерунда»" in note.plain


async def test_an_empty_year_points_to_all_time_which_finds_the_older_partners(
    tg: FakeTelegram,
) -> None:
    # Самаркандская область is a side only in seed 000 (2025-09-21): more than a year ago today
    user = tg.new_user()
    [reply] = await tg.ask(user, "/partners Самаркандская область")
    assert "нет статей о сотрудничестве" in reply.plain
    assert "/partners … за всё время" in reply.plain
    text, picture = await tg.ask(user, "/partners Самаркандская область за всё время", 2)
    assert text.plain.splitlines()[0] == (
        "🤝 Самаркандская область: с кем сотрудничает (все статьи, где обе стороны — участники)"
    )
    assert "Жамбылская область — 1 статья" in text.plain
    assert picture.photo is not None and picture.photo.startswith(PNG)
