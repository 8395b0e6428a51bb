"""One story, one article: the near-duplicate rules of storage.stories on hand-picked cases
(the labelled set's recall and precision are measured in tests/bench/bench_dedup.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from bot.sources.collect import prepare
from storage.stories import NUM_PERM, Signature, StoryIndex, same_counts, signature
from tests.bench.dedup_pairs import labelled_pairs

TODAY = dt.date(2026, 3, 1)


def sig(text: str) -> Signature:
    prepared = prepare(text, TODAY, "http://example.invalid/")
    assert prepared is not None
    return prepared.signature


def test_a_rewrite_merges_and_another_story_about_the_same_places_does_not() -> None:
    pairs = labelled_pairs(6)
    for first, second, same in pairs:
        index = StoryIndex()
        index.add(1, sig(first))
        found = index.best_match(sig(second))
        assert (found is not None) == same, (first, second)


def test_figures_and_regions_must_agree() -> None:
    text = (
        "Алматы и Ташкент договорились о поставках\n\nКомпания «Тюльпан» поставит 500 тонн "
        "пшеницы из Алматы в Ташкент. Сумма контракта составит 12 млн долларов."
    )
    other_figures = text.replace("500", "700").replace("12 млн", "19 млн")
    index = StoryIndex()
    index.add(1, sig(text))
    assert index.best_match(sig(text)) is not None
    assert index.best_match(sig(other_figures)) is None
    same_words = signature(text, regions=["RU-OMS", "KZ-55"])  # the words, other places
    assert index.best_match(same_words) is None


def test_signature_survives_the_store_and_discard_forgets() -> None:
    original = sig(labelled_pairs(1)[0][0])
    restored = Signature.load(*original.dump())
    assert restored.numbers == original.numbers and restored.regions == original.regions
    assert restored.similarity(original) == 1.0
    index = StoryIndex()
    index.add(7, restored)
    assert index.best_match(original) == (7, 1.0)
    index.discard(7)
    assert index.best_match(original) is None and len(index) == 0


def test_same_counts_is_the_number_of_equal_values_per_row() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.integers(0, 4, size=(500, NUM_PERM), dtype=np.uint32)  # many equal values
    values = matrix[7].copy()
    matrix[8] = values + 1  # none equal
    counts = same_counts(matrix, values)
    assert counts.tolist() == np.count_nonzero(matrix == values, axis=1).tolist()
    assert (counts[7], counts[8]) == (NUM_PERM, 0)
