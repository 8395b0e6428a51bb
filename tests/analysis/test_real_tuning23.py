"""Topic rules of session 7 (helper tuneE) on texts derived from real articles
(tests/data/labelled/tuning23.toml) and the labelling conventions of
tests/data/labelled/README.md: goods traded at a hub, a page's links to other stories."""

from __future__ import annotations

from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_real import lem


def test_goods_traded_at_a_hub_are_no_topic_of_their_sector() -> None:
    lead = "В новом центре будут торговать запчастями для сельхозтехники и удобрениями."
    got = detect_topics([], lem(lead), [])
    assert "agriculture" not in got


def test_a_link_to_another_story_is_no_topic() -> None:
    body = [
        "The two governors discussed joint projects in agriculture and industry.",
        "Read more: Russia to build Central Asia's first nuclear power plant.",
    ]
    got = detect_topics([], [], [s for b in body for s in lem(b)])
    assert "energy" not in got
    ru = [
        "Стороны обсудили сотрудничество в сфере образования.",
        "Читайте также: в области запустят новую электростанцию и газопровод.",
    ]
    got = detect_topics([], [], [s for b in ru for s in lem(b)])
    assert "energy" not in got


def test_a_forum_whose_sidelines_hosted_the_talks_is_a_venue() -> None:
    lead = (
        "На полях международного туристического форума «Сердце туризма» посол провёл "
        "встречу с губернатором области."
    )
    body = "Стороны обсудили сотрудничество в сельском хозяйстве."
    got = detect_topics([], lem(lead), lem(body))
    assert got[:1] == ("agriculture",)
    en = "The governor met the ambassador on the sidelines of the Tourism Forum of Asia."
    assert "tourism" not in detect_topics([], lem(en), [])


def test_the_areas_of_relations_are_topics() -> None:
    ru = "Республика считает область партнёром в экономических и культурных отношениях."
    assert "culture" in detect_topics([], [], lem(ru))
    en = "The regions want to deepen their trade and cultural ties."
    assert "culture" in detect_topics([], [], lem(en))


def test_a_range_of_areas_of_cooperation_is_a_list() -> None:
    ru = "Стороны обсудили сотрудничество от аграрного и промышленного до туристического."
    got = detect_topics([], [], lem(ru))
    assert {"agriculture", "industry", "tourism"} <= set(got)


def test_educational_tourism_is_no_education() -> None:
    body = "The company will build a hotel within the scientific and educational tourism centre."
    got = detect_topics([], [], lem(body))
    assert "education" not in got
    assert "tourism" in got


def test_deals_signed_for_a_sum_are_investment_first() -> None:
    title = "Samarkand, Bashkortostan sign agreements worth $2 billion during a regional forum"
    body = "The sides also discussed cooperation in agriculture and tourism."
    assert detect_topics(lem(title), [], lem(body))[:1] == ("investment",)
    ru = "На форуме подписаны 12 соглашений на 90 млн долларов"
    assert "investment" in detect_topics(lem(ru), [], [])


def test_a_flood_is_local_news() -> None:
    title = "Flash flood hits villages in Sughd province"
    body = (
        "More than 200 houses were affected, roads were washed away and the drinking water "
        "supply was cut; the Red Crescent supplied food and blankets."
    )
    got = detect_topics(lem(title), [], lem(body))
    assert "trade" not in got


def test_industry_and_supply_chains_are_no_industry() -> None:
    body = "The region will smooth industry and supply chains and expand trade with Kazakhstan."
    assert "industry" not in detect_topics([], [], lem(body))


def test_a_tour_of_plants_is_what_a_guest_was_shown() -> None:
    body = [
        "The ambassador visited large industrial facilities, among them an oil refinery.",
        "At the refinery he learned about the enterprise's work and its modernisation.",
        "The sides discussed supplies of raw materials and export potential.",
    ]
    got = detect_topics([], [], [s for b in body for s in lem(b)])
    assert "energy" not in got
    assert "trade" in got


def test_a_journey_alone_is_no_tourism() -> None:
    title = "Путешествие в сердце Евразии"
    body = "Корреспондент проехал по маршруту вдоль границы и увидел рост товарооборота."
    assert "tourism" not in detect_topics(lem(title), [], lem(body))


def test_a_trade_attache_is_a_post() -> None:
    body = "Heads of diplomatic missions and trade attaches from 35 countries came to the forum."
    assert "trade" not in detect_topics([], lem(body), [])


def test_what_one_saw_with_ones_own_eyes_is_a_sight() -> None:
    body = [
        "Репортёр своими глазами увидел выплавку стали на металлургическом комбинате.",
        "Стороны обсудили рост товарооборота двух стран.",
    ]
    got = detect_topics([], [], [s for b in body for s in lem(b)])
    assert got[:1] == ("trade",)
    assert "industry" not in got


def test_the_food_sphere_is_an_area_of_agriculture() -> None:
    lead = "Стороны обсудили сотрудничество в продовольственной, социальной и культурной сферах."
    assert "agriculture" in detect_topics([], lem(lead), [])
    # Food security named once (a body's name) is still no topic of its own.
    body = "Он возглавил инспекцию по контролю за обеспечением продовольственной безопасности."
    assert "agriculture" not in detect_topics([], [], lem(body))


def test_a_leaders_departure_and_landing_are_protocol() -> None:
    body = [
        "Глава государства вылетел из международного аэропорта Ашхабада.",
        "Спустя час самолёт президента приземлился в аэропорту Туркменбаши.",
    ]
    assert "transport" not in detect_topics([], [], [s for b in body for s in lem(b)])


def test_a_banks_name_is_no_area() -> None:
    body = [
        "The only tall buildings belonged to the Agricultural Bank of China.",
        "Trains carry goods through the border town every day.",
    ]
    assert "agriculture" not in detect_topics([], [], [s for b in body for s in lem(b)])
