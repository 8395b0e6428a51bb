"""Rules of session 8 (helper tuneI) from the errors on tuning29 and tuning30 (texts derived
from real articles), each a construction of news language checked on synthetic variants
(other places, other words, both languages): what a region is, its past and an official's
career are no matter of the news; carrying gas is energy; "non-energy" names no energy; a
road shut by rockfall is local news; Navruz celebrated together is culture."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze


def _topics(text: str) -> tuple[str, ...]:
    return analyze(text).topics


# --- a region's portrait: its main industries, what it is known as, its rank, its branch ---


@pytest.mark.parametrize(
    "portrait",
    [
        "Kashgar's main industries are machinery, energy and food production.",
        "Lanzhou is known as a transport hub of the northwest with railway links to Xinjiang.",
        "The republic leads on a number of economic indicators and makes industrial products.",
        "Urumqi today is an established center of oilfield services and mechanical engineering.",
    ],
)
def test_a_regions_portrait_names_no_topic(portrait: str) -> None:
    topics = _topics(
        "Osh and Kashgar to expand tourism exchanges\n\n"
        "The mayor of Osh met a delegation from Kashgar to discuss tourism cooperation.\n\n"
        f"{portrait} The sides agreed to open new tourist routes next summer."
    )
    assert topics == ("tourism",)


@pytest.mark.parametrize(
    "portrait",
    [
        "Темиртау — крупный центр чёрной металлургии ещё с советских времён.",
        "Челябинск — крупный центр машиностроения и металлургии.",
        "Караганда — крупный центр угольной промышленности и машиностроения.",
    ],
)
def test_a_russian_portrait_names_no_topic(portrait: str) -> None:
    topics = _topics(
        "Карагандинская и Челябинская области договорились о культурном обмене\n\n"
        "Губернатор и аким обсудили сотрудничество в сфере культуры.\n\n"
        f"{portrait} Стороны проведут дни культуры и гастроли театров."
    )
    assert topics == ("culture",)


# --- a place's past: "its history goes back to the Sui dynasty" ---


@pytest.mark.parametrize(
    "past",
    [
        "Its history goes back to the Sui dynasty, when the port served the Silk Road trade route.",
        "Laden camels once passed through this node of the ancient Silk Road, a bridge of trade "
        "and cultural exchange.",
        "Under the Qing dynasty the port was a caravan stop on the road to Bukhara and a cultural "
        "centre.",
    ],
)
def test_a_places_past_names_no_topic(past: str) -> None:
    topics = _topics(
        "Horgos trade expected to grow\n\n"
        "Cross-border trade volume at Horgos is forecast to grow by 14 percent this year.\n\n"
        f"Horgos is a land port. {past} Exporters from both countries expect turnover to rise."
    )
    assert topics == ("trade",)


# --- an official's career ---


@pytest.mark.parametrize(
    "career",
    [
        "In 1997 he became dean of the law faculty and in 2001 he became rector of the university.",
        "Before that he was rector of Pavlodar Pedagogical University, where he trained teachers.",
        "He used to lecture at the university and he became dean of the faculty of education.",
    ],
)
def test_an_officials_career_names_no_topic(career: str) -> None:
    result = analyze(
        "New akim appointed in Pavlodar region\n\n"
        "The President appointed Askar Baimukhanov akim of Pavlodar region.\n\n"
        f"{career} He replaced the previous akim, who retired."
    )
    assert result.topics == ()


def test_a_russian_career_names_no_topic() -> None:
    result = analyze(
        "Назначен новый аким Павлодарской области\n\n"
        "Указом Президента акимом Павлодарской области назначен Асхат Байжанов.\n\n"
        "Он занимал должность ректора университета, где готовил учителей и открыл программы "
        "обучения студентов."
    )
    assert result.topics == ()


# --- carrying gas and oil is energy ---


@pytest.mark.parametrize(
    "areas",
    [
        "cooperation in oil production, gas transportation, shipbuilding and agriculture",
        "cooperation in gas transport, machinery building and agriculture",
    ],
)
def test_gas_transportation_is_energy_not_transport(areas: str) -> None:
    topics = _topics(
        "Turkmenistan and Bashkortostan discuss cooperation\n\n"
        f"The sides have high potential for {areas}, the head of the republic said."
    )
    assert "energy" in topics and "agriculture" in topics
    assert "transport" not in topics


# --- "non-" denies the area ---


@pytest.mark.parametrize("word", ["non-energy", "non-oil", "non-transport"])
def test_a_non_compound_names_no_area(word: str) -> None:
    topics = _topics(
        "Sino-Uzbek industrial park as a model of cooperation\n\n"
        "One of the jewels of Sino-Uzbek cooperation is the industrial park. "
        f"It is the largest {word} project developed jointly by the two countries."
    )
    assert topics == ("industry",)


# --- a road shut by rockfall, an avalanche: local news ---


@pytest.mark.parametrize(
    "title",
    [
        "Со склонов падают камни: в Нарыне перекрыли дорогу",
        "Камнепад на трассе Бишкек — Ош",
        "Controlled avalanche release begins on Too-Ashuu pass",
        "Rockfall blocks the Dushanbe-Khorog highway",
    ],
)
def test_a_road_shut_by_nature_is_local_news(title: str) -> None:
    result = analyze(
        f"{title}\n\n"
        "Движение по автодороге временно закрыто на участке 39-го километра. "
        "Дорожные службы расчищают трассу, водителям рекомендуют выбирать объезд."
    )
    assert result.topics == () and not result.relevant


# --- physical training ---


@pytest.mark.parametrize(
    "sentence",
    [
        "The physical training of the personnel must be improved.",
        "Commanders reported on the physical training of border guard personnel.",
        "Особое внимание уделено физической подготовке кадров.",
    ],
)
def test_physical_training_is_no_education(sentence: str) -> None:
    result = analyze(
        "Minister of Defence holds a meeting in Mary\n\n"
        f"The minister held a meeting with the commanders of the garrison.\n\n{sentence}"
    )
    assert "education" not in result.topics


# --- Navruz celebrated together ---


@pytest.mark.parametrize(
    "text",
    [
        "Делегация Худжанда встретила Навруз в городе-побратиме Шымкенте\n\n"
        "Делегация отпраздновала Навруз вместе с жителями города-побратима.",
        "Делегация Оша отметила Наурыз в Туркестане\n\n"
        "Гости из Оша отметили праздник Наурыз вместе с жителями Туркестана.",
        "Samarkand delegation celebrates Nowruz in Kazan\n\n"
        "Guests from Samarkand celebrated Nowruz together with the people of Kazan.",
    ],
)
def test_navruz_celebrated_together_is_culture(text: str) -> None:
    assert analyze(text).topics == ("culture",)


# --- machine building without its hyphen; clothes are goods ---


@pytest.mark.parametrize(
    "sentence",
    [
        "The guests want to work with Tyumen machine building companies.",
        "The sides will cooperate in machinery building.",
        "Machine building plants of the region are ready for joint projects.",
    ],
)
def test_machine_building_is_industry(sentence: str) -> None:
    topics = _topics(
        "North Kazakhstan and Tyumen regions discuss cooperation\n\n"
        f"The governor met the deputy akim of the region.\n\n{sentence}"
    )
    assert "industry" in topics


@pytest.mark.parametrize(
    "goods",
    ["готовую швейную продукцию", "швейные изделия и трикотаж", "одежду и швейную продукцию"],
)
def test_clothes_exported_are_trade_not_industry(goods: str) -> None:
    topics = _topics(
        "В Самарской области откроется торговый дом Узбекистана\n\n"
        f"Торговый дом будет экспортировать {goods}, которую затем будут продавать в регионы "
        "России.\n\nОн начнет работу в 2020 году."
    )
    assert topics == ("trade",)


# --- a border clash is no cooperation, however many of both sides it names ---


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Tajik and Kyrgyz border villages clashed yesterday\n\n"
        "Residents of the Tajik village of Khoja Alo and the Kyrgyz village of Uch-Dobo "
        "clashed over a fence, a spokesman said.\n\n"
        "One border guard was injured by a stone. Tajikistan and Kyrgyzstan share a 978 "
        "kilometer border and have been unable to agree on where it runs.",
        "Another clash on the Kazakh-Kyrgyz border\n\n"
        "A clash is being reported on the border between Kazakhstan and Kyrgyzstan near "
        "Kordai. The conflict was over a road.\n\n"
        "Kyrgyz workers were building a road when residents blocked it. Officials on both "
        "sides agreed the skirmish happened on April 27.",
        "На таджикско-кыргызской границе произошла стычка\n\n"
        "Жители приграничных сел Согдийской и Баткенской областей вступили в конфликт из-за "
        "воды.\n\n"
        "Стороны договорились провести переговоры, но перестрелка возобновилась, есть "
        "заложники.",
    ],
)
def test_a_border_clash_is_no_cooperation(text: str) -> None:
    result = analyze(text)
    assert not result.relevant and result.topics == ()


# --- a road closed for the winter or by snow: its keepers' news ---


@pytest.mark.parametrize(
    "text",
    [
        "Дорогу Нарын — Орук-Там закрыли до весны\n\n"
        "Такой приказ издала районная администрация.\n\n"
        "По словам властей, обслуживать дорогу зимой сложно. Главам айыл окмоту поручено "
        "оповестить население о закрытии трассы.",
        "Трассу Ош — Сары-Таш закрыли из-за снега\n\n"
        "Автодорога закрыта на перевале Талдык.\n\n"
        "Дорожники расчищают трассу, закрытие дороги продлится до утра.",
        "Highway to Kulma pass closed until spring\n\n"
        "The highway to the Kulma pass was closed to traffic on Monday.\n\n"
        "Road crews say the road will stay closed until April as the highway keeps icing.",
    ],
)
def test_a_road_closed_is_no_transport_topic(text: str) -> None:
    assert analyze(text).topics == ()
