"""Topics, session 12 (helper topicsG): rules that name how news is written, found on the
STUDY half of the tuned parts and kept only where the CHECK half gained too (see the commit
messages for the figures).

- A name is no area: "the Great Silk Road" (a forum's, a programme's, the ancient route) is no
  road, so a tourism forum on it carries no transport."""

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
