"""Topics of long articles (tests/data/labelled/tuning7.toml): in a body of 120 words and more,
background figures, "earlier" stories, rosters of who took part and what a region is pass by;
a short note keeps them (one figure of trade is a good share of what it says). An article
whose title is local news passes by as a whole."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.topics import LONG_BODY, detect_topics, load_vocabulary

TITLE = "Туркестанская и Самаркандская области запустят совместный туристический маршрут"
LEAD = "Стороны подписали соглашение о создании совместного туристического маршрута."
# About tourism only, ten sentences and more than LONG_BODY words.
BODY = [
    "Маршрут рассчитан на семь дней и объединит мавзолей Ходжи Ахмеда Яссауи и площадь Регистан.",
    "Туроператоры двух регионов сформируют единый пакет услуг с проживанием и трансфером.",
    "Первые группы туристов отправятся по маршруту в мае нынешнего года.",
    "Туристы из Европы и Азии все чаще приезжают сразу в несколько стран региона.",
    "Нам выгоднее не конкурировать, а предлагать общий продукт, отметил аким области.",
    "Хоким напомнил, что Самарканд принял более двух миллионов иностранных туристов.",
    "Число гостей из соседней страны выросло на восемнадцать процентов за год.",
    "Туроператоры обещают скидки для семейных групп и пенсионеров в межсезонье.",
    "Экскурсоводы двух регионов вместе проверят маршрут перед началом сезона.",
    "Стороны также подготовят путеводитель на русском, английском и китайском языках.",
    "Туристические компании рассчитывают, что поток туристов по маршруту вырастет уже к осени.",
    "Гостиницы Туркестана и Самарканда дадут участникам маршрута скидки на проживание.",
]


def lem(*sentences: str) -> list[list[str]]:
    return [[morph.lemma(w) for w in morph.tokenize(s)] for s in sentences]


def found(*extra: str, body: list[str] = BODY, title: str = TITLE) -> tuple[str, ...]:
    return detect_topics(lem(title), lem(LEAD), lem(*body, *extra))


def test_the_body_is_long() -> None:
    assert sum(len(s) for s in lem(*BODY)) >= LONG_BODY
    assert found() == ("tourism",)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        # Background figures.
        ("Товарооборот области с Узбекистаном в прошлом году составил 1,2 млрд долларов.", "trade"),
        ("Trade between the two countries reached 4.4 billion dollars last year.", "trade"),
        # Another story.
        ("Ранее в области открылась новая многопрофильная больница на 300 коек.", "health"),
        (
            "Earlier this month, the city opened a new bus terminal and five bus routes.",
            "transport",
        ),
        # A roster of who took part.
        ("В форуме приняли участие руководители энергетических компаний и вузов.", "education"),
        # What a region is.
        ("Павлодарская область — один из крупнейших промышленных центров страны.", "industry"),
    ],
)
def test_a_long_article_passes_by(sentence: str, slug: str) -> None:
    assert slug not in found(sentence)


def test_a_short_note_keeps_the_same_sentence() -> None:
    sentence = "Товарооборот области с Узбекистаном в прошлом году составил 1,2 млрд долларов."
    assert "trade" in found(sentence, body=BODY[:1])


def test_what_the_article_discusses_is_no_aside() -> None:
    # Trade discussed rather than recalled, and a goal for turnover, are no background.
    vocab = load_vocabulary()
    for sentence in (
        "Стороны договорились о поставках сухофруктов и о торговом доме.",
        "Стороны договорились довести товарооборот до 500 млн долларов.",
    ):
        assert not vocab.kinds.aside(lem(sentence)[0])
    assert vocab.kinds.aside(lem("Товарооборот в прошлом году составил 1,2 млрд долларов.")[0])


def test_a_wish_to_take_part_is_no_roster() -> None:
    # Seed 003: "чтобы принять в них участие" closes a wish about the oil and gas region.
    vocab = load_vocabulary()
    wish = "Так как это нефтегазовый регион, нам бы хотелось принять участие в мероприятиях."
    roster = "В форуме приняли участие руководители энергетических компаний и вузов."
    assert not vocab.kinds.aside(lem(wish)[0])
    assert vocab.kinds.aside(lem(roster)[0])


def test_a_minor_topic_of_a_long_article_is_dropped() -> None:
    # One body sentence, far below the main topic's weight, no sign in the title or the lead,
    # no list of areas: a passing mention. The same sentence in a short note is a topic.
    minor = "В регионе работают более 300 предприятий с участием узбекского капитала."
    assert "investment" not in found(minor)
    assert "investment" in found(minor, body=BODY[:1])
    listed = "Стороны обсудили сотрудничество в сферах торговли, энергетики и образования."
    assert {"trade", "energy", "education"} <= set(found(listed))


def test_local_news_passes_by_as_a_whole() -> None:
    body = [
        "В Токтогульском районе на трассе опрокинулся пассажирский автобус.",
        "Пострадавших доставили в территориальную больницу, двоих — санавиацией в столицу.",
        "Сотрудники патрульной милиции выясняют причины, водитель был без сменщика.",
    ]
    assert found(body=body, title="Автобус с пассажирами опрокинулся на трассе") == ()
