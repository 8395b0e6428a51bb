"""Near-duplicate detection (storage.stories): recall and precision on the labelled pairs of
``dedup_pairs`` and the time of one look-up against an index of 10,000 stored articles.

Targets (issue 12): recall >= 0.95, precision >= 0.99, <= 2 ms per new article.
Run: ``python -m tests.bench dedup``.
"""

from __future__ import annotations

import time

from storage.stories import StoryIndex, signature
from tests.bench.dedup_pairs import corpus, labelled_pairs

STORED = 10_000


def quality() -> tuple[float, float, int, int]:
    pairs = labelled_pairs(60)
    tp = fp = fn = 0
    for first, second, same in pairs:
        index = StoryIndex()
        index.add(1, signature(first))
        merged = index.best_match(signature(second)) is not None
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


def main() -> None:
    recall, precision, same, different = quality()
    print(f"labelled pairs: {same} same story, {different} different stories (same places)")
    print(f"recall {recall:.3f} (target >= 0.95), precision {precision:.3f} (target >= 0.99)")
    per_signature, per_lookup = speed()
    print(
        f"signature {per_signature * 1000:.2f} ms per article (warm lemma cache); look-up + "
        f"insert against {STORED:,} stored: {per_lookup * 1000:.3f} ms (target <= 2 ms)"
    )


if __name__ == "__main__":
    main()
