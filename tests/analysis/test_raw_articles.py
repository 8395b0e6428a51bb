"""Raw wire and scraper files in formats the seeds do not show (tests/data/raw/).

Every expectation is read off the file by hand and kept beside it in ``NAME.expect.toml``:
the title, the date by SPEC's rule (a date the file states wins; else the dateline's day and
month in the latest year not after ingestion), the source URL, every sentence of the article
kept exactly once in lead + body with the debris gone, and the summary rules (2-3 whole
sentences of the article, in order, under 600 chars).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.model import Analysis

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
TODAY = dt.date(2026, 3, 20)  # the day of ingestion for undated datelines


@dataclass(frozen=True)
class Expect:
    title: str
    date: dt.date | None
    url: str | None
    sentences: tuple[str, ...]  # every sentence (or list item) of lead + body, in order
    debris: tuple[str, ...] = ()  # strings that must appear nowhere in lead, body or summary
    lead: str | None = None  # checked only when given


def _expect(path: Path) -> Expect:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Expect(
        title=data["title"],
        date=data.get("date"),
        url=data.get("url"),
        sentences=tuple(data["sentences"]),
        debris=tuple(data.get("debris", ())),
        lead=data.get("lead"),
    )


# Each article's expectations live beside it: NAME.expect.toml next to NAME.txt.
CASES: dict[str, Expect] = {
    path.name.removesuffix(".expect.toml") + ".txt": _expect(path)
    for path in sorted(RAW.glob("*.expect.toml"))
}

NAMES = sorted(CASES)
_BULLETS = "—–-•·*▪● \n"


@cache
def result(name: str) -> Analysis:
    raw = (RAW / name).read_bytes().decode("utf-8")
    return analyze(raw, today=TODAY)


def test_every_raw_file_has_expectations() -> None:
    assert sorted(p.name for p in RAW.glob("*.txt")) == NAMES
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_title(name: str) -> None:
    assert result(name).title == CASES[name].title


@pytest.mark.parametrize("name", NAMES)
def test_date(name: str) -> None:
    assert result(name).date == CASES[name].date


@pytest.mark.parametrize("name", NAMES)
def test_url(name: str) -> None:
    assert result(name).url == CASES[name].url


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_once_and_nothing_else(name: str) -> None:
    got = result(name)
    text = f"{got.lead}\n\n{got.body}"
    for sentence in CASES[name].sentences:
        assert text.count(sentence) == 1, sentence
    rest = text
    for sentence in CASES[name].sentences:
        rest = rest.replace(sentence, "\n", 1)
    # Only white space and list markers may remain: no debris, no half sentence.
    assert rest.strip(_BULLETS) == "", rest


@pytest.mark.parametrize("name", NAMES)
def test_no_debris_anywhere(name: str) -> None:
    got = result(name)
    for piece in CASES[name].debris:
        for part in (got.title, got.lead, got.body, got.summary):
            assert piece not in part, (piece, part)


@pytest.mark.parametrize("name", [n for n in NAMES if CASES[n].lead is not None])
def test_lead(name: str) -> None:
    assert result(name).lead == CASES[name].lead


def _summary_sentences(summary: str, sentences: tuple[str, ...]) -> list[str]:
    """The article's sentences that make up ``summary``, in order; fails on anything else."""
    picked: list[str] = []
    rest = summary
    for sentence in sentences:
        if rest.startswith(sentence):
            picked.append(sentence)
            rest = rest[len(sentence) :].lstrip(" ")
    assert rest == "", f"not whole sentences of the article, in order: {rest!r}"
    return picked


@pytest.mark.parametrize("name", NAMES)
def test_summary_rules(name: str) -> None:
    got = result(name)
    sentences = CASES[name].sentences
    picked = _summary_sentences(got.summary, sentences)
    # Two or three whole sentences; a one-sentence article can only give that one.
    assert min(2, len(sentences)) <= len(picked) <= 3, got.summary
    assert len(set(picked)) == len(picked)
    assert len(got.summary) < 600
    for sentence in picked:
        assert not sentence.endswith((":", ";")), "a list intro or item is not a sentence"
