"""One story, one article: near-duplicate detection across agencies (SPEC: news sources).

An article's fingerprint is a MinHash of its *content-word lemma* shingles: the lemmas of the
nouns, adjectives, verbs, numerals and numbers of title, lead and body, so a story reworded
(other case forms, other word order, another title) keeps most of its shingles, while two
different stories about the same pair of regions share only the region names and the common
words of cooperation news. Shingles are single content lemmas (pairs of neighbouring lemmas
were measured too: a rewording breaks most pairs, recall fell to 0.82). The figures a story
quotes (amounts, tonnes, jobs; not years) must agree, and so must the regions the analysis
found: two reports of one story give the same numbers about the same places, two stories in
the same words give different ones.

The index holds the MinHashes of the stored articles of the last ``WINDOW_DAYS`` days (built
at start from their stored signatures, updated on insert) in one matrix, and a look-up
compares the new article with all of them at once (numpy): MinHash estimates (of the low 16
bits of each value), no LSH misses, 128 bytes an article. datasketch's MinHash + MinHashLSH
did the same job, but the package imports scipy (for the LSH's parameter integral): +56 MB
resident in the bot, and its LSH look-up was no faster at 10,000 stored stories
(bench_dedup). Threshold and shingles were chosen on the labelled pairs of
``tests/bench/bench_dedup.py`` (recall and precision printed there).
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from storage.analysis.morph import WORD_RE, fold, lemma, parses
from storage.analysis.wordcache import WordCache

NUM_PERM = 64
THRESHOLD = 0.3  # estimated Jaccard at or above which two articles may be one story ...
NUMBERS_AGREE = 1.0  # ... if this share of the smaller one's figures are the other's too
THRESHOLD_NO_NUMBERS = 0.5  # ... or, when one of them quotes no figure, this much alike
REGIONS_AGREE = 0.5  # and they name the same regions (this share of the smaller set)
WINDOW_DAYS = 14
_CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "VERB", "INFN", "PRTF", "NUMR", "COMP"})
# MinHash by universal hashing: h_i(x) = ((a_i * crc32(x) + b_i) mod p) mod 2^32, p = 2^61 - 1.
# a_i, b_i < 2^31 keep a_i * x + b_i inside 64 bits, so numpy computes it exactly.
_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64(0xFFFFFFFF)
_RNG = np.random.default_rng(7)
_A = _RNG.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _RNG.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_BYTE_SUM = np.uint64(0x0101010101010101)
Hashes = NDArray[np.uint32]


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


def _folded_content_lemma(folded: str) -> str | None:
    return lemma(folded) if _is_content(folded) else None


# A folded word's content lemma, or None (bounded: storage/analysis/wordcache.py).
CONTENT_LIMIT = 20_000
_CONTENT = WordCache("stories.content", _folded_content_lemma, CONTENT_LIMIT)


def _content_lemma(word: str) -> str | None:
    return _CONTENT[fold(word)]


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


def minhash(found: Iterable[str]) -> Hashes:
    """The MinHash (NUM_PERM 32-bit values) of a set of shingles."""
    keys = np.fromiter((zlib.crc32(x.encode("utf-8")) for x in found), dtype=np.uint64)
    if not len(keys):
        return _EMPTY.copy()
    hashed: NDArray[np.uint64] = ((keys[:, None] * _A + _B) % _PRIME) & _MASK
    values: Hashes = hashed.min(axis=0).astype(np.uint32)
    return values


@dataclass(frozen=True, slots=True)
class Signature:
    """What the index keeps of one article: its shingles' MinHash, figures and regions."""

    values: Hashes
    numbers: frozenset[str]
    regions: frozenset[str] = frozenset()  # ISO 3166-2 codes from the analysis

    def similarity(self, other: Signature) -> float:
        """The estimated Jaccard similarity of the two articles' shingles."""
        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM

    def agrees(self, other: Signature, score: float) -> bool:
        """Given their estimated Jaccard ``score``: are the two one story?"""
        if score < THRESHOLD or not _overlap(self.regions, other.regions, REGIONS_AGREE):
            return False
        if not self.numbers or not other.numbers:
            return score >= THRESHOLD_NO_NUMBERS
        return _overlap(self.numbers, other.numbers, NUMBERS_AGREE)

    def dump(self) -> tuple[bytes, str, str]:
        """(MinHash bytes, figures, regions) as the store keeps them."""
        return self.values.tobytes(), " ".join(sorted(self.numbers)), " ".join(sorted(self.regions))

    @classmethod
    def load(cls, values: bytes, numbers: str, regions: str = "") -> Signature:
        restored = np.frombuffer(values, dtype=np.uint32).copy()
        if len(restored) != NUM_PERM:
            raise ValueError(f"a signature of {len(restored)} values, not {NUM_PERM}")
        return cls(restored, frozenset(numbers.split()), frozenset(regions.split()))


def _overlap(a: frozenset[str], b: frozenset[str], share: float) -> bool:
    """Whether ``share`` of the smaller set is in the other (true when either is empty)."""
    if not a or not b:
        return True
    return len(a & b) >= share * min(len(a), len(b))


def signature(*texts: str, regions: Iterable[str] = ()) -> Signature:
    """The signature of ``texts`` (CPU only: call it from a worker thread)."""
    return Signature(minhash(shingles(*texts)), figures(*texts), frozenset(regions))


def _block_counts(
    matrix: NDArray[np.uint16] | NDArray[np.uint32], values: NDArray[np.uint16] | Hashes
) -> NDArray[np.uint64]:
    """How many of its NUM_PERM values each row of ``matrix`` shares with ``values``.

    The equality bytes (0 or 1) are added eight at a time as 64-bit words, then the eight byte
    lanes of the sum by one multiplication (a lane holds at most 8, the total at most 64: no
    carry crosses a lane). 2.4x faster than ``count_nonzero(axis=1)`` at 18,000 stored stories,
    where that look-up was the costliest step of a first round (bench_sources)."""
    words = np.equal(matrix, values).view(np.uint64)  # rows x (NUM_PERM / 8)
    lanes = words[:, 0] + words[:, 1]
    for column in range(2, words.shape[1]):
        lanes += words[:, column]
    counts: NDArray[np.uint64] = (lanes * _BYTE_SUM) >> np.uint64(56)
    return counts


# Rows compared at a time: the equality bytes of all the 120,000 stories of 6,000 feeds at once
# were a 7.7 MB temporary each look-up, the bot's peak memory (bench_sources_bot).
_BLOCK = 8192


def same_counts(
    matrix: NDArray[np.uint16] | NDArray[np.uint32], values: NDArray[np.uint16] | Hashes
) -> NDArray[np.uint64]:
    """How many of its NUM_PERM values each row of ``matrix`` shares with ``values``, a block
    of rows at a time."""
    counts = np.empty(len(matrix), dtype=np.uint64)
    for lo in range(0, len(matrix), _BLOCK):
        counts[lo : lo + _BLOCK] = _block_counts(matrix[lo : lo + _BLOCK], values)
    return counts


_NO_VALUES: frozenset[str] = frozenset()  # one shared empty set


class StoryIndex:
    """Stored articles' signatures by article id; a look-up scans them all at once.

    Thread-safe: look-ups run in a worker thread while inserts may come from the loop.
    """

    def __init__(self) -> None:
        # The low 16 bits of each MinHash value (b-bit MinHash): two different values look
        # equal once in 65,536, a similarity off by 0.00002 at most on average; half the
        # matrix, 15 MB less at 120,000 stories (bench_sources_bot).
        self._matrix = np.zeros((1024, NUM_PERM), dtype=np.uint16)
        self._ids = np.full(1024, -1, dtype=np.int64)  # -1: a free row
        # Per row, what ``Signature.agrees`` looks at, as 64-bit masks (see ``_mask``) and set
        # sizes: a look-up rules out with numpy the rows that cannot agree, and calls
        # ``agrees`` only on the rest (the exact test, so the answer is the same).
        self._facts = np.zeros((1024, 4), dtype=np.uint64)  # regions, figures masks; sizes
        # The exact sets for that test, per row, compact: no Signature object is kept (one
        # was 1.6 KB with its array and sets: 190 MB for the 120,000 stories of 6,000 feeds,
        # bench_sources_bot). Figures as their stored string, made a set only for the few
        # rows a look-up tries; regions shared, as few combinations recur.
        self._numbers: list[str] = [""] * 1024
        self._regions: list[frozenset[str]] = [_NO_VALUES] * 1024
        self._shared: dict[frozenset[str], frozenset[str]] = {}
        # No dict of article id to row: its entries and ints were 12 MB at 120,000 stories,
        # and a scan of ``_ids`` is 0.1 ms where it is needed (an insert, a removal).
        self._count = 0
        self._used = 0  # rows below this may hold an article
        self._free: list[int] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    def __contains__(self, article_id: int) -> bool:
        with self._lock:
            return self._row(article_id) is not None

    def _row(self, article_id: int) -> int | None:
        found = np.flatnonzero(self._ids[: self._used] == article_id)
        return int(found[0]) if len(found) else None

    def add(self, article_id: int, sig: Signature) -> None:
        with self._lock:
            if self._row(article_id) is None:
                self._put(article_id, sig)

    def _put(self, article_id: int, sig: Signature) -> None:
        row = self._free.pop() if self._free else self._used
        if row >= len(self._matrix):
            self._grow()
        self._used = max(self._used, row + 1)
        self._count += 1
        self._matrix[row] = _low_bits(sig.values)
        self._facts[row] = _facts(sig)
        self._ids[row] = article_id
        self._numbers[row] = " ".join(sorted(sig.numbers))
        self._regions[row] = self._shared.setdefault(sig.regions, sig.regions)

    def _grow(self) -> None:
        size = 2 * len(self._matrix)
        matrix = np.zeros((size, NUM_PERM), dtype=np.uint16)
        matrix[: len(self._matrix)] = self._matrix
        ids = np.full(size, -1, dtype=np.int64)
        ids[: len(self._ids)] = self._ids
        facts = np.zeros((size, 4), dtype=np.uint64)
        facts[: len(self._facts)] = self._facts
        self._numbers.extend([""] * (size - len(self._numbers)))
        self._regions.extend([_NO_VALUES] * (size - len(self._regions)))
        self._matrix, self._ids, self._facts = matrix, ids, facts

    def _stored(self, row: int) -> Signature:
        """The signature of a row as ``agrees`` needs it (its figures and regions; of its
        values the index keeps only the low bits, which ``agrees`` does not look at)."""
        numbers = self._numbers[row]
        found = frozenset(numbers.split()) if numbers else _NO_VALUES
        return Signature(self._matrix[row].astype(np.uint32), found, self._regions[row])

    def add_many(self, items: Iterable[tuple[int, Signature]]) -> None:
        """Many at once (the index loaded from the store): the ones already held are found
        in one pass over ``_ids``."""
        batch = list(items)
        ids = np.fromiter((article_id for article_id, _ in batch), np.int64, len(batch))
        with self._lock:
            held = np.isin(ids, self._ids[: self._used])
            added: set[int] = set()
            for (article_id, sig), known in zip(batch, held.tolist(), strict=True):
                if not known and article_id not in added:
                    added.add(article_id)
                    self._put(article_id, sig)

    def discard(self, article_id: int) -> None:
        with self._lock:
            row = self._row(article_id)
            if row is not None:
                self._count -= 1
                self._ids[row] = -1
                self._numbers[row], self._regions[row] = "", _NO_VALUES
                self._free.append(row)

    def best_match(self, sig: Signature) -> tuple[int, float] | None:
        """The most similar stored article that is the same story, with its similarity (on a
        tie, the older article).

        Rows similar enough are many when stories share their wording (a first round of the
        bench had 750 an article, and ``agrees`` on each was a quarter of its CPU); numpy
        first drops those whose regions or figures cannot agree, then the rest are tried from
        the most similar down, so the first that agrees is the answer."""
        with self._lock:
            used = self._used
            same = same_counts(self._matrix[:used], _low_bits(sig.values))
            rows = np.flatnonzero((same >= THRESHOLD * NUM_PERM) & (self._ids[:used] >= 0))
            # Only on the rows similar enough (few): over all rows its temporaries were
            # megabytes a look-up at 120,000 stories.
            rows = rows[_may_agree(self._facts[rows], sig, same[rows])]
            ids = self._ids[rows]
            rows = rows[np.lexsort((ids, -same[rows].astype(np.int64)))]
            found = [
                (self._stored(int(r)), float(same[r]) / NUM_PERM, int(self._ids[r])) for r in rows
            ]
        for other, score, article_id in found:
            if sig.agrees(other, score):
                return article_id, score
        return None


def _low_bits(values: Hashes) -> NDArray[np.uint16]:
    return (values & np.uint32(0xFFFF)).astype(np.uint16)


def _mask(values: frozenset[str]) -> int:
    """A 64-bit mask with one bit per value (by CRC-32): a ⊆ b implies mask(a) ⊆ mask(b),
    and two sets that share a value have masks that share a bit."""
    mask = 0
    for value in values:
        mask |= 1 << (zlib.crc32(value.encode("utf-8")) & 63)
    return mask


def _facts(sig: Signature) -> list[int]:
    """A row of ``StoryIndex._facts``: the masks and sizes of the regions and figures."""
    return [_mask(sig.regions), _mask(sig.numbers), len(sig.regions), len(sig.numbers)]


_NO_NUMBERS_SAME = THRESHOLD_NO_NUMBERS * NUM_PERM


def _may_agree(
    facts: NDArray[np.uint64], sig: Signature, same: NDArray[np.uint64]
) -> NDArray[np.bool_]:
    """Per row: False where ``sig.agrees`` is surely false (a necessary condition of each of
    its tests, never a sufficient one: the exact test follows on the rows left).

    Regions: half the smaller set shared means at least one region shared, so a bit shared.
    Figures: every figure of the smaller set in the other means its mask inside the other's."""
    regions, numbers, region_count, number_count = (facts[:, k] for k in range(4))
    ok = np.ones(len(facts), dtype=bool)
    if sig.regions:
        ok &= (region_count == 0) | ((regions & np.uint64(_mask(sig.regions))) != 0)
    if not sig.numbers:
        return ok & (same >= _NO_NUMBERS_SAME)
    mine = np.uint64(_mask(sig.numbers))
    nested = ((numbers & ~mine) == 0) | ((mine & ~numbers) == 0)
    return ok & np.where(number_count == 0, same >= _NO_NUMBERS_SAME, nested)
