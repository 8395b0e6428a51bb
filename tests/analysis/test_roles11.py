"""Roles, round 11: a region of the other country named in the body with the head's only
side is the other side; a capital a delegation arrives in is the venue of talks with its
country's government (a mention), while a train arriving there stays a side
(test_regions_real4.test_train_arriving_in_a_capital_keeps_it_a_side)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        (
            "Делегация Пензенской области прибыла в Бишкек\n\nДелегация Пензенской области "
            "прибыла в Бишкек для переговоров с правительством Кыргызстана о поставках зерна.",
            "KG-GB",
        ),
        (
            "St. Petersburg governor in Turkmenistan\n\nOn Sunday Governor Alexander Beglov "
            "arrived in Ashgabat, the capital of Turkmenistan, at the head of a delegation of "
            "the Government of St. Petersburg.",
            "TM-S",
        ),
    ],
)
def test_capital_a_delegation_arrives_in_is_a_mention(text: str, capital: str) -> None:
    assert roles(text)[capital] == "mention"


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "Heilongjiang leads China in business with Russia\n\nHeilongjiang province's trade "
            "with Russia grew by a third last year, local officials said.\n\nOn Feb 26 the "
            "foundation stone was laid for a railway bridge linking Heilongjiang with Russia's "
            "Jewish Autonomous Oblast.",
            "RU-YEV",
        ),
        (
            "Башкирия и Узбекистан запускают совместные проекты\n\nБашкортостан и Узбекистан "
            "обсудили новые проекты в промышленности и сельском хозяйстве.\n\nУ Башкортостана "
            "большой опыт в тепличном хозяйстве, а Ташкентская область предлагает для него "
            "хорошие условия.",
            "UZ-TO",
        ),
    ],
)
def test_other_country_region_named_with_the_only_side_is_a_side(text: str, other: str) -> None:
    assert roles(text)[other] == "party"


def test_capital_named_once_in_a_local_item_is_the_seat() -> None:
    text = (
        "В Таджикистане произошло землетрясение\n\nЗемлетрясение магнитудой 5 произошло "
        "ночью на востоке страны, сообщили сейсмологи.\n\nСильнее всего толчки ощутили "
        "жители Горно-Бадахшанской автономной области, где повреждены два дома.\n\nВ "
        "Душанбе толчков не почувствовали."
    )
    got = roles(text)
    assert got["TJ-GB"] == "party"
    assert got["TJ-DU"] == "mention"


def test_other_side_named_with_the_body_sides_when_the_head_names_none() -> None:
    text = (
        "Новые совместные проекты\n\nСтороны обсудили сотрудничество в промышленности, "
        "сообщили в правительстве.\n\nДелегация Татарстана подписала соглашение о "
        "сотрудничестве с правительством Узбекистана.\n\nСейчас Татарстан выпускает "
        "грузовики, а Ташкентская область предлагает для сборки хорошие площадки."
    )
    got = roles(text)
    assert got["RU-TA"] == "party"
    assert got["UZ-TO"] == "party"


def test_capital_in_the_head_beside_a_region_of_its_country_is_the_seat() -> None:
    text = (
        "В Астане губернатор Челябинской области встретился с акимом Костанайской области\n\n"
        "Губернатор Челябинской области и аким Костанайской области обсудили поставки "
        "зерна и строительство завода.\n\nСтороны подписали соглашение о сотрудничестве."
    )
    got = roles(text)
    assert got["RU-CHE"] == "party"
    assert got["KZ-39"] == "party"
    assert got["KZ-71"] == "mention"


def test_road_to_be_built_between_two_countries_places_has_two_sides() -> None:
    text = (
        "Казахстан и Кыргызстан обсудили совместные проекты\n\nПрезиденты двух стран "
        "обсудили торговлю и транспорт, сообщает пресс-служба.\n\nСреди проектов — "
        "строительство автодороги Алматы — Иссык-Куль."
    )
    got = roles(text)
    assert got["KZ-75"] == "party"
    assert got["KG-Y"] == "party"


@pytest.mark.parametrize(
    "text",
    [
        "Sister cities mark an anniversary\n\nOfficials of the two cities met on Wednesday, "
        "the press service said.\n\nThe meeting discussed 25 years of cooperation between "
        "the sister cities of Tashkent and Shanghai.",
        "Города-побратимы отметили юбилей\n\nПредставители двух городов встретились в "
        "среду, сообщила пресс-служба.\n\nНа встрече обсуждалось сотрудничество "
        "городов-побратимов Ташкента и Шанхая.",
    ],
)
def test_capital_among_twin_cities_is_a_side(text: str) -> None:
    got = roles(text)
    assert got["UZ-TK"] == "party"
    assert got["CN-SH"] == "party"
