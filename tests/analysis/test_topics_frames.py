"""Areas of cooperation named by a frame ("в сферах X и Y", "cooperation in the fields of X"),
a phrase speaking for its own words ("wind farm" is no farming), and word families (issue 11,
round 2): every area such a sentence names is a topic, from any of its items, in Russian and
English; nothing else is."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.topics import detect_topics


def lem(*sentences: str) -> list[list[str]]:
    return [[morph.lemma(w) for w in morph.tokenize(s)] for s in sentences]


def body_topics(*body: str) -> set[str]:
    """Topics of sentences in the body, where one mention of a strong word is not enough."""
    return set(detect_topics([], [], lem(*body)))


@pytest.mark.parametrize(
    ("sentence", "slugs"),
    [
        # Two areas after "в сферах": no list of three, each item still an area.
        (
            "Стороны обсудили сотрудничество в сферах рыболовства и здравоохранения.",
            {"agriculture", "health"},
        ),
        ("Регионы заинтересованы в сотрудничестве в области медицины.", {"health"}),
        # Adjectives before the frame word.
        (
            "Подписана дорожная карта в медицинской и образовательной сферах.",
            {"health", "education"},
        ),
        (
            "The sides discussed cooperation in the fields of education and health care.",
            {"education", "health"},
        ),
        ("They also discussed cooperation in tourism.", {"tourism"}),
        (
            "The agreement covers agricultural production and healthcare.",
            {"agriculture", "health"},
        ),
    ],
)
def test_areas_after_a_frame_are_topics(sentence: str, slugs: set[str]) -> None:
    assert body_topics(sentence) == slugs


def test_a_frame_does_not_reach_past_the_list() -> None:
    # "в сфере туризма" names tourism; the hotel further on is no area named by the frame.
    found = body_topics("Сотрудничество в сфере туризма обсудили в конференц-зале новой клиники.")
    assert found == {"tourism"}


def test_a_phrase_speaks_for_its_words() -> None:
    found = body_topics(
        "A Jiangsu company will build a wind farm in Zhetysu.",
        "The wind farm will have a capacity of 100 megawatts.",
    )
    assert "energy" in found and "agriculture" not in found


@pytest.mark.parametrize(
    ("sentences", "slug"),
    [
        (("Уральские машиностроители локализуют производство горной техники.",), "industry"),
        (("Стороны договорились об обмене студентами.",), "education"),
        (("The sides agreed on a student exchange.",), "education"),
        (("Стороны обсудили энергоснабжение приграничных сел.",), "energy"),
        (
            ("Ярославские реставраторы восстановят роспись медресе.", "Реставрация займет год."),
            "culture",
        ),
        (("The regions will set up a joint commission on water distribution.",), "ecology"),
    ],
)
def test_word_families_in_both_languages(sentences: tuple[str, ...], slug: str) -> None:
    assert slug in body_topics(*sentences)


def test_a_stem_shared_with_another_word_is_no_area_on_its_own() -> None:
    # "electricity" and "electric" share a stem: electric buses are no energy deal.
    found = body_topics("The cities will share experience in running electric buses.")
    assert "energy" not in found


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        # "to ship" goods is no shipping line.
        ("East Kazakhstan will ship beef to Xinjiang.", "transport"),
        # A summer school on oil and gas geology is a subject of study.
        ("Вузы проведут летнюю школу по нефтегазовой геологии.", "energy"),
    ],
)
def test_passing_words_make_no_topic(sentence: str, slug: str) -> None:
    # In the lead, where a strong sign alone would be enough.
    assert slug not in detect_topics([], lem(sentence), [])
