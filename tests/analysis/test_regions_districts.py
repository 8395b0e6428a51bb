"""Districts of Kyrgyzstan, Tajikistan and Uzbekistan (the Fergana valley's in full) name
their oblast alone, also enumerated; a valley stays no place (issue 11)."""

from __future__ import annotations

import pytest

from storage.analysis.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("В Бувайдинском, Багдадском и Алтыарыкском районах отремонтируют каналы.", ["UZ-FA"]),
        ("Фермеры Избасканского и Мархаматского районов", ["UZ-AN"]),
        ("в Чустском и Касансайском районах", ["UZ-NG"]),
        ("В Сузакском и Аксыйском районах прошли дожди.", ["KG-J"]),
        ("жители Араванского и Ноокатского районов", ["KG-O"]),
        ("в Ат-Башинском районе", ["KG-N"]),
        ("в Джаббор-Расуловском районе", ["TJ-SU"]),
        ("в Дангаринском и Фархорском районах", ["TJ-KT"]),
        ("В Ишкашимском районе открыли школу.", ["TJ-GB"]),
        ("in Aravan and Nookat districts", ["KG-O"]),
        ("Делегации Чимкента, Джамбула, Гурьева и Фрунзе", ["KZ-79", "KZ-31", "KZ-23", "KG-GB"]),
        ("Водники Ферганской долины", []),
        ("в Гиждуванском и Ромитанском районах", ["UZ-BU"]),
        ("В Ургутском районе и Шерабадском районе", ["UZ-SA", "UZ-SU"]),
        ("фермеры Чимбайского и Турткульского районов", ["UZ-QR"]),
        ("В районе Рудаки открылся завод, на проспекте Рудаки пробки.", ["TJ-RA"]),
        ("in the Korday and Merke area", ["KZ-31"]),
        # Names enumerated before one plural noun: each is "<name> Region".
        ("Kashkadarya and Surkhandarya regions", ["UZ-QA", "UZ-SU"]),
        ("Akmola, Kostanay, and Pavlodar regions", ["KZ-11", "KZ-39", "KZ-55"]),
        ("Osh and Jalal-Abad regions", ["KG-O", "KG-J"]),
        ("Mary and Lebap provinces", ["TM-M", "TM-L"]),
        ("the Akhal, Lebap, Mary and Balkan velayats", ["TM-A", "TM-L", "TM-M", "TM-B"]),
        # ...or after it, behind a dash, a colon or a bracket.
        ("in five provinces - Akhal, Balkan, Lebap and Mary.", ["TM-A", "TM-B", "TM-L", "TM-M"]),
        ("the provinces (Balkan and Mary) of Turkmenistan", ["TM-B", "TM-M"]),
        ("regions - Almaty, Bishkek and Tashkent", ["KZ-75", "KG-GB", "UZ-TK"]),
        ("Almaty, Bishkek and Tashkent", ["KZ-75", "KG-GB", "UZ-TK"]),
        ("Вылет в 10:00 по времени Астаны.", []),
        # A clock time's zone: "по Москве" after "14:00" is no place; an excursion is.
        ("Авария случилась около 16:00 (14:00 по Москве).", []),
        ("Вылет в 10.30 по Астане.", []),
        ("Экскурсия по Москве для гостей", ["RU-MOW"]),
        (
            "Кампания стартовала в Ахалском, Балканском и Марыйском велаятах.",
            ["TM-A", "TM-B", "TM-M"],
        ),
        ("председатель горкенеша Болот Баетов", []),
        ("саммит Шанхайской организации сотрудничества", []),
        ("the Shanghai Cooperation Organisation", []),
        ("Ош. Мэрия южной столицы", ["KG-GO"]),
        ("Representatives of Nurobod district of Samarqand", ["UZ-SA"]),
        ("friendship between Taraz and Changji", ["KZ-31", "CN-XJ"]),
        # A name on both sides of a border: a country in brackets after it decides too.
        ("в городе Хоргос (КНР)", ["CN-XJ"]),
        ("KHORGOS, China, March 3 (Xinhua) --", ["CN-XJ"]),
        ("Мед отправили через Хоргос в Китай", ["KZ-33"]),
        ("Khorgas in Xinjiang", ["CN-XJ"]),
        ("The Too-Ashuu pass was closed", ["KG-C"]),
        ("в районе Алакольских озер Жетысуской области", ["KZ-33"]),
        ("President Nursultan Nazarbayev", []),
        ("the basins of the Shu and Talas rivers", []),
        ("Рудный Алтай и Южный Урал", ["RU-CHE"]),
        ("городом Гулистон и районом Бувайда Согдийской области", ["TJ-SU", "UZ-FA"]),
        ("projects in Andijan and Ohangaron", ["UZ-AN", "UZ-TO"]),
    ],
)
def test_district_names_its_oblast(text: str, codes: list[str]) -> None:
    assert [r.code for r in load_gazetteer().find(text)[0]] == codes


def test_a_sports_club_named_by_its_region_is_no_region() -> None:
    regions, _ = load_gazetteer().find("Западно-казахстанский клуб одержал победу на выезде.")
    assert not regions
