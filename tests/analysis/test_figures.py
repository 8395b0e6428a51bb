"""Key figures: money with currency, percentages, counts."""

from __future__ import annotations

import pytest

from storage.analysis.figures import find_figures
from storage.analysis.model import Figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("достиг $850 млн, что", Figure("money", "$850 млн")),
        ("составил $1,5 млрд.", Figure("money", "$1,5 млрд")),
        ("на 3,2 млрд тенге", Figure("money", "3,2 млрд тенге")),
        ("выделено 100 млн рублей", Figure("money", "100 млн рублей")),
        ("инвестиции 500 тыс. долларов", Figure("money", "500 тыс. долларов")),
        ("на сумму 25 млн евро", Figure("money", "25 млн евро")),
        ("около 10 млрд сумов", Figure("money", "10 млрд сумов")),
        ("1 200 000 долларов США", Figure("money", "1 200 000 долларов США")),
        ("€25 млн", Figure("money", "€25 млн")),
        ("увеличился на 20% и", Figure("percent", "на 20%")),
        ("рост 20 процентов", Figure("percent", "20 процентов")),
        ("на 3,5% больше", Figure("percent", "на 3,5%")),
        ("порядка 4 тыс. предприятий с участием", Figure("count", "порядка 4 тыс. предприятий")),
        ("Около 300 компаний", Figure("count", "Около 300 компаний")),
        ("приехали 150 туристов", Figure("count", "150 туристов")),
        ("собрали 12 500 тонн зерна", Figure("count", "12 500 тонн")),
    ],
)
def test_figures(text: str, figure: Figure) -> None:
    assert find_figures(text) == (figure,)


@pytest.mark.parametrize(
    "text",
    ["в 2025 году", "ТАШКЕНТ, 28 дек", "7 марта", "в 2 раза", "B2B встречи", "", "5 человек"],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == ()


def test_order_and_uniqueness() -> None:
    text = (
        "Товарооборот вырос на 20% и достиг $850 млн. В Алматы действуют порядка 4 тыс. "
        "предприятий. Повторим: на 20% и $850 млн."
    )
    assert find_figures(text) == (
        Figure("percent", "на 20%"),
        Figure("money", "$850 млн"),
        Figure("count", "порядка 4 тыс. предприятий"),
    )
