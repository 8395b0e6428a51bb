"""Quality floors on the tuning part of the labelled set (tests/data/labelled): a change that
loses regions, topics, relevance, roles or summaries there fails here. A held-out part is
only measured (``python -m tests.bench quality``), never asserted on: nothing is tuned on it."""

from __future__ import annotations

import concurrent.futures
import sys
import threading

import pytest

from storage.analysis import morph
from tests.bench.quality import HELD_OUT, PARTS, Labelled, Score, halves, load, score


@pytest.fixture(scope="module")
def tuning() -> Score:
    return score(load("tuning"))


def test_the_labelled_set_is_big_enough() -> None:
    # tuning5 was the first held-out part (demoted in session 4); the figures hold as before.
    tuning, fifth = load("tuning"), load("tuning5")
    everything = tuning + fifth
    assert len(everything) >= 120 and len(fifth) >= 40
    assert sum(not a.relevant for a in everything) >= 40
    assert sum(a.text[:1].isascii() for a in everything) >= 20  # English articles
    countries = {code.split("-")[0] for a in everything for code in a.regions}
    assert countries == {"KZ", "UZ", "KG", "TJ", "TM", "RU", "CN"}
    assert sum(1 for a in tuning if a.picks) >= 30
    assert not {a.id for a in tuning} & {a.id for a in fifth}
    ids = [a.id for part in PARTS for a in load(part)]
    assert len(ids) == len(set(ids))


# Floors on the tuning parts after the first, each written before the round that tuned on it
# (tests/data/labelled/README.md): part, topic F1, topic precision, topic recall. Regions and
# relevance hold 0.98 and 0.95 on every part.
#   tuning2: lists of areas after "в сферах", word families, English stems shared by two words
#   tuning3: sector words, processing, English wording
#   tuning4: passing mentions (venues, bodies' names, speakers' titles, what a delegation saw)
#   tuning5, tuning6: held out until session 4, then tuned on (training of professionals, road
#     repairs, accidents and traffic notices, goods carried)
#   tuning7: 40 texts in real-article style (200-250 words): long articles were over-tagged
#     (topic precision 0.40) until background figures, "earlier" stories and rosters passed by,
#     then (session 5) goods merely traded, an aside's whole paragraph
PART_FLOORS = [
    ("tuning2", 0.96, 0.0, 0.0),
    ("tuning3", 0.94, 0.0, 0.0),
    ("tuning4", 0.96, 0.97, 0.0),
    ("tuning5", 0.93, 0.0, 0.0),
    ("tuning6", 0.94, 0.0, 0.0),
    ("tuning7", 0.88, 0.83, 0.94),
]

# Topic floors on the parts derived from real articles (session 5: tuning8, tuning9, then
# tuning10, tuning11): part, topic F1, precision, recall, main topic right. Lists of areas in
# agreements, goods only traded, stop phrases ("Belt and Road"), the main topic the first the
# text names; then sector words by class, lists closing with "и других областях", an
# agreement's subject, what one side is or tells of its potential, a title's investor; then
# (tuning12, tuning13) goods alone, a region's portrait, disasters and dismissals as local
# news, companies' Latin names.
REAL_TOPIC_FLOORS = [
    ("tuning8", 0.94, 0.93, 0.95, 0.86),
    ("tuning9", 0.92, 0.91, 0.93, 0.84),
    ("tuning10", 0.90, 0.90, 0.89, 0.81),
    ("tuning11", 0.88, 0.86, 0.89, 0.86),
    ("tuning12", 0.85, 0.83, 0.88, 0.75),
    ("tuning13", 0.80, 0.74, 0.87, 0.82),
]


@pytest.mark.parametrize(("part", "f1", "precision", "recall"), PART_FLOORS)
def test_floors_on_the_later_parts(part: str, f1: float, precision: float, recall: float) -> None:
    batch = score(load(part))
    assert batch.topics.f1 >= f1, batch.topics.errors
    assert batch.topics.precision >= precision, batch.topics.errors
    assert batch.topics.recall >= recall, batch.topics.errors
    assert batch.regions.f1 >= 0.98, batch.regions.errors
    assert batch.relevance.f1 >= 0.95, batch.relevance.errors


@pytest.mark.parametrize(("part", "f1", "precision", "recall", "main"), REAL_TOPIC_FLOORS)
def test_topic_floors_on_real_articles(
    part: str, f1: float, precision: float, recall: float, main: float
) -> None:
    batch = score(load(part))
    assert batch.topics.f1 >= f1, batch.topics.errors
    assert batch.topics.precision >= precision, batch.topics.errors
    assert batch.topics.recall >= recall, batch.topics.errors
    assert batch.main_accuracy >= main, batch.main_errors


# Regions, relevance and roles on every tuning part (session 5, branch roles6, at its final
# figures less about 0.02): part, region F1, relevance F1, roles right. Passing names (a
# route's ends, a venue, a forum's city, a source, a distance), sides acting together in a
# body sentence, a country beyond the seven as the other side, regions of one country needing
# words of cooperation; on the real-derived parts (tuning8, 9, 10, 11) roles were 0.77, 0.88,
# 0.78 and 0.84 before. Raised by roles7 (a company's name, background agreements, a
# project's site, goods supplied, 'в г. Атырау', 'BISHKEK (TCA) —'): tuning10 roles .905 ->
# .942, tuning11 .856 -> .894; tuning12 and tuning13 (real-derived, session 5's third round)
# at roles7's final figures less ~0.02 (arrival: regions .956/.945, relevance .985/.964,
# roles .824/.862).
UNDERSTANDING_FLOORS = [
    ("tuning2", 0.98, 0.98, 0.98),
    ("tuning3", 0.97, 0.98, 0.98),
    ("tuning4", 0.97, 0.98, 0.92),
    ("tuning5", 0.97, 0.98, 0.95),
    ("tuning6", 0.98, 0.98, 0.98),
    ("tuning7", 0.97, 0.98, 0.95),
    ("tuning8", 0.98, 0.98, 0.92),
    ("tuning9", 0.95, 0.98, 0.95),
    ("tuning10", 0.97, 0.96, 0.93),
    ("tuning11", 0.97, 0.96, 0.87),
    ("tuning12", 0.95, 0.96, 0.88),
    ("tuning13", 0.96, 0.96, 0.93),
]


@pytest.mark.parametrize(("part", "regions", "relevance", "roles"), UNDERSTANDING_FLOORS)
def test_regions_relevance_and_roles_floors(
    part: str, regions: float, relevance: float, roles: float
) -> None:
    batch = score(load(part))
    assert batch.regions.f1 >= regions, batch.regions.errors
    assert batch.relevance.f1 >= relevance, batch.relevance.errors
    assert batch.role_accuracy >= roles, batch.role_errors


def test_region_floor(tuning: Score) -> None:
    assert tuning.regions.f1 >= 0.98, tuning.regions.errors


def test_topic_floor(tuning: Score) -> None:
    assert tuning.topics.f1 >= 0.95, tuning.topics.errors
    assert tuning.main_accuracy >= 0.85, tuning.main_errors


def test_relevance_floor(tuning: Score) -> None:
    assert tuning.relevance.f1 >= 0.98, tuning.relevance.errors


def test_roles_floor(tuning: Score) -> None:
    assert tuning.role_accuracy >= 0.98, tuning.role_errors


def test_summaries_hold_what_readers_picked(tuning: Score) -> None:
    assert tuning.pick_rate >= 0.9, tuning.pick_errors


def test_english_lemmas_are_right_from_many_threads() -> None:
    # The stemmer keeps state per call: shared by ingestion's threads it garbled words and
    # raised IndexError. Every thread must get each word's one stem.
    words = [f"{stem}{end}" for stem in ("cooperat", "agricultur", "invest") for end in "abc"]
    letters = ("".join(chr(97 + i // 26**k % 26) for k in range(3)) for i in range(3000))
    words += [f"international{tail}izations" for tail in letters]
    start = threading.Barrier(4)

    def stems(offset: int) -> list[str]:
        start.wait()
        return [morph.lemmas(w)[0] for w in words[offset:] + words[:offset]]

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside a stemming, as under load
    try:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            results = list(pool.map(stems, [0, 700, 1400, 2100]))
    finally:
        sys.setswitchinterval(switch)
    expected = {w: morph.lemmas(w)[0] for w in words}
    for offset, got in zip([0, 700, 1400, 2100], results, strict=True):
        assert got == [expected[w] for w in words[offset:] + words[:offset]]


def test_a_mistyped_part_name_prints_no_held_out_figures() -> None:
    # The runner once fell back to every part for a name it did not know, printing the
    # held-out parts' totals to whoever mistyped a tuning part's name.
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.bench_quality", "tuning99"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "no labelled part tuning99" in run.stderr
    assert "heldout" not in run.stdout


@pytest.mark.parametrize("flag", ["--help", "-h", "--relevant"])
def test_help_or_an_unknown_option_prints_no_figures(flag: str) -> None:
    import subprocess

    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.bench_quality", flag],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode != 0
    assert "---" not in run.stdout and "F1" not in run.stdout


def test_total_adds_the_micro_average_of_the_parts_named() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.bench_quality", "--total", "tuning", "tuning2"],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = [line for line in run.stdout.splitlines() if line.startswith("--- ")]
    assert counts == [
        "--- tuning: 82 articles",
        "--- tuning2: 37 articles",
        "--- tuning + tuning2: 119 articles",
    ]
    assert "heldout" not in run.stdout


def test_topics_on_relevant_articles_leave_local_news_out() -> None:
    # The hidden sets are almost all relevant; local news' topics are never listed or sent.
    trade = "Алматы и Ташкент подписали соглашение о торговле: товарооборот вырастет вдвое."
    flood = "В Атырау из-за паводка эвакуировали жителей, туристические базы закрыты."
    items = [
        Labelled("r1", trade, {"KZ-75": "party", "UZ-TK": "party"}, ("trade",), True),
        Labelled("r2", flood, {"KZ-23": "party"}, ("health",), False),
    ]
    result = score(items)
    assert result.topics_relevant.errors == [e for e in result.topics.errors if e.startswith("r1")]
    counted = result.topics_relevant
    assert (
        counted.tp + counted.fp + counted.fn
        < result.topics.tp + result.topics.fp + result.topics.fn
    )


def test_the_halves_split_the_tuned_parts_and_leave_the_reserve_out() -> None:
    study, check = halves()
    reserve = {a.id for part in HELD_OUT for a in load(part)}
    tuned = [a.id for part in PARTS if part not in HELD_OUT for a in load(part)]
    assert HELD_OUT and reserve
    assert {a.id for a in study} | {a.id for a in check} == set(tuned)
    assert not {a.id for a in study} & {a.id for a in check}
    assert not reserve & {a.id for a in study + check}
    assert abs(len(study) - len(check)) < len(tuned) // 10  # a hash splits about evenly


def test_a_pick_that_is_the_title_line_is_counted_apart() -> None:
    # A page excerpt with no headline opens with its lead: the analysis takes that line as the
    # title, the card shows it, and the summary never repeats it.
    text = (
        "Делегация Жамбылской области прибыла в Ташкент для переговоров о торговле.\n\n"
        "Стороны подписали соглашение о поставках зерна на 20 млн долларов. "
        "Товарооборот между регионами вырос на 15 процентов за год."
    )
    first = "Делегация Жамбылской области прибыла в Ташкент для переговоров о торговле."
    second = "Стороны подписали соглашение о поставках зерна на 20 млн долларов."
    item = Labelled("p1", text, {}, (), True, (first, second))
    result = score([item])
    assert (result.picks_seen, result.picks_found, result.picks_title) == (2, 1, 1)
