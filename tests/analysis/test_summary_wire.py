"""Summaries of real pages (session 7): a standfirst above the wire's dateline gives way to
the dateline's paragraph; a title's abbreviation ("Mr.") is no dateline, a dotted date or an
apostrophe ("XI'AN") does not hide one; a toolbar's "Комментарии" above the text loses none of
it; "Sept. 11" ends no sentence; a hospital is no greeting."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.clean import clean_article, match_dateline
from storage.analysis.sentences import sentences

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


def test_a_comments_link_above_the_text_loses_no_text() -> None:
    raw = "\n".join(
        [
            "8 июля 2021, 14:57",
            "Источник vb.kg",
            "Комментарии",
            "В Москве посол Кыргызстана и вице-премьер Башкортостана обсудили развитие "
            "межрегионального сотрудничества двух республик.",
            "Стороны согласились, что нужны совместные меры для роста торговли.",
        ]
    )
    article = clean_article(raw)
    body = f"{article.title} {article.lead} {article.body}"
    assert "vb.kg" not in body  # a source's bare domain is chrome, not the headline
    assert "обсудили развитие межрегионального сотрудничества" in body
    assert "Стороны согласились" in body


def test_a_hospital_is_no_greeting() -> None:
    text = "\n\n".join(
        [
            "China hands mobile hospitals to Kyrgyzstan",
            "On Sunday a ceremony was held in Bishkek to hand over two sets of mobile hospitals "
            "from China to Kyrgyzstan's Ministry of Emergency Situations.",
            "The hospitals can treat 120 patients a day and carry their own power plants.",
        ]
    )
    assert analyze(text, today=TODAY).summary.startswith("On Sunday a ceremony was held")


def test_an_english_month_abbreviation_ends_no_sentence() -> None:
    paragraph = (
        "Regular flights between Uzbekistan and Kazakhstan resumed on Sept. 11, the transport "
        "ministry said. Uzbekistan Airways will fly the Tashkent - Almaty route."
    )
    assert sentences(paragraph) == (
        "Regular flights between Uzbekistan and Kazakhstan resumed on Sept. 11, the transport "
        "ministry said.",
        "Uzbekistan Airways will fly the Tashkent - Almaty route.",
    )


@pytest.mark.parametrize(
    ("paragraph", "city"),
    [
        (
            "Бишкек, 10.10.24. /Кабар/. Вице-спикер парламента провёл встречу с депутатами.",
            "Бишкек",
        ),
        (
            "XI'AN. KAZINFORM – Agreements on sister cities were signed during the state visit.",
            "Xi'an",
        ),
        (
            "BISHKEK, Kyrgyzstan, April 25. After a visit of a Russian delegation, Chuy signed.",
            "Bishkek",
        ),
        (
            "KHUJAND, June 21 (Asia-Plus) -- The heads of Sughd and Batken regions met on Friday.",
            "Khujand",
        ),
        # an outlet and a colon close it
        (
            "Tashkent, The Gulf Observer: Jizzakh region has attracted $4 billion in five years.",
            "Tashkent",
        ),
        (
            "ASTANA ( WNAM MONITORING): From September the railway carried 7.7 million tons.",
            "Astana",
        ),
    ],
)
def test_the_forms_of_real_datelines(paragraph: str, city: str) -> None:
    found = match_dateline(paragraph)
    assert found is not None and found[0].city == city


@pytest.mark.parametrize(
    ("paragraph", "rest"),
    [
        ("BISHKEK (TCA) — On October 19 Sichuan signed nine documents.", "On October 19"),
        (
            "(Trend News Agency) The governments of Tajikistan and China signed a road "
            "transport pact.",
            "The governments",
        ),
        ("Калмыкия, 4 июня, 2012, 11:03 — ИА Регнум. Соглашение подписали в посольстве.", "Согл"),
    ],
)
def test_bracketed_agencies_and_a_year_after_a_comma(paragraph: str, rest: str) -> None:
    found = match_dateline(paragraph)
    assert found is not None and found[1].startswith(rest)


def test_a_speaker_and_a_colon_is_no_dateline() -> None:
    assert (
        match_dateline("Канат Джумагазиев: В этом году область укрепила связи с инвесторами.")
        is None
    )


def test_a_byline_with_its_agency_is_debris() -> None:
    raw = "Grain deal\n\nBy Fakhri Vakilov - Trend:\n\nThe sides signed a deal on grain supplies."
    article = clean_article(raw)
    assert "Vakilov" not in f"{article.title} {article.lead} {article.body}"


def test_a_bracketed_credit_is_no_dateline() -> None:
    assert match_dateline("(Photo by Roman) The two sets of mobile hospitals arrived.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Автор Olga_Gafurova Monday, 07 March 2022 3:13 PM",
        "Caption: A view of flight CZ6051 from Beijing to Dushanbe Photo: Courtesy of the airline",
    ],
)
def test_bylines_and_captions_are_debris(line: str) -> None:
    raw = "\n\n".join(
        [
            "China and Tajikistan launch a direct flight",
            line,
            "On Monday China and Tajikistan opened their first direct flight between the two "
            "capitals, the airline said.",
            "Flights will run twice a week.",
        ]
    )
    text = analyze(raw, today=TODAY).summary
    assert text.startswith("On Monday China and Tajikistan opened")
    assert "Olga_Gafurova" not in text and "Caption" not in text


def test_a_credit_run_into_a_paragraph_is_dropped() -> None:
    raw = "\n\n".join(
        [
            "Chelyabinsk Region and Kazakhstan strengthen cooperation",
            'Photo: the media holding "OTV". The Russian-Kazakh interregional forum opened '
            "today in Omsk. Chelyabinsk Region presented its transport management system, "
            "products of the Mayak enterprise and incubators for birds. Kazakhstan is a "
            "strategically important partner of the region: trade grew by a fifth last year.",
        ]
    )
    body = clean_article(raw)
    assert "Photo" not in f"{body.lead} {body.body}"
    assert "The Russian-Kazakh interregional forum opened today in Omsk." in (
        f"{body.lead} {body.body}"
    )


def test_a_date_stamp_with_a_dot_before_the_dateline_is_the_date() -> None:
    raw = "\n\n".join(
        [
            "Pavlodar and Tyumen regions to sign a cooperation agreement",
            "2018-11-08. PAVLODAR. KAZINFORM Kazinform reports that Pavlodar and Tyumen regions "
            "plan to sign a cooperation agreement at the interregional forum.",
            "Both countries' leaders will attend the forum, set for November 8-9.",
        ]
    )
    result = analyze(raw, today=TODAY)
    assert result.summary.startswith("Kazinform reports that Pavlodar and Tyumen")
    assert result.date == dt.date(2018, 11, 8)


def test_a_xinhua_caption_is_no_sentence_of_the_text() -> None:
    paragraph = (
        "This picture, taken on Aug. 9, 2023, shows the culture center of Heihe University in "
        "Heihe. The Heihe-Blagoveshchensk road bridge opened to traffic in June last year."
    )
    raw = f"Cross-border road bridge boosts China-Russia trade\n\n{paragraph}\n\nTrade grew."
    article = clean_article(raw)
    assert "This picture" not in f"{article.lead} {article.body}"
    assert "road bridge opened to traffic" in f"{article.lead} {article.body}"


@pytest.mark.parametrize(
    "chrome",
    ["mfa.gov.kg", "Go to the main site", "Сюжет: COVID-19", "20 Май, 2025 | 22 Зулькада, 1446"],
)
def test_page_chrome_above_the_headline_is_no_title(chrome: str) -> None:
    raw = "\n".join(
        [
            chrome,
            "Чуйская и Ошская области стали побратимами Омской области",
            "На форуме в Омске подписаны соглашения о побратимстве и торгово-экономическом "
            "сотрудничестве двух областей Кыргызстана с Омской областью.",
        ]
    )
    assert clean_article(raw).title == "Чуйская и Ошская области стали побратимами Омской области"
