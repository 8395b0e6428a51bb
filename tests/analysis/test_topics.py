"""Topics: the evidence rule over the vocabulary, and topic names for the bot."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.topics import (
    all_topics,
    detect_topics,
    resolve_topic,
    suggest_topics,
    topic_name,
)

SPEC_TOPICS = {
    "tourism": "туризм",
    "trade": "торговля",
    "agriculture": "сельское хозяйство",
    "industry": "промышленность",
    "transport": "транспорт и логистика",
    "energy": "энергетика",
    "ecology": "экология",
    "health": "здравоохранение",
    "education": "образование",
    "culture": "культура",
    "investment": "инвестиции",
    "space": "космос",
}


def lem(*sentences: str) -> list[list[str]]:
    return [[morph.lemma(w) for w in morph.tokenize(s)] for s in sentences]


def body_topics(*sentences: str) -> tuple[str, ...]:
    return detect_topics([], [], lem(*sentences))


def test_all_topics_are_the_spec_table() -> None:
    assert {slug: ru for slug, ru, _ in all_topics()} == SPEC_TOPICS
    assert all(en for _, _, en in all_topics())


def test_topic_names() -> None:
    assert topic_name("tourism") == "туризм"
    assert topic_name("tourism", lang="en") == "tourism"
    assert topic_name("transport") == "транспорт и логистика"
    assert topic_name("nonsense") == "nonsense"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("туризм", "tourism"),
        ("туристический", "tourism"),
        ("tourism", "tourism"),
        ("Туризма", "tourism"),
        ("ТУРИЗМЕ", "tourism"),
        ("#tourism", "tourism"),
        ("логистика", "transport"),
        ("логистики", "transport"),
        ("транспорт", "transport"),
        ("нефть", "energy"),
        ("газ", "energy"),
        ("энергетики", "energy"),
        ("сельское хозяйство", "agriculture"),
        ("сельского хозяйства", "agriculture"),
        ("agriculture", "agriculture"),
        ("космос", "space"),
        ("космической", "space"),
        ("образования", "education"),
        ("инвестиции", "investment"),
        ("инвестиций", "investment"),
        ("здравоохранение", "health"),
        ("медицина", "health"),
        ("культуры", "culture"),
        ("экология", "ecology"),
        ("торговли", "trade"),
        ("промышленности", "industry"),
        ("Trade", "trade"),
    ],
)
def test_resolve_topic(query: str, slug: str) -> None:
    assert resolve_topic(query) == slug


@pytest.mark.parametrize("query", ["", "   ", "абракадабра", "Ташкент", "'; DROP TABLE x"])
def test_resolve_topic_unknown(query: str) -> None:
    assert resolve_topic(query) is None


def test_suggest_topics() -> None:
    assert suggest_topics("туризмм")[0] == "tourism"
    assert suggest_topics("промышленост")[0] == "industry"
    assert len(suggest_topics("энергетка", limit=2)) <= 2
    assert suggest_topics("") == []


def test_one_clear_area_word_makes_a_topic() -> None:
    assert "tourism" in body_topics("Стороны обсудили развитие туризма.")
    assert "energy" in body_topics("Атырау – это нефтегазовый регион.")


def test_a_hint_alone_does_not() -> None:
    # A single weak word (a festival, a guest, a business) is not an area of cooperation.
    assert body_topics("Гости приехали на фестиваль.") == ()
    assert body_topics("Встреча прошла в Палате предпринимателей.") == ()
    assert body_topics("Стороны обсудили образование рабочей группы.") == ()


def test_enumeration_of_areas_counts_each_item() -> None:
    found = body_topics(
        "Сотрудничество ведётся по направлениям: торговля, промышленность, транспорт, "
        "логистика, культура, туризм и образование."
    )
    assert set(found) >= {"trade", "industry", "transport", "culture", "tourism", "education"}


def test_title_weighs_more_than_body() -> None:
    # "образовательный" (weight 2) is not enough in the body, but is in the title (x2).
    sentence = "Образовательные программы для регионов"
    assert "education" not in body_topics(sentence)
    assert "education" in detect_topics(lem(sentence), [], [])


def test_space_needs_space_words() -> None:
    assert "space" in body_topics("Стороны обсудили освоение космоса и комплекс «Байконур».")
    assert "space" not in body_topics(
        "Отметил, что Sputnik сообщает о встрече в Атырау, где обсуждали бизнес-отношения."
    )


def test_trade_compound_and_phrases() -> None:
    assert "trade" in body_topics("Товарооборот между регионами вырос.")
    # Goods only named in what is supplied are trade's (labelling conventions: goods); growing
    # them is their sector's, and so is a plant they name.
    assert body_topics("Поставки сельскохозяйственной продукции выросли.") == ("trade",)
    assert "agriculture" in body_topics(
        "Фермеры будут выращивать овощи и фрукты и поставлять их на рынки Алматы."
    )
    assert "industry" not in body_topics(
        "Through the trade house they will sell textiles and steel."
    )
    assert "industry" in body_topics(
        "The sides agreed to expand trade and build a joint textile factory."
    )
    assert "investment" in body_topics(
        "Работают 4 тыс. предприятий с участием узбекского капитала и "
        "международных финансовых институтов."
    )


def test_one_hint_repeated_is_not_a_topic() -> None:
    title = lem("Новый контейнерный маршрут через Хоргос")
    body = lem("Маршрут заработает в ноябре.", "По маршруту пойдут контейнеры.")
    assert "tourism" not in detect_topics(title, [], body)


@pytest.mark.parametrize(
    "words",
    [
        "торговля , туризм и агропромышленный комплекс",
        "trade , tourism and health care",
        "торговля , туризм и космический отрасль",
    ],
    ids=["agro-industrial complex", "health care", "space branch"],
)
def test_a_two_word_area_whose_first_word_opens_no_phrase_ends_a_list(words: str) -> None:
    # The area's second word was looked for among the next words only when the first word
    # opened a phrase: "агропромышленный комплекс" was no area, and the list had two items.
    from storage.analysis.topic_vocabulary import load_vocabulary
    from storage.analysis.topics import _scan_sentence

    listed = _scan_sentence(load_vocabulary(), words.split(), 1.0, {}, {}, set())
    assert len(listed) == 3 and {"trade", "tourism"} < listed
