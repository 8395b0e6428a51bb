"""One story, one article: near-duplicate detection across agencies (SPEC: news sources).

An article's fingerprint is a MinHash (datasketch) of its *content-word lemma* shingles: the
lemmas of the nouns, adjectives, verbs, numerals and numbers of title, lead and body, so a
story reworded (other case forms, other word order, another title) keeps most of its
shingles, while two different stories about the same pair of regions share only the region
names and the common words of cooperation news. Shingles are single content lemmas (pairs of
neighbouring lemmas were measured too: a rewording breaks most pairs, recall fell to 0.82).
The figures a story quotes (amounts, tonnes, jobs; not years) must agree, and so must the
regions the analysis found: two reports of one story give the same numbers about the same
places, two stories in the same words give different ones.

Candidates come from a MinHashLSH index (in memory, built at start from the stored articles of
the last ``WINDOW_DAYS`` days, updated on insert); a candidate is a duplicate when its
estimated Jaccard similarity reaches ``THRESHOLD``. The threshold and the shingles were chosen
on the labelled pairs of ``tests/bench/bench_dedup.py`` (recall and precision printed there).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from storage.analysis.morph import WORD_RE, fold, lemma, parses

NUM_PERM = 64
THRESHOLD = 0.3  # estimated Jaccard at or above which two articles may be one story ...
NUMBERS_AGREE = 1.0  # ... if this share of the smaller one's figures are the other's too
THRESHOLD_NO_NUMBERS = 0.5  # ... or, when one of them quotes no figure, this much alike
REGIONS_AGREE = 0.5  # and they name the same regions (this share of the smaller set)
LSH_THRESHOLD = 0.25  # the index finds pairs about this alike (false negatives weighed more)
WINDOW_DAYS = 14
_CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "VERB", "INFN", "PRTF", "NUMR", "COMP"})
_SEED = 7
# One shared permutation set: building each MinHash's permutations is most of its cost.
_SCHEME = "affine32"
_PERMS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _is_content(word: str) -> bool:
    """A word that carries the story's facts: a number, a Latin or unknown word, or a
    Russian noun/adjective/verb/numeral (prepositions, pronouns, conjunctions are not)."""
    if word[0].isdigit():
        return True
    found = parses(word)
    if not found:
        return True
    tag = found[0].tag
    if "LATN" in tag or "UNKN" in tag:
        return len(word) > 1
    return tag.POS in _CONTENT_POS and len(word) > 2


_CONTENT_CACHE: dict[str, str | None] = {}


def _content_lemma(word: str) -> str | None:
    folded = fold(word)
    if folded in _CONTENT_CACHE:
        return _CONTENT_CACHE[folded]
    if len(_CONTENT_CACHE) > 200_000:
        _CONTENT_CACHE.clear()
    found = _CONTENT_CACHE[folded] = lemma(folded) if _is_content(folded) else None
    return found


def shingles(*texts: str) -> set[str]:
    """The content lemmas of ``texts``."""
    out: set[str] = set()
    for text in texts:
        for word in WORD_RE.findall(text):
            current = _content_lemma(word)
            if current is not None:
                out.add(current)
    return out


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def figures(*texts: str) -> frozenset[str]:
    """The numbers ``texts`` quote, years left out (two stories of one year share those)."""
    found = (n.replace(",", ".") for text in texts for n in _NUMBER_RE.findall(text))
    return frozenset(n for n in found if not _YEAR_RE.fullmatch(n))


@dataclass(frozen=True, slots=True)
class Signature:
    """What the index keeps of one article: its shingles' MinHash and its figures."""

    minhash: MinHash
    numbers: frozenset[str]
    regions: frozenset[str] = frozenset()  # ISO 3166-2 codes from the analysis

    def agrees(self, other: Signature, score: float) -> bool:
        """Given their estimated Jaccard ``score``: are the two one story?"""
        if score < THRESHOLD or not _overlap(self.regions, other.regions, REGIONS_AGREE):
            return False
        if not self.numbers or not other.numbers:
            return score >= THRESHOLD_NO_NUMBERS
        return _overlap(self.numbers, other.numbers, NUMBERS_AGREE)

    def dump(self) -> tuple[bytes, str, str]:
        """(MinHash bytes, figures, regions) as the store keeps them."""
        values = self.minhash.hashvalues.astype(np.uint64).tobytes()
        return values, " ".join(sorted(self.numbers)), " ".join(sorted(self.regions))

    @classmethod
    def load(cls, minhash: bytes, numbers: str, regions: str = "") -> Signature:
        values = np.frombuffer(minhash, dtype=np.uint64).copy()
        restored = MinHash(
            num_perm=NUM_PERM, seed=_SEED, hashvalues=values, permutations=_PERMS, scheme=_SCHEME
        )
        return cls(restored, frozenset(numbers.split()), frozenset(regions.split()))


def _overlap(a: frozenset[str], b: frozenset[str], share: float) -> bool:
    """Whether ``share`` of the smaller set is in the other (true when either is empty)."""
    if not a or not b:
        return True
    return len(a & b) >= share * min(len(a), len(b))


def signature(*texts: str, regions: Iterable[str] = ()) -> Signature:
    """The signature of ``texts`` (CPU only: call it from a worker thread)."""
    found = shingles(*texts)
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_PERMS, scheme=_SCHEME)
    if found:
        minhash.update_batch([s.encode("utf-8") for s in found])
    return Signature(minhash, figures(*texts), frozenset(regions))


class StoryIndex:
    """Stored articles' signatures by article id, with an LSH index for candidate look-ups.

    The MinHash values also sit in one matrix (a row per article), so the candidates' similarity
    is one vectorised comparison however many the LSH returns. Thread-safe: look-ups run in
    worker threads while inserts come from the event loop.
    """

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
        self._sigs: dict[int, Signature] = {}
        self._rows: dict[int, int] = {}
        self._matrix = np.zeros((1024, NUM_PERM), dtype=np.uint64)
        self._free: list[int] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: int) -> bool:
        return article_id in self._sigs

    def add(self, article_id: int, sig: Signature) -> None:
        with self._lock:
            if article_id in self._sigs:
                return
            row = self._free.pop() if self._free else len(self._rows)
            if row >= len(self._matrix):
                grown = np.zeros((2 * len(self._matrix), NUM_PERM), dtype=np.uint64)
                grown[: len(self._matrix)] = self._matrix
                self._matrix = grown
            self._matrix[row] = sig.minhash.hashvalues
            self._rows[article_id] = row
            self._sigs[article_id] = sig
            self._lsh.insert(article_id, sig.minhash)

    def add_many(self, items: Iterable[tuple[int, Signature]]) -> None:
        for article_id, sig in items:
            self.add(article_id, sig)

    def discard(self, article_id: int) -> None:
        with self._lock:
            if self._sigs.pop(article_id, None) is not None:
                self._lsh.remove(article_id)
                self._free.append(self._rows.pop(article_id))

    def best_match(self, sig: Signature) -> tuple[int, float] | None:
        """The most similar stored article at or above ``THRESHOLD``, with its similarity."""
        with self._lock:
            ids = list(self._lsh.query(sig.minhash))
            if not ids:
                return None
            rows = np.fromiter((self._rows[i] for i in ids), dtype=np.intp, count=len(ids))
            scores = (self._matrix[rows] == sig.minhash.hashvalues).mean(axis=1)
            close = [(float(scores[k]), ids[k]) for k in np.flatnonzero(scores >= THRESHOLD)]
            found = [(self._sigs[i], score, i) for score, i in close]
        best: tuple[int, float] | None = None
        for other, score, article_id in found:
            if sig.agrees(other, score) and (
                best is None or (score, -article_id) > (best[1], -best[0])
            ):
                best = (article_id, score)
        return best
