"""Topic rules of session 7 (helper topicsB) on texts derived from real articles
(tests/data/labelled/tuning17.toml, tuning20.toml, tuning21.toml) and the labelling conventions
of tests/data/labelled/README.md: hints that are no topic alone (a tour, travel, a hotel, a
joint venture), names of agencies, bureaus, faculties and forums."""

from __future__ import annotations

from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_real import lem


def test_a_tour_or_travel_or_a_hotel_alone_is_no_tourism() -> None:
    tour = "The delegation's visit began with a tour of the regional history museum hall."
    assert "tourism" not in detect_topics([], lem(tour), [])
    travel = "Traders travel for twenty hours to sell clothes in the market."
    assert "tourism" not in detect_topics([], lem(travel), [])
    hotel = "The investor will build a cement plant, a poultry farm and a hotel."
    assert "tourism" not in detect_topics([], lem(hotel), [])
    # With a second sign it still is.
    both = "Tour operators expect more travel to the region's ski resorts."
    assert "tourism" in detect_topics([], lem(both), [])


def test_a_joint_venture_alone_is_no_investment() -> None:
    venture = "Companies of the two regions want to set up a joint venture to make furniture."
    assert "investment" not in detect_topics([], lem(venture), [])
    ru = "Стороны обсудили создание совместного предприятия по выпуску мебели."
    assert "investment" not in detect_topics([], lem(ru), [])


def test_an_agencys_or_a_forums_name_is_no_area() -> None:
    agency = "According to the investment agency of the region, the delegation sells heating pipes."
    assert "investment" not in detect_topics([], lem(agency), [])
    bureau = "Director of the commercial bureau Zhou Yuhui met the guests from Osh."
    assert "trade" not in detect_topics([], lem(bureau), [])
    faculty = "The guests saw the laboratories of the faculty of agricultural technology."
    assert "agriculture" not in detect_topics([], lem(faculty), [])
    forum = "Губернатор выступил на инвестиционном форуме в Ташкенте с приветствием."
    assert "investment" not in detect_topics([], lem(forum), [])


def test_goods_named_by_their_sector_or_by_tonnes_are_trades() -> None:
    apk = "Есть перспективы во взаимных поставках продукции АПК, машин и оборудования."
    assert "agriculture" not in detect_topics([], [], lem(apk))
    # "поставит" and tonnes are goods' words too.
    grain = "Россия поставит Кыргызстану 20 тысяч тонн зерна."
    assert "agriculture" not in detect_topics([], lem(grain), [])
    oil = "Barley, other crops and vegetable oil are shipped to China by rail."
    topics = detect_topics([], lem(oil), [])
    assert "agriculture" not in topics and "energy" not in topics
    # Growing them is still agriculture.
    grown = "Фермеры пересеяли хлопчатник на 13 тысячах гектаров после града."
    assert "agriculture" in detect_topics([], lem(grown), [])


def test_a_departments_name_is_no_area() -> None:
    dept = (
        "Об этом сообщил начальник отдела продовольственной безопасности министерства, "
        "встретившись с послом."
    )
    assert "agriculture" not in detect_topics([], lem(dept), [])


def test_an_english_fire_is_local_news() -> None:
    title = "A forest in the Omsk region caught fire after a dry thunderstorm"
    body = [
        "Workers of the regional forestry enterprise fought the blaze for two days.",
        "The loss of forest crops was avoided, the regional government said.",
    ]
    assert "agriculture" not in detect_topics(lem(title), [], lem(*body))


def test_what_english_guests_saw_or_envoys_visited_passes_by() -> None:
    saw = "The guests saw the start-up academy and the agricultural technology laboratory."
    assert "agriculture" not in detect_topics([], [], lem(saw))
    visited = "The envoys visited a farmers' market, an agricultural college and a dairy farm."
    assert "agriculture" not in detect_topics([], [], lem(visited))


def test_an_oil_painting_is_no_energy() -> None:
    gift = "The counsellor was given an oil painting made by local students as a New Year gift."
    assert "energy" not in detect_topics([], lem(gift), [])


def test_a_description_in_a_sentence_of_what_was_discussed_is_the_news() -> None:
    filler = ["Делегация мэрии прибыла в город на праздник побратимов."] * 12  # a long body
    news = (
        "With our colleagues we discussed drawing a larger flow of investment into the "
        "capital's infrastructure, because Guangzhou is China's third largest city by economy."
    )
    assert "investment" in detect_topics([], [], lem(*filler, news))


def test_petrochemistry_is_industry_and_a_refinery_energy() -> None:
    chem = "Turkmenistan will build a gas chemical complex to make polyethylene and polypropylene."
    topics = detect_topics([], lem(chem), [])
    assert "industry" in topics and "energy" not in topics
    ru = "Стороны обсудили сотрудничество в нефтехимической промышленности."
    assert detect_topics([], lem(ru), [])[:1] == ("industry",)
    refinery = "Стороны обсудили поставки катализаторов для нефтеперерабатывающего завода."
    assert "industry" not in detect_topics([], lem(refinery), [])


def test_districts_heads_replaced_is_local_news() -> None:
    title = "В области сменились главы трёх районов и руководитель здравоохранения"
    body = ["Начальником управления здравоохранения области назначен бывший главврач больницы."]
    assert "health" not in detect_topics(lem(title), [], lem(*body))


def test_an_electric_car_is_no_energy() -> None:
    cars = "Now they bring in lots of Chinese electric cars and electric vehicles by truck."
    assert "energy" not in detect_topics([], lem(cars), [])


def test_what_a_guest_will_visit_passes_by() -> None:
    plan = (
        "While in the republic he will visit the production facilities of the automaker, a "
        "medical centre and an agro-industrial park."
    )
    topics = detect_topics([], lem(plan), [])
    assert not {"industry", "health", "agriculture"} & set(topics)


def test_a_degree_a_nickname_and_an_airport_welcome_name_no_area() -> None:
    degree = "The rector, Doctor of Biological Sciences, showed the guests the campus library."
    assert "health" not in detect_topics([], lem(degree), [])
    nickname = "Давнее партнёрство укрепилось в нефтяной столице России, где открылось консульство."
    assert "energy" not in detect_topics([], lem(nickname), [])
    airport = "В международном аэропорту Кольцово делегацию тепло встретил генеральный консул."
    assert "transport" not in detect_topics([], lem(airport), [])


def test_a_regions_ranking_is_a_portrait() -> None:
    rank = (
        "Наш край входит в первую десятку субъектов России по промышленному производству и "
        "объёму инвестиций."
    )
    assert "investment" not in detect_topics([], [], lem(rank))


def test_trade_relations_and_coal_supplies_name_their_areas() -> None:
    talks = "На встрече обсуждалось сотрудничество в экономике, торговых отношениях и культуре."
    assert "trade" in detect_topics([], [], lem(talks))
    coal = "Есть перспективы во взаимных поставках удобрений, стройматериалов и каменного угля."
    assert "energy" in detect_topics([], [], lem(coal))
    # Charcoal is no fuel supply.
    charcoal = "В Китай отправляют мороженое, пиломатериалы и древесный уголь."
    assert "energy" not in detect_topics([], lem(charcoal), [])


def test_a_trading_partner_and_money_invested_name_their_areas() -> None:
    partner = "Провинция — важный инвестиционный и торговый партнёр Приморского края."
    assert "trade" in detect_topics([], [], lem(partner))
    filler = ["The railway bridge over the river will link the two cities by rail."] * 12
    money = "China plans to invest 2.64 billion yuan in the project."
    assert "investment" in detect_topics([], [], lem(*filler, money))


def test_goods_named_as_areas_of_cooperation() -> None:
    areas = "Республика собирается сотрудничать в области текстиля и сельхозтоваров."
    assert {"industry", "agriculture"} <= set(detect_topics([], [], lem(areas)))
    # Sold, they are trade's.
    sold = "На ярмарке продавали сельхозтовары и текстиль из Узбекистана."
    topics = detect_topics([], lem(sold), [])
    assert "agriculture" not in topics and "industry" not in topics


def test_the_seed_industry_and_farm_machinery_are_agriculture() -> None:
    seed = "The universities signed a memorandum on joint research in the seed industry."
    assert "industry" not in detect_topics([], lem(seed), [])
    park = "The park breeds seed strains, tests agricultural machinery and grows fruit trees."
    assert "industry" not in detect_topics([], lem(park), [])


def test_a_dam_burst_is_local_news() -> None:
    title = "В Узбекистане прорвало дамбу водохранилища"
    body = ["К работам привлекли министерство по чрезвычайным ситуациям и водного хозяйства."]
    assert "ecology" not in detect_topics(lem(title), [], lem(*body))


def test_cross_border_rivers_are_ecology() -> None:
    rivers = "They signed an agreement on the use and protection of cross-border rivers."
    assert "ecology" in detect_topics([], lem(rivers), [])


def test_industrial_tourism_and_a_regions_portrait() -> None:
    body = [
        "Both regions have large oil processing plants and highly developed agriculture.",
        "The Russian side was introduced to the tourism potential of the region.",
        "The administration will focus on developing industrial tourism.",
        "He spoke about the world's largest coal mine and the tallest industrial chimney.",
    ]
    assert detect_topics([], [], lem(*body)) == ("tourism",)


def test_a_regional_directorates_name_is_no_area() -> None:
    head = (
        "Договорённость подписали в сентябре, рассказал руководитель облуправления внешних "
        "связей и туризма, возглавивший делегацию."
    )
    assert "tourism" not in detect_topics([], [], lem(head))


def test_what_a_region_has_for_tourism_is_a_portrait() -> None:
    body = [
        "Стороны видят большие перспективы сотрудничества в сфере туризма.",
        "По словам главы делегации, в округе есть всё необходимое для туризма: два "
        "аэропорта, железнодорожное сообщение и автомагистрали.",
    ]
    assert "transport" not in detect_topics([], [], lem(*body))


def test_trade_cooperation_across_a_list() -> None:
    visit = (
        "Визит должен дать импульс развитию экономического, торгового и культурного "
        "сотрудничества области и Казахстана."
    )
    assert detect_topics([], lem(visit), [])[:1] == ("trade",)
    # Alone, "торговый" is no area: a shopping centre.
    mall = "В городе открылся новый торговый центр с кинотеатром."
    assert "trade" not in detect_topics([], lem(mall), [])


def test_training_personnel_and_projects_in_areas() -> None:
    training = (
        "Стороны обсудили сотрудничество в производстве высоких технологий и подготовке кадров."
    )
    assert "education" in detect_topics([], [], lem(training))
    projects = "Регионы готовы вести совместные проекты в образовании, спорте и туризме."
    assert {"education", "tourism"} <= set(detect_topics([], [], lem(projects)))


def test_training_staff_for_a_park_but_not_the_staff_a_region_has() -> None:
    park = "Говорили о том, как ускорить строительство парка и подготовить для него кадры."
    assert "education" in detect_topics([], [], lem(park))
    has = "По его словам, в Актобе есть свободные площади и подготовленные кадры."
    assert "education" not in detect_topics([], [], lem(has))


def test_rain_and_fog_are_local_news() -> None:
    title = "Узбекистан ждут сильные дожди и туман"
    body = [
        "На автодороге через перевал ожидается снег, в Ташкенте перекроют центральную дорогу.",
        "Аэропорт Ферганы ограничил приём воздушных судов.",
    ]
    assert "transport" not in detect_topics(lem(title), [], lem(*body))
