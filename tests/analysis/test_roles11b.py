"""Roles, round 11b: the hosts of a region's days held in another country are sides, the
title naming the event too."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


@pytest.mark.parametrize(
    ("text", "host"),
    [
        (
            "Дни Самаркандской области пройдут в Казани\n\n12-14 мая в Казани состоятся Дни "
            "Самаркандской области. Гости представят туристический и торговый потенциал "
            "региона.",
            "RU-TA",
        ),
        (
            "Дни Оренбургской области пройдут в Актобе\n\n18-19 мая в казахстанском Актобе "
            "состоятся Дни Оренбургской области. Оренбуржцы развернут деловые площадки.",
            "KZ-15",
        ),
    ],
)
def test_host_of_a_regions_days_in_the_title_is_a_side(text: str, host: str) -> None:
    assert roles(text)[host] == "party"
