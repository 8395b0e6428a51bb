"""Topics, session 12 (helper topicsG): rules that name how news is written, found on the
STUDY half of the tuned parts and kept only where the CHECK half gained too (see the commit
messages for the figures).

- A name is no area: "the Great Silk Road" (a forum's, a programme's, the ancient route) is no
  road, so a tourism forum on it carries no transport.
- Border commissions' rules for the line: livestock that strays over the border and is driven
  back is no farming the sides do."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze


def topics(text: str) -> tuple[str, ...]:
    return analyze(text, today=dt.date(2026, 6, 1)).topics


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Turkestan region takes part in the Silk Road tourism forum\n\n"
            "Deputy Governor of Turkestan region took part in the Silk Road Tourism Forum held "
            "in Tashkent.\n\nThe parties agreed to launch a Turkestan-Tashkent bus tourist "
            "itinerary and joint tours along the Great Silk Road.",
            "transport",
        ),
    ],
)
def test_a_name_is_no_area(text: str, absent: str) -> None:
    found = topics(text)
    assert absent not in found
    assert found  # the article keeps what it is about


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyz and Tajik envoys discuss border issues in Batken\n\nThe presidential envoy to "
        "Batken region met his Tajik counterpart from Sughd region to discuss the situation on "
        "the border.\n\nThe sides agreed that livestock of one party that crosses the border "
        "will not be kept but driven back to its owners.",
        "Баткен и Согд договорились о порядке на границе\n\nСтороны договорились, что скот, "
        "перешедший границу, нужно сразу возвращать хозяину.\n\nЕсли соседский скот переходит "
        "границу, его следует вернуть, заявил полпред правительства в Баткенской области после "
        "встречи с председателем Согдийской области.",
    ],
)
def test_livestock_straying_over_a_border_is_no_farming(text: str) -> None:
    assert "agriculture" not in topics(text)
