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


def test_an_article_is_held_once_however_often_it_is_added() -> None:
    """The index keeps no id -> row dict: an id already held (added before, or twice in one
    batch) is found by a scan of its ids, and a freed row is reused."""
    first = sig(labelled_pairs(1)[0][0])
    second = sig("Погода в Омске\n\nВ Омске ожидается снег и сильный ветер до конца недели.")
    index = StoryIndex()
    index.add(1, first)
    index.add_many([(1, second), (2, second), (2, first), (3, second)])
    index.add(3, first)
    assert len(index) == 3 and 2 in index and 4 not in index
    assert index.best_match(first) == (1, 1.0)  # 1 kept its first signature
    index.discard(1)
    assert 1 not in index and len(index) == 2 and index.best_match(first) is None
    index.add(4, first)
    assert index.best_match(first) == (4, 1.0) and len(index) == 3


def test_same_counts_is_the_number_of_equal_values_per_row() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.integers(0, 4, size=(500, NUM_PERM), dtype=np.uint32)  # many equal values
    values = matrix[7].copy()
    matrix[8] = values + 1  # none equal
    counts = same_counts(matrix, values)
    assert counts.tolist() == np.count_nonzero(matrix == values, axis=1).tolist()
    assert (counts[7], counts[8]) == (NUM_PERM, 0)


def _every_row(index_sigs: dict[int, Signature], sig: Signature) -> tuple[int, float] | None:
    """best_match as it was before the numpy pre-filter: ``agrees`` on every similar row,
    the highest similarity wins, on a tie the older (lower) article id."""
    best: tuple[int, float] | None = None
    for article_id, other in index_sigs.items():
        score = sig.similarity(other)
        better = best is None or (score, -article_id) > (best[1], -best[0])
        if score >= 0.3 and sig.agrees(other, score) and better:
            best = (article_id, score)
    return best


def test_the_pre_filter_changes_no_answer() -> None:
    """Random signatures drawn from small pools (many rows similar, regions and figures that
    often overlap or nest, some empty) answer exactly as agrees on every row does."""
    rng = np.random.default_rng(11)
    regions = [f"RU-{c}" for c in ("MOS", "SPE", "TA", "BA", "NVS")] + ["KZ-ALA", "UZ-TK"]
    figures = ["5", "12", "3.5", "40", "100", "7"]

    def random_sig() -> Signature:
        values = rng.integers(0, 4, size=NUM_PERM).astype(np.uint32)  # 1/4 equal per slot
        pick = rng.random(len(regions)) < rng.choice([0.0, 0.2, 0.5])
        nums = rng.random(len(figures)) < rng.choice([0.0, 0.2, 0.6])
        return Signature(
            values,
            frozenset(f for f, on in zip(figures, nums, strict=True) if on),
            frozenset(r for r, on in zip(regions, pick, strict=True) if on),
        )

    stored = {article_id: random_sig() for article_id in rng.permutation(3000).tolist()}
    index = StoryIndex()
    index.add_many(stored.items())
    for gone in list(stored)[:200]:  # free rows must not answer
        index.discard(gone)
        del stored[gone]
    found = 0
    for _ in range(300):
        new = random_sig()
        expected = _every_row(stored, new)
        assert index.best_match(new) == expected
        found += expected is not None
    assert 30 < found < 270, found
