"""Russian regions: the RU gazetteer data (ru.toml) read by the region matcher.

Expected codes come from ISO 3166-2:RU and geography, not from the matcher's output. Assertions
look at the RU-* part of the result, so other countries' data (e.g. "Уральск" in Kazakhstan)
cannot make a Russian case pass or fail.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pycountry
import pytest

from storage.analysis.gazetteer import Gazetteer, load_gazetteer
from storage.analysis.morph import fold

RU_TOML = Path(__file__).resolve().parents[2] / "storage/analysis/data/gazetteer/ru.toml"


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def ru_codes(text: str) -> set[str]:
    regions, _ = gazetteer().find(text)
    return {r.code for r in regions if r.code.startswith("RU-")}


# --- Regions by their own names: three case forms, the bare adjective, another spelling ---

REGION_FORMS: list[tuple[str, str]] = [
    # Челябинская область
    ("Делегация прибыла в Челябинскую область.", "RU-CHE"),
    ("Губернатор Челябинской области провёл встречу.", "RU-CHE"),
    ("Соглашение подписано с Челябинской областью.", "RU-CHE"),
    ("Челябинские предприятия поставляют трубы.", "RU-CHE"),
    ("Chelyabinsk Oblast signed a memorandum.", "RU-CHE"),
    ("Аграрии Южного Урала приехали на выставку.", "RU-CHE"),
    # Омская область
    ("В Омской области открылся торговый дом.", "RU-OMS"),
    ("Инвесторы приехали в Омскую область.", "RU-OMS"),
    ("Омские аграрии закупают семена.", "RU-OMS"),
    ("Omsk Region hosts the forum.", "RU-OMS"),
    # Оренбургская область
    ("Оренбургская область наращивает экспорт.", "RU-ORE"),
    ("Граница с Оренбургской областью открыта.", "RU-ORE"),
    ("оренбургских производителей пригласили на ярмарку", "RU-ORE"),
    ("Форум пройдёт в Оренбуржье.", "RU-ORE"),
    # Новосибирская область
    ("Новосибирскую область посетил аким.", "RU-NVS"),
    ("В Новосибирской области построят хаб.", "RU-NVS"),
    ("Новосибирские учёные помогут казахстанским коллегам.", "RU-NVS"),
    ("Novosibirsk Region and Pavlodar Region", "RU-NVS"),
    # Астраханская область
    ("Астраханская область и Атырауская область", "RU-AST"),
    ("Паром пришёл в астраханский порт.", "RU-AST"),
    ("Судно идёт из Астраханской области.", "RU-AST"),
    ("Astrakhan Oblast port", "RU-AST"),
    # Курганская область
    ("в Курганской области", "RU-KGN"),
    ("Курганскую область посетила делегация", "RU-KGN"),
    ("курганские фермеры", "RU-KGN"),
    ("Зауралье и Костанайская область", "RU-KGN"),
    # Тюменская область
    ("Тюменской областью подписано соглашение", "RU-TYU"),
    ("в Тюменскую область", "RU-TYU"),
    ("тюменские нефтяники", "RU-TYU"),
    ("Tyumen Region", "RU-TYU"),
    # Самарская область
    ("в Самарской области", "RU-SAM"),
    ("Самарскую область", "RU-SAM"),
    ("самарский завод", "RU-SAM"),
    ("Samara Oblast", "RU-SAM"),
    # Саратовская область
    ("из Саратовской области", "RU-SAR"),
    ("Саратовская область", "RU-SAR"),
    ("саратовские предприятия", "RU-SAR"),
    ("Saratov Region", "RU-SAR"),
    # Волгоградская область
    ("в Волгоградской области", "RU-VGG"),
    ("с Волгоградской областью", "RU-VGG"),
    ("волгоградские аграрии", "RU-VGG"),
    ("Volgograd Oblast", "RU-VGG"),
    # Свердловская область
    ("в Свердловской области", "RU-SVE"),
    ("Свердловскую область", "RU-SVE"),
    ("свердловские промышленники", "RU-SVE"),
    ("на Среднем Урале", "RU-SVE"),
    # Татарстан
    ("Республика Татарстан", "RU-TA"),
    ("в Республике Татарстан", "RU-TA"),
    ("с Татарстаном", "RU-TA"),
    ("татарстанские компании", "RU-TA"),
    ("Tatarstan", "RU-TA"),
    # Башкортостан
    ("в Башкортостане", "RU-BA"),
    ("Республикой Башкортостан", "RU-BA"),
    ("башкирские предприятия", "RU-BA"),
    ("в Башкирии", "RU-BA"),
    ("Bashkortostan", "RU-BA"),
    # Кемеровская область — Кузбасс
    ("в Кемеровской области", "RU-KEM"),
    ("Кузбасс поставляет уголь", "RU-KEM"),
    ("из Кузбасса", "RU-KEM"),
    ("кузбасские угольщики", "RU-KEM"),
    # ХМАО — Югра
    ("Ханты-Мансийский автономный округ — Югра", "RU-KHM"),
    ("в Ханты-Мансийском автономном округе", "RU-KHM"),
    ("в Югре", "RU-KHM"),
    ("делегация ХМАО", "RU-KHM"),
    # ЯНАО
    ("Ямало-Ненецкого автономного округа", "RU-YAN"),
    ("в ЯНАО", "RU-YAN"),
    ("на Ямале", "RU-YAN"),
    # Якутия
    ("Республика Саха (Якутия)", "RU-SA"),
    ("в Якутии", "RU-SA"),
    ("якутские алмазы", "RU-SA"),
    # Алтай: the krai and the republic are two regions
    ("в Алтайском крае", "RU-ALT"),
    ("Алтайскому краю", "RU-ALT"),
    ("Республика Алтай", "RU-AL"),
    ("в Республике Алтай", "RU-AL"),
    ("туристы едут в Горный Алтай", "RU-AL"),
    # Others
    ("в Краснодарском крае", "RU-KDA"),
    ("кубанские аграрии", "RU-KDA"),
    ("на Кубани", "RU-KDA"),
    ("в Чувашии", "RU-CU"),
    ("Удмуртской Республики", "RU-UD"),
    ("в Удмуртии", "RU-UD"),
    ("Республика Марий Эл", "RU-ME"),
    ("в Марий Эл", "RU-ME"),
    ("Кабардино-Балкарии", "RU-KB"),
    ("Северная Осетия — Алания", "RU-SE"),
    ("в Северной Осетии", "RU-SE"),
    ("в Ставрополье", "RU-STA"),
    ("ставропольские аграрии", "RU-STA"),
    ("в Приморье", "RU-PRI"),
    ("в Приморском крае", "RU-PRI"),
    ("Красноярским краем", "RU-KYA"),
    ("иркутские предприятия", "RU-IRK"),
    ("в Дагестане", "RU-DA"),
    ("дагестанские рыбаки", "RU-DA"),
    ("в Чечне", "RU-CE"),
    ("Пермского края", "RU-PER"),
    ("в Прикамье", "RU-PER"),
    ("Нижегородской области", "RU-NIZ"),
    ("нижегородские автозаводы", "RU-NIZ"),
    ("Ивановской области", "RU-IVA"),
    ("Еврейской автономной области", "RU-YEV"),
    ("Чукотского автономного округа", "RU-CHU"),
    ("в Забайкальском крае", "RU-ZAB"),
]


@pytest.mark.parametrize(("text", "code"), REGION_FORMS)
def test_region_by_name(text: str, code: str) -> None:
    assert ru_codes(text) == {code}


# --- Federal cities and their oblasts (city-region rule) ---

CITY_REGIONS: list[tuple[str, set[str]]] = [
    ("в Москве", {"RU-MOW"}),
    ("московские компании", {"RU-MOW"}),
    ("Moscow", {"RU-MOW"}),
    ("в Московской области", {"RU-MOS"}),
    ("в Подмосковье", {"RU-MOS"}),
    ("подмосковный завод", {"RU-MOS"}),
    ("в Санкт-Петербурге", {"RU-SPE"}),
    ("из Петербурга", {"RU-SPE"}),
    ("петербургские вузы", {"RU-SPE"}),
    ("Saint Petersburg", {"RU-SPE"}),
    ("в блокадном Ленинграде", {"RU-SPE"}),
    ("ленинградские блокадники", {"RU-SPE"}),
    ("в Московском регионе", {"RU-MOS"}),
    ("в Ленинградской области", {"RU-LEN"}),
    ("Ленобласть", {"RU-LEN"}),
    ("через порт Усть-Луга", {"RU-LEN"}),
    ("Москва и Московская область", {"RU-MOW", "RU-MOS"}),
    ("Санкт-Петербург и Ленинградская область", {"RU-SPE", "RU-LEN"}),
]


@pytest.mark.parametrize(("text", "codes"), CITY_REGIONS)
def test_federal_city_and_oblast(text: str, codes: set[str]) -> None:
    assert ru_codes(text) == codes


# --- Cities, towns, old names, crossings and zones to their region ---

PLACES: list[tuple[str, str]] = [
    ("завод «УРАЛ» в городе Миасс", "RU-CHE"),
    ("в Миассе", "RU-CHE"),
    ("с Магнитогорском", "RU-CHE"),
    ("из Златоуста", "RU-CHE"),
    ("в Челябинске", "RU-CHE"),
    ("через Троицк", "RU-CHE"),
    ("таможенный пост в Троицке", "RU-CHE"),
    ("порт в Каспийске", "RU-DA"),
    ("в Дзержинске", "RU-NIZ"),
    ("из Омска", "RU-OMS"),
    ("консульство в Омске", "RU-OMS"),
    ("через Исилькуль", "RU-OMS"),
    ("в Екатеринбурге", "RU-SVE"),
    ("в Нижнем Тагиле", "RU-SVE"),
    ("в Свердловске", "RU-SVE"),
    ("в Тольятти", "RU-SAM"),
    ("из Самары", "RU-SAM"),
    ("в Набережных Челнах", "RU-TA"),
    ("в Казани", "RU-TA"),
    ("в ОЭЗ «Алабуга»", "RU-TA"),
    ("в Уфе", "RU-BA"),
    ("в Орске", "RU-ORE"),
    ("Новотроицка", "RU-ORE"),
    ("пункт пропуска «Маштаково»", "RU-ORE"),
    ("МАПП «Сагарчин»", "RU-ORE"),
    ("в Оренбурге", "RU-ORE"),
    ("в Бийске", "RU-ALT"),
    ("Рубцовском", "RU-ALT"),
    ("в Барнауле", "RU-ALT"),
    ("через Весёлоярск", "RU-ALT"),
    ("в Горно-Алтайске", "RU-AL"),
    ("в Новосибирске", "RU-NVS"),
    ("через Карасук", "RU-NVS"),
    ("пункт пропуска Петухово", "RU-KGN"),
    ("в Кургане", "RU-KGN"),
    ("через Озинки", "RU-SAR"),
    ("в Саратове", "RU-SAR"),
    ("в Тюмени", "RU-TYU"),
    ("в Тобольске", "RU-TYU"),
    ("в Астрахани", "RU-AST"),
    ("из Махачкалы", "RU-DA"),
    ("в Сургуте", "RU-KHM"),
    ("в Новом Уренгое", "RU-YAN"),
    ("в Волгограде", "RU-VGG"),
    ("под Сталинградом", "RU-VGG"),
    ("в Новороссийске", "RU-KDA"),
    ("в Сочи", "RU-KDA"),
    ("в Ростове-на-Дону", "RU-ROS"),
    ("в Нижнем Новгороде", "RU-NIZ"),
    ("Ульяновск, бывший Симбирск", "RU-ULY"),
    ("во Владивостоке", "RU-PRI"),
    ("в Красноярске", "RU-KYA"),
    ("в Иркутске", "RU-IRK"),
    ("в Улан-Удэ", "RU-BU"),
    ("в Петропавловске-Камчатском", "RU-KAM"),
    ("в Южно-Сахалинске", "RU-SAK"),
    ("в Якутске", "RU-SA"),
    ("в Йошкар-Оле", "RU-ME"),
    ("в Калининграде", "RU-KGD"),
    ("в Кемерове", "RU-KEM"),
    ("в Новокузнецке", "RU-KEM"),
    ("в Перми", "RU-PER"),
    ("в городе Киров", "RU-KIR"),
    ("в Ижевске", "RU-UD"),
    ("в Чебоксарах", "RU-CU"),
    ("в Грозном прошёл форум", "RU-CE"),
    ("в Озёрске", "RU-CHE"),
    ("в Щёлкове", "RU-MOS"),
    ("в Звёздном городке", "RU-MOS"),
    ("в Кёнигсберге", "RU-KGD"),
    ("в Сергиевом Посаде", "RU-MOS"),
    ("полигон Капустин Яр", "RU-AST"),
    ("ОЭЗ «Титановая долина»", "RU-SVE"),
    ("в Старом Осколе", "RU-BEL"),
    ("в Верхней Пышме", "RU-SVE"),
    ("через порт Махачкала", "RU-DA"),
    ("в Камне-на-Оби", "RU-ALT"),
    ("в Орехове-Зуеве", "RU-MOS"),
    ("в Пензе", "RU-PNZ"),
    ("в Калуге", "RU-KLU"),
    ("в Орле открылась выставка", "RU-ORL"),
    ("в Дубне", "RU-MOS"),
    ("в аэропорту Шереметьево", "RU-MOS"),
    ("в Зеленограде", "RU-MOW"),
]


@pytest.mark.parametrize(("text", "code"), PLACES)
def test_place_to_region(text: str, code: str) -> None:
    assert ru_codes(text) == {code}


# --- Enumerations: one adjective per region, the place noun at the end ---

ENUMERATIONS: list[tuple[str, set[str]]] = [
    ("между Челябинской и Курганской областями", {"RU-CHE", "RU-KGN"}),
    ("Омской, Новосибирской и Тюменской областей", {"RU-OMS", "RU-NVS", "RU-TYU"}),
    ("Оренбургская и Самарская области", {"RU-ORE", "RU-SAM"}),
]


@pytest.mark.parametrize(("text", "codes"), ENUMERATIONS)
def test_enumeration(text: str, codes: set[str]) -> None:
    assert ru_codes(text) == codes


# --- Words that must not name a Russian region ---

NOT_PLACES: list[str] = [
    "орёл парил над степью",  # the bird, lower case
    "Степной орёл — символ Казахстана",
    "улица Кирова в Костанае",  # the person (and a street)
    "Сергей Киров выступил с речью",
    "Владимир Путин провёл переговоры",  # a first name, not the city
    "Максим Горький писал о Волге",  # the writer
    "горький опыт прошлых лет",
    "Иван Грозный",  # the tsar
    "Алтайские горы привлекают туристов",  # the mountains: алтайский is ambiguous
    "на Казанском вокзале",  # a Moscow station, not Tatarstan
    "татарская кухня",  # the people
    "чеченская диаспора Казахстана",
    "мирный атом",
    "тара для зерна",
    "паводок на Ишиме",  # the river through Astana
    "загрязнение реки Илек",  # the river through Aktobe
    "грозные тучи",  # Грозный is a capitalised place, not the adjective
    # Instrumental of a town in -ск = an adjective form: not the town.
    "на Каспийском море",
    "в Георгиевском зале Кремля",
    "в Дзержинском районе Алматы",
    "по Крымскому мосту",
    "в Троицком соборе",
    "в Балтийском регионе",
    "Шумиха вокруг проекта утихла",
    "древний курган",
    "на Смоленской площади",  # the Foreign Ministry
    "по Тверской улице",
    "приморский бульвар",
    "Амурский тигр",
    "адыгейский сыр",
    "Сергей Королёв, конструктор",
    "музыка Чайковского",
    "Оля и Маша",
    "минеральные воды и соки",
    "Кызыл Жар",  # a Kazakh place name with "red"
    "уральские предприниматели",  # Уральск is in Kazakhstan
    "Троебратный",  # a Kazakh post
    "Кайрак",  # a Kazakh post
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_not_a_russian_region(text: str) -> None:
    assert ru_codes(text) == set()


# --- Country ---


@pytest.mark.parametrize(
    "text",
    ["Россия и Казахстан", "в Российской Федерации", "РФ", "российские компании", "Russia"],
)
def test_country_russia(text: str) -> None:
    regions, countries = gazetteer().find(text)
    assert "RU" in countries
    assert not [r for r in regions if r.code.startswith("RU-")]


# --- resolve(): a user's query to one region ---


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Челябинская область", "RU-CHE"),
        ("челябинская", "RU-CHE"),
        ("Chelyabinsk", "RU-CHE"),
        ("Татарстан", "RU-TA"),
        ("Москва", "RU-MOW"),
        ("Подмосковье", "RU-MOS"),
        ("Ленинградская область", "RU-LEN"),
        ("ХМАО", "RU-KHM"),
        ("Кузбасс", "RU-KEM"),
    ],
)
def test_resolve(query: str, code: str) -> None:
    ref = gazetteer().resolve(query)
    assert ref is not None
    assert ref.code == code


# --- The data file itself ---


def _ru_data() -> dict[str, object]:
    with RU_TOML.open("rb") as fh:
        return tomllib.load(fh)


def test_every_pycountry_subdivision_is_listed_once() -> None:
    data = _ru_data()
    regions = data["region"]
    assert isinstance(regions, list)
    codes = [r["code"] for r in regions]
    found = pycountry.subdivisions.get(country_code="RU")  # type: ignore[no-untyped-call]
    expected = {s.code for s in found}
    assert len(codes) == len(set(codes))
    assert set(codes) == expected
    assert len(expected) == 83


def test_no_alias_names_two_russian_regions() -> None:
    """Each name, place and form belongs to one region; an adjective may be shared only by a
    federal city and its oblast (московский: RU-MOW and RU-MOS), as the format allows."""
    owner: dict[str, str] = {}
    clashes: list[str] = []
    regions = _ru_data()["region"]
    assert isinstance(regions, list)
    cities = {r["code"] for r in regions if r.get("city", False)}
    assert cities == {"RU-MOW", "RU-SPE"}
    for r in regions:
        for key in ("names", "places", "forms", "abbreviations"):
            for alias in r.get(key, []):
                folded = fold(alias)
                if owner.setdefault(folded, r["code"]) != r["code"]:
                    clashes.append(f"{alias}: {owner[folded]} / {r['code']}")
    adjective_owners: dict[str, set[str]] = {}
    for r in regions:
        for adj in r.get("adjectives", []):
            adjective_owners.setdefault(fold(adj), set()).add(r["code"])
    for adj, codes in adjective_owners.items():
        if len(codes) > 1 and not (len(codes) == 2 and len(codes & cities) == 1):
            clashes.append(f"{adj}: {sorted(codes)}")
    assert clashes == []


def test_region_name_is_one_of_its_names() -> None:
    regions = _ru_data()["region"]
    assert isinstance(regions, list)
    missing = [r["code"] for r in regions if r["name"] not in r["names"]]
    assert missing == []
