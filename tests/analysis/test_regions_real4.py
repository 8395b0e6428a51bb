"""Regions and roles on kinds of errors seen in the real-derived parts (session 7): spellings
the gazetteer missed, names that are no place (a person, a valley, a street, the SCO), twins of
two regions, and the roles of datelines, venues and sides."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.clean import clean_article
from storage.analysis.gazetteer import load_gazetteer


def regions(text: str) -> list[str]:
    return sorted(r.code for r in load_gazetteer().find(text)[0])


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


# --- spellings and places the data missed ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("In the Akhalsky region of Turkmenistan a greenhouse opened.", "TM-A"),
        ("Farmers of the Lebapsky region sold cotton.", "TM-L"),
        ("Direct flights link Oskemen with Karagandy.", "KZ-35"),
        ("The Dostyk-Moiynty railway line will be widened.", "KZ-35"),
        ("Семена селекции НИИСХ Северного Зауралья поставят в Казахстан.", "RU-TYU"),
        ("He met the Governor of Altay region, Viktor Tomenko.", "RU-ALT"),
        ("Пропавшая на Валааме туристка нашлась.", "RU-KR"),
    ],
)
def test_spellings_found(text: str, code: str) -> None:
    assert code in regions(text)


# --- names that are no place -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Ferghana Valley has one of the most complicated borders.",
        "The Aral Sea region's delegation arrived.",
        "A fire broke out in a house on Almaty Street.",
        "Members of the Shanghai Co-operation Organisation met.",
        "The relations rest on the principles of the Shanghai Spirit.",
        "Хозяйство «Арай» Жамбылского сельского округа собрало хлопок.",
        "Визит Президента Нурсултана Абишевича Назарбаева в Узбекистан.",
        "Отделение Южно-Уральской железной дороги перевезло зерно.",
        "The best pickers were Dildora Hasanova and Navbahor Ahmedova.",
    ],
)
def test_no_place(text: str) -> None:
    assert regions(text) == []


# --- twins: the region the text names otherwise ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Пожар в Тонском районе Иссык-Кульской области тушит расчёт из Балыкчи.", "KG-Y"),
        ("Газопровод пройдёт по Восточно-Казахстанской области до Лениногорска.", "KZ-63"),
        ("Аким Жамбылской области: Байзакский, Таласский и Сарысуский районы.", "KZ-31"),
    ],
)
def test_twin_follows_context(text: str, code: str) -> None:
    assert regions(text) == [code]


def test_comments_link_above_the_text_keeps_the_text() -> None:
    raw = (
        "8 июля 2021, 14:57\nИсточник vb.kg\nКомментарии\n"
        "В Бишкеке представители Башкортостана обсудили развитие межрегионального "
        "сотрудничества с Кыргызстаном."
    )
    assert "Башкортостана" in clean_article(raw).body + clean_article(raw).lead


# --- roles: datelines the cleaner leaves in the text are mentions ----------------------------


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "Almaty region and Chui region sign trade deal\n\nAshgabat, Turkmenistan, Aug. 28\n\n"
            "The Almaty region and the Chui region signed a memorandum on trade in grain.",
            "TM-S",
        ),
        (
            "Almaty region and Chui region sign trade deal\n\nASTANA – The Almaty region and "
            "the Chui region signed a memorandum on trade in grain and fruit this week.",
            "KZ-71",
        ),
        (
            "Алматинская и Чуйская области подписали меморандум\n\nТашкент\n\nАлматинская и "
            "Чуйская области подписали меморандум о торговле зерном.",
            "UZ-TK",
        ),
        (
            "Almaty region and Chui region sign trade deal\n\nTashkent, Uzbekistan ( -- The "
            "Almaty region and the Chui region signed a memorandum on trade in grain.",
            "UZ-TK",
        ),
        (
            "Алматинская и Чуйская области подписали меморандум\n\nУзбекистан, Ташкент - АН "
            "Podrobno.uz. Алматинская и Чуйская области подписали меморандум о торговле.",
            "UZ-TK",
        ),
    ],
)
def test_dateline_is_a_mention(text: str, city: str) -> None:
    got = roles(text)
    assert got[city] == "mention"
    assert got["KZ-19"] == "party"


def test_signed_by_regions_makes_them_sides() -> None:
    text = (
        "Kyrgyz delegation visits Andijan\n\nA delegation of Kyrgyzstan held talks in Andijan "
        "on border trade this week.\n\nThe document was signed by the heads of Fergana and "
        "Namangan regions of Uzbekistan and of Batken region of Kyrgyzstan."
    )
    got = roles(text)
    assert got["UZ-FA"] == got["UZ-NG"] == got["KG-B"] == "party"


def test_route_start_to_a_foreign_city_is_a_mention() -> None:
    text = (
        "Xinjiang and Zhetysu region to expand freight traffic\n\nXinjiang and Zhetysu region "
        "agreed to add freight trains through Khorgos.\n\nUnder the agreement, every hour saved "
        "at the border means lower costs for shippers from Chongqing to Duisburg."
    )
    assert roles(text)["CN-CQ"] == "mention"


def test_standing_partners_listed_after_with_are_mentions() -> None:
    text = (
        "Мэр Бишкека провёл переговоры с российским депутатом\n\nМэр Бишкека обсудил "
        "развитие торгового сотрудничества с Россией.\n\nНа сегодня мэрия Бишкека установила "
        "побратимские отношения с Челябинском, Екатеринбургом и Уфой."
    )
    got = roles(text)
    assert got["RU-CHE"] == got["RU-SVE"] == got["RU-BA"] == "mention"


def test_partners_of_the_news_listed_after_with_stay_sides() -> None:
    text = (
        "Fergana region signs agreements with Russian regions\n\nFergana region took part in "
        "a forum of regions.\n\nAfter the forum the Fergana region signed cooperation "
        "agreements with the Samara, Omsk and Penza regions of the Russian Federation."
    )
    got = roles(text)
    assert got["RU-SAM"] == got["RU-OMS"] == got["RU-PNZ"] == "party"


def test_partner_list_opened_by_a_region_with_its_noun() -> None:
    text = (
        "Мэр Бишкека провёл переговоры с российским депутатом\n\nМэр Бишкека обсудил "
        "развитие торгового сотрудничества с Россией.\n\nКроме того, заключены соглашения об "
        "установлении партнёрских отношений с Челябинской областью, Казанью и Москвой."
    )
    got = roles(text)
    assert got["RU-CHE"] == got["RU-TA"] == got["RU-MOW"] == "mention"


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        (
            "Минниханов встретился с руководством Таджикистана\n\nПрезидент Республики "
            "Татарстан прилетел с рабочим визитом в столицу Таджикистана Душанбе.",
            "TJ-DU",
        ),
        (
            "Bashkortostan delegation in Kazakhstan\n\nA delegation of Bashkortostan has "
            "recently visited Astana to discuss trade with Kazakhstan.",
            "KZ-71",
        ),
    ],
)
def test_capital_a_delegation_visits_is_a_mention(text: str, capital: str) -> None:
    assert roles(text)[capital] == "mention"


def test_train_arriving_in_a_capital_keeps_it_a_side() -> None:
    text = "Первый поезд с углем из Кузбасса прибыл в Ташкент\n\nВ Ташкент прибыл поезд с углем."
    assert roles(text)["UZ-TK"] == "party"


def test_place_naming_an_event_is_its_venue() -> None:
    text = (
        "Kashgar seeks to become a trade hub\n\nKashgar and Osh agreed to open a trade route "
        "this year.\n\nAt the SCO Beijing Summit, the two countries signed a cooperation "
        "agreement.\n\nThe Moscow summit of the SCO adopted a memorandum on cooperation."
    )
    got = roles(text)
    assert got["CN-BJ"] == got["RU-MOW"] == "mention"


def test_chinese_city_in_a_company_name_is_a_mention() -> None:
    text = (
        "Chinese company plans leather plants in Khatlon region\n\nChina's Fuxin Xinyida "
        "Agriculture & Industry Trade Company wants to build leather plants in Khatlon "
        "region.\n\nThe head of Fuxin Xinyida met the governor of Khatlon region."
    )
    got = roles(text)
    assert got["CN-LN"] == "mention"
    assert got["TJ-KT"] == "party"


def test_hebei_city_in_latin() -> None:
    assert regions("Managers of Hengshui Decheng Machinery & Equipment Co. Ltd came.") == ["CN-HE"]


def test_place_in_a_local_firms_quoted_name_is_a_mention() -> None:
    text = (
        "Жителей села в Атырауской области эвакуировали\n\nВ Атырауской области эвакуировали "
        "жителей села Сагиз.\n\nРаботы вели ДЧС, полиция и ТОО «Шанхай контракшн»."
    )
    got = roles(text)
    assert got["CN-SH"] == "mention"
    assert got["KZ-23"] == "party"


def test_photo_caption_place_is_a_mention() -> None:
    text = (
        "China hands mobile hospitals to Kyrgyzstan\n\nChina handed two mobile hospitals to "
        "Kyrgyzstan under an agreement on cooperation in health.\n\nThe ambassador looks over "
        "the hospitals in Bishkek, Kyrgyzstan, Sept. 24, 2023. The hospitals, seen in Bishkek, "
        "Kyrgyzstan, Sept. 24, were donated under the agreement."
    )
    assert roles(text)["KG-GB"] == "mention"


def test_capital_in_the_body_is_its_countrys_seat() -> None:
    text = (
        "Leaders of Turkmenistan and Tatarstan discuss cooperation\n\nTurkmenistan and "
        "Tatarstan agreed to widen trade in trucks and grain.\n\nThe dialogue that Ashgabat "
        "and Kazan have conducted for years rests on cooperation agreements."
    )
    got = roles(text)
    assert got["TM-S"] == "mention"
    assert got["RU-TA"] == "party"


def test_capital_with_its_own_city_hall_stays_a_side() -> None:
    text = (
        "Рустам Эмомали провёл встречи с послами России и Узбекистана\n\nВстречи прошли в "
        "мэрии.\n\nМэр Душанбе обсудил сотрудничество с городами России. Мэр Душанбе "
        "предложил соглашение о партнёрстве."
    )
    assert roles(text)["TJ-DU"] == "party"


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        (
            "Атырауские спортсмены привезли медали с турнира в Астрахани\n\nСборная Атырауской "
            "области заняла первое место.",
            "RU-AST",
        ),
        (
            "Kazakhstan and Kyrgyzstan sign documents at forum\n\nAt the first Interregional "
            "Forum, held on Sept. 22-23 in Taraz, the Chui region and the Almaty region signed "
            "an agreement.",
            "KZ-31",
        ),
        (
            "East Kazakhstan region sees tourism growth\n\nFlights to Oskemen from Almaty "
            "region grow.\n\nTalks are under way on a direct route from Atyrau to the region "
            "under an agreement.",
            "KZ-23",
        ),
    ],
)
def test_venues_and_route_ends_are_mentions(text: str, venue: str) -> None:
    assert roles(text)[venue] == "mention"


def test_quoted_event_before_its_city_is_a_venue() -> None:
    text = (
        "Пермь и Фергана подпишут соглашение о сотрудничестве\n\nДелегация Пермского края "
        "примет участие в выставке «Иннопром» в Самарканде, где с узбекской стороной обсудят "
        "соглашения."
    )
    assert roles(text)["UZ-SA"] == "mention"


def test_quoted_crossing_before_its_region_stays_where_it_is() -> None:
    text = (
        "Пункт пропуска открыли после ремонта\n\nКазахстан и Кыргызстан договорились о "
        "сотрудничестве.\n\nСоглашение подписали на пункте пропуска «Ак-Жол» в Чуйской области."
    )
    assert roles(text)["KG-C"] == "party"


def test_embassys_seat_is_a_mention() -> None:
    text = (
        "Khatlon governor proposes sister-city ties with Japan\n\nThe governor of Khatlon has "
        "suggested to Japan's Embassy in Dushanbe that it consider sister-city relations."
    )
    got = roles(text)
    assert got["TJ-DU"] == "mention"
    assert got["TJ-KT"] == "party"


def test_dateline_alone_is_a_mention_in_a_local_item() -> None:
    text = (
        "Wheat harvesting underway in Turkmenistan\n\nAshgabat, Turkmenistan, June 17\n\n"
        "Farmers of Turkmenistan began harvesting wheat this week across the country."
    )
    assert roles(text)["TM-S"] == "mention"


def test_agreement_signed_years_ago_is_background() -> None:
    text = (
        "Давняя дружба станет ещё крепче\n\nТюменская область подписала соглашение с "
        "Казахстаном.\n\nВ развитие подписанного два года назад меморандума о сотрудничестве "
        "между правительствами Тюменской и Северо-Казахстанской области подписан план."
    )
    assert roles(text)["KZ-59"] == "mention"


def test_event_named_after_its_place_is_a_mention() -> None:
    text = (
        "Uzbekistan harbors energy plans, Russia ready to help\n\nRussia and Uzbekistan signed "
        "an agreement on gas.\n\nSince the Andijan massacre of May 2005 Russia and Uzbekistan "
        "have signed agreements on cooperation."
    )
    assert roles(text)["UZ-AN"] == "mention"


def test_a_persons_home_town_is_a_mention() -> None:
    text = (
        "Стоит ли россиянам ехать на отдых в Кыргызстан\n\nВпечатлениями о поездке на "
        "Иссык-Куль с читателями поделилась жительница Омска Нафиса."
    )
    got = roles(text)
    assert got["RU-OMS"] == "mention"
    assert got["KG-Y"] == "party"


def test_capital_among_listed_cities_is_a_city() -> None:
    text = (
        "Узбекистан и Казахстан наращивают сотрудничество в туризме\n\nГруппа "
        "предпринимательниц из Жамбылской области находится с рабочим визитом в Ташкенте.\n\n"
        "Стороны договорились о партнёрстве туристических органов Самарканда, Бухары, Хивы, "
        "Ташкента и Жамбылской области."
    )
    assert roles(text)["UZ-TK"] == "party"
