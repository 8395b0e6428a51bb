"""Regions found in session 7's new real texts (tuning23, tuning24): "St. Petersburg" written
with a dot, the Mangyshlak peninsula (Mangystau), krais written "Kray", the Ken-Bulun crossing;
an evening paper's name ("Вечерний Бишкек") signing a page and a seismic station's name are
no place."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze

TODAY = dt.date(2026, 6, 1)


def codes(body: str) -> set[str]:
    text = f"Заголовок о сотрудничестве регионов\n\n{body}"
    return {r.code for r in analyze(text, today=TODAY).regions}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Turkmenistan signed agreements with enterprises of St. Petersburg on trade.", "RU-SPE"),
        ("Turkmens of the Mangyshlak peninsula traded with Astrakhan for centuries.", "KZ-47"),
        ("Heilongjiang borders Primorsky Kray and Amur Oblast.", "RU-PRI"),
        ("Heilongjiang borders Khabarovskiy Kray and Amur Oblast.", "RU-KHA"),
        ("493 trucks were queueing at the Ken-Bulun road crossing point.", "KG-C"),
    ],
)
def test_names_of_real_texts_are_found(body: str, code: str) -> None:
    assert code in codes(body)


def test_a_seismic_stations_name_is_no_place() -> None:
    found = codes(
        "Камчатку тряхнуло. По данным сейсмостанции «Петропавловск», толчки были сильными."
    )
    assert "KZ-59" not in found


def test_an_evening_paper_is_no_place() -> None:
    found = codes("Чуйская область подписала соглашения с инвесторами из Китая.\n\nВечерний Бишкек")
    assert found == {"KG-C"}


def test_western_kazakhstan_is_west_kazakhstan() -> None:
    assert "KZ-27" in codes("The Western Kazakhstan regional administration will hold a seminar.")


def test_a_ticker_of_other_headlines_is_no_title() -> None:
    raw = "\n\n".join(
        [
            "СЕГОДНЯ НА САЙТЕ: В Ашхабаде обсудили присоединение к ВТО Сегодня, 12:03Туркменистан "
            "и ЕС усиливают партнёрство Сегодня, 11:57",
            "Туркменистан и Астрахань укрепляют связи в гуманитарной и экономической сферах",
            "Делегация Астраханской области провела переговоры в Ашхабаде о поставках зерна.",
        ]
    )
    title = analyze(raw, today=TODAY).title
    assert title == "Туркменистан и Астрахань укрепляют связи в гуманитарной и экономической сферах"
