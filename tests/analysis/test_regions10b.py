"""Regions of session 10's second round (regions10b): general kinds of region miss that unseen
text holds, not single names. One parametrized case per kind; the sentences are written for
the tests, not copied from the labelled texts."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.gazetteer import load_gazetteer

TODAY = dt.date(2026, 6, 1)


def codes(text: str) -> set[str]:
    return {r.code for r in analyze(text, today=TODAY).regions}


# (text, a region it names, a region it does not name or "").
@pytest.mark.parametrize(
    ("text", "code", "absent"),
    [
        # Another transliteration of a region's name: dj for dzh, doubled letters; i for y;
        # tch for ch.
        ("Cotton\n\nFarmers of Djizzak region picked the cotton early.", "UZ-JI", ""),
        ("Roads\n\nA new bypass opened around Shimkent on Monday.", "KZ-79", ""),
        ("Water\n\nThe canals of Tchuy region were cleaned in spring.", "KG-C", ""),
        # A misspelt name right before a region noun, and inside a list before one.
        ("Silk\n\nOfficials in Namagan region reported a record harvest.", "UZ-NG", ""),
        ("Trade\n\nCiangsu province firms signed six contracts in Almaty.", "CN-JS", ""),
        (
            "Fairs\n\nTraders from Andijan, Namagan and Fergana regions came to Osh.",
            "UZ-NG",
            "",
        ),
        # A hyphenated firm's name ending in a region's own name.
        ("Хлопок\n\nСовместное предприятие «Амузанг-Хатлон» открыло цех.", "TJ-KT", ""),
        # A bracket inside a list of names before a plural region noun: Osh is the oblast.
        (
            "Floods\n\nMudflows hit Osh, Jalal-Abad (Nooken district) and Talas regions.",
            "KG-O",
            "KG-GO",
        ),
        # A village's name that is a given name, before a surname the dictionary lacks.
        ("Урожай\n\nФермер Актилек Мусаева собрала урожай пшеницы.", "", "KG-C"),
        # The wires' compass abbreviation inside a list of regions.
        ("Snow\n\nSnowfall closed roads in Akmola, S Kazakhstan regions.", "KZ-61", "KZ-71"),
        # Kinds from CHECK's errors (second round). Rivers of a list of oblasts.
        (
            "Паводок\n\nНа реках Жамбылской и Туркестанской областей ожидается подъём воды.",
            "KZ-31",
            "",
        ),
        # A reservoir named after a town of another country.
        ("Water\n\nKazakhstan asked to fill the Kirov Reservoir before summer.", "", "RU-KIR"),
        # A district name of two countries: the context names the side.
        (
            "Snow\n\nKHOROG - Snow closed the road to Murgab district of Badakhshan.",
            "TJ-GB",
            "TM-M",
        ),
        # A compass oblast named with the people's adjective.
        ("Trade\n\nAstrakhan has traded with the West-Kazakh region since 1993.", "KZ-27", ""),
        # A village of a rural administration right before its oblast.
        (
            "Рынок\n\nРынок открыли в селе сельской управы Кулунды Баткенской области.",
            "KG-B",
            "RU-ALT",
        ),
        # A special economic zone's subzone named like a region.
        ("СЭЗ\n\nВ районах формируют субзоны «Талас» и «Мерке».", "", "KG-T"),
    ],
)
def test_regions(text: str, code: str, absent: str) -> None:
    found = codes(text)
    assert not code or code in found
    assert absent not in found


# Words that must not be read as a misspelt region before a region noun: common English
# words, nationalities, compass words, another place's look-alike, a breed.
@pytest.mark.parametrize(
    "text",
    [
        "News\n\nThe Special region and the Autonomous Region voted.",
        "News\n\nThe Western region and the Caspian region saw rain.",
        "News\n\nA Yashnabad district school was rebuilt.",
        "News\n\nThe Akhal-Teke horse show drew crowds.",
        "News\n\nThe Eurasian region needs more roads.",
    ],
)
def test_no_region(text: str) -> None:
    assert not codes(text)


def test_spelling_lookup_ignores_cyrillic_lookalikes() -> None:
    # Cyrillic spellings are fixed: a look-alike is another place (Карасу is no Кара-Суу).
    g = load_gazetteer()
    assert not g.find("Пункт пропуска «Карасу» открыт круглосуточно.")[0]
