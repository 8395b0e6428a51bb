"""Topics of realistic wire articles that are not seeds (tests/data/articles, tests/data/topics).

The expectations come from reading each text (SPEC: an article has every topic it discusses as
an area of cooperation), not from the detector's output. ``exact`` articles name their areas
plainly; for the others ``at least`` lists what the text clearly discusses and ``must not``
the traps: a passing word (a university whose teachers quote Kant, "дипломы по энергетике", a
newspaper, Газпромбанк, a protocol visit to a museum), which must not make a topic.

Decisions for borderline areas, applied the same way everywhere:
- a border crossing built, opened or modernised, bridges, ferries, trains, flights, freight
  and transit are ``transport``; a crossing only named as a place is not;
- shared use of rivers' water, water resources, drying seas and lakes are ``ecology``;
- supplies of gas, coal, oil or electricity are ``energy`` (and exports of them ``trade``);
  supplies of other goods from one side to the other ("будет поставлять металл казахстанским
  машиностроителям") are ``trade``: an export by another name;
- a project's cost alone is not ``investment``; investments, investors, investment projects
  and residents of an economic zone are.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storage.analysis.analyze import analyze

DATA = Path(__file__).resolve().parents[1] / "data"

# prefix -> (at least, must not, exact?)
EXPECTED: dict[str, tuple[set[str], set[str], bool]] = {
    # A crossing rebuilt (transport), "Инвестиции в проект составят 18 млрд тенге",
    # товарооборот $4,4 млрд.
    "01": ({"transport", "investment", "trade"}, set(), True),
    # A border trade zone; склады and a customs terminal belong to it; the crossing is a place.
    "02": ({"trade"}, {"tourism", "agriculture", "culture"}, False),
    # A tourist route; the train to Bukhara is a detail of the tour.
    "03": ({"tourism"}, {"trade", "industry", "agriculture", "ecology"}, False),
    # A dry port's freight and Kazakh-Chinese trade; the river Ili and a football club pass by.
    "04": ({"trade", "transport"}, {"ecology", "culture"}, True),
    # A technopark and factories, a suburban train restored, ecologists monitoring the Ural;
    # a steelworks to supply metal to the other side's machine-builders (trade).
    "05": ({"industry", "transport", "ecology", "trade"}, {"culture"}, True),
    # A ferry line, wagons, a corridor; a ceremony in the Kremlin's hall.
    "06": ({"transport"}, {"culture", "tourism", "trade"}, False),
    # Border trade and a wholesale market, a crossing modernised, shared water of the Chu;
    # a protocol visit to a museum and a monument is no cultural cooperation.
    "07": ({"trade", "transport", "ecology"}, {"culture", "tourism"}, True),
    # Tourist season; an ecologist warns about the lake's level and building on its shore.
    "08": ({"tourism", "ecology"}, {"trade", "transport"}, True),
    # Water resources, electricity exports, a power line, a cotton-processing joint venture;
    # a poet quoted is no culture.
    "09": ({"energy", "ecology", "trade"}, {"culture", "education"}, False),
    # A road bridge raising a crossing's capacity; trade up 12%.
    "10": ({"transport", "trade"}, {"ecology", "culture"}, True),
    # A railway.
    "11": ({"transport"}, {"tourism", "culture"}, True),
    # Grain exports, metallurgy and ore, machinery supplies; teachers quoting Kant are no
    # education.
    "12": ({"agriculture", "trade", "industry"}, {"education", "culture"}, False),
    # Cleaning the Irtysh (ecology), coal for Omsk's power plants (energy).
    "13": ({"ecology", "energy"}, {"trade", "culture"}, True),
    # A joint master's programme of two universities.
    "14": ({"education"}, {"industry", "culture"}, True),
    # A tourist route over three countries.
    "15": ({"tourism"}, {"trade", "ecology"}, False),
    # A new fast train Tashkent - Fergana (half of it in Uzbek Latin).
    "16": ({"transport"}, {"tourism", "trade"}, True),
    # Academic mobility; "дипломы по энергетике" is a subject of study, not energy.
    "17": ({"education"}, {"energy", "culture"}, True),
    # Gas production and a gas-chemical complex, gas exports and imports; transit through a
    # gas pipeline is energy, not transport; a bank's loan is no investment.
    "18": ({"energy", "industry", "trade"}, {"transport", "investment"}, False),
    # A trading house, supplies of trucks, fruit and textiles.
    "19": ({"trade"}, {"energy", "transport", "agriculture"}, False),
    # A crossing opened (transport), trade $60 млн, shared water of the Isfara.
    "20": ({"transport", "trade", "ecology"}, {"culture"}, True),
    # The Caspian's ecology and sturgeon; gas supplies to China; growth of trade in a quote.
    "21": ({"ecology", "energy"}, {"culture", "transport"}, False),
    # A cultural centre, a library, an ensemble and a choir; a fund's money is no investment.
    "22": ({"culture"}, {"investment", "trade"}, False),
    # A tourist centre, light industry, a logistics hub.
    "23": ({"tourism", "industry", "transport"}, {"culture"}, False),
    # Coal supplies, transit, a new wheat variety tested on fields; persons named like places.
    "24": ({"energy", "transport", "agriculture"}, {"culture", "tourism"}, False),
    # Flights between airports.
    "25": ({"transport"}, {"tourism", "trade"}, True),
    # A container train and a logistics terminal; trade of China with Central Asia.
    "26": ({"transport", "trade"}, {"agriculture", "industry"}, True),
    # Car assembly by АвтоВАЗ, dried-fruit supplies and trade, students trained in Samara.
    "27": ({"industry", "trade", "education"}, {"culture"}, False),
    # Direct flights; the tourist flow from China; a market named in passing.
    "28": ({"transport", "tourism"}, {"trade", "culture"}, True),
    # --- tests/data/topics: the topics the region articles do not cover ---
    "29": ({"space"}, {"ecology", "investment"}, True),
    # Internships of doctors are education, their field health too (labelling conventions:
    # training); a joint purchase of medicines is no trade between the sides.
    "30": ({"health", "education"}, {"trade"}, True),
    # Days of culture, concerts, theatre tours, a festival of national cuisine.
    "31": ({"culture"}, {"tourism", "trade"}, True),
    # Residents of a free economic zone, investment projects, a cable plant.
    "32": ({"investment", "industry"}, {"transport", "trade"}, True),
    # A hydropower plant, solar plants, coal supplies, renewables.
    "33": ({"energy"}, {"transport", "industry", "culture"}, False),
    # Saxaul on the dry bed of the Aral Sea, desertification monitoring.
    "34": ({"ecology"}, {"agriculture", "investment", "tourism"}, True),
    # Branches of Russian universities.
    "35": ({"education"}, {"culture"}, True),
    # A fair and exports; "газета" and Газпромбанк are no energy.
    "36": ({"trade"}, {"energy", "investment"}, True),
    # Cotton breeding, farmers, irrigation, livestock.
    "37": ({"agriculture"}, {"ecology", "industry"}, True),
    # A protocol meeting: "сотрудничество во всех сферах", "доброй традицией", гостеприимство.
    "38": (set(), set(), True),
}


def _path(prefix: str) -> Path:
    (path,) = [*DATA.glob(f"articles/{prefix}_*.txt"), *DATA.glob(f"topics/{prefix}_*.txt")]
    return path


def test_every_article_has_expectations() -> None:
    names = [p.name[:2] for p in [*DATA.glob("articles/*.txt"), *DATA.glob("topics/*.txt")]]
    assert sorted(names) == sorted(EXPECTED)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_article_topics(prefix: str) -> None:
    at_least, must_not, exact = EXPECTED[prefix]
    text = _path(prefix).read_text(encoding="utf-8")
    found = set(analyze(text, today=dt.date(2026, 1, 1)).topics)
    if exact:
        assert found == at_least
    else:
        assert found >= at_least
        assert not found & must_not


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщает газета «Казахстанская правда».",
        "Газпромбанк открыл отделение в Ташкенте, сообщила пресс-служба.",
        "Стороны отметили, что сотрудничество развивается во всех сферах.",
        "Мост дружбы между народами строится годами, сказал аким.",
        "Выпускники получат двойные дипломы по энергетике и экологии.",
        "В дискуссии участвовали преподаватели университета.",
        # A body's or a post's name says who spoke, not what was discussed.
        "Об этом сообщил министр сельского хозяйства области.",
        "В мероприятии участвовал замминистра энергетики республики.",
        "Представитель Министерства культуры и туризма выступил с приветствием.",
        "Председатель комитета по туризму вручил награды.",
        "The agriculture minister of Kazakhstan attended the meeting.",
        "Officials of the Ministry of Energy attended the meeting.",
        # Local news: an outage, an accident, a tournament.
        "В двух микрорайонах отключили газ из-за аварии на газопроводе.",
        "На трассе перевернулся грузовик с цементом.",
        "Parts of the city were left without electricity after an accident.",
    ],
)
def test_passing_words_make_no_topic(text: str) -> None:
    # The sentence stands in the body, after the first (lead) paragraph.
    lead = "Аким области провел встречу с коллегами из соседней страны."
    raw = f"Заголовок новости\n\n{lead}\n\n{text}"
    assert analyze(raw, today=dt.date(2026, 1, 1)).topics == ()


def test_passing_signs_do_not_add_up_with_a_weak_one() -> None:
    # Cement supplied is a weak sign of industry; the industrial park where the talks took
    # place and the factory the guests were shown pass by: together they are still no topic.
    raw = (
        "Области договорились о поставках цемента\n\n"
        "Стороны договорились о поставках цемента и кирпича для строительства.\n\n"
        "Переговоры прошли на территории индустриального парка. "
        "Гостям также показали новую швейную фабрику."
    )
    assert analyze(raw, today=dt.date(2026, 1, 1)).topics == ("trade",)
