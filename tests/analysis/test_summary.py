"""Extractive summary: 2-3 own sentences, in order, no repeats, under 600 characters."""

from __future__ import annotations

import datetime as dt

from storage.analysis import morph
from storage.analysis.analyze import analyze
from storage.analysis.summary import LIMIT, Candidate, eligible, summarize


def cands(*texts: str) -> list[Candidate]:
    return [Candidate(t, [morph.lemma(w) for w in morph.tokenize(t)]) for t in texts]


ARTICLE = [
    "Узбекистан и Казахстан договорились расширить торговлю между приграничными регионами.",
    "Об этом сообщает пресс-служба.",
    "Стороны подписали меморандум о создании совместной торговой зоны на границе регионов.",
    "Погода в день встречи была солнечной, участники отметили хорошую организацию.",
    "Товарооборот между регионами вырос на 20% и достиг $850 млн за девять месяцев.",
    "Представители бизнеса обсудили торговлю, логистику и совместные проекты в регионах.",
    "В завершение гости посетили музей и осмотрели старый город вечером.",
]


def test_two_or_three_sentences_in_article_order() -> None:
    summary = summarize(cands(*ARTICLE))
    chosen = [s for s in ARTICLE if s in summary]
    assert 2 <= len(chosen) <= 3
    assert summary == " ".join(chosen)  # whole sentences, article order, nothing else
    assert len(summary) < LIMIT


def test_figures_and_agreements_are_preferred_over_small_talk() -> None:
    summary = summarize(cands(*ARTICLE))
    assert "$850 млн" in summary or "меморандум" in summary
    assert "Погода" not in summary
    assert "Об этом сообщает" not in summary


def test_near_duplicates_are_not_both_taken() -> None:
    a = "Товарооборот между Алматы и регионами Узбекистана увеличился на 20% и достиг $850 млн."
    b = "По итогам года товарооборот между Алматы и регионами Узбекистана увеличился на 20%."
    c = "Стороны договорились о подготовке меморандума о сотрудничестве в сфере туризма."
    summary = summarize(cands(a, b, c))
    assert not (a in summary and b in summary)
    assert c in summary


def test_never_over_the_limit_and_never_cut() -> None:
    long = "Стороны обсудили " + "очень важные вопросы сотрудничества регионов, " * 8 + "всё."
    texts = [long.replace("всё", f"всё {i}") for i in range(5)]
    summary = summarize(cands(*texts))
    assert len(summary) < LIMIT
    assert all(part.endswith(".") for part in summary.split(". ") if part) or summary == ""
    for sentence in texts:
        assert sentence not in summary or summary.count(sentence) == 1


def test_lead_without_final_stop_gets_one() -> None:
    lead = "Товарооборот между регионами двух стран вырос на 20% и достиг $850 млн"
    summary = summarize(cands(lead, "Стороны подписали соглашение о сотрудничестве в торговле."))
    assert lead + "." in summary


def test_quote_fragments_are_not_eligible() -> None:
    assert not eligible("«Мы готовы развивать сотрудничество во всех сферах экономики.", 8)
    assert not eligible("Активное сотрудничество позволит увеличить потоки”, — сказал он.", 8)
    assert not eligible("— Члены комиссии также рассмотрели вопрос создания зоны.", 8)
    assert eligible("«Мы готовы к сотрудничеству», — сказал посол Узбекистана в Казахстане.", 10)


def test_empty_input() -> None:
    assert summarize([]) == ""
    assert summarize(cands("Коротко.")) == ""


OLDER_STORY = "\n\n".join(
    (
        "Акмолинская и Курганская области откроют совместный маршрут для туристов",
        "КОКШЕТАУ, 3 июня — Kazinform. Аким Акмолинской области и губернатор Курганской"
        " области подписали в Кокшетау соглашение о совместном туристическом маршруте"
        " «Степь и озера».",
        "Маршрут рассчитан на пять дней и объединит Бурабай и курганские озера. Первые группы"
        " отправятся в июле.",
        "Туроператоры двух регионов предложат единый пакет услуг с проживанием и трансфером.",
        "Напомним, в 2024 году Казахстан и Россия договорились упростить пересечение границы"
        " для туристических групп, выезжающих на 15 дней и более. Эксперты ожидают, что ее"
        " введение увеличит поток туристов на 20 процентов.",
    )
)


def test_an_older_story_paragraph_is_not_summary_material() -> None:
    # "Напомним, ..." opens another, older story: its figures and agreement made it the third
    # sentence of the summary, and the sentence after it points back ("ее введение").
    summary = analyze(OLDER_STORY, today=dt.date(2026, 6, 10)).summary
    assert summary.startswith("Аким Акмолинской области")
    assert "Напомним" not in summary
    assert "Эксперты ожидают" not in summary
    assert summary.count(".") >= 2  # still two or three sentences of the news itself


def test_a_lead_ending_with_its_source_is_still_the_lead() -> None:
    # Wire leads often end with the attribution; only a sentence that is nothing but the
    # attribution ("Об этом сообщила пресс-служба") is not summary material.
    summary = summarize(
        cands(
            "Аким Актюбинской области провел встречу с губернатором Оренбургской области,"
            " сообщила пресс-служба акимата региона.",
            "Об этом сообщила пресс-служба акимата.",
            "Аким сказал, что сегодня Россия — главный зарубежный партнер Актюбинской области.",
            "Стороны обсудили торговлю и поставки зерна между двумя областями.",
        )
    )
    assert summary.startswith("Аким Актюбинской области провел встречу")
    assert "Об этом сообщила" not in summary


def test_a_visit_in_the_lead_is_the_news_but_later_it_passes_by() -> None:
    summary = summarize(
        cands(
            "Делегация Лебапской области Туркменистана посетит Бухарскую область Узбекистана"
            " в сентябре.",
            "Переговоры о приграничном сотрудничестве пройдут в Бухаре в среду.",
            "Стороны обсудят торговлю и транспортное сообщение между областями.",
            "Затем делегация посетит ковровую фабрику и медресе Мири Араб в Бухаре.",
        )
    )
    assert summary.startswith("Делегация Лебапской области")
    assert "ковровую фабрику" not in summary


def test_english_figures_and_agreements_weigh_as_russian_ones_do() -> None:
    summary = summarize(
        cands(
            "The governor of Jizzakh region received a delegation from Shandong province on"
            " Monday.",
            "The guests praised the hospitality of the hosts and the beauty of the old town.",
            "The two regions are linked by a long history of friendship and trade routes.",
            "The officials walked through the central square and talked about the weather.",
            "The sides signed an agreement on 14 projects worth 300 million dollars in textiles.",
        )
    )
    assert "300 million dollars" in summary


def test_wishes_are_no_summary_material() -> None:
    # "Желаем коллегам плодотворной работы!" is a greeting, as congratulations are.
    summary = summarize(
        cands(
            "Омская делегация прибыла в Павлодар для переговоров о перевозках по Иртышу.",
            "Желаем коллегам плодотворной работы в соседней стране и новых совместных проектов!",
            "We wish our partners in Pavlodar every success in the joint river projects!",
            "Стороны договорились открыть грузовую линию и перевезти 50 тысяч тонн зерна.",
        )
    )
    assert "Желаем" not in summary and "wish" not in summary
    assert "50 тысяч тонн" in summary
