"""Word forms: tokenising and lemmatising, Russian with pymorphy3, English with the Snowball
(Porter 2) stemmer, cached per word.

Every caller that needs lemmas goes through here so the analyzer is built once and each
distinct word is parsed once per process (news text repeats words a lot).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache

import pymorphy3
import pymorphy3_dicts_ru
import snowballstemmer

# A word: letters (Cyrillic incl. Kazakh/Uzbek letters, Latin), digits inside, inner hyphens and
# apostrophes ("Алма-Ата", "Farg'ona", "O‘zbekiston").
WORD_RE = re.compile(r"[^\W_](?:[^\W_]|[-'’‘ʻʼ](?=[^\W_]))*")

# The dictionary named outright: found by itself, pymorphy3 scans every installed package's
# entry points for dictionaries (importlib.metadata), a tenth of the process's start.
_morph = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
# What lemmas depend on besides this file: tables built from lemmas and kept on disk key on it.
VERSIONS = f"pymorphy3 {pymorphy3.__version__} dicts {pymorphy3_dicts_ru.__version__}"
# English has no pymorphy3 dictionary: a stem stands for the lemma ("agricultural",
# "agriculture" -> "agricultur"), the same on both sides (vocabulary and text).
# A stemmer keeps the word being stemmed in itself: one per thread (ingestion analyses in a
# pool of threads; a shared one garbles words and raises).
_local = threading.local()


# Words Snowball folds into another word's stem: "important" is no "import" (an important
# step was trade's strongest sign).
_STEM_EXCEPTIONS = {"important": "important", "importance": "important", "importantly": "important"}


def _stem(word: str) -> str:
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    stemmer = getattr(_local, "english", None)
    if stemmer is None:
        stemmer = _local.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word))


_LATIN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def fold(word: str) -> str:
    """Lower case with ё folded to е: the key every index uses."""
    return word.lower().replace("ё", "е")


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (vocabularies kept readable)."""
    return frozenset(text.split())


def tokenize(text: str) -> list[str]:
    """The words of ``text`` in order, as written."""
    return WORD_RE.findall(text)


@lru_cache(maxsize=50_000)
def _parse(folded: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's parses of a folded word, once: "Бизнес" and "бизнес", the lemmas and the
    gazetteer's look-ups all ask for the same parse, and parsing an unknown word is slow."""
    return tuple(_morph.parse(folded))


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Every normal form pymorphy3 proposes for ``word`` (folded), best first, no repeats.

    All parses, not only the top one: pymorphy3's top parse is wrong for many place names.
    """
    folded = fold(word)
    if _LATIN_WORD.fullmatch(folded):
        return ("-".join(map(_stem, folded.split("-"))),)
    seen: dict[str, None] = {}
    for parse in _parse(folded):
        seen.setdefault(fold(parse.normal_form), None)
    return tuple(seen) or (folded,)


class _Lemmas(dict[str, str]):
    """word -> its best normal form, filled on first use: a plain dict, so a cached word costs
    one C lookup (``map(lemma, words)`` over a sentence never enters Python)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        found = self[word] = lemmas(word)[0]
        return found


_LEMMAS = _Lemmas()
# The single best normal form of a word (folded): for indexing and overlap measures.
lemma: Callable[[str], str] = _LEMMAS.__getitem__


def parses(word: str) -> list[pymorphy3.analyzer.Parse]:
    """Raw pymorphy3 parses, for callers that need tags or lexemes (building indexes)."""
    return list(_parse(fold(word)))
