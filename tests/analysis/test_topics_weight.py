"""Topics by weight (issue 11): English text, adjectives and sector words, passing mentions
that do not count, and the main topic first."""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.spans import GAP, match
from storage.analysis.topics import detect_topics, resolve_topic


def lem(*sentences: str) -> list[list[str]]:
    return [[morph.lemma(w) for w in morph.tokenize(s)] for s in sentences]


def topics(title: str, lead: str, *body: str) -> tuple[str, ...]:
    return detect_topics(lem(title) if title else [], lem(lead) if lead else [], lem(*body))


def test_english_list_of_areas() -> None:
    found = topics(
        "",
        "The sides agreed to cooperate in agriculture, healthcare, education and tourism.",
    )
    assert set(found) == {"agriculture", "health", "education", "tourism"}


def test_english_word_forms_share_one_stem() -> None:
    found = topics(
        "Omsk and Pavlodar sign agreement on oil products and grain",
        "Agricultural producers of the two regions will trade grain and supply petroleum products.",
    )
    assert {"energy", "agriculture", "trade"} <= set(found)
    assert morph.lemma("agricultural") == morph.lemma("agriculture")


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Стороны договорились о сотрудничестве в транспортной сфере.", "transport"),
        ("Подписан меморандум о развитии инвестиционного сотрудничества.", "investment"),
        ("Соглашение о торгово-экономическом сотрудничестве подписано.", "trade"),
        ("Стороны обсудили культурно-гуманитарное направление.", "culture"),
        ("Узбекская сторона будет поставлять нефтепродукты.", "energy"),
        ("Стороны обсудили развитие агросектора двух регионов.", "agriculture"),
        ("Стороны обсудили развитие текстильной отрасли.", "industry"),
        ("Cooperation in machine-building was discussed.", "industry"),
        ("Уральские заводы наладят поставки оборудования в Худжанд.", "trade"),
        ("Участники форума подписали экспортные контракты на 120 млн долларов.", "trade"),
        ("Стороны обсудили строительство птицефабрики и молочно-товарной фермы.", "agriculture"),
        ("The companies plan to localise the production of household appliances.", "industry"),
        ("В детском саду на 240 мест будут заниматься дети из трех сел.", "education"),
        ("Новая станция метро свяжет два жилых массива.", "transport"),
    ],
)
def test_adjectives_compounds_and_sector_words(sentence: str, slug: str) -> None:
    assert slug in topics("", sentence)


def test_local_is_no_localisation() -> None:
    # "localize" stems to "local": only the British spelling and the phrase are listed.
    assert "industry" not in topics("", "Heavy rain hit the province, local authorities said.")


def test_what_a_delegation_was_shown_is_no_topic() -> None:
    found = topics(
        "Самарканд и Шэньси договорились о сотрудничестве в туризме",
        "Стороны договорились о совместных туристических маршрутах.",
        "Гостям показали текстильную фабрику и нефтеперерабатывающий завод.",
        "The delegation was also shown a cotton farm.",
    )
    assert found == ("tourism",)


def test_the_venue_of_a_signing_is_no_topic() -> None:
    found = topics(
        "",
        "Стороны подписали соглашение о сотрудничестве в сфере образования.",
        "Подписание прошло на полях туристической ярмарки в выставочном центре.",
    )
    assert found == ("education",)


def test_main_topic_first_the_heading_wins() -> None:
    found = topics(
        "Регионы сотрудничают в сфере туризма",
        "Заводы региона наладят выпуск машин, промышленность получит новые заказы.",
        "Промышленные предприятия двух областей создадут промышленный парк.",
    )
    assert found[0] == "tourism"
    assert "industry" in found


def test_main_topic_first_by_weight_without_a_heading() -> None:
    found = topics(
        "",
        "Товарооборот между регионами вырос вдвое, экспорт и импорт растут.",
        "Торговля зерном и мясом выросла.",
        "Также обсуждались вопросы туризма.",
    )
    assert found[0] == "trade"


def test_english_topic_names_resolve() -> None:
    assert resolve_topic("agriculture") == "agriculture"
    assert resolve_topic("investments") == "investment"


@pytest.mark.parametrize(
    "sentence",
    [
        "Gansu will invest in the project and train 60 Tajik engineers.",
        "The plan covers joint training of engineers.",
        "Соглашение предусматривает подготовку инженеров в Уральском федеральном университете.",
        "В Казани пройдут стажировку 30 самаркандских инженеров.",
        "Бухарские специалисты пройдут стажировку в Ярославле.",
    ],
)
def test_training_professionals_is_education(sentence: str) -> None:
    # A number and an adjective may stand between "train" and whom it trains (a phrase's gap).
    assert "education" in topics("", "", "Стороны подписали соглашение.", sentence)


def test_a_phrase_gap_is_a_few_words() -> None:
    phrase = (morph.lemma("train"), GAP, morph.lemma("engineers"))
    near = lem("they will train 60 local Tajik engineers")[0]
    far = lem("they will train staff and later hire engineers")[0]
    assert match(near, 2, phrase) == len(near)
    assert match(far, 2, phrase) == -1
    assert "education" not in topics("", "", "Passenger trains will carry engineers to the site.")


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "ДТП на трассе Алматы — Бишкек",
            "На трассе столкнулись грузовик и легковой автомобиль, пострадали три человека.",
        ),
        (
            "В Оше начался ремонт улицы",
            "Движение общественного транспорта будет перенаправлено на соседние улицы.",
        ),
        ("Bridge closed for repairs", "Traffic will be diverted and public transport rerouted."),
    ],
)
def test_accidents_and_traffic_notices_are_no_transport(title: str, lead: str) -> None:
    assert "transport" not in topics(title, lead)


def test_road_repairs_are_transport() -> None:
    assert "transport" in topics("В Андижанской области отремонтируют дороги", "")
    found = topics("", "", "The meeting discussed the restoration of roads between villages.")
    assert "transport" in found


@pytest.mark.parametrize(
    ("lead", "slug"),
    [
        ("Стороны обсудили увеличение железнодорожных перевозок угля и леса.", "energy"),
        ("The sides agreed to increase rail freight and build a grain terminal.", "agriculture"),
    ],
)
def test_goods_carried_are_no_topic_of_their_own(lead: str, slug: str) -> None:
    # A phrase of weight 0 ("grain terminal", "перевозки угля") only speaks for its words.
    found = topics("", lead)
    assert "transport" in found
    assert slug not in found


def test_a_stray_word_inside_a_phrase_keeps_its_topic() -> None:
    # "поставки текстильного оборудования" is trade's phrase; "текстильного" between its words
    # is still a sign of industry.
    sentence = (
        "Стороны договорились о переработке хлопка-сырца и поставках текстильного оборудования."
    )
    assert {"industry", "trade"} <= set(topics("", "", sentence))


@pytest.mark.parametrize(
    ("lead", "want", "not_wanted"),
    [
        (
            "Казахстанские и китайские компании будут продавать там одежду и электронику.",
            "trade",
            "",
        ),
        (
            "Авиакомпания начала продажу билетов на новый рейс Алматы — Урумчи.",
            "transport",
            "trade",
        ),
        ("The airline started selling tickets for the new Almaty-Urumqi flight.", "", "trade"),
        ("Police arrested a man suspected of selling fake goods online.", "", "trade"),
        ("Университеты откроют магистратуру в нефтегазовом образовании.", "education", "energy"),
    ],
)
def test_selling_is_trade_unless_tickets_or_a_crime(lead: str, want: str, not_wanted: str) -> None:
    found = topics("", lead)
    assert not want or want in found
    assert not not_wanted or not_wanted not in found


@pytest.mark.parametrize(
    ("lead", "slug"),
    [
        (
            "Планируется открытие в Бухаре филиала Казанского федерального университета.",
            "education",
        ),
        ("Стороны договорились о сотрудничестве в сфере ветеринарии.", "agriculture"),
        ("Kazakh and Chinese archaeologists will conduct joint excavations.", "culture"),
        ("Стороны договорились о совместном проведении археологических раскопок.", "culture"),
        ("The two regions will jointly develop ecotourism.", "tourism"),
        (
            "The sides discussed cooperation in healthcare and training of medical staff.",
            "education",
        ),
    ],
)
def test_wire_wording_of_areas(lead: str, slug: str) -> None:
    assert slug in topics("", lead)


@pytest.mark.parametrize(
    ("body", "slugs"),
    [
        ("Стороны договорились развивать энергетическое сотрудничество.", {"energy"}),
        (
            "Стороны развивают торгово-экономическое, культурно-гуманитарное и образовательное "
            "сотрудничество.",
            {"trade", "culture", "education"},
        ),
        ("The sides discussed cultural and educational cooperation.", {"culture", "education"}),
        ("The regions agreed to deepen energy cooperation.", {"energy"}),
        ("В рамках межрегионального сотрудничества подписан меморандум.", set()),
        (
            "Стороны обсудили сотрудничество в горнорудной и авиационной сферах.",
            {"industry", "transport"},
        ),
    ],
)
def test_an_adjective_before_cooperation_names_its_area(body: str, slugs: set[str]) -> None:
    # "энергетическое сотрудничество" says what "сотрудничество в сфере энергетики" says: in
    # the body, where one strong sign alone is not enough, too.
    assert set(topics("", "", body)) == slugs


@pytest.mark.parametrize(
    ("lead", "slugs"),
    [
        ("В области построят ветряную ферму мощностью 100 МВт.", {"energy"}),
        ("A Chinese company will build a solar farm.", {"energy"}),
        ("В Экибастузе закрыли майнинговую ферму.", set()),
        ("An illegal crypto mining farm was closed.", set()),
    ],
)
def test_a_farm_of_turbines_or_of_miners_is_no_farming(lead: str, slugs: set[str]) -> None:
    assert set(topics("", lead)) == slugs
