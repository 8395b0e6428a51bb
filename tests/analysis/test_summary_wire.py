"""Summaries of pages that carry a standfirst above the wire's dateline (session 7): the
dateline's paragraph is the wire's own lead and opens the summary; a title's abbreviation
("Mr.") before a name is no dateline."""

from __future__ import annotations

import datetime as dt

from storage.analysis.analyze import analyze
from storage.analysis.clean import match_dateline

TODAY = dt.date(2026, 6, 1)

STANDFIRST = "\n\n".join(
    [
        "Омская область договорилась с Костанайской областью о поставках зерна",
        "Договорённость достигнута губернатором Омской области и акимом Костанайской области.",
        "ОМСК, 12 марта. /ТАСС/. Губернатор Омской области и аким Костанайской области "
        "подписали соглашение о поставках зерна и муки на 2026 год, сообщили в пресс-службе "
        "правительства региона.",
        "Объём поставок составит 120 тысяч тонн, первые составы отправятся в апреле.",
        "Стороны также обсудили открытие прямого авиарейса между Омском и Костанаем.",
    ]
)


def test_the_dateline_paragraph_opens_the_summary_not_the_standfirst() -> None:
    text = analyze(STANDFIRST, today=TODAY).summary
    assert text.startswith("Губернатор Омской области и аким Костанайской области подписали")
    assert "Договорённость достигнута" not in text


def test_without_a_dateline_the_standfirst_still_leads() -> None:
    plain = STANDFIRST.replace("ОМСК, 12 марта. /ТАСС/. ", "")
    text = analyze(plain, today=TODAY).summary
    assert text.startswith("Договорённость достигнута губернатором Омской области")


def test_an_honorific_is_no_dateline() -> None:
    paragraph = (
        "Mr. Babaev voiced his strong hope of building a cooperative platform with the "
        "company to bring Chinese entrepreneurs to Samarkand."
    )
    assert match_dateline(paragraph) is None
    assert match_dateline("Ош. " + paragraph[4:]) is not None
