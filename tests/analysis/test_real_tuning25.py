"""Rules of session 7 (helper tuneF) from the errors on texts derived from real articles
(tests/data/labelled/tuning25.toml): names the gazetteer missed, and place words that are no
place."""

from __future__ import annotations

from storage.analysis.analyze import analyze
from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_real import lem


def _codes(text: str) -> set[str]:
    return {r.code for r in analyze(text).regions}


def test_bare_english_darya_regions_in_a_list_of_shares() -> None:
    codes = _codes(
        "Cotton harvest grows\n\nThe largest shares came from Surkhandarya (12.1%) and "
        "Kashkadarya (10.4%), ahead of Bukhara region."
    )
    assert {"UZ-SU", "UZ-QA"} <= codes


def test_tumen_oblast_is_tyumen() -> None:
    codes = _codes("Forum in Petropavl\n\nBusinessmen of Kurgan and Tumen oblasts attended.")
    assert "RU-TYU" in codes


def test_arkadag_city_is_ahal() -> None:
    codes = _codes(
        "Twin cities\n\nA memorandum was signed between Arkadag city and the city of Khujand."
    )
    assert "TM-A" in codes


def test_an_award_named_after_a_place_is_no_place() -> None:
    assert "KZ-33" not in _codes(
        "Governor honoured\n\nThe governor of Orenburg region received the Dostyk Order."
    )
    assert "KZ-33" not in _codes("Губернатор награждён\n\nГубернатору вручили орден Достык.")


def test_a_twin_name_takes_the_country_whose_other_regions_are_named() -> None:
    # Балыкчи: Issyk-Kul's town and Andijan's district; Исфана (Batken) makes it Kyrgyz.
    codes = _codes("Выборы мэров\n\nВ Балыкчи и Исфане выберут мэров в январе.")
    assert "KG-Y" in codes
    assert "UZ-AN" not in codes


def test_a_frame_ends_a_bodys_name() -> None:
    # "the health ministries on cooperation in health care": the name ends before "on", the
    # care after "cooperation in" is the area the agreement covers.
    lead = "An agreement between the health ministries on cooperation in health care was signed."
    topics = detect_topics(lem("Uzbekistan and Kyrgyzstan sign documents"), lem(lead), [])
    assert "health" in topics


def test_a_cross_border_corridor_is_transport() -> None:
    lead = "Стороны обсудили развитие трансграничного коридора между областями."
    topics = detect_topics(lem("Губернатор встретился с консулом"), lem(lead), [])
    assert "transport" in topics


def test_an_earlier_story_in_a_short_article_is_no_topic() -> None:
    title = "Посол Казахстана посетил Саратов"
    lead = "Губернатор обсудил с послом развитие торговли."
    body = "Ранее сообщалось, что губернатор побывал на новом кирпичном производстве в районе."
    topics = detect_topics(lem(title), lem(lead), lem(body))
    assert "trade" in topics
    assert "industry" not in topics


def test_what_agreements_are_aimed_at_names_areas() -> None:
    # A signing at a venue passes by, but what its agreements are for is the news.
    title, lead = lem("Regions' council meets in Tashkent"), lem("The presidents took part.")
    body = (
        "Ten contracts, including ones aimed at developing trade, are to be signed at the council."
    )
    assert "trade" in detect_topics(title, lead, lem(body))
    title, lead = lem("Совет регионов собрался в Ташкенте"), lem("Президенты приняли участие.")
    body = "Десять договоров, направленных на развитие торговли, подпишут на совете в Ташкенте."
    assert "trade" in detect_topics(title, lead, lem(body))


def test_new_energy_vehicles_are_no_energy() -> None:
    lead = "The sides will cooperate in textiles, new energy vehicles and mining."
    topics = detect_topics(lem("Fujian and Samarkand seek closer ties"), lem(lead), [])
    assert "industry" in topics
    assert "energy" not in topics


def test_an_investment_environment_is_no_ecology() -> None:
    body = "Both sides presented their investment environments and key industries to investors."
    topics = detect_topics(
        lem("Trade forum held"), lem("The forum took place in Fuzhou."), lem(body)
    )
    assert "ecology" not in topics


def test_promoting_goods_is_trade() -> None:
    body = "The goal of the trip is to promote local goods and services and to find partners."
    topics = detect_topics(lem("Business forum held"), lem("Firms went to Kurgan."), lem(body))
    assert "trade" in topics
    body = "Стороны обсудили продвижение казахстанских товаров на рынок области."
    topics = detect_topics(lem("Прошла встреча"), lem("Делегация прибыла в Омск."), lem(body))
    assert "trade" in topics


def test_what_an_exhibition_displayed_passes_by() -> None:
    title, lead = lem("Governor visits expo in Urumqi"), lem("The sides discussed investment.")
    body = "The visitors viewed displays of agricultural products, the car industry and logistics."
    topics = detect_topics(title, lead, lem(body))
    assert "transport" not in topics
    assert "agriculture" not in topics


def test_supplies_of_farm_products_are_trade() -> None:
    body = "We are ready to work together on supplies of agricultural products, the governor said."
    topics = detect_topics(lem("Governor visits expo"), lem("The sides met."), lem(body))
    assert "trade" in topics


def test_a_directors_title_is_no_topic() -> None:
    title = lem("Министры обсудили торговлю")
    lead = lem(
        "Министр встретился с заместителем генерального директора по промышленному развитию."
    )
    assert "industry" not in detect_topics(title, lead, [])


def test_business_cooperation_in_a_title_is_no_trade() -> None:
    title = lem("Область укрепит деловое сотрудничество с Казахстаном")
    lead = lem("Главная тема форума — партнёрство в транспортной инфраструктуре и логистике.")
    body = lem("Казахстан остаётся одним из ключевых торговых партнёров региона.")
    assert detect_topics(title, lead, body)[:1] == ("transport",)


def test_what_the_talk_was_about_at_a_plant_visited_is_a_topic() -> None:
    title, lead = lem("Аким посетил Тюмень"), lem("Делегация области прибыла в Тюмень.")
    body = "При посещении завода речь шла о поставках нефтепродуктов в область."
    assert "energy" in detect_topics(title, lead, lem(body))
