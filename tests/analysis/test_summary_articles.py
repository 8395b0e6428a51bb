"""The summary and the clean text over every realistic article and the seeds (SPEC: Summary,
Clean text): two or three of the article's own sentences in their order, no repeats, never cut,
under 600 characters, no datelines, credits or quote fragments; the key fact kept."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.clean import clean_article, normalize
from storage.analysis.model import Analysis

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        *(ROOT / "tests" / "data" / "articles").glob("*.txt"),
        *(ROOT / "tests" / "data" / "topics").glob("*.txt"),
        *(ROOT / "seeds").glob("*.txt"),
    ]
)
IDS = [p.name.split("_")[0] for p in FILES]


@cache
def analysed(path: Path) -> Analysis:
    return analyze(path.read_text(encoding="utf-8"), today=dt.date(2026, 1, 1))


def own_sentences(path: Path) -> list[str]:
    article = clean_article(path.read_text(encoding="utf-8"))
    return [*article.lead_sentences, *(s for para in article.paragraphs for s in para)]


def split_summary(summary: str, sentences: list[str]) -> list[int]:
    """Indexes of the article's sentences the summary is made of, in its order; a sentence
    may have gained a closing dot. Fails when any part is not a whole sentence."""
    chosen: list[int] = []
    rest = summary
    start = 0
    while rest:
        for i in range(start, len(sentences)):
            s = sentences[i]
            for form in (s, s + "."):
                if rest == form or rest.startswith(form + " "):
                    chosen.append(i)
                    rest = rest[len(form) :].lstrip(" ")
                    start = i + 1
                    break
            else:
                continue
            break
        else:
            raise AssertionError(f"not a whole sentence of the article: {rest[:80]!r}")
    return chosen


def test_all_files_are_found() -> None:
    assert len(FILES) >= 43


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_summary_is_two_or_three_own_sentences_in_order(path: Path) -> None:
    summary = analysed(path).summary
    sentences = own_sentences(path)
    chosen = split_summary(summary, sentences)
    assert 2 <= len(chosen) <= 3
    assert chosen == sorted(set(chosen))  # article order, no sentence twice
    assert len({sentences[i].lower() for i in chosen}) == len(chosen)  # no repeated text
    assert len(summary) < 600


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_summary_has_no_debris(path: Path) -> None:
    a = analysed(path)
    for part in split_summary(a.summary, own_sentences(path)):
        sentence = own_sentences(path)[part]
        assert sentence[0].isupper() or sentence[0] in '«“"„'  # no tail of a quote
        assert sentence.count("«") == sentence.count("»")
        assert sentence.count("“") == sentence.count("”")
        assert not sentence.endswith((":", ",", ";"))
    for debris in (
        "Комментарии",
        "Источник:",
        "Фото:",
        "KAZINFORM",
        "Sputnik",
        "/ТАСС/",
        "РИА Новости",
        "podrobno.uz",
        "Podrobno.uz",
        "АКИpress -",
    ):
        assert debris not in a.summary


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_clean_text_keeps_words_drops_datelines(path: Path) -> None:
    a = analysed(path)
    raw = path.read_text(encoding="utf-8")
    flat = " ".join(normalize(raw).split())
    assert a.title and a.title.rstrip("…") in flat
    text = "\n".join((a.lead, a.body))
    # Every sentence is the file's own text (words kept, nothing invented); a sentence broken
    # over lines in the file is compared by its opening words.
    for sentence in own_sentences(path):
        assert " ".join(sentence.split()[:3]) in flat
    for debris in ("KAZINFORM –", "— Sputnik.", "/ТАСС/.", "/Синьхуа/", "/Кабар/", "Комментарии"):
        assert debris not in text
    # the body is not repeated (seed 002 carries it twice in the file)
    sentences = own_sentences(path)
    assert len(sentences) == len({s.lower() for s in sentences})


# What a reader must get from the summary, read from each text: the agreement or the fact
# the title announces.
KEY_FACTS = {
    "01": "18 млрд тенге",
    "02": "меморандум",
    "04": "33%",
    "05": "соглашение о создании совместного технопарка",
    "12": "экспорте зерна",
    "18": "15%",
    "29": "космодрома Байконур",
    "30": "меморандум",
    "32": "$120 млн",
    "33": "ГЭС-1",
    "35": "филиалы",
    "002": "$850 млн",
}


@pytest.mark.parametrize(("prefix", "fact"), sorted(KEY_FACTS.items()))
def test_summary_keeps_the_key_fact(prefix: str, fact: str) -> None:
    (path,) = [p for p in FILES if p.name.split("_")[0] == prefix]
    assert fact in analysed(path).summary
