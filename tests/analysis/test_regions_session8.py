"""Regions found in session 8's new real texts (tuning27): a district followed by its country
in the genitive ("в Исфаринском районе Таджикистана") is the district, not "a district of the
place that follows" (that rule is for "Нарынский район Наманганской области"); "Peterburg"
spelled without the "s" as Uzbek sites write it."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze

TODAY = dt.date(2026, 6, 1)


def codes(body: str) -> set[str]:
    text = f"Новость\n\n{body}"
    return {r.code for r in analyze(text, today=TODAY).regions}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Ссора вспыхнула в селе Ходжа-Аъло (Исфаринский район Таджикистана).", "TJ-SU"),
        ("Авария произошла в Сузакском районе Кыргызстана.", "KG-J"),
        ("КПП поставлены в Кадамжайском районе Кыргызской Республики.", "KG-B"),
        ("Дамбу прорвало в Сардобинском районе Узбекистана.", "UZ-SI"),
        ("The governor of Samarkand region met Alexander Beglov in Saint Peterburg.", "RU-SPE"),
    ],
)
def test_found(body: str, code: str) -> None:
    assert code in codes(body)


@pytest.mark.parametrize(
    ("body", "code", "absent"),
    [
        # A district followed by another place is still that place's district.
        ("Поля затоплены в Нарынском районе Наманганской области.", "UZ-NG", "KG-N"),
        ("Пожар в Свердловском районе Бишкека.", "KG-GB", "RU-SVE"),
    ],
)
def test_district_of_what_follows(body: str, code: str, absent: str) -> None:
    found = codes(body)
    assert code in found
    assert absent not in found
