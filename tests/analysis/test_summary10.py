"""Summary kinds of session 10 (issue 11, deliverable 4): a place named in a sentence that says
"этот" is no back-reference, who sat at the table is no news, a heading is no lead, page debris
before the lead neither moves nor takes its place, and a delegation taking part in a forum is
the lead's news."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.summary import Candidate, summarize


def cands(*texts: str) -> list[Candidate]:
    return [Candidate(t, [morph.lemma(w) for w in morph.tokenize(t)]) for t in texts]


LEAD = "Омская область и Павлодарская область подписали соглашение о перевозках зерна по Иртышу."
FIGURE = "В навигацию по реке планируют перевезти 120 тыс. тонн зерна на сумму 30 млн долларов."
ROUTE = "Сухогрузы пойдут из Павлодара в Омск дважды в неделю с мая по октябрь этого года."


@pytest.mark.parametrize(
    ("texts", "wanted"),
    [
        # "этот" before a noun that is no place; the region is named, not pointed at
        (
            (LEAD, "Этот шаг даст новый импульс зерновой торговле Павлодарской области с Омском."),
            "Этот шаг даст",
        ),
        (
            (
                LEAD,
                "В эти дни в Омской области пройдут переговоры перевозчиков двух стран о зерне.",
            ),
            "В эти дни",
        ),
        # the lead's own "этой страны" points inside it
        (
            (
                "Губернатор Омской области встретился с делегацией Республики Казахстан, которую "
                "возглавил советник премьер-министра этой страны.",
                FIGURE,
            ),
            "Губернатор Омской области встретился",
        ),
        # currency tickers before the lead do not push a visit out of the lead's window
        (
            (
                "USD – 0,03%",
                "EUR – 0,36%",
                "Поиск",
                "Павлодар (Kazinform) -- Делегация Омской области посетила Павлодарскую область "
                "с рабочим визитом.",
                FIGURE,
            ),
            "Делегация Омской области посетила",
        ),
        # a delegation taking part in a forum, in the lead, is the news
        (
            (
                "A delegation of Pavlodar region led by its governor took part in the grain "
                "forum in Omsk on Tuesday.",
                "The sides agreed to ship 120,000 tons of grain along the Irtysh river this year.",
            ),
            "A delegation of Pavlodar region",
        ),
    ],
)
def test_sentences_readers_pick_are_taken(texts: tuple[str, ...], wanted: str) -> None:
    assert wanted in summarize(cands(*texts))


def test_a_heading_is_no_lead() -> None:
    # under 120 characters with no full stop: the page's headline again; the lead follows it
    heading = "Зерно пойдет по Иртышу из Павлодара в Омск"
    summary = summarize(cands(heading, LEAD, FIGURE, ROUTE))
    assert summary.startswith(LEAD)
    assert heading not in summary


@pytest.mark.parametrize(
    "roster",
    [
        "В нём участвовали представители профильных министерств и руководители районов области.",
        "Во встрече участвовали акимы приграничных районов и руководители силовых структур.",
        "В переговорах также участвовали глава Омска, министр транспорта и ректор университета.",
        "The Kazakh delegation includes heads of ministries, district akims and river carriers.",
    ],
)
def test_who_sat_at_the_table_is_no_summary_material(roster: str) -> None:
    summary = summarize(cands(LEAD, roster, FIGURE))
    assert roster[:20] not in summary
    assert summary == f"{LEAD} {FIGURE}"
