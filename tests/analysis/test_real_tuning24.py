"""Rules of session 7 (helper tuneD) from the errors on texts derived from real articles
(tests/data/labelled/tuning24.toml) and the labelling conventions of
tests/data/labelled/README.md: roles, relevance and topics."""

from __future__ import annotations

from storage.analysis.analyze import analyze
from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_real import lem


def _roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text).regions}


def test_the_regions_of_a_consular_district_are_mentions() -> None:
    roles = _roles(
        "В Самаре открыли консульство Таджикистана\n\n"
        "Консульство Таджикистана открылось в Самаре, в церемонии участвовал губернатор. "
        "Кроме Самарской области, в консульский округ входят Республика Мордовия, Пензенская "
        "и Ульяновская области, Оренбургская область."
    )
    assert roles.get("RU-SAM") == "party"
    for code in ("RU-MO", "RU-PNZ", "RU-ULY", "RU-ORE"):
        assert roles.get(code) == "mention", code


def test_what_a_delegation_learned_about_passes_by() -> None:
    roles = _roles(
        "Chinese textile companies visit Tashkent\n\n"
        "A delegation of Chinese textile companies held talks in Tashkent on cooperation.\n\n"
        "During the visit the delegation learned about the investment potential of the Bukhara, "
        "Samarkand and Syrdarya regions and visited several factories."
    )
    for code in ("UZ-BU", "UZ-SA", "UZ-SI"):
        assert roles.get(code) == "mention", code


def test_a_consulate_opened_is_a_tie_between_two_sides() -> None:
    text = (
        "В Самаре открыли консульство Таджикистана\n\n"
        "На улице Ленинской торжественно открылось консульство Таджикистана, в церемонии "
        "участвовал губернатор Самарской области."
    )
    assert analyze(text).relevant


def test_trucks_stuck_in_a_queue_at_the_border_are_local_news() -> None:
    text = (
        "Trucks stuck in queue at Kyrgyz-Kazakh border\n\n"
        "More than 400 trucks are stuck in the queue on Kyrgyzstan's side of the Kyrgyz-Kazakh "
        "border, the border service said.\n\n"
        "As of noon, 300 trucks were queueing at the Ak-Zhol road crossing point and 100 at "
        "the Chaldovar checkpoint."
    )
    assert not analyze(text).relevant


def test_a_departments_name_is_no_area() -> None:
    text = (
        "Стороны подпишут протокол о культурном сотрудничестве, сообщает пресс-служба "
        "Главного управления сельского хозяйства края."
    )
    assert "agriculture" not in detect_topics([], [], lem(text))


def test_schools_working_together_are_education() -> None:
    schools = "Будет развиваться взаимодействие образовательных учреждений двух областей."
    assert "education" in detect_topics([], [], lem(schools))
    school = "Стороны отметили значение средней школы, открытой в прошлом году в районе."
    assert "education" in detect_topics([], [], lem(school))


def test_a_currency_market_is_no_trade() -> None:
    text = lem(
        "Оба руководителя отметили, что нестабильность валютного рынка не мешает связям.",
        "Благодаря таможенному союзу у областей есть широкие возможности для связей.",
        "Колебания на валютном рынке не привели к дестабилизации связей, а укрепили их.",
    )
    assert "trade" not in detect_topics([], [], text)


def test_the_city_where_talks_are_held_is_a_venue() -> None:
    roles = _roles(
        "Осенью в Омске пройдет форум России и Казахстана\n\n"
        "Осенью в Омске пройдет форум межрегионального сотрудничества России и Казахстана.\n\n"
        "В понедельник главы правительств проведут в Москве переговоры о сотрудничестве двух "
        "стран. Площадкой для форума станет Омск, власти региона уже готовятся к нему."
    )
    assert roles.get("RU-MOW") == "mention"
    assert roles.get("RU-OMS") == "party"


def test_a_capitals_dateline_before_a_dash_or_a_colon_is_a_mention() -> None:
    for mark in ("ASTANA –", "ASTANA:"):
        roles = _roles(
            "Kazakhstan appoints new regional governors\n\n"
            f"{mark} Kazakhstan appointed new governors of the Abai and Zhetisu regions "
            "over the weekend under new rules.\n\n"
            "Deputies of the Abai Region maslikhat chose between two candidates. In the Zhetisu "
            "Region the new governor got 106 votes out of 141."
        )
        assert roles.get("KZ-71") == "mention", mark
        assert roles.get("KZ-10") == "party", mark


def test_in_place_is_no_venue() -> None:
    roles = _roles(
        "Storm alert issued for several regions of Kazakhstan\n\n"
        "A storm alert has been issued for several regions of Kazakhstan for Monday.\n\n"
        "High wind is set to batter Aktobe region. Fog is forecast in Zhambyl region.\n\n"
        "Extreme fire danger remains in place locally in Ulytau and Turkistan regions."
    )
    assert roles.get("KZ-62") == "party"
    assert roles.get("KZ-61") == "party"


def test_export_potential_is_no_trade() -> None:
    text = lem(
        "The tire plant will create up to 1,000 jobs and develop export potential.",
        "The plant will meet the growing demand for tires in the region.",
    )
    assert "trade" not in detect_topics([], [], text)


def test_what_a_delegation_came_to_get_to_know_is_no_main_topic() -> None:
    title = lem("В Омске подписали соглашение о сотрудничестве с Павлодарской областью")
    lead = lem(
        "В Омск приехала делегация Павлодарской области, чтобы познакомиться с экономическим "
        "и культурным потенциалом региона."
    )
    body = lem(
        "Документ позволит расширить сотрудничество в торгово-экономической и гуманитарной сферах.",
        "Стороны будут содействовать гастрольному обмену творческих коллективов.",
    )
    assert detect_topics(title, lead, body)[:1] == ("trade",)


def test_the_forum_on_whose_sidelines_they_met_is_no_main_topic() -> None:
    title = lem("Туркменистан и Хатлонская область расширяют сотрудничество")
    lead = lem(
        "На полях Международного туристического форума «Хатлон – сердце туризма» посол "
        "Туркменистана встретился с председателем Хатлонской области."
    )
    body = lem("Стороны обсудили сотрудничество в аграрной, промышленной и туристической сферах.")
    assert detect_topics(title, lead, body)[:1] == ("agriculture",)


def test_ore_and_chemical_fertilizers_imported_are_goods() -> None:
    text = lem(
        "Imports from Russia now include crude oil, iron ore, coal and chemical fertilizers.",
        "In 2012 chemical fertilizer imports from Russia to the province doubled.",
    )
    assert "industry" not in detect_topics([], [], text)


def test_the_city_companies_come_from_is_no_side() -> None:
    roles = _roles(
        "Uzbek-Chinese textile forum held in Tashkent\n\n"
        "Tashkent hosted an Uzbek-Chinese business forum on textile cooperation on Monday.\n\n"
        "The Chinese delegation included 20 representatives of associations and 12 large "
        "companies from Shanghai, Qingdao and elsewhere."
    )
    assert roles.get("CN-SH") == "mention"


def test_an_offices_seat_is_a_mention() -> None:
    roles = _roles(
        "OSCE supports a seminar on water co-operation between Kazakhstan and Russia\n\n"
        "The OSCE Programme Office in Astana will support a seminar on transboundary water "
        "co-operation for participants from Kazakhstan and Russia.\n\n"
        "Experts will share recommendations, the website of the OSCE Programme Office in "
        "Astana reads. The seminar is meant to promote the agreement on the Ural river."
    )
    assert roles.get("KZ-71") == "mention"


def test_plant_quarantine_is_agriculture() -> None:
    text = lem(
        "The sides signed a memorandum on technical cooperation in animal and plant quarantine."
    )
    assert "agriculture" in detect_topics([], [], text)


def test_one_sides_tourism_and_roads_are_its_own_news() -> None:
    text = (
        "Отдых на Иссык-Куле может стать круглогодичным\n\n"
        "Кыргызстан собирается продлить туристический сезон на Иссык-Куле на весь год, "
        "заявил директор департамента туризма.\n\n"
        "По его словам, туристов регион привлекает не только летом. Строится автодорога, "
        "которая соединит Иссык-Кульскую область с Казахстаном, и новый аэропорт в Караколе."
    )
    assert not analyze(text).relevant
