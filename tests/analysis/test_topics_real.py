"""Topics of texts derived from real articles (tests/data/labelled/tuning8.toml, tuning9.toml)
and the labelling conventions of tests/data/labelled/README.md: the main topic is the first
the title names, else the first the text names; an aside's paragraph passes by as a whole;
words of a name that is no term count for no topic; a lead's signing is the news wherever it
took place; a verb is no area after "в области"."""

from __future__ import annotations

from storage.analysis import morph
from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_long import BODY, LEAD, TITLE


def lem(*sentences: str) -> list[list[str]]:
    return [[morph.lemma(w) for w in morph.tokenize(s)] for s in sentences]


def test_the_main_topic_is_the_first_the_title_names() -> None:
    title = "Shandong company opens greenhouse training centre in Namangan"
    lead = "The centre offers local farmers courses in growing vegetables in greenhouses."
    topics = detect_topics(lem(title), lem(lead), [])
    assert topics[:2] == ("agriculture", "education")


def test_without_a_title_topic_the_first_the_text_names_is_main() -> None:
    # A tie of weight used to fall to the first slug in alphabetical order (culture).
    lead = "A memorandum of cooperation in the trade-economic and cultural spheres was signed."
    assert detect_topics(lem("Akmola and Syrdarya sign a memorandum"), lem(lead), [])[0] == (
        "trade"
    )
    listed = "Стороны договорились о сотрудничестве в сферах инвестиций, транспорта и энергетики."
    assert detect_topics([], [], lem(listed))[0] == "investment"


def test_an_aside_paragraph_passes_by_as_a_whole() -> None:
    aside = [
        "Напомним, в 2023 году области подписали дорожную карту.",
        "Тогда стороны обсудили сотрудничество в сферах торговли, энергетики и образования.",
    ]
    body = [*BODY, *aside]
    opens = {0, len(BODY)}  # the aside is its own paragraph
    listed = {"trade", "energy", "education"}
    assert not listed & set(detect_topics(lem(TITLE), lem(LEAD), lem(*body), opens))
    # The same sentences in the paragraph of the news count.
    assert listed <= set(detect_topics(lem(TITLE), lem(LEAD), lem(*body), {0}))
    # A sentence of agreement brings the paragraph back to the news.
    agreed = [
        "В прошлом году Самарканд принял два миллиона туристов, говорится в сообщении.",
        "Стороны договорились также провести совместный фестиваль ремесленников и концерт.",
    ]
    body = [*BODY, *agreed]
    assert "culture" in detect_topics(lem(TITLE), lem(LEAD), lem(*body), {0, len(BODY)})


def test_a_stop_phrase_counts_for_no_topic() -> None:
    road = "The park is a pilot project of the Belt and Road Initiative, a road to growth."
    assert "transport" not in detect_topics([], [], lem(road))
    sport = "Стороны подписали документ о сотрудничестве в области физической культуры и спорта."
    assert "culture" not in detect_topics([], [], lem(sport))
    fire = "В 16:40 огонь локализовали, в 17:05 пожарные его потушили."
    assert "industry" not in detect_topics([], [], lem(fire))


def test_a_leads_signing_is_the_news_wherever_it_took_place() -> None:
    lead = (
        "At the Interregional Cooperation Forum in Chelyabinsk, the governors signed the "
        "Protocol on Trade-Economic, Scientific and Cultural Cooperation."
    )
    assert {"trade", "culture"} <= set(detect_topics([], lem(lead), []))


def test_a_verb_is_no_area_after_a_frame() -> None:
    # "в область" (into the region) reads as "в области" (in the field of) once lemmatised.
    # In a long article on tourism one such sentence is a minor topic; an area named after a
    # frame is not.
    into = "По дороге через перевал в область поставляются строительные материалы."
    assert "trade" not in detect_topics(lem(TITLE), lem(LEAD), lem(*BODY, into))
    framed = "Стороны будут также сотрудничать в области торговли."
    assert "trade" in detect_topics(lem(TITLE), lem(LEAD), lem(*BODY, framed))


def test_a_compound_is_an_item_before_a_frame() -> None:
    areas = "Меморандум предполагает торгово-экономическое и социально-культурное сотрудничество."
    assert {"trade", "culture"} <= set(detect_topics([], [], lem(areas)))
