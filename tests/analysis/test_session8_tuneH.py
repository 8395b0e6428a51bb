"""Rules of session 8 (helper tuneH) from the errors on tuning27/28 (texts derived from real
articles), each checked on variants of its construction written here (other places, other
words, both languages) and the labelling conventions of tests/data/labelled/README.md."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze

# --- one side's own news is about what its title and lead say --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a flood: the doctors on duty are no health topic (t28-13)
        "В Актобе вода затопила дворы\n\n"
        "За час вода залила подвалы домов на окраине города.\n\n"
        "Жителям раздали продукты, за хроническими больными присматривают врачи. "
        "Спасатели откачивают воду насосами.",
        # a resignation: the school the town collects money for is no education (t28-10)
        "Governor of Talas region resigns\n\n"
        "The governor of Talas region has handed in his resignation, sources said.\n\n"
        "A scandal erupted over a school housed in old containers. Money is being collected "
        "to build a new school for the village.",
        # an appointment: the leader's instructions name no topic (t27-23)
        "Хоким Наманганской области утверждён\n\n"
        "Депутаты областного Кенгаша поддержали кандидатуру нового хокима.\n\n"
        "Президент поставил задачи: привлекать инвестиции, реализовать инвестиционные "
        "проекты, создавать рабочие места.",
    ],
)
def test_local_news_keeps_no_topic_only_its_body_names(text: str) -> None:
    result = analyze(text)
    assert not result.relevant
    assert result.topics == ()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Уборка хлебов началась в Туркменистане\n\n"
            "Хлебоуборочная страда началась в Лебапском велаяте. Вскоре к жатве приступят "
            "земледельцы Ахала и Мары.",
            "agriculture",
        ),
        (
            "Жатва началась в Кашкадарьинской области\n\n"
            "Фермеры области вышли в поле. Комбайны работают круглосуточно.",
            "agriculture",
        ),
        (
            "Ливень затопил дороги в Оше\n\n"
            "Из-за ливня в городе закрыли несколько дорог и перекрыли движение по трассе.",
            "",
        ),
    ],
)
def test_local_news_keeps_the_topic_its_title_names(text: str, topic: str) -> None:
    result = analyze(text)
    assert not result.relevant
    assert result.topics == ((topic,) if topic else ())


# --- English stems that are no trade ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Our relations have been built up to a fairly high level.",
        "It is a good impulse for strengthening good relations between the regions.",
        "The governor said the region has fairly good neighbours and good friends.",
    ],
)
def test_fairly_and_good_are_no_fair_and_goods(sentence: str) -> None:
    topics = analyze(
        "Bashkortostan and Kostanay region hold talks\n\n"
        "The delegation of Bashkortostan met the akim of Kostanay region in Kostanay.\n\n"
        + sentence
        + " The sides agreed to meet again."
    ).topics
    assert "trade" not in topics


# --- a post named by two areas -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "area"),
    [
        ("Investment and Foreign Trade Minister", "investment"),
        ("Agriculture and Water Resources Minister", "agriculture"),
        ("the Culture and Tourism Ministry", "culture"),
    ],
)
def test_two_areas_before_a_post_name_the_post(post: str, area: str) -> None:
    topics = analyze(
        "Talks in Termez focus on energy\n\n"
        "The delegations of Surkhandarya region and Balkh province discussed cooperation in "
        "energy and the supply of electricity.\n\n"
        f"The delegation at the talks was headed by {post} Sardor Umurzakov."
    ).topics
    assert topics[:1] == ("energy",)
    assert area not in topics


# --- goods by their class ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Food products, building materials and agricultural raw materials are exported.",
        "The region mostly exports agricultural produce and agricultural commodities.",
        "В Казахстан поставляется сельскохозяйственное сырьё и строительные материалы.",
    ],
)
def test_farm_goods_exported_are_no_farming(sentence: str) -> None:
    topics = analyze(
        "Astrakhan and Atyrau discuss trade\n\n"
        "The governor of Astrakhan region met the akim of Atyrau region to discuss trade "
        "between the regions.\n\n" + sentence
    ).topics
    assert topics == ("trade",)


# --- a branch named by its sector --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Attracting foreign investment can create unique opportunities in the tourism industry.",
        "The travel industry of the region is growing fast.",
        "Стороны обсудили развитие туристической индустрии региона.",
    ],
)
def test_the_tourism_industry_is_no_manufacturing(sentence: str) -> None:
    topics = analyze(
        "Dubai investors visit Khorezm\n\n"
        "A Dubai investment company visited Khorezm region to discuss investment in "
        "tourism in Khiva.\n\n" + sentence
    ).topics
    assert "industry" not in topics
    assert "tourism" in topics


@pytest.mark.parametrize(
    "sentence",
    [
        "Стороны обсудили взаимодействие в металлургии и энергетическом машиностроении.",
        "Стороны договорились о сотрудничестве в энергомашиностроении.",
        "The sides discussed cooperation in power machine-building and metallurgy.",
    ],
)
def test_power_machine_building_is_industry(sentence: str) -> None:
    latin = sentence.isascii()
    topics = analyze(
        (
            "Nizhny Novgorod region and Navoi region discuss cooperation\n\n"
            if latin
            else "Нижегородская область и Навоийская область обсудили сотрудничество\n\n"
        )
        + (
            "The governor met the khokim of the region.\n\n"
            if latin
            else "Губернатор встретился с хокимом области.\n\n"
        )
        + sentence
    ).topics
    assert "industry" in topics
    assert "energy" not in topics


# --- words that only look like a topic's -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Вода хлынула в пригородные сёла Актобе\n\nСпасатели откачивают воду из подвалов.",
            "transport",
        ),
        (
            "President visits Dashoguz velayat\n\n"
            "The President made a working trip to Dashoguz velayat. From Dashoguz airport the "
            "Head of State went to the main mosque of the region.",
            "transport",
        ),
        (
            "Sheikh visits Khorezm to invest in tourism\n\n"
            "The aim of the trip is investment in tourism in Khiva.\n\n"
            "Dubai did the same many years ago and now one can see its fruits. The talks have "
            "already borne fruit.",
            "agriculture",
        ),
        (
            "Namangan and Turkestan textile makers meet\n\n"
            "Delegations of Namangan region and Turkestan region discussed cooperation in the "
            "textile industry.\n\n"
            "They discussed import substitution and state support of the branch.",
            "trade",
        ),
    ],
)
def test_words_that_name_no_topic(text: str, topic: str) -> None:
    assert topic not in analyze(text).topics


def test_a_suburban_train_is_still_transport() -> None:
    topics = analyze(
        "Омская и Павлодарская области запустят пригородный поезд\n\n"
        "Губернатор и аким договорились о запуске пригородного поезда между областями."
    ).topics
    assert "transport" in topics


@pytest.mark.parametrize(
    "roster",
    [
        "В Ташкент прибыли заместители губернатора и ректоры нижегородских вузов.",
        "В делегацию вошёл ректор Курганского университета.",
        "The delegation also included the rector of Kostanay University.",
    ],
)
def test_a_rectors_post_is_no_education(roster: str) -> None:
    topics = analyze(
        "Нижегородская область подпишет соглашения в Узбекистане\n\n"
        "Делегация Нижегородской области примет участие в промышленной выставке в Ташкенте и "
        "подпишет соглашение о промышленном сотрудничестве.\n\n" + roster
    ).topics
    assert "education" not in topics


# --- students of the other side ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Today up to 1.5 thousand students from Kazakhstan study in Astrakhan.",
        "В нашем университете учатся более ста студентов из Киргизии, которые показали себя "
        "активными общественниками.",
        "Сейчас в вузах края учатся 800 студентов из Таджикистана.",
    ],
)
def test_students_of_the_other_side_are_education(sentence: str) -> None:
    topics = analyze(
        "Republic of Altai and Kyrgyzstan discuss cooperation\n\n"
        "The consul general of Kyrgyzstan visited the Republic of Altai to discuss tourism.\n\n"
        + sentence
    ).topics
    assert "education" in topics


# --- an official's tasks for his own side ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Among his priority tasks the akim named reforming agriculture.", "agriculture"),
        ("Our task is to make production more competitive by raising exports.", "trade"),
        ("Губернатор поставил задачу развивать туризм в горных районах края.", "tourism"),
        ("Приоритетные задачи области — здравоохранение и строительство больниц.", "health"),
    ],
)
def test_an_officials_tasks_for_his_side_are_no_topic(sentence: str, topic: str) -> None:
    latin = sentence.isascii()
    topics = analyze(
        (
            "Kostanay and Chelyabinsk regions discuss transport\n\n"
            "The akim of Kostanay region met the governor of Chelyabinsk region to discuss "
            "cargo transportation and a new border crossing.\n\n"
            if latin
            else "Костанайская и Челябинская области обсудили перевозки\n\n"
            "Аким Костанайской области и губернатор Челябинской области обсудили грузовые "
            "перевозки и новый пункт пропуска.\n\n"
        )
        + sentence
    ).topics
    assert topics[:1] == ("transport",)
    assert topic not in topics
