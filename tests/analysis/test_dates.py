"""Dates (SPEC: a stated date wins; else the dateline's day and month, latest year not after
the day of ingestion; else none)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.dates import (
    article_date,
    day_month,
    latest_on_or_before,
    month_number,
    stated_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("января", 1),
        ("янв", 1),
        ("февраля", 2),
        ("февр.", 2),
        ("марта", 3),
        ("мар", 3),
        ("март", 3),
        ("апреля", 4),
        ("мая", 5),
        ("май", 5),
        ("июня", 6),
        ("июл", 7),
        ("августа", 8),
        ("сентября", 9),
        ("сент.", 9),
        ("сен", 9),
        ("октября", 10),
        ("ноября", 11),
        ("нояб", 11),
        ("дек", 12),
        ("декабря", 12),
        ("ДЕКАБРЯ", 12),
        ("March", 3),
        ("sept", 9),
    ],
)
def test_month_words(word: str, month: int) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["марка", "майский", "декан", "сентиментальный", ""])
def test_not_month_words(word: str) -> None:
    assert month_number(word) is None


def test_stated_dates() -> None:
    assert stated_date("date 2025-09-21 https://x") == D(2025, 9, 21)
    assert stated_date("Опубликовано 21.09.2025, 14:30") == D(2025, 9, 21)
    assert stated_date("АЛМАТЫ, 21 сентября 2025 года — Kazinform") == D(2025, 9, 21)
    assert stated_date("21 сентября — без года") is None
    assert stated_date("2025-02-30") is None  # no such day
    assert stated_date("") is None


def test_day_month() -> None:
    assert day_month("ТАШКЕНТ, 28 дек — Sputnik") == (28, 12)
    assert day_month("ТАШКЕНТ, 7 марта — Sputnik") == (7, 3)
    assert day_month("3 сент.") == (3, 9)
    assert day_month("в 2025 году") is None


def test_latest_on_or_before() -> None:
    assert latest_on_or_before(28, 12, D(2025, 12, 28)) == D(2025, 12, 28)
    assert latest_on_or_before(28, 12, D(2026, 12, 27)) == D(2025, 12, 28)
    assert latest_on_or_before(28, 12, D(2025, 12, 27)) == D(2024, 12, 28)
    assert latest_on_or_before(7, 3, D(2026, 3, 7)) == D(2026, 3, 7)
    assert latest_on_or_before(7, 3, D(2026, 3, 6)) == D(2025, 3, 7)
    assert latest_on_or_before(29, 2, D(2026, 5, 1)) == D(2024, 2, 29)
    assert latest_on_or_before(31, 4, D(2026, 5, 1)) is None


def test_article_date_rule() -> None:
    today = D(2026, 1, 10)
    # The header's date wins over the dateline.
    assert article_date("date 2025-09-21", "ТАШКЕНТ, 20 сентября", today) == D(2025, 9, 21)
    # A year in the dateline is a stated date.
    assert article_date("", "АЛМАТЫ, 5 марта 2024 года", today) == D(2024, 3, 5)
    assert article_date("", "ТАШКЕНТ, 28 дек", today) == D(2025, 12, 28)
    assert article_date("", "", today) is None
