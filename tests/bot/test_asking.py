"""Reading questions (bot/services/asking.py): places, topics, a period and the words left over,
and the key a question travels in inside a button."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.services.asking import Period, Place, Question, decode, encode, read_period, reader

TODAY = dt.date(2026, 3, 20)  # a Friday


def read(text: str) -> Question:
    return reader().read(text, TODAY)


@pytest.mark.parametrize(
    ("text", "places", "topics"),
    [
        ("что нового между Алматы и Ташкентом?", ["KZ-75", "UZ-TK"], []),
        ("туризм в Самарканде", ["UZ-SA"], ["tourism"]),
        ("Нижний Новгород туризм", ["RU-NIZ"], ["tourism"]),  # not Новгород, not one span
        ("Туркестанская область", ["KZ-61"], []),
        ("Алматинская область", ["KZ-19"], []),  # the oblast, not the city
        ("Казахстан", ["KZ"], []),
        ("торговля Kazakhstan Uzbekistan", ["KZ", "UZ"], ["trade"]),
        ("what's new between Almaty and Tashkent", ["KZ-75", "UZ-TK"], []),
        ("ТАШКЕНТ", ["UZ-TK"], []),
        ("Гурьев", ["KZ-23"], []),  # an old name
    ],
)
def test_places_and_topics(text: str, places: list[str], topics: list[str]) -> None:
    question = read(text)
    assert [p.code for p in question.places] == places
    assert list(question.topics) == topics
    assert question.unknown == ()


def test_words_left_over_are_kept_as_typed() -> None:
    question = read("Алматы Самрканд ну")
    assert [p.code for p in question.places] == ["KZ-75"]
    assert question.unknown == ("Самрканд", "ну")


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("за неделю", dt.date(2026, 3, 13), None),
        ("this week", dt.date(2026, 3, 13), None),
        ("за месяц", dt.date(2026, 2, 18), None),
        ("сегодня", TODAY, None),
        ("today", TODAY, None),
        ("вчера", dt.date(2026, 3, 19), dt.date(2026, 3, 19)),
        ("в марте", dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        ("в декабре", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),  # last December
        ("в феврале 2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("с 1 марта", dt.date(2026, 3, 1), None),
        ("с 5 апреля", dt.date(2025, 4, 5), None),  # this year's is still ahead
        ("since March 1", dt.date(2026, 3, 1), None),
    ],
)
def test_periods(text: str, since: dt.date, until: dt.date | None) -> None:
    period, rest = read_period(f"Алматы {text}", TODAY)
    assert period == Period(since, until)
    assert rest.split() == ["Алматы"]


def test_the_button_key_round_trips_and_refuses_forgeries() -> None:
    question = read("туризм Алматы Узбекистан с 1 марта")
    key = encode(question)
    assert key == "KZ-75+UZ+tourism+@20260301-"
    assert decode(key) == Question(question.places, question.topics, question.period)
    for forged in ("", "@2026", "DROP TABLE", "kz-75", "+" * 40):
        assert decode(forged) is None


def test_combined_terms_keep_every_place_and_topic() -> None:
    question = Question((Place("region", "KZ-75"), Place("country", "UZ")), ("trade",))
    terms = question.combined().terms
    assert [(t.kind, t.value) for t in terms] == [
        ("region", "KZ-75"),
        ("country", "UZ"),
        ("topic", "trade"),
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Самрканд", [("region", "UZ-SA")]),  # not Хатлон, Жетысу or a topic beside it
        ("Smarkand", [("region", "UZ-SA")]),
        ("Ташкнт", [("region", "UZ-TK")]),
        ("турзм", [("topic", "tourism")]),
        ("Щщщзкх", []),
    ],
)
def test_suggestions_are_only_the_near_ones(typed: str, expected: list[tuple[str, str]]) -> None:
    from bot.services.articles import ArticleService
    from bot.services.names import suggest_names

    found = suggest_names(ArticleService(None), typed)  # type: ignore[arg-type]  # no store needed
    assert [(f.kind, f.value) for f in found] == expected
