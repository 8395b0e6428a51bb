"""Topic rules of session 5's second round on texts derived from real articles
(tests/data/labelled/tuning10.toml, tuning11.toml) and the labelling conventions of
tests/data/labelled/README.md: a list closing with "областях", an agreement's subject, a
signing's subject where a visit takes place, what one side is or tells of its potential, a
product's description, a title's investor."""

from __future__ import annotations

from storage.analysis.topics import detect_topics
from tests.analysis.test_topics_long import BODY, LEAD, TITLE
from tests.analysis.test_topics_real import lem


def test_a_list_may_close_with_areas_and_others() -> None:
    areas = (
        "Документы открывают возможности для связей в торгово-экономической, экологической, "
        "культурной, гуманитарной и других областях."
    )
    assert {"trade", "ecology", "culture"} <= set(detect_topics([], [], lem(areas)))
    # A region's name is no list: the term must stand right before the word.
    region = "На празднике выступили фольклорные ансамбли Согдийской области."
    assert "culture" not in detect_topics([], [], lem(region))


def test_an_agreements_subject_is_an_area() -> None:
    protocol = "Стороны подписали протокол о пунктах пропуска через границу."
    assert "transport" in detect_topics([], [], lem(protocol))
    # A word away is no subject: the joint venture is no investment frame.
    venture = "Подписан меморандум о создании совместного предприятия по переработке хлопка."
    assert "investment" not in detect_topics([], [], lem(venture))


def test_a_signings_subject_counts_where_a_visit_takes_place() -> None:
    visit = (
        "Соглашение о торгово-экономическом сотрудничестве подпишут в августе, когда "
        "делегация края посетит область."
    )
    assert "trade" in detect_topics([], [], lem(visit))
    # What a delegation was shown still passes by.
    shown = "Делегации показали промышленность, торговлю и туризм области."
    assert not detect_topics([], [], lem(shown))


def test_what_one_side_is_passes_by_in_a_long_body() -> None:
    strengths = "Шэньси опирается на свои сильные стороны: славится промышленностью и культурой."
    potential = "Аким рассказал гостям о промышленном и энергетическом потенциале региона."
    major = "Cotton is a major export item of Turkmenistan and feeds its textile industry."
    for aside in (strengths, potential, major):
        found = set(detect_topics(lem(TITLE), lem(LEAD), lem(*BODY, aside)))
        assert not found & {"industry", "culture", "energy", "trade"}, aside


def test_a_products_description_is_no_area() -> None:
    farm = "Local companies import environmentally friendly farm products and oil-bearing crops."
    found = set(detect_topics([], [], lem(farm)))
    assert "trade" in found
    assert not found & {"ecology", "energy"}


def test_a_title_names_the_plant_before_the_investor() -> None:
    title = "Китайский инвестор хочет построить хлопкоперерабатывающий завод в Туркестане"
    lead = "Инвестор вложит в завод 50 млн долларов, сообщили в акимате области."
    assert detect_topics(lem(title), lem(lead), [])[:2] == ("industry", "investment")
    # Investing named as what is done stays main.
    title = "Китайская компания вложит 200 млн долларов в завод в Джизаке"
    assert detect_topics(lem(title), lem(lead), [])[0] == "investment"
