"""Near-duplicate detection (storage.stories): recall and precision on the labelled pairs of
``dedup_pairs`` (signatures built exactly as the poller builds them: analysis, then shingles,
figures and regions), false merges in a corpus of distinct stories, and the time of one
look-up against an index of 10,000 stored articles.

Targets (issue 12): recall >= 0.95, precision >= 0.99, <= 2 ms per new article.
Run: ``python -m tests.bench dedup``.
"""

from __future__ import annotations

import datetime as dt
import time

from bot.sources.collect import prepare
from storage.stories import Signature, StoryIndex, signature
from tests.bench.dedup_pairs import corpus, labelled_pairs

STORED = 10_000
PAIRS = 150  # of each kind
TODAY = dt.date(2026, 3, 1)


def sig(text: str) -> Signature:
    prepared = prepare(text, TODAY, "http://example.invalid/")
    assert prepared is not None
    return prepared.signature


def quality() -> tuple[float, float, int, int]:
    pairs = labelled_pairs(PAIRS)
    tp = fp = fn = 0
    for first, second, same in pairs:
        index = StoryIndex()
        index.add(1, sig(first))
        merged = index.best_match(sig(second)) is not None
        tp += merged and same
        fp += merged and not same
        fn += same and not merged
    recall = tp / (tp + fn)
    precision = tp / (tp + fp) if tp + fp else 1.0
    return recall, precision, sum(s for *_, s in pairs), sum(not s for *_, s in pairs)


def speed() -> tuple[float, float]:
    texts = corpus(STORED + 500)
    started = time.perf_counter()
    sigs = [signature(t) for t in texts]
    per_signature = (time.perf_counter() - started) / len(texts)
    index = StoryIndex()
    for i, sig in enumerate(sigs[:STORED], 1):
        index.add(i, sig)
    started = time.perf_counter()
    for i, sig in enumerate(sigs[STORED:], STORED + 1):
        index.best_match(sig)
        index.add(i, sig)
    per_lookup = (time.perf_counter() - started) / (len(sigs) - STORED)
    return per_signature, per_lookup


def false_merges(size: int = 1000) -> int:
    """Distinct stories (other facts, often the same places) fed one by one: how many merge."""
    index, merged = StoryIndex(), 0
    for i, text in enumerate(corpus(size, seed=7)):
        found = sig(text)
        if index.best_match(found) is not None:
            merged += 1
        else:
            index.add(i, found)
    return merged


def main() -> None:
    recall, precision, same, different = quality()
    print(f"labelled pairs: {same} same story, {different} different stories (same places)")
    print(f"recall {recall:.3f} (target >= 0.95), precision {precision:.3f} (target >= 0.99)")
    print(f"false merges among 1,000 distinct generated stories: {false_merges()}")
    per_signature, per_lookup = speed()
    print(
        f"signature {per_signature * 1000:.2f} ms per article (warm lemma cache); look-up + "
        f"insert against {STORED:,} stored: {per_lookup * 1000:.3f} ms (target <= 2 ms)"
    )


if __name__ == "__main__":
    main()
