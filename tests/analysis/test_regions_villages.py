"""Villages, district centres and districts of every country name their region alone, in Russian
and in English: Kyrgyz villages, Tajik and Uzbek district centres, Turkmen etraps, Kazakh audans
(the 2022 oblasts' too), and transliterated region names; a name of two places stays out."""

from __future__ import annotations

import pytest

from storage.analysis.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # Kyrgyzstan: a village or a district centre alone tags its oblast.
        ("В селе Теплоключенка открыли новую школу.", ["KG-Y"]),
        ("Жители Пулгона получили питьевую воду.", ["KG-B"]),
        ("В Каныш-Кые отремонтировали дорогу.", ["KG-J"]),
        ("в Кызыл-Кыштаке и Савае", ["KG-O"]),
        ("Road repairs in Kerben and Gulcha", ["KG-J", "KG-O"]),
        ("the Toguz-Toro district", ["KG-J"]),
        # Tajikistan: district centres, renamed districts, English spellings.
        ("В Шайдоне Аштского района прошла ярмарка.", ["TJ-SU"]),
        ("в Джиликуле и Шурабаде", ["TJ-KT"]),
        ("В Сомониёне построят школу.", ["TJ-RA"]),
        ("Flooding in Vomar, Rushon district", ["TJ-GB"]),
        ("Khatlon oblast and Sughd viloyat", ["TJ-KT", "TJ-SU"]),
        # Turkmenistan: an etrap names its velayat.
        ("В Бахарденском этрапе собрали урожай пшеницы.", ["TM-A"]),
        ("хлопкоробы Ходжамбазского этрапа", ["TM-L"]),
        ("в Кёнеургенчском этрапе", ["TM-D"]),
        ("в Сакарчагинском этрапе", ["TM-M"]),
        ("в Гызыларбате", ["TM-B"]),
        ("Mary welayat and Dashoguz welayat", ["TM-M", "TM-D"]),
        # Uzbekistan: district centres and English region spellings.
        ("В Хаккулабаде открылся текстильный комбинат.", ["UZ-NG"]),
        ("в Вуадиле", ["UZ-FA"]),
        ("В Жаслыке и Мангите", ["UZ-QR"]),
        ("farmers of Sirdarya region and Jizak region", ["UZ-SI", "UZ-JI"]),
        ("Kashkadarya province", ["UZ-QA"]),
        # Kazakhstan: audans, the 2022 oblasts' among them.
        ("В Маканчинском районе области Абай", ["KZ-10"]),
        ("в Маркакольском районе", ["KZ-63"]),
        ("в Егиндыкольском районе", ["KZ-11"]),
        ("в Сырымском районе", ["KZ-27"]),
        ("в Тайыншинском районе", ["KZ-59"]),
        ("Abai oblast and Zhetysu province", ["KZ-10", "KZ-33"]),
        # A name that is a word or a person alone counts after "село" / "город".
        ("жители села Чаек", ["KG-N"]),
        ("стая чаек", []),
        ("в городе Токтогул", ["KG-J"]),
        ("в городе Аркадаг", ["TM-A"]),
        # English possessives, as the countries' ("Kyrgyzstan's").
        ("Tashkent's mayor met Almaty's akim", ["UZ-TK", "KZ-75"]),
        ("Khujand's free economic zone", ["TJ-SU"]),
        # The oblast's governor and bodies, not the city that shares its name.
        ("governor of Osh Zhenishbek Baidyldaev", ["KG-O"]),
        ("the Osh regional administration", ["KG-O"]),
        ("the mayor of Osh", ["KG-GO"]),
        ("Ошский областной суд", ["KG-O"]),
        ("алматинский областной акимат", ["KZ-19"]),
        ("the Tashkent regional khokimiyat", ["UZ-TO"]),
        # Names of two places, persons and words stay no place.
        ("Arystan Bab mausoleum", []),
        ("the Shu-Talas Water Commission", []),
        ("беловодские старообрядцы", []),
        ("в селе Кашка-Суу", []),
    ],
)
def test_village_or_district_names_its_region(text: str, codes: list[str]) -> None:
    assert [r.code for r in load_gazetteer().find(text)[0]] == codes
