"""Word forms: tokenising and lemmatising, Russian with pymorphy3, English with the Snowball
(Porter 2) stemmer, cached per word.

Every caller that needs lemmas goes through here so the analyzer is built once and each
distinct word is parsed once per process (news text repeats words a lot).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pymorphy3
import pymorphy3_dicts_ru
import snowballstemmer

from storage.analysis.wordcache import WordCache, lru

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
_STEM_EXCEPTIONS = {
    "important": "important",
    "importance": "important",
    "importantly": "important",
    # tuneH: "a fairly high level" is no fair, "good relations" no goods (trade's terms)
    "fairly": "fairly",
    "goods": "goods",
    # topicsR10: "productive cooperation" and "labour productivity" are no production
    "productive": "productive",
    "productivity": "productivity",
    # topicsR10: irregular forms of the vocabulary's verbs ("sold 8 tonnes", "built a
    # school"): Snowball leaves them as they are, so they stood for no term
    "sold": "sell",
    "built": "build",
}


def _stem(word: str) -> str:
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    stemmer = getattr(_local, "english", None)
    if stemmer is None:
        stemmer = _local.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word))


_LATIN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_POSSESSIVES = frozenset(("'s", "’s", "‘s", "ʼs"))


def fold(word: str) -> str:
    """Lower case with ё folded to е: the key every index uses."""
    return word.lower().replace("ё", "е")


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (vocabularies kept readable)."""
    return frozenset(text.split())


def tokenize(text: str) -> list[str]:
    """The words of ``text`` in order, as written."""
    return WORD_RE.findall(text)


# Limits of the per-word caches (storage/analysis/wordcache.py; issue 12, measured with
# ``python -m tests.bench wordcache``). pymorphy3's parses are big (about 1 KB a word: Parse
# tuples with their analyzer stacks), so they are kept only while the same text asks for them
# again (its lemma, its story shingle, the gazetteer's questions); what the analysis keeps of a
# word for days is the small answer each of those caches holds.
PARSE_LIMIT = 1_000
LEMMA_LIMIT = 20_000


@lru("morph.parse", PARSE_LIMIT)
def _parse(folded: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's parses of a folded word: "Бизнес" and "бизнес", the lemmas and the
    gazetteer's look-ups all ask for the same parse, and parsing an unknown word is slow."""
    return tuple(_morph.parse(folded))


def lemmas(word: str) -> tuple[str, ...]:
    """Every normal form pymorphy3 proposes for ``word`` (folded), best first, no repeats.

    All parses, not only the top one: pymorphy3's top parse is wrong for many place names.
    """
    folded = fold(word)
    if folded.isdigit() and folded.isascii():
        # A number is its own lemma: pymorphy3's only parse of one (NumberAnalyzer; checked
        # for 0-99999 and powers of ten), at the cost of a parse for every new number.
        return (folded,)
    if _LATIN_WORD.fullmatch(folded):
        return ("-".join(map(_stem, folded.split("-"))),)
    if folded[-2:] in _POSSESSIVES and _LATIN_WORD.fullmatch(folded[:-2]):
        # "the delegation's visit": the word, as vocabulary and passing rules know it
        return ("-".join(map(_stem, folded[:-2].split("-"))),)
    seen: dict[str, None] = {}
    for parse in _parse(folded):
        seen.setdefault(fold(parse.normal_form), None)
    return tuple(seen) or (folded,)


def _best_lemma(word: str) -> str:
    return lemmas(word)[0]


# word -> its best normal form: a dict, so a cached word costs one C lookup (``map(lemma,
# words)`` over a sentence never enters Python).
_LEMMAS = WordCache("morph.lemma", _best_lemma, LEMMA_LIMIT)
# The single best normal form of a word (folded): for indexing and overlap measures.
lemma: Callable[[str], str] = _LEMMAS.__getitem__


def parses(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """Raw pymorphy3 parses, for callers that need tags or lexemes (building indexes)."""
    return _parse(fold(word))
