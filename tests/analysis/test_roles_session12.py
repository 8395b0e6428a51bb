"""Roles, session 12 (how news is written, studied on the study half of the tuned parts only;
kept only where the check half held).

The place a joint project or facility is at is a side, no sides' word needed. A capital a
traveller arrives in, or a visit is in, is the venue (a mention) wherever in the sentence the
traveller or the visit's word stands. A place opening a sentence with the date after it is the
page's signature, as a dateline is. A venue's "в" may stand before a feminine country adjective
("в туркменской Авазе") as before a masculine one ("в казахстанском Актау"). A passenger train the
title tells of is news about both ends of its route, as a flight is. A region presented to the
other side (its prospects, a presentation) acts as a side. What is built, named between a venue's
word and the place ("подписать соглашение о строительстве ТЭЦ в Кокшетау"), makes the place its
site (a side), no venue."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze

CASES = [
    pytest.param(
        "Башкортостан и Узбекистан подписали дорожную карту\n\nРеспублика Башкортостан и "
        "Узбекистан подписали дорожную карту сотрудничества на 2025–2026 годы.\n\nКлючевым "
        "проектом станет строительство совместного технопарка в Ташкентской области.",
        "UZ-TO",
        "party",
        id="joint-site-ru",
    ),
    pytest.param(
        "Tatarstan and Uzbekistan expand cooperation\n\nPresident of Tatarstan Rustam "
        "Minnikhanov met the Uzbek delegation in Kazan to discuss cooperation in industry.\n\n"
        "A new joint project of the technological park in Tashkent region was launched today.",
        "UZ-TO",
        "party",
        id="joint-site-en",
    ),
    pytest.param(
        "Туркестанская и Ташкентская области подписали план совместных мероприятий\n\nАким "
        "Туркестанской области и хоким Ташкентской области подписали план мероприятий по "
        "развитию сотрудничества.\n\nДокумент предусматривает проведение совместной "
        "выставки-ярмарки в Шымкенте и обмен творческими коллективами.",
        "KZ-79",
        "mention",
        id="joint-event-venue",
    ),
    pytest.param(
        "Astrakhan Region strengthens partnership with Turkmenistan\n\nDenis Afanasyev, "
        "Vice-Governor and Chairman of the Government of Russia's Astrakhan Region, came to "
        "Ashgabat during the celebrations of Turkmenistan's Independence Day.",
        "TM-S",
        "mention",
        id="traveller-far-before-the-capital",
    ),
    pytest.param(
        "Иркутская область развивает связи с Узбекистаном\n\nГубернатор Иркутской области "
        "находится с рабочей поездкой в Узбекистане. Сегодня в Ташкенте по приглашению "
        "Президента Республики Узбекистан с двухдневным визитом находится Президент России.",
        "UZ-TK",
        "mention",
        id="visit-word-far-after-the-capital",
    ),
    pytest.param(
        "Ambassador of Pakistan calls on the Governor of Naryn\n\nThe Ambassador discussed "
        "trade and tourism with the Governor of Naryn region. He also offered to sign a sister "
        "city agreement between Naryn and a city in Pakistan. Bishkek, 5th December, 2018",
        "KG-GB",
        "mention",
        id="place-and-date-signing-off",
    ),
    pytest.param(
        "Узбекистан и Туркменистан хотят довести взаимную торговлю до $2 млрд\n\nХорезмская "
        "область и Дашогузский велаят договорились о создании приграничной торговой зоны. "
        "Переговоры прошли на конференции ООН в туркменской Авазе.",
        "TM-B",
        "mention",
        id="venue-after-a-feminine-country-adjective",
    ),
    pytest.param(
        "Из Оренбурга в Казань пустят прямой поезд\n\nС 23 декабря запускается прямой "
        "железнодорожный маршрут между Оренбургом и Казанью. Поезд «Узбекских железных дорог» "
        "пойдет по маршруту Ташкент — Казань с остановками в Оренбурге.",
        "UZ-TK",
        "party",
        id="train-route-end",
    ),
    pytest.param(
        "Kazakhstan–Xinjiang trade reached $22bn in 2024\n\nA business forum of Kazakhstan and "
        "the Xinjiang Uygur Autonomous Region took place in Urumqi on Monday.\n\nOn the "
        "sidelines of the event, the investment and tourism prospects of East Kazakhstan "
        "region were presented.",
        "KZ-63",
        "party",
        id="region-presented-to-the-other-side",
    ),
    pytest.param(
        "Кабмин поручил Минэнерго подписать с Казахстаном соглашение о строительстве ТЭЦ\n\n"
        "Правительство России поручило Минэнерго подписать с Казахстаном соглашение о "
        "строительстве угольных теплоэлектростанций в Кокшетау, Семее и Усть-Каменогорске.",
        "KZ-11",
        "party",
        id="site-after-a-venue-word",
    ),
]


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


@pytest.mark.parametrize(("text", "code", "role"), CASES)
def test_role(text: str, code: str, role: str) -> None:
    assert roles(text)[code] == role
