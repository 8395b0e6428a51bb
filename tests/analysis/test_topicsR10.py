"""Topic recall of session 10 (helper topicsR10), from the topics the labels gave and the
analysis missed on tuning33, tuning35, tuning18 and tuning19 (texts derived from real articles),
one case per kind, written for these tests: a sector word or phrase the vocabulary lacked, an
area adjective of no topic breaking a list, a harvest story under a weather title, English forms
Snowball does not fold into the vocabulary's word, a crossing named in English."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.morph import lemma


def _topics(text: str) -> tuple[str, ...]:
    return analyze(text).topics


# --- sector words and phrases the vocabulary lacked, Russian and English ---


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        # the fuel named outright among exports (labelling conventions: energy carriers)
        ("Kazakhstan also exports natural gas to the province.", "energy"),
        ("Стороны займутся освоением газоконденсатного месторождения на границе.", "energy"),
        # a sea growing shallow, development that spares the environment
        ("Стороны обсудили обмеление озера и загрязнение впадающих в него рек.", "ecology"),
        ("The cities will work together on environmentally sustainable development.", "ecology"),
        # the people and the technology of space, in English
        ("They also discussed the use of space technologies for mapping.", "space"),
        ("A Kazakh astronaut will train at the centre next year.", "space"),
        # industry, health, education and investment in words the vocabulary lacked
        ("Соглашение предусматривает производственную кооперацию предприятий.", "industry"),
        ("The sides will improve the quality of medical services in the border towns.", "health"),
        (
            "Подписан меморандум между Ошским государственным университетом и Кашгарским "
            "университетом.",
            "education",
        ),
        ("A textile factory worth 40 million dollars will be built in the district.", "investment"),
        ("Проект стоимостью 90 миллионов долларов начнут весной.", "investment"),
    ],
)
def test_a_sector_word_the_vocabulary_lacked_names_its_topic(sentence: str, topic: str) -> None:
    assert topic in _topics(_agreement(sentence))


def _agreement(sentence: str) -> str:
    """An agreement between two regions (relevant news) whose body is ``sentence``."""
    if sentence.isascii():
        return (
            "Almaty region and Tashkent region sign an agreement\n\n"
            "The akim of Almaty region and the khokim of Tashkent region signed a cooperation "
            f"agreement in Tashkent on Monday.\n\n{sentence}"
        )
    return (
        "Алматинская и Ташкентская области подписали соглашение\n\n"
        "Аким Алматинской области и хоким Ташкентской области подписали в Ташкенте соглашение "
        f"о сотрудничестве.\n\n{sentence}"
    )


def test_a_trade_sphere_first_in_a_list_is_trade() -> None:
    # "торговый" alone is a hint (a shopping centre), but names the area before "сферах" across
    # the list, as it does before "сотрудничество"
    topics = _topics(
        "Области подписали меморандумы\n\n"
        "Делегации договорились о совместном развитии в торговой и социальной сферах."
    )
    assert topics[:1] == ("trade",)


# --- an area of no topic inside a list keeps it going to its frame ---


@pytest.mark.parametrize(
    "sentence",
    [
        "Стороны обсудили развитие социальных, культурных и экономических связей двух областей.",
        "Стороны договорились развивать культурные, политические и правовые связи.",
    ],
)
def test_an_area_of_no_topic_keeps_a_list_going(sentence: str) -> None:
    assert "culture" in _topics(_agreement(sentence))


# --- a harvest story under a weather title is farming news ---


def test_a_harvest_racing_the_rain_is_agriculture() -> None:
    topics = _topics(
        "Дожди торопят аграриев: в области начали уборку\n\n"
        "Фермеры северных районов убирают пшеницу и ячмень раньше обычного. Урожай зерновых "
        "ожидается ниже прошлогоднего."
    )
    assert topics[:1] == ("agriculture",)


# --- English forms Snowball does not fold into the vocabulary's word ---


@pytest.mark.parametrize(
    ("form", "stands_for"),
    # "productive cooperation" is no "production cooperation" (industry)
    [("sold", "sell"), ("built", "build"), ("productive", "productive")],
)
def test_irregular_and_unrelated_english_forms(form: str, stands_for: str) -> None:
    assert lemma(form) == stands_for


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        (
            "The sides agreed to expand cooperation in the economic, environmental and "
            "humanitarian spheres.",
            "ecology",
        ),
        ("Young agronomists from the province will spend a season on the farms.", "agriculture"),
        ("Chinese growers will lease cotton plantations in the district.", "agriculture"),
    ],
)
def test_english_forms_of_the_vocabularys_words(sentence: str, topic: str) -> None:
    assert topic in _topics(_agreement(sentence))


# --- a crossing named in English is transport's, its "customs" no trade ---


def test_a_customs_point_in_the_title_is_transport_first() -> None:
    topics = _topics(
        "Kazakhstan and Uzbekistan to raise the capacity of the Zhibek Zholy customs point\n\n"
        "The customs services agreed to add lanes for trucks and to speed up the clearance of "
        "goods."
    )
    assert topics[:1] == ("transport",)
