"""Roles, round 11: a capital a delegation arrives in is the venue of talks with its
country's government (a mention); a train arriving there stays a side
(test_regions_real4.test_train_arriving_in_a_capital_keeps_it_a_side)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=dt.date(2026, 6, 1)).regions}


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        (
            "Делегация Пензенской области прибыла в Бишкек\n\nДелегация Пензенской области "
            "прибыла в Бишкек для переговоров с правительством Кыргызстана о поставках зерна.",
            "KG-GB",
        ),
        (
            "St. Petersburg governor in Turkmenistan\n\nOn Sunday Governor Alexander Beglov "
            "arrived in Ashgabat, the capital of Turkmenistan, at the head of a delegation of "
            "the Government of St. Petersburg.",
            "TM-S",
        ),
    ],
)
def test_capital_a_delegation_arrives_in_is_a_mention(text: str, capital: str) -> None:
    assert roles(text)[capital] == "mention"
