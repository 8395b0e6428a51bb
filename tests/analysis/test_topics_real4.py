"""Topic rules of session 7 (topicsA) on texts like tests/data/labelled/tuning14-16.toml and
the labelling conventions of tests/data/labelled/README.md: a region's economy and a
delegation's make-up pass by, so do weather news and a visit to a plant; "travel" is a hint;
goods named in trade or carriage (medical products, wheat that arrived) are trade's; a
product's quality, ties' roots and cooking oil name no topic; the oil and gas industry is
energy's; trade relations and cultural exchanges name their areas."""

from __future__ import annotations

from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_real import lem


def body(*sentences: str) -> set[str]:
    return set(detect_topics([], [], lem(*sentences)))


def test_a_regions_economy_passes_by() -> None:
    main = "Главные отрасли экономики области — металлургия и обрабатывающая промышленность."
    assert "industry" not in body(main)
    speciality = "Специализация региона — машиностроение, металлургия, сельское хозяйство, туризм."
    assert not body(speciality) & {"industry", "agriculture", "tourism"}


def test_a_delegations_make_up_passes_by() -> None:
    ru = "В делегацию вошли руководители металлургических и машиностроительных заводов."
    en = "The delegation was made up of the heads of machine-building and metallurgical plants."
    assert "industry" not in body(ru)
    assert "industry" not in body(en)


def test_a_visit_to_a_plant_passes_by() -> None:
    lead = "В программе визита — встречи с губернатором и посещение трубного завода."
    assert "industry" not in detect_topics([], lem(lead), [])
    guests = "Гости побывали на сельскохозяйственных и промышленных предприятиях района."
    assert not body(guests) & {"agriculture", "industry"}


def test_weather_is_local_news() -> None:
    assert "transport" not in body("A hurricane stopped four passenger trains at stations.")
    assert "transport" not in body("Snow closed sections of the highway and the main road.")
    title = "Ехать осторожно: на трассе испортилась погода"
    road = lem("Дорога покрыта льдом, трасса заметена.", "На трассе стоят грузовики.")
    assert "transport" not in detect_topics(lem(title), [], road)


def test_travel_is_a_hint() -> None:
    trips = body(
        "The speakers travelled to the western region.",
        "Travel time between the capitals is six hours.",
    )
    assert "tourism" not in trips


def test_rice_is_a_crop_and_goods() -> None:
    title = "Много ли риса соберут в этом году"
    assert detect_topics(lem(title), [], [])[:1] == ("agriculture",)
    arrived = "В Кыргызстан привезли тысячу тонн пшеницы из России"
    assert "agriculture" not in detect_topics(lem(arrived), [], [])


def test_medical_goods_are_traded_goods() -> None:
    covers = "The agreement covers supplies of medical products and confectionery."
    assert "health" not in body(covers)
    listed = "The agreement covers supplies of poultry, medical and confectionery products."
    assert "health" not in body(listed)
    # An area in a list beside trade is still an area.
    areas = "Стороны обсудили развитие торговли и сотрудничества в медицинской сфере."
    assert {"trade", "health"} <= body(areas)


def test_quality_roots_and_cooking_oil_name_no_topic() -> None:
    assert "ecology" not in body("The region grows ecologically clean products.")
    assert "culture" not in body("The ties are rooted in a common culture and language.")
    assert "energy" not in body("We mainly export flour, grain and vegetable oil to China.")


def test_the_oil_and_gas_industry_is_energys() -> None:
    deal = "The companies signed an agreement on cooperation in the oil and gas industry."
    found = body(deal)
    assert "energy" in found
    assert "industry" not in found


def test_trade_relations_and_exchanges_name_their_areas() -> None:
    assert "trade" in body("Стороны уделили внимание развитию торговых отношений.")
    exchange = "Стороны обсудили программы культурного и образовательного обмена."
    assert {"culture", "education"} <= body(exchange)


def test_an_inspectorates_name_passes_by() -> None:
    post = "Он стал начальником Инспекции по контролю за агропромышленным комплексом."
    assert "agriculture" not in body(post)


def test_local_products_and_an_industry_chain_are_no_manufacturing() -> None:
    title = "Farmers to export local products to China"
    assert "industry" not in detect_topics(lem(title), [], [])
    chain = "Their cooperation covers the whole industry chain of soybean growing."
    assert "industry" not in body(chain)


def test_stocks_of_goods_are_no_farming() -> None:
    title = "Запасов пшеницы и муки в стране достаточно"
    assert "agriculture" not in detect_topics(lem(title), [], [])


def test_routes_shipping_and_purchases() -> None:
    assert "transport" in body("Рейс между Душанбе и Ташкентом откроют в апреле.")
    river = "Стороны обсудили развитие судоходства по реке."
    assert "transport" in detect_topics([], lem(river), [])
    assert "trade" in body("Фонд заключил соглашение о покупке пшеницы в России.")


def test_trade_cooperation_and_commodity_turnover_are_trade() -> None:
    first = "Участников интересовало прежде всего торговое сотрудничество двух стран."
    transit = "А еще возможности нарастить транзит и расширить пограничные коридоры."
    assert detect_topics([], [], lem(first, transit))[:1] == ("trade",)
    assert "trade" in body("Commodity turnover with the region reached two billion dollars.")


def test_higher_education_institutions_are_educations() -> None:
    ties = "Стороны развивают связи между научными институтами и высшими учебными заведениями."
    assert "education" in body(ties)


def test_water_problems_are_ecologys() -> None:
    meet = "The district heads will discuss the water problem at a joint meeting."
    assert "ecology" in body(meet)
    use = "The sides discussed the rational use of the region's water and energy resources."
    assert "ecology" in body(use)


def test_field_work_is_farming() -> None:
    spring = "Главы сел обсудили острые вопросы перед началом весенних полевых работ."
    assert "agriculture" in body(spring)


def test_a_customs_office_is_a_body() -> None:
    title = "Контейнеры с товарами прибыли в порт, сообщили в таможенном управлении"
    assert "trade" not in detect_topics(lem(title), [], [])


def test_what_a_pavilion_holds_passes_by() -> None:
    pavilion = "Министр открыл национальный павильон со стендами машиностроительных заводов."
    assert "industry" not in body(pavilion)
    signing = "В павильоне Казахстана подписали меморандум о сотрудничестве в сфере туризма."
    assert "tourism" in body(signing)


def test_a_companys_name_passes_by() -> None:
    guest = "На встрече был гендиректор ООО «Транспорт будущего» Юрий Козаренко."
    assert "transport" not in body(guest)


def test_a_digest_of_headlines_passes_by() -> None:
    digest = "New schools opened, cotton harvest in Turkmenistan started and other news."
    assert "agriculture" not in body(digest)


def test_space_exploration_a_production_base_and_a_first_train() -> None:
    assert "space" in body("The documents will advance space exploration and nuclear energy.")
    base = "The Chinese side offered a production base for electric cars and solar panels."
    assert "industry" in body(base)
    train = "Из области отправится первый поезд с подсолнечным маслом."
    assert "transport" in body(train)


def test_a_delegations_make_up_passes_by_in_the_lead_too() -> None:
    lead = "В делегацию вошли руководители предприятий из сферы промышленности и строительства."
    assert "industry" not in detect_topics([], lem(lead), [])


def test_what_guests_saw_passes_by() -> None:
    saw = "Гости увидели производственный процесс и новую технику, включая пассажирский транспорт."
    assert "transport" not in body(saw)


def test_a_crops_place_in_exports_is_a_portrait() -> None:
    item = "Хлопок — заметная статья экспорта страны и сырьё для текстильной отрасли."
    assert not body(item) & {"trade", "industry"}


def test_a_definition_is_a_portrait() -> None:
    twins = (
        "Побратимами называют города, которые установили связи для взаимодействия в "
        "экономической, политической и культурной сферах."
    )
    assert "culture" not in body(twins)


def test_a_committees_long_name_passes_by() -> None:
    post = (
        "Пост занял бывший председатель Государственного комитета по экологии и охране "
        "окружающей среды."
    )
    assert "ecology" not in body(post)


def test_humanitarian_cooperation_alone_is_no_culture() -> None:
    covers = "Humanitarian cooperation, covering science and the training of personnel, grows."
    assert "culture" not in body(covers)


def test_what_investors_are_offered_passes_by() -> None:
    offer = "Investors will be given all conditions: land, gas supply and railway services."
    assert not body(offer) & {"energy", "transport"}
    ru = "Инвесторам предоставят все условия: земля, газоснабжение и железная дорога."
    assert not body(ru) & {"energy", "transport"}
    # The conditions themselves are investment's.
    climate = "Власти создадут все условия для китайских инвесторов в свободной зоне."
    assert "investment" in detect_topics([], lem(climate), [])


def test_farmers_arriving_are_no_goods() -> None:
    title = "Делегация аграриев Костанайской области прибыла в Курган"
    assert "agriculture" in detect_topics(lem(title), [], [])


def test_garments_shipped_are_goods() -> None:
    title = "Kyrgyz exporters ship garments to Russia"
    assert "industry" not in detect_topics(lem(title), [], [])


def test_goods_bought_are_trade_first() -> None:
    lead = "В Кыргызстан привезли пшеницу, купленную в России."
    rail = "Зерно доставили по железной дороге в 36 вагонах."
    assert detect_topics([], lem(lead), lem(rail))[:1] == ("trade",)


def test_goods_a_buyer_is_interested_in_are_goods() -> None:
    title = "Синьцзян интересуют казахстанский мёд и текстиль"
    assert "industry" not in detect_topics(lem(title), [], [])
