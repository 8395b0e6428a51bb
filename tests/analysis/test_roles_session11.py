"""Roles, session 11's two rounds (how news is written, studied on tuned parts only).

Round 11: a region of the other country named in the body with the head's only side is the
other side; a capital a delegation arrives in is the venue of talks with its country's
government (a mention), while a train arriving there stays a side
(test_regions_real4.test_train_arriving_in_a_capital_keeps_it_a_side); capitals as seats,
roads built between two countries, twin capitals.

Round 11b: the hosts of a region's days held in another country are sides, the title naming
the event too; a place the head says hosts an event is its venue (a mention); the other
country's place a flight leaves from is no counterpart of the head's side; what a guest gets
acquainted with passes by; a dateline closed up to its dash ("TASHKENT—A major quake") is the
wire's, a mention; so is a road named after a place ("на Ташкентской трассе")."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        (
            "Делегация Пензенской области прибыла в Бишкек\n\nДелегация Пензенской области "
            "прибыла в Бишкек для переговоров с правительством Кыргызстана о поставках зерна.",
            "KG-GB",
        ),
        (
            "St. Petersburg governor in Turkmenistan\n\nOn Sunday Governor Alexander Beglov "
            "arrived in Ashgabat, the capital of Turkmenistan, at the head of a delegation of "
            "the Government of St. Petersburg.",
            "TM-S",
        ),
    ],
)
def test_capital_a_delegation_arrives_in_is_a_mention(text: str, capital: str) -> None:
    assert roles(text)[capital] == "mention"


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "Heilongjiang leads China in business with Russia\n\nHeilongjiang province's trade "
            "with Russia grew by a third last year, local officials said.\n\nOn Feb 26 the "
            "foundation stone was laid for a railway bridge linking Heilongjiang with Russia's "
            "Jewish Autonomous Oblast.",
            "RU-YEV",
        ),
        (
            "Башкирия и Узбекистан запускают совместные проекты\n\nБашкортостан и Узбекистан "
            "обсудили новые проекты в промышленности и сельском хозяйстве.\n\nУ Башкортостана "
            "большой опыт в тепличном хозяйстве, а Ташкентская область предлагает для него "
            "хорошие условия.",
            "UZ-TO",
        ),
    ],
)
def test_other_country_region_named_with_the_only_side_is_a_side(text: str, other: str) -> None:
    assert roles(text)[other] == "party"


def test_capital_named_once_in_a_local_item_is_the_seat() -> None:
    text = (
        "В Таджикистане произошло землетрясение\n\nЗемлетрясение магнитудой 5 произошло "
        "ночью на востоке страны, сообщили сейсмологи.\n\nСильнее всего толчки ощутили "
        "жители Горно-Бадахшанской автономной области, где повреждены два дома.\n\nВ "
        "Душанбе толчков не почувствовали."
    )
    got = roles(text)
    assert got["TJ-GB"] == "party"
    assert got["TJ-DU"] == "mention"


def test_other_side_named_with_the_body_sides_when_the_head_names_none() -> None:
    text = (
        "Новые совместные проекты\n\nСтороны обсудили сотрудничество в промышленности, "
        "сообщили в правительстве.\n\nДелегация Татарстана подписала соглашение о "
        "сотрудничестве с правительством Узбекистана.\n\nСейчас Татарстан выпускает "
        "грузовики, а Ташкентская область предлагает для сборки хорошие площадки."
    )
    got = roles(text)
    assert got["RU-TA"] == "party"
    assert got["UZ-TO"] == "party"


def test_capital_in_the_head_beside_a_region_of_its_country_is_the_seat() -> None:
    text = (
        "В Астане губернатор Челябинской области встретился с акимом Костанайской области\n\n"
        "Губернатор Челябинской области и аким Костанайской области обсудили поставки "
        "зерна и строительство завода.\n\nСтороны подписали соглашение о сотрудничестве."
    )
    got = roles(text)
    assert got["RU-CHE"] == "party"
    assert got["KZ-39"] == "party"
    assert got["KZ-71"] == "mention"


def test_road_to_be_built_between_two_countries_places_has_two_sides() -> None:
    text = (
        "Казахстан и Кыргызстан обсудили совместные проекты\n\nПрезиденты двух стран "
        "обсудили торговлю и транспорт, сообщает пресс-служба.\n\nСреди проектов — "
        "строительство автодороги Алматы — Иссык-Куль."
    )
    got = roles(text)
    assert got["KZ-75"] == "party"
    assert got["KG-Y"] == "party"


@pytest.mark.parametrize(
    "text",
    [
        "Sister cities mark an anniversary\n\nOfficials of the two cities met on Wednesday, "
        "the press service said.\n\nThe meeting discussed 25 years of cooperation between "
        "the sister cities of Tashkent and Shanghai.",
        "Города-побратимы отметили юбилей\n\nПредставители двух городов встретились в "
        "среду, сообщила пресс-служба.\n\nНа встрече обсуждалось сотрудничество "
        "городов-побратимов Ташкента и Шанхая.",
    ],
)
def test_capital_among_twin_cities_is_a_side(text: str) -> None:
    got = roles(text)
    assert got["UZ-TK"] == "party"
    assert got["CN-SH"] == "party"


# ---- round 11b ----


@pytest.mark.parametrize(
    ("text", "host"),
    [
        (
            "Дни Самаркандской области пройдут в Казани\n\n12-14 мая в Казани состоятся Дни "
            "Самаркандской области. Гости представят туристический и торговый потенциал "
            "региона.",
            "RU-TA",
        ),
        (
            "Дни Оренбургской области пройдут в Актобе\n\n18-19 мая в казахстанском Актобе "
            "состоятся Дни Оренбургской области. Оренбуржцы развернут деловые площадки.",
            "KZ-15",
        ),
    ],
)
def test_host_of_a_regions_days_in_the_title_is_a_side(text: str, host: str) -> None:
    assert roles(text)[host] == "party"


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        (
            "Osh hosts a craft fair with guests from Kashgar\n\nA craft fair opened on Friday "
            "with artisans from Kashgar showing carpets and pottery. Traders from Kashgar "
            "signed supply agreements with local shops.",
            "KG-GO",
        ),
        (
            "Костанай готовится принять форум межрегионального сотрудничества Казахстана и "
            "России\n\nОсенью пройдет очередной форум межрегионального сотрудничества двух "
            "стран. В нем примут участие губернаторы приграничных регионов России.",
            "KZ-39",
        ),
    ],
)
def test_place_hosting_an_event_in_the_head_is_its_venue(text: str, venue: str) -> None:
    assert roles(text)[venue] == "mention"


def test_institution_named_after_a_region_hosting_an_event_is_no_venue() -> None:
    text = (
        "Round table at a university\n\nEast Kazakhstan University hosted a meeting and "
        "round table on cooperation with universities of Russia and Kyrgyzstan."
    )
    assert roles(text).get("KZ-63", "party") == "party"


def test_other_countrys_place_a_flight_leaves_from_is_no_counterpart() -> None:
    text = (
        "Иссык-Кульская область приняла более миллиона туристов\n\nИссык-Кульскую область "
        "за лето посетили более миллиона туристов.\n\nБольше всего туристов приехало из "
        "Казахстана и России. В следующем году власти планируют построить новый терминал "
        "аэропорта «Иссык-Куль» и увеличить число прямых рейсов из Алматы и Новосибирска."
    )
    found = roles(text)
    assert (found["KZ-75"], found["RU-NVS"]) == ("mention", "mention")


def test_other_countrys_place_a_train_left_is_no_counterpart() -> None:
    text = (
        "First Kazakhstani grain sent to China's Shandong\n\nShandong province will receive "
        "1,300 tons of Kazakhstani wheat this month.\n\nA container train carrying the grain "
        "has left Almaty for Jinan, the capital of Shandong province."
    )
    assert roles(text)["KZ-75"] == "mention"


def test_what_a_guest_gets_acquainted_with_passes_by() -> None:
    text = (
        "Kyrgyz Prime Minister to visit Xinjiang\n\nThe Chairman of the Cabinet of Ministers "
        "of Kyrgyzstan will make a working trip to the Xinjiang Uyghur Autonomous Region of "
        "China.\n\nDuring the trip to Xinjiang he will get acquainted with the work of the "
        "Naryn Free Economic Zone in Kashgar."
    )
    assert roles(text)["KG-N"] == "mention"


def test_dateline_closed_up_to_its_dash_is_a_mention() -> None:
    text = (
        "At least 13 killed in Uzbekistan quake\n\nTASHKENT—A major quake in Uzbekistan "
        "killed at least 13 people when it struck near the border in Fergana region, Uzbek "
        "officials said.\n\nRescuers searched the villages of Fergana region overnight."
    )
    assert roles(text)["UZ-TK"] == "mention"


def test_road_named_after_a_capital_is_a_mention() -> None:
    text = (
        "Пятеро погибли в аварии близ поселка Казыгурт\n\nКрупная авария произошла в "
        "Туркестанской области вечером в понедельник. На Ташкентской трассе лоб в лоб "
        "столкнулись микроавтобус и легковой автомобиль."
    )
    assert roles(text)["UZ-TK"] == "mention"
