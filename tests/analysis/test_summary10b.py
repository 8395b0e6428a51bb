"""Summary kinds of session 10's second summary round (issue 11): a photo caption (a scene
dated at its end, a picture's credits) and who heads or makes up a delegation inside a sentence
are no summary material, nor is an attendee list of an event; a sentence cut at "St." or
"Maj. Gen." is whole again; "Recall, …" opens an aside; the event a sentence before named
("Встреча состоялась…") waits for that sentence. (A title the page took from its lead stays
out of the summary: the card shows it as the title already — issue 11 asks that the title is
never repeated.)"""

from __future__ import annotations

import pytest

from storage.analysis import morph
from storage.analysis.summary import Candidate, aside_paragraphs, summarize


def cands(*texts: str) -> list[Candidate]:
    return [Candidate(t, [morph.lemma(w) for w in morph.tokenize(t)]) for t in texts]


LEAD = "Pavlodar region and Omsk region signed an agreement on shipping grain along the Irtysh."
FIGURE = "The sides plan to ship 120,000 tons of grain worth 30 million dollars this season."
RU_LEAD = "Омская область и Павлодарская область подписали соглашение о перевозках зерна по Иртышу."
RU_FIGURE = "В навигацию по реке планируют перевезти 120 тыс. тонн зерна на сумму 30 млн долларов."


@pytest.mark.parametrize(
    "unwanted",
    [
        # a photo caption: a scene dated at its end
        "Workers load grain onto a barge at the port of Pavlodar, Kazakhstan, Sept. 12, 2024.",
        # a picture's credits run into a sentence
        "The Irtysh links Pavlodar and Omsk across the border (Credits: Image by a reader).",
        # an attendee list of an event
        "Officials of the transport ministry and heads of river carriers attended the event.",
    ],
)
def test_captions_and_attendees_are_no_summary_material(unwanted: str) -> None:
    summary = summarize(cands(unwanted, LEAD, FIGURE))
    assert summary == f"{LEAD} {FIGURE}"


@pytest.mark.parametrize(
    "roster",
    [
        "Как рассказали в пресс-службе правительства, в делегацию вошли также главы районов.",
        "Во главе делегации — заместитель председателя областного правительства Иван Петров.",
    ],
)
def test_who_heads_or_makes_up_a_delegation_is_no_summary_material(roster: str) -> None:
    summary = summarize(cands(RU_LEAD, roster, RU_FIGURE))
    assert summary == f"{RU_LEAD} {RU_FIGURE}"


def test_a_sentence_cut_at_a_title_abbreviation_is_whole() -> None:
    summary = summarize(
        cands(
            "Governor Ivanov led a delegation of the Government of St.",
            "Petersburg to Pavlodar region on Monday for talks on grain shipping.",
            FIGURE,
            LEAD,
        )
    )
    # one sentence, so the limit of three leaves room for the other two
    assert "Government of St. Petersburg to Pavlodar region" in summary
    assert FIGURE in summary
    assert LEAD in summary


def test_recall_opens_an_aside() -> None:
    lemmas = [c.lemmas for c in cands(LEAD, "Recall, last year the river port was rebuilt.")]
    assert aside_paragraphs([1, 1], lemmas) == [False, True]


def test_the_event_named_before_waits_for_that_sentence() -> None:
    event = "Встреча состоялась в Омске в понедельник в здании правительства Омской области."
    # the sentence before it is a subheading, never taken: the event refers to nothing
    summary = summarize(cands(RU_LEAD, RU_FIGURE, "Зерно пойдет по Иртышу", event))
    assert summary == f"{RU_LEAD} {RU_FIGURE}"
