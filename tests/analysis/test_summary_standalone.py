"""A summary reads on its own: a sentence that points back ("Кроме того…", "Об этом
сообщила…", "They expressed…") comes only right after the sentence it follows, and page
debris run into a sentence (a photo credit, a player's buttons, a file name) is left out."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.summary import Candidate, summarize


def cands(*texts: str) -> list[Candidate]:
    return [Candidate(t, [morph.lemma(w) for w in morph.tokenize(t)]) for t in texts]


LEAD = "Кемеровская область и Павлодарская область подписали соглашение о поставках угля."
FIGURE = "Объем поставок в следующем году составит 2 млн тонн угля на сумму 40 млн долларов."
MORE = "Кроме того, в Кемерове пройдут стажировку 30 павлодарских горных инженеров."


def test_a_back_pointer_follows_the_sentence_it_needs() -> None:
    summary = summarize(cands(LEAD, FIGURE, MORE))
    assert summary == f"{LEAD} {FIGURE} {MORE}"


@pytest.mark.parametrize(
    "opener",
    [
        "Об этом сообщила пресс-служба губернатора по итогам переговоров о поставках угля.",
        "При этом стороны подписали соглашение о поставках угля на 40 млн долларов в год.",
        "Его сопровождал представитель МИД России в Кемерове по вопросам поставок угля.",
        "They agreed to sign an agreement on coal supplies worth 40 million dollars a year.",
        # a speaker's "we", a conjunction, an event named before, a part of what was named
        "Мы готовы оказать всю необходимую поддержку поставкам угля в Павлодарскую область.",
        "We are ready to give all the necessary support to coal supplies to Pavlodar region.",
        "И по итогам первого квартала поставки угля выросли еще в полтора раза за год.",
        "It was held during a working visit of the Pavlodar delegation to Kemerovo region.",
        "Two of them are railway terminals, and the rest handle coal trucks at the border.",
        "Часть из них будет отгружена через новый терминал на границе двух областей.",
    ],
)
def test_a_back_pointer_never_opens_the_summary(opener: str) -> None:
    summary = summarize(cands(opener, FIGURE, "Погода в Кемерове была солнечной весь день."))
    assert not summary.startswith(opener[:20])
    assert summary.startswith(FIGURE)


def test_one_not_after_its_sentence_is_left_out() -> None:
    other = "Отдельно губернатор рассказал о ремонте дорог в Кемерове и строительстве школ."
    summary = summarize(cands(LEAD, FIGURE, other, MORE))
    assert MORE not in summary
    assert summary.startswith(LEAD)


def test_time_words_do_not_point_back() -> None:
    first = "This year the Kemerovo region will supply Pavlodar with two million tonnes of coal."
    summary = summarize(cands(first, "The deal is worth 40 million dollars a year to both sides."))
    assert summary.startswith(first)


def test_an_article_of_back_pointers_still_gets_a_summary() -> None:
    # Nothing stands alone: the summary is still better than none (a card needs it).
    texts = (
        "Кроме того, стороны обсудили поставки угля из Кузбасса в Павлодарскую область.",
        "При этом объем поставок составит 2 млн тонн угля на сумму 40 млн долларов.",
    )
    assert summarize(cands(*texts))


@pytest.mark.parametrize(
    "roster",
    [
        "В делегацию вошли предприниматели, акимы приграничных районов и работники культуры.",
        "Присутствовали: члены делегации Кемеровской области, заместители акима, журналисты.",
        "Attending the forum were the Governor of Kemerovo Region and the Akim of Pavlodar.",
        "За время визита делегация осмотрела угольный разрез, обогатительную фабрику и музей.",
        "Редакция и учредитель сайта не несут ответственности за публикации авторов и гостей.",
        # page debris run into a sentence: a photo credit, a player's buttons, a file name
        "© Sputnik / Сгенерировано ИИ Флаги Узбекистана и Татарстана у здания правительства.",
        "Выйти из полноэкранного режима Развернуть на весь экран Фото: пресс-служба губернатора.",
        "File photo: workers load bags of coal at Ekibastuz station [Photo:my399.com].",
        "ВаЛ_Киргиз_встреча_10_04_третья (1).jfif. Стороны обсудили поставки угля и тарифы.",
    ],
)
def test_rosters_tours_and_page_debris_are_no_summary_material(roster: str) -> None:
    # third: the first two are the lead's, where a delegation's visit is the news
    summary = summarize(cands(LEAD, FIGURE, roster))
    assert roster[:25] not in summary
    assert summary == f"{LEAD} {FIGURE}"


def test_a_delegation_visiting_in_the_lead_is_the_news() -> None:
    lead = "Делегация Павлодарской области побывала в Кемеровской области с рабочим визитом."
    summary = summarize(cands(lead, FIGURE))
    assert summary.startswith(lead)
