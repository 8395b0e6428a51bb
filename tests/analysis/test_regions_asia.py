"""Regions of Kyrgyzstan, Tajikistan, Turkmenistan and China found in Russian news text.

Expected codes come from ISO 3166-2 (pycountry) and the geography, not from the matcher's output:
Худжанд is the capital of Sughd (TJ-SU), Урумчи of Xinjiang (CN-XJ), Каракол of Issyk-Kul (KG-Y),
and so on. Each region is checked in several case forms and in another spelling (Latin, old name).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pycountry
import pytest

from storage.analysis.gazetteer import load_gazetteer

COUNTRIES = {"kg.toml": "KG", "tj.toml": "TJ", "tm.toml": "TM", "cn.toml": "CN"}


def regions(text: str) -> list[str]:
    return [r.code for r in load_gazetteer().find(text)[0]]


def countries(text: str) -> list[str]:
    return list(load_gazetteer().find(text)[1])


def data(file: str) -> dict[str, Any]:
    folder = resources.files("storage.analysis").joinpath("data").joinpath("gazetteer")
    return tomllib.loads(folder.joinpath(file).read_text(encoding="utf-8"))


# --- the data covers every subdivision ------------------------------------------------------


@pytest.mark.parametrize(("file", "country"), sorted(COUNTRIES.items()))
def test_every_pycountry_subdivision_is_listed_once(file: str, country: str) -> None:
    listed = [r["code"] for r in data(file)["region"]]
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    expected = {s.code for s in found}
    assert sorted(listed) == sorted(expected)
    assert data(file)["country"]["code"] == country


@pytest.mark.parametrize(
    ("file", "count"), [("kg.toml", 9), ("tj.toml", 5), ("tm.toml", 6), ("cn.toml", 34)]
)
def test_subdivision_counts(file: str, count: int) -> None:
    assert len(data(file)["region"]) == count


@pytest.mark.parametrize("file", sorted(COUNTRIES))
def test_every_region_name_resolves_to_itself(file: str) -> None:
    gaz = load_gazetteer()
    wrong = []
    for r in data(file)["region"]:
        for alias in [r["name"], *r.get("names", []), *r.get("places", [])]:
            ref = gaz.resolve(alias)
            if ref is None or ref.code != r["code"]:
                wrong.append((alias, r["code"], ref.code if ref else None))
    assert wrong == []


# --- regions by their own names, three case forms and another spelling --------------------

REGION_FORMS = [
    # Kyrgyzstan
    ("KG-C", "Чуйская область увеличила экспорт"),
    ("KG-C", "делегация Чуйской области прибыла"),
    ("KG-C", "соглашение с Чуйской областью"),
    ("KG-C", "в Чуйской области открыли завод"),
    ("KG-C", "Chuy Region signed a memorandum"),
    ("KG-Y", "Иссык-Кульская область ждет туристов"),
    ("KG-Y", "туристы из Иссык-Кульской области"),
    ("KG-Y", "посетили Иссык-Кульскую область"),
    ("KG-Y", "отдых на Иссык-Куле"),
    ("KG-Y", "Ysyk-Kol Region"),
    ("KG-Y", "Issyk-Kul"),
    ("KG-N", "Нарынская область"),
    ("KG-N", "фермеры Нарынской области"),
    ("KG-N", "поставки в Нарынскую область"),
    ("KG-N", "Naryn Region"),
    ("KG-T", "Таласская область"),
    ("KG-T", "аким встретился с делегацией Таласской области"),
    ("KG-T", "граничит с Таласской областью"),
    ("KG-T", "Talas Region"),
    ("KG-J", "Джалал-Абадская область"),
    ("KG-J", "в Джалал-Абадской области"),
    ("KG-J", "с Джалал-Абадской областью"),
    ("KG-J", "Жалал-Абадская область"),
    ("KG-J", "Jalal-Abad Region"),
    ("KG-O", "Ошская область"),
    ("KG-O", "губернатор Ошской области"),
    ("KG-O", "с Ошской областью"),
    ("KG-O", "Osh Region"),
    ("KG-B", "Баткенская область"),
    ("KG-B", "в Баткенской области"),
    ("KG-B", "Баткенскую область посетил"),
    ("KG-B", "Batken Region"),
    ("KG-GB", "Бишкек принял форум"),
    ("KG-GB", "мэрия Бишкека"),
    ("KG-GB", "в Бишкеке прошла встреча"),
    ("KG-GB", "побратимство с Бишкеком"),
    ("KG-GB", "Bishkek"),
    ("KG-GB", "БИШКЕК, 12 мая — Sputnik"),
    ("KG-GO", "Ош отметил юбилей"),
    ("KG-GO", "в Оше открыли рынок"),
    ("KG-GO", "автобус из Оша"),
    ("KG-GO", "Osh"),
    # Tajikistan
    ("TJ-SU", "Согдийская область"),
    ("TJ-SU", "хукумат Согдийской области"),
    ("TJ-SU", "в Согдийской области"),
    ("TJ-SU", "с Согдийской областью"),
    ("TJ-SU", "Ленинабадская область"),
    ("TJ-SU", "Sughd"),
    ("TJ-SU", "в Согде"),
    ("TJ-KT", "Хатлонская область"),
    ("TJ-KT", "в Хатлонской области"),
    ("TJ-KT", "с Хатлонской областью"),
    ("TJ-KT", "Khatlon Region"),
    ("TJ-GB", "Горно-Бадахшанская автономная область"),
    ("TJ-GB", "в Горно-Бадахшанской автономной области"),
    ("TJ-GB", "Горно-Бадахшанскую автономную область"),
    ("TJ-GB", "ГБАО"),
    ("TJ-GB", "Gorno-Badakhshan"),
    ("TJ-DU", "Душанбе"),
    ("TJ-DU", "в Душанбе"),
    ("TJ-DU", "ДУШАНБЕ, 3 апреля"),
    ("TJ-DU", "Dushanbe"),
    ("TJ-RA", "Районы республиканского подчинения"),
    ("TJ-RA", "РРП"),
    ("TJ-RA", "Districts of Republican Subordination"),
    # Turkmenistan
    ("TM-A", "Ахалский велаят"),
    ("TM-A", "в Ахалском велаяте"),
    ("TM-A", "хяким Ахалского велаята"),
    ("TM-A", "Ahal Region"),
    ("TM-B", "Балканский велаят"),
    ("TM-B", "в Балканском велаяте"),
    ("TM-B", "Балканского велаята"),
    ("TM-B", "Balkan Region"),
    ("TM-L", "Лебапский велаят"),
    ("TM-L", "в Лебапском велаяте"),
    ("TM-L", "Лебапского велаята"),
    ("TM-L", "Чарджоуская область"),
    ("TM-M", "Марыйский велаят"),
    ("TM-M", "в Марыйском велаяте"),
    ("TM-M", "Марыйского велаята"),
    ("TM-M", "Mary Region"),
    ("TM-D", "Дашогузский велаят"),
    ("TM-D", "в Дашогузском велаяте"),
    ("TM-D", "Дашогузского велаята"),
    ("TM-D", "Ташаузская область"),
    ("TM-S", "Ашхабад"),
    ("TM-S", "в Ашхабаде"),
    ("TM-S", "из Ашхабада"),
    ("TM-S", "Ashgabat"),
    ("TM-S", "Ашгабат"),
    # China
    ("CN-XJ", "Синьцзян-Уйгурский автономный район"),
    ("CN-XJ", "в Синьцзян-Уйгурском автономном районе"),
    ("CN-XJ", "Синьцзян-Уйгурского автономного района"),
    ("CN-XJ", "в Синьцзяне"),
    ("CN-XJ", "СУАР"),
    ("CN-XJ", "Xinjiang"),
    ("CN-GS", "провинция Ганьсу"),
    ("CN-GS", "в провинции Ганьсу"),
    ("CN-GS", "с провинцией Ганьсу"),
    ("CN-GS", "Gansu"),
    ("CN-BJ", "Пекин"),
    ("CN-BJ", "в Пекине"),
    ("CN-BJ", "из Пекина"),
    ("CN-BJ", "Beijing"),
    ("CN-SH", "Шанхай"),
    ("CN-SH", "в Шанхае"),
    ("CN-SH", "авиасообщение с Шанхаем"),
    ("CN-SH", "Shanghai"),
    ("CN-NM", "Внутренняя Монголия"),
    ("CN-NM", "во Внутренней Монголии"),
    ("CN-NM", "Внутреннюю Монголию"),
    ("CN-NM", "Inner Mongolia"),
    ("CN-HL", "провинция Хэйлунцзян"),
    ("CN-HL", "в Хэйлунцзяне"),
    ("CN-HL", "с Хэйлунцзяном"),
    ("CN-HL", "Heilongjiang"),
    ("CN-SN", "провинция Шэньси"),
    ("CN-SN", "в провинции Шэньси"),
    ("CN-SN", "Shaanxi"),
    ("CN-SC", "Сычуань"),
    ("CN-SC", "в Сычуани"),
    ("CN-SC", "в Сычуане"),
    ("CN-SC", "Sichuan"),
    ("CN-CQ", "Чунцин"),
    ("CN-CQ", "в Чунцине"),
    ("CN-CQ", "из Чунцина"),
    ("CN-CQ", "Chongqing"),
    ("CN-HK", "Гонконг"),
    ("CN-HK", "в Гонконге"),
    ("CN-HK", "Hong Kong"),
    ("CN-MO", "в Макао"),
    ("CN-TW", "на Тайване"),
    ("CN-TJ", "в Тяньцзине"),
    ("CN-XZ", "Тибетский автономный район"),
    ("CN-GX", "Гуанси-Чжуанский автономный район"),
    ("CN-NX", "Нинся-Хуэйский автономный район"),
]


@pytest.mark.parametrize(("code", "text"), REGION_FORMS)
def test_region_named(code: str, text: str) -> None:
    assert regions(text) == [code]


# --- places inside a region -------------------------------------------------------------------

PLACES = [
    ("TJ-SU", "в Худжанде прошел форум"),
    ("TJ-SU", "Ходжент"),
    ("TJ-SU", "Ленинабад"),
    ("TJ-SU", "в Пенджикенте"),
    ("TJ-SU", "Истаравшан"),
    ("TJ-SU", "Исфара"),
    ("TJ-KT", "в Бохтаре"),
    ("TJ-KT", "Курган-Тюбе"),
    ("TJ-KT", "в Кулябе"),
    ("TJ-GB", "в Хороге"),
    ("TJ-GB", "перевал Кульма"),
    ("TJ-RA", "Турсунзаде"),
    ("TJ-RA", "в Вахдате"),
    ("TJ-RA", "Рогунская ГЭС"),
    ("TJ-RA", "в Гиссаре"),
    ("CN-XJ", "груз из Урумчи"),
    ("CN-XJ", "побратимы с Баян-Голом"),
    ("CN-XJ", "a deal with Bayingolin Mongol Autonomous Prefecture"),
    ("CN-XJ", "в Кашгаре"),
    ("CN-XJ", "Кульджа"),
    ("CN-XJ", "станция Алашанькоу"),
    ("CN-XJ", "Корла"),
    ("CN-XJ", "Urumqi"),
    ("CN-GS", "в Ланьчжоу"),
    ("CN-SN", "поезд из Сианя"),
    ("CN-SN", "в Сиане"),
    ("CN-SC", "в Чэнду"),
    ("CN-HL", "в Харбине"),
    ("CN-HL", "Хэйхэ"),
    ("CN-NM", "Маньчжоули"),
    ("CN-NM", "Эрлянь"),
    ("CN-NM", "в городе Маньчжурия"),
    ("CN-JS", "порт Ляньюньган"),
    ("CN-ZJ", "рынок Иу"),
    ("CN-GD", "в Гуанчжоу"),
    ("CN-GD", "в Шэньчжэне"),
    ("KG-Y", "Каракол"),
    ("KG-Y", "в Караколе"),
    ("KG-Y", "Пржевальск"),
    ("KG-Y", "в Чолпон-Ате"),
    ("KG-Y", "рудник Кумтор"),
    ("KG-Y", "в Балыкчы"),
    ("KG-C", "в Токмоке"),
    ("KG-C", "Кара-Балта"),
    ("KG-C", "пункт пропуска Ак-Тилек"),
    ("KG-N", "в Нарыне"),
    ("KG-N", "перевал Торугарт"),
    ("KG-O", "через Иркештам"),
    ("KG-O", "в Узгене"),
    ("KG-J", "в Джалал-Абаде"),
    ("KG-B", "Кызыл-Кия"),
    ("KG-B", "в Сулюкте"),
    ("KG-B", "Исфана"),
    ("KG-T", "в Таласе"),
    ("TM-B", "порт Туркменбаши"),
    ("TM-B", "Туркменбашы"),
    ("TM-B", "Красноводск"),
    ("TM-B", "в Авазе"),
    ("TM-B", "Балканабат"),
    ("TM-L", "в Туркменабате"),
    ("TM-L", "Чарджоу"),
    ("TM-L", "Фарап"),
    ("TM-D", "в Дашогузе"),
    ("TM-D", "Ташауз"),
    ("TM-M", "в Мары"),
    ("TM-M", "Серхетабат"),
    ("TM-A", "Теджен"),
    ("TM-A", "Серахс"),
]


@pytest.mark.parametrize(("code", "text"), PLACES)
def test_place_tags_its_region(code: str, text: str) -> None:
    assert regions(text) == [code]


# --- adjectives and enumerations ----------------------------------------------------------------

ADJECTIVES = [
    (["KG-GB"], "бишкекские предприниматели"),
    (["KG-GO"], "ошские торговцы"),
    (["TJ-DU"], "душанбинский хукумат"),
    (["TM-S"], "ашхабадские школьники"),
    (["TJ-SU"], "худжандские предприятия"),
    (["CN-XJ"], "синьцзянские компании"),
    (["KG-Y"], "иссык-кульские курорты"),
    (["TJ-SU", "TJ-KT"], "между Согдийской и Хатлонской областями"),
    (["KG-C", "KG-T", "KG-N"], "из Чуйской, Таласской и Нарынской областей"),
    (["TM-A", "TM-M"], "Ахалского и Марыйского велаятов"),
    (["KG-O", "KG-GO"], "Ошская область и город Ош"),
    (["RU-ZAB", "CN-NM"], "переход Забайкальск — Маньчжурия"),
    (["RU-AMU", "CN-HL"], "мост Благовещенск — Хэйхэ"),
]


@pytest.mark.parametrize(("codes", "text"), ADJECTIVES)
def test_adjectives_and_enumerations(codes: list[str], text: str) -> None:
    assert regions(text) == codes


# --- countries are not regions ----------------------------------------------------------------

COUNTRY_NAMES = [
    ("KG", "Кыргызстан"),
    ("KG", "в Киргизии"),
    ("KG", "Кыргызской Республики"),
    ("KG", "КР"),
    ("KG", "кыргызские фермеры"),
    ("KG", "киргизский"),
    ("KG", "Kyrgyzstan"),
    ("TJ", "Таджикистан"),
    ("TJ", "таджикские"),
    ("TJ", "Республикой Таджикистан"),
    ("TM", "Туркменистан"),
    ("TM", "Туркмении"),
    ("TM", "туркменский газ"),
    ("CN", "Китай"),
    ("CN", "КНР"),
    ("CN", "Китайской Народной Республики"),
    ("CN", "китайский инвестор"),
    ("CN", "в Поднебесной"),
    ("CN", "China"),
]


@pytest.mark.parametrize(("country", "text"), COUNTRY_NAMES)
def test_country_names_tag_the_country_only(country: str, text: str) -> None:
    assert regions(text) == []
    assert countries(text) == [country]


def test_region_also_tags_its_country() -> None:
    assert countries("в Худжанде и Урумчи") == ["CN", "TJ"]


# --- words that must not match ---------------------------------------------------------------

NOT_REGIONS = [
    "река Нарын несет воду в Сырдарью",
    "на реке Нарын построят ГЭС",
    "река Талас",
    "балканский кризис",
    "балканские страны",
    "на Балканах",
    "Шанхайская организация сотрудничества",
    "саммит ШОС",
    "государства-члены ШОС и шанхайский дух",
    "тибетская медицина",
    "Чуйская долина",
    "по Чуйскому тракту",
    "философия Канта",
    "Иммануил Кант",
    "улица Фрунзе",
    "после матча",
    "Центр международного приграничного сотрудничества «Хоргос»",
    "станция Алтынколь",
    "Мургаб",
    "ахалтекинские скакуны",
    "внутренняя политика и восточный ветер",
    "Дали денег",
    "Сания Ахметова",
    "депутаты фракции «Ак жол»",
    "Каракульский район Бухарской области",
    "озеро Каинды",
    "рыбачьи лодки",
    "беловодские старообрядцы",
]


@pytest.mark.parametrize("text", NOT_REGIONS)
def test_not_a_region_of_these_countries(text: str) -> None:
    found = [c for c in regions(text) if c[:2] in {"KG", "TJ", "TM", "CN"}]
    assert found == []


def test_khorgos_is_kazakhstan_not_china() -> None:
    assert not any(c.startswith("CN") for c in regions("СЭЗ «Хоргос-Восточные ворота»"))
    assert not any(c.startswith("CN") for c in regions("через Хоргос в Китай"))


# --- what a user types to /region ---------------------------------------------------------------

RESOLVE = [
    ("Ош", "KG-GO"),
    ("ош", "KG-GO"),
    ("Ошская область", "KG-O"),
    ("ошской области", "KG-O"),
    ("Бишкек", "KG-GB"),
    ("Иссык-Куль", "KG-Y"),
    ("Issyk-Kul", "KG-Y"),
    ("Каракол", "KG-Y"),
    ("Худжанд", "TJ-SU"),
    ("Согд", "TJ-SU"),
    ("гбао", "TJ-GB"),
    ("Хорог", "TJ-GB"),
    ("душанбе", "TJ-DU"),
    ("Ашхабад", "TM-S"),
    ("Ashgabat", "TM-S"),
    ("туркменбаши", "TM-B"),
    ("Мары", "TM-M"),
    ("Урумчи", "CN-XJ"),
    ("урумчи", "CN-XJ"),
    ("синьцзян", "CN-XJ"),
    ("Xinjiang", "CN-XJ"),
    ("Ганьсу", "CN-GS"),
    ("Харбин", "CN-HL"),
    ("Гонконг", "CN-HK"),
    ("Тайвань", "CN-TW"),
]


@pytest.mark.parametrize(("query", "code"), RESOLVE)
def test_resolve(query: str, code: str | None) -> None:
    ref = load_gazetteer().resolve(query)
    assert (ref.code if ref else None) == code


def test_resolved_region_carries_country_and_russian_name() -> None:
    ref = load_gazetteer().resolve("Кашгар")
    assert ref is not None
    assert (ref.code, ref.name, ref.country) == (
        "CN-XJ",
        "Синьцзян-Уйгурский автономный район",
        "CN",
    )
