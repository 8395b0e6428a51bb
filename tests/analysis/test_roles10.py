"""Rules of session 10 (helper roles10) from the role errors on the STUDY parts (tuning18,
tuning19, tuning33, tuning35; texts derived from real articles), one case per kind, written
here."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze


def _roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text).regions}


# --- a flight the title tells of: both its ends are sides ---


FLIGHTS_IN_THE_TITLE = [
    (
        "Возобновлён рейс из Новосибирска в Ош\n\n"
        "Авиакомпания выполнила первый рейс из Новосибирска в Ош. Самолёты будут летать "
        "по средам, билеты уже в продаже.",
        ("RU-NVS", "KG-GO"),
    ),
    (
        "Airline opens flights to Bukhara\n\n"
        "The carrier will fly on the Kazan - Bukhara route twice a week. Tickets for the "
        "Kazan - Bukhara flights are on sale.",
        ("RU-TA", "UZ-BU"),
    ),
    (
        "Авиакомпания приостановила рейсы в Худжанд\n\n"
        "Продажа билетов на рейс Екатеринбург — Худжанд остановлена. Рейс Екатеринбург — "
        "Худжанд возобновят весной.",
        ("RU-SVE", "TJ-SU"),
    ),
]


def test_a_road_between_two_towns_stays_in_passing() -> None:
    roles = _roles(
        "ДТП на трассе Алматы — Бишкек\n\n"
        "На трассе Алматы — Бишкек столкнулись грузовик и легковой автомобиль, погибли два "
        "человека."
    )
    assert roles.get("KG-GB") != "party"


# --- a roster of the guests who attend a forum: their regions are mentions ---


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Kazakh-Chinese business forum opens in Urumqi\n\n"
            "The Kazakhstan-China business forum has opened in Urumqi.\n\n"
            "Among those attending the forum are the governors of North Kazakhstan, Pavlodar, "
            "Kostanay regions and Shymkent city. The forum is held every two years.",
            ("KZ-59", "KZ-55", "KZ-39", "KZ-79"),
        ),
        (
            "В Ташкенте открылся форум регионов Узбекистана и России\n\n"
            "В Ташкенте открылся форум регионов Узбекистана и России.\n\n"
            "На форуме присутствуют губернаторы Омской, Томской, Самарской областей и "
            "Пермского края. Форум продлится два дня.",
            ("RU-OMS", "RU-TOM", "RU-SAM", "RU-PER"),
        ),
    ],
)
def test_a_roster_of_attending_governors_is_in_passing(text: str, codes: tuple[str, ...]) -> None:
    roles = _roles(text)
    assert all(roles.get(code) == "mention" for code in codes), roles


# --- a person's former post: its region is a mention ---


@pytest.mark.parametrize(
    "text",
    [
        "Новым хякимом Дашогузского велаята назначен Ахмет Ахмедов\n\n"
        "Новым хякимом Дашогузского велаята назначен Ахмет Ахмедов, бывший хяким Лебапского "
        "велаята. Президент поручил ему ускорить уборку хлопка в Дашогузском велаяте.",
        "New governor appointed in Ahal region\n\n"
        "The president appointed a new governor of Ahal region. Batyr Kerimov, transferred "
        "from Lebap, will head the region's administration. Ahal region leads the country's "
        "wheat harvest.",
    ],
)
def test_a_former_post_is_in_passing(text: str) -> None:
    assert _roles(text).get("TM-L") == "mention"


# --- a checkpoint or a port named after its place: a mention, unless the title tells of it ---


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Кыргызстан и Китай обсудили торговлю\n\n"
            "Посол Кыргызстана встретилась с руководством Синьцзян-Уйгурского автономного "
            "района.\n\n"
            "Стороны обсудили развитие торговли. Стороны подчеркнули, как важно повысить "
            "пропускную способность КПП «Иркештам». Сейчас КПП «Иркештам» пропускает 400 "
            "грузовиков в сутки.",
            "mention",
        ),
        (
            "Xinjiang car exports to Central Asia grow\n\n"
            "Car exports from Xinjiang to Central Asia have doubled this year.\n\n"
            "Trucks carrying new cars stood in line at Irkeshtam Port, waiting to leave for "
            "Kyrgyzstan. Irkeshtam Port opened in 2002 and works all year.",
            "mention",
        ),
        (
            "Стороны договорились возобновить работу КПП «Иркештам»\n\n"
            "Кыргызская и китайская стороны договорились, что КПП «Иркештам» вновь начнёт "
            "работать с 1 июня.",
            "party",
        ),
    ],
)
def test_a_checkpoint_named_after_its_place(text: str, role: str) -> None:
    assert _roles(text).get("KG-O") == role


# --- one country's culture days held in another's cities: the host cities are sides ---


CULTURE_DAYS_HOSTS = [
    (
        "В Узбекистане пройдут дни культуры Казахстана\n\n"
        "Программа рассчитана на неделю.\n\n"
        "Дни культуры Казахстана пройдут в Самарканде и Бухаре. Концерты казахстанских "
        "артистов пройдут на главных площадках городов.",
        ("UZ-SA", "UZ-BU"),
    ),
    (
        "Days of Russian culture to open in Kyrgyzstan\n\n"
        "The programme will last a week.\n\n"
        "The Days of Russian Culture will be held in Osh and Karakol. Russian theatres "
        "will bring three plays.",
        ("KG-GO", "KG-Y"),
    ),
]


def test_past_culture_days_among_other_news_stay_venues() -> None:
    roles = _roles(
        "Presidents of Kazakhstan and Russia agree on cooperation\n\n"
        "The presidents signed a joint statement in Astana.\n\n"
        "Russian Culture Days were recently held in Almaty. The sides agreed to expand "
        "trade and transport links."
    )
    assert roles.get("KZ-75") == "mention"


# --- "Отметим, что ...": another story told in passing ---


def test_a_note_opening_a_sentence_is_an_aside() -> None:
    roles = _roles(
        "В Костанае выпал первый снег\n\n"
        "В Костанайской области выпал первый снег, на трассах ввели ограничения.\n\n"
        "Синоптики обещают похолодание в Костанайской области до конца недели. Отметим, что "
        "вчера первый снег выпал в Павлодаре, Петропавловске и Акмолинской области."
    )
    assert roles["KZ-39"] == "party"
    assert all(roles.get(code) == "mention" for code in ("KZ-55", "KZ-59", "KZ-11")), roles


# --- a border trade zone named after its two sides: both are parties ---


def test_a_trade_zone_named_after_two_regions() -> None:
    roles = _roles(
        "Tajikistan, Kyrgyzstan plan Sughd-Batken trade zone\n\n"
        "Tajikistan and Kyrgyzstan plan to open the Sughd-Batken border trade zone next year. "
        "The zone will hold warehouses and markets."
    )
    assert roles.get("TJ-SU") == roles.get("KG-B") == "party", roles


# --- a region whose head meets the other side: a party ---


def test_a_region_whose_head_meets_is_a_party() -> None:
    roles = _roles(
        "Омская делегация работает на форуме регионов\n\n"
        "Делегация Омской области во главе с губернатором участвует в форуме регионов России "
        "и Казахстана.\n\n"
        "Губернатор встретился с акимом Костанайской области Куанышем Шаимовым и акимом "
        "Северо-Казахстанской области Гауезом Нурмухамбетовым. Стороны обсудили поставки "
        "зерна."
    )
    assert roles.get("KZ-39") == roles.get("KZ-59") == "party", roles


def test_a_head_among_those_present_is_no_meeting() -> None:
    roles = _roles(
        "Омская делегация работает на форуме регионов\n\n"
        "Делегация Омской области во главе с губернатором участвует в форуме регионов России "
        "и Казахстана.\n\n"
        "На встрече присутствовали аким Костанайской области Куаныш Шаимов и другие гости. "
        "Стороны обсудили поставки зерна."
    )
    assert roles.get("KZ-39") == "mention", roles


@pytest.mark.parametrize(("text", "codes"), [*FLIGHTS_IN_THE_TITLE, *CULTURE_DAYS_HOSTS])
def test_both_ends_of_a_flight_and_the_hosts_of_culture_days_are_parties(
    text: str, codes: tuple[str, ...]
) -> None:
    roles = _roles(text)
    assert all(roles.get(code) == "party" for code in codes), roles
