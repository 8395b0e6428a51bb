"""The region matcher: which first-level subdivisions and countries a text names.

The data (``data/gazetteer/*.toml``, format in its README) lists each region's names, adjectives
and the places inside it. At load time every word of every name is expanded into all its case
forms (pymorphy3 lexemes), so matching a text is one dict lookup per token plus a walk over a
small phrase table: no regex per alias, no parsing of ordinary words.

Why not lemmatise the text and compare lemmas: pymorphy3's top parse is wrong for many place
names (Атырауской -> атырауска, Семей -> семья), while the lexeme of the name as written in the
data is right, so the data's own forms are the index and lemmas are only a fallback.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import pickle
import re
import tempfile
import time
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, compress, repeat
from pathlib import Path
from typing import Any, NamedTuple, cast

from anyascii import anyascii
from rapidfuzz import fuzz, process

from storage.analysis import morph
from storage.analysis.model import RegionRef

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʻʼ`´", "'"))
_QUOTES = frozenset("«»\"“”„'")
# What may stand between two words of one name: spaces, line breaks, hyphens and dashes.
_PHRASE_GAP = frozenset(" \t\r\n\xa0-‐‑–—")
_CONJUNCTIONS = frozenset({"и", "или", "либо"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")

NAME, ADJ, COUNTRY = "name", "adj", "country"
# The same words as morph.tokenize finds, written without a lookahead per character (about
# three times faster on a long article; find() runs on every article).
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’‘ʻʼ][^\W_]+)*")
_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")  # words at the odd indexes, gaps between
# The same split for text without "_" ("\w" takes "_" too), which sre runs faster.
_FAST_SPLIT_RE = re.compile(r"(\w+(?:[-'’‘ʻʼ]\w+)*)")
# Uzbek and Kazakh case endings a Latin name takes (locative, ablative, dative, genitive...),
# longest first so "dagi" is tried before "da".
_LATIN_SUFFIXES = (
    "gacha",
    "dagi",
    "ning",
    "dan",
    "den",
    "tan",
    "ten",
    "ga",
    "ka",
    "qa",
    "ge",
    "ke",
    "da",
    "de",
    "ta",
    "te",
    "ni",
    "di",
    "ti",
)
# rapidfuzz ratio (0-100) a suggestion needs: one or two wrong letters in a name score 80+
# ("Шымкен" 93, "Тараc" 80), random words at most about 73 against some place ("qwerty").
_FUZZY_CUTOFF = 76
_STEM = 4  # letters of a name's lemma that gate the (slow) pymorphy3 fallback
# Keys the disk cache together with this file's source; bump if a change elsewhere (morph.py,
# pymorphy3's dictionaries) alters the index.
ENGINE_VERSION = "4"


def split_words(text: str) -> list[str]:
    """``text`` cut into its words (morph.tokenize's) at the odd indexes and the gaps between
    them at the even ones: one regex pass that the analysis shares with the region matcher."""
    return (_SPLIT_RE if "_" in text else _FAST_SPLIT_RE).split(text)


_NORMED: dict[str, str] = {}


def norm(word: str) -> str:
    """The surface key: lower case, ё -> е, one apostrophe for all of Uzbek's (memoised: the
    context rules normalise the same neighbouring words over and over)."""
    found = _NORMED.get(word)
    if found is None:
        if len(_NORMED) > 200_000:
            _NORMED.clear()
        found = _NORMED[word] = morph.fold(word).translate(_APOSTROPHES)
    return found


def skeleton(text: str) -> str:
    """Any spelling folded to one Latin skeleton, for fuzzy comparison across scripts."""
    s = anyascii(norm(text)).lower()
    for a, b in (
        ("dzh", "j"),
        ("zh", "j"),
        ("kh", "h"),
        ("x", "h"),
        ("q", "k"),
        ("gh", "g"),
        ("y", "i"),
        ("'", ""),
        ("ts", "c"),
    ):
        s = s.replace(a, b)
    return "".join(ch for ch in s if ch.isalnum())


# Surnames of the region (Назарбаев, Сатпаева, Жумагалиевой, Абайулы): when pymorphy3 does not
# know one, its ending still tells (nominative forms only, to keep the case check honest).
_SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|улы|уулу|кызы|ұлы|қызы)$")


def _declined(word: str) -> set[str]:
    """Singular case forms of a noun pymorphy3 cannot inflect (Сатпаев, Семей, Байконыр):
    the regular endings of its last letter; names ending in other vowels (Актобе) do not
    decline."""
    stem, last = word[:-1], word[-1:]
    if last == "й":
        return {stem + e for e in ("я", "ю", "ем", "е")}
    if last == "а":
        soft = stem[-1:] in ("г", "к", "х", "ж", "ш", "ч", "щ")
        return {stem + e for e in ("и" if soft else "ы", "е", "у", "ой", "ою")}
    if last == "я":
        return {stem + e for e in ("и", "е", "ю", "ей")}
    if last.isalpha() and last not in "аеёиоуыэюяьъәіүұө":
        return {word + e for e in ("а", "у", "ом", "ем", "е")}
    return set()


@lru_cache(maxsize=100_000)
def _parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of a word, once: building the index asks for the same word's parses
    up to three times (its forms, its lemma, whether it is an adjective)."""
    return tuple(morph.parses(word))


def _is_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" or ch in "ёәғқңөұүһі" for ch in word)


@cache
def word_forms(word: str) -> tuple[frozenset[str], bool]:
    """Every surface form of one word of a name written in the nominative, and whether it is an
    adjective. Only parses that fit the word as written (nominative) give lexemes; nouns keep
    their number, so "Жамбыл" gives "Жамбыла" but not the plural "Жамбылов" (a surname)."""
    w = norm(word)
    forms = {w}
    is_adj = False
    if _is_cyrillic(w):
        inflected = False
        for p in _parses(w):
            # pymorphy3 gives back the ё it restores (орел -> орёл): compare folded.
            if norm(p.word) != w or "nomn" not in p.tag:
                continue
            if p.tag.POS == "ADJF":
                is_adj = inflected = True
                forms.update(norm(f.word) for f in p.lexeme)
            elif p.tag.POS == "NOUN":
                inflected = True
                forms.update(norm(f.word) for f in p.lexeme if f.tag.number == p.tag.number)
        if not inflected and "-" not in w:
            forms |= _declined(w)
        if "-" in w:
            # Hyphenated names inflect their last part: Алма-Ата -> Алма-Аты, Нур-Султане.
            head, _, last = w.rpartition("-")
            last_forms, last_adj = word_forms(last)
            forms.update(f"{head}-{f}" for f in last_forms)
            is_adj = is_adj or last_adj
    return frozenset(forms | {f.replace("'", "") for f in forms if "'" in f}), is_adj


def _variants(alias: str) -> set[str]:
    """An alias as written plus its hyphen-free spellings (Нур-Султан: Нурсултан, Нур Султан)."""
    out = {alias}
    words = morph.tokenize(alias)
    if any("-" in w for w in words):
        out.add(" ".join(w.replace("-", "") for w in words))
        out.add(" ".join(w.replace("-", " ") for w in words))
    return out


@dataclass(frozen=True, slots=True)
class _Target:
    """What a phrase names: a region (kind name or adj) or a country (kind country)."""

    kind: str
    country: str
    region: RegionRef | None = None


# Phrase prefixes being matched; a step through the phrase table: (the prefixes that go on,
# the targets of the phrases completed, the first of them or ()).
_Frontier = tuple[tuple[str, ...], ...]
_Step = tuple[_Frontier, tuple[_Target, ...], tuple[str, ...]]


class _Word(NamedTuple):
    """A distinct word of the text with what the matcher asks of it, built once per word and
    shared by all its occurrences (so scanning a text creates no object per token)."""

    text: str
    norm: str
    capital: bool
    keys: frozenset[str]  # the gazetteer words it can be
    starts: bool  # whether it can begin a match
    first: _Step  # the phrase table's step from nothing to this word
    pieces: tuple[_Word, ...]  # the names a hyphenated word may be split into, or ()


_TEXT = operator.itemgetter(0)  # _Word.text, as a C function for map()
_STARTS = operator.itemgetter(4)  # _Word.starts
_PIECES = operator.itemgetter(6)  # _Word.pieces


class _Doc:
    """A scanned text: token i is toks[i] with gaps[i] before it (gaps[0] is the text before
    the first word); gaps and token texts concatenated give the text back."""

    __slots__ = ("_starts", "gaps", "text", "toks")

    def __init__(self, text: str, toks: list[_Word], gaps: list[str]) -> None:
        self.text, self.toks, self.gaps = text, toks, gaps
        self._starts: list[int] | None = None

    def start(self, i: int) -> int:
        """Where token i begins. The positions are counted on the first question (only a few
        rules ask, so most texts never pay for them) and kept until the tokens change."""
        if self._starts is None:
            lengths = [0] * (2 * len(self.toks) + 1)
            lengths[0::2] = map(len, self.gaps)
            lengths[1::2] = map(len, map(_TEXT, self.toks))
            self._starts = list(accumulate(lengths))[0::2]
        return self._starts[i]

    def end(self, i: int) -> int:
        return self.start(i) + len(self.toks[i].text)

    def split(self, i: int, pieces: tuple[_Word, ...]) -> None:
        """Token i replaced by the parts of its hyphenated word."""
        self.toks[i : i + 1] = pieces
        self.gaps[i + 1 : i + 1] = ["-"] * (len(pieces) - 1)
        self._starts = None


@dataclass(slots=True)
class _Hit:
    pos: int  # the token's index: hits are ordered by it
    targets: tuple[_Target, ...]
    hint: str = ""  # "region" / "city": the noun after a shared adjective


@dataclass(slots=True)
class _Country:
    code: str
    name: str
    order: int


@dataclass(slots=True)
class _Stop:
    block_after: frozenset[str] = frozenset()
    block_before: frozenset[str] = frozenset()
    org_before: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    city_nouns: frozenset[str] = frozenset()
    district_nouns: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # every form of places that are common nouns
    noun_keys: dict[str, str] = field(default_factory=dict)  # "областями" -> "область"
    given_names: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Index:
    surface: dict[str, set[str]] = field(default_factory=dict)  # surface -> word keys
    adj_keys: set[str] = field(default_factory=set)
    lemma_keys: dict[str, set[str]] = field(default_factory=dict)  # normal form -> word keys
    phrases: dict[tuple[str, ...], list[_Target]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    nouns_only: dict[tuple[str, ...], bool] = field(default_factory=dict)
    abbrev: dict[str, list[_Target]] = field(default_factory=dict)
    fuzzy: dict[str, set[RegionRef]] = field(default_factory=dict)  # skeleton -> regions
    stems: set[str] = field(default_factory=set)  # first letters of lemma_keys
    firsts: set[str] = field(default_factory=set)  # word keys that begin some phrase

    def add_word(self, word: str) -> tuple[str, bool]:
        key = norm(word)
        forms, is_adj = word_forms(word)
        for f in forms:
            self.surface.setdefault(f, set()).add(key)
        if is_adj:
            self.adj_keys.add(key)
        if _is_cyrillic(key):
            for p in _parses(key):
                if norm(p.word) == key and "nomn" in p.tag:
                    lemma = norm(p.normal_form)
                    self.lemma_keys.setdefault(lemma, set()).add(key)
                    self.stems.add(lemma[:_STEM])
        return key, is_adj

    def add_alias(
        self,
        alias: str,
        target: _Target,
        *,
        exact: bool = False,
        adjective: bool = False,
        any_case: bool = False,
    ) -> None:
        for variant in _variants(alias) if not exact else {alias}:
            words = morph.tokenize(variant)
            if not words:
                continue
            if exact:
                keyed = [(norm(w), adjective) for w in words]
                for w in words:
                    self.surface.setdefault(norm(w), set()).add(norm(w))
            else:
                keyed = [self.add_word(w) for w in words]
            phrase = tuple(k for k, _ in keyed)
            self.phrases.setdefault(phrase, [])
            if target not in self.phrases[phrase]:
                self.phrases[phrase].append(target)
            # An adjective anywhere (also a dependent one, "районы республиканского
            # подчинения") makes the phrase descriptive enough to count in lower case.
            # A demonym (омичи, бишкекчане) is a common noun written in lower case: any case.
            self.nouns_only[phrase] = (
                self.nouns_only.get(phrase, True)
                and not any_case
                and not any(a or (len(keyed) > 1 and _any_adjective(k)) for k, a in keyed)
            )
            self.firsts.add(phrase[0])
            for n in range(1, len(phrase) + 1):
                self.prefixes.add(phrase[:n])
        if target.region is not None and len(skeleton(alias)) > 3:
            self.fuzzy.setdefault(skeleton(alias), set()).add(target.region)


@cache
def _any_adjective(word: str) -> bool:
    """Whether ``word`` (folded) can be a full adjective in some case."""
    return _is_cyrillic(word) and any(p.tag.POS == "ADJF" for p in _parses(word))


def _compound_stems(adjective: str) -> set[str]:
    """ "казахстанский" -> "казахстанско"; "туркменский" -> also "туркмено" (туркмено-узбекский)."""
    a = norm(adjective)
    if not a.endswith(("ий", "ый", "ой")):
        return set()
    out = {a[:-2] + "о"}
    if a.endswith("ский"):
        out.add(a[:-4] + "о")
    return {s for s in out if len(s) > 4}


def _surfaces(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_noun_forms(words))


def _noun_forms(words: Iterable[str]) -> dict[str, str]:
    """Every form, plural too ("областями"), of stop-list words -> the word as written."""
    out: dict[str, str] = {}
    for w in words:
        key = norm(w)
        for f in word_forms(w)[0]:
            out.setdefault(f, key)
        for p in _parses(key):
            if norm(p.word) == key and "nomn" in p.tag and p.tag.POS == "NOUN":
                for f in p.lexeme:
                    out.setdefault(norm(f.word), key)
    return out


@lru_cache(maxsize=50_000)
def _cases(word: str, grammeme: str) -> frozenset[str]:
    """Cases in which ``word`` can be a ``grammeme`` (Name, Surn) per pymorphy3."""
    return frozenset(c for p in _parses(word) if grammeme in p.tag for c in _CASES if c in p.tag)


@lru_cache(maxsize=50_000)
def _agrees_as_adjective(word: str, noun: str) -> bool:
    """Whether ``word`` can be an adjective agreeing with ``noun`` ("Каспийском море",
    "Георгиевском зале"): same case and number, and gender in the singular."""
    adjectives = [p.tag for p in _parses(word) if p.tag.POS == "ADJF"]
    if not adjectives:
        return False
    for n in _parses(noun):
        # The next word may be a second adjective of the same noun ("Уральском федеральном
        # округе").
        if n.tag.POS not in ("NOUN", "ADJF"):
            continue
        for a in adjectives:
            if (
                a.case == n.tag.case
                and a.number == n.tag.number
                and (a.number == "plur" or a.gender == n.tag.gender)
            ):
                return True
    return False


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a paragraph."""
    before = text[max(0, start - 4) : start].rstrip(' \t\xa0«"“')
    return not before or before[-1] in ".!?\n…"


@lru_cache(maxsize=50_000)
def _nominative_name(word: str) -> bool:
    """pymorphy3's dictionary (not its guesser, which calls "Таразе" a name) knows ``word``
    as a given name in its dictionary form (Нурсултан, Игорь)."""
    return any(
        "Name" in p.tag
        and "sing" in p.tag
        and "nomn" in p.tag
        and p.normal_form == p.word
        and p.is_known
        for p in _parses(word)
    )


class Gazetteer:
    """Regions and countries of the seven covered countries, and a matcher over text."""

    def __init__(self, files: list[tuple[str, bytes]]) -> None:
        digest = hashlib.sha256()
        self._regions: dict[str, RegionRef] = {}
        self._cities: set[str] = set()
        self._countries: dict[str, _Country] = {}
        self._ix = _Index()
        self._stop = _Stop()
        self._word_cache: dict[str, _Word] = {}
        for name, raw in sorted(files):
            digest.update(name.encode() + b"\0" + raw + b"\0")
            data = tomllib.loads(raw.decode("utf-8"))
            if name == "stop.toml":
                self._load_stop(data)
            else:
                self._load_country(data)
        self._digest = digest.hexdigest()

    # ---- loading -------------------------------------------------------------------------

    def _load_stop(self, data: dict[str, Any]) -> None:
        self._stop = _Stop(
            block_after=_surfaces(data.get("block_after", [])),
            block_before=_surfaces(data.get("block_before", [])),
            org_before=_surfaces(data.get("org_before", [])),
            region_nouns=_surfaces(data.get("region_nouns", [])),
            city_nouns=_surfaces(data.get("city_nouns", [])),
            district_nouns=_surfaces(data.get("district_nouns", [])),
            common_words=frozenset(
                f for w in data.get("common_words", []) for f in word_forms(w)[0]
            ),
            given_names=frozenset(f for w in data.get("given_names", []) for f in word_forms(w)[0]),
            noun_keys=_noun_forms([*data.get("region_nouns", []), *data.get("city_nouns", [])]),
        )

    def _load_country(self, data: dict[str, Any]) -> None:
        c = data["country"]
        code = c["code"]
        self._countries[code] = _Country(code, c["name"], int(c.get("order", 99)))
        target = _Target(COUNTRY, code)
        for alias in [c["name"], *c.get("names", []), *c.get("adjectives", [])]:
            self._ix.add_alias(alias, target)
        # The first half of a compound adjective ("казахстанско-китайский") names a country
        # as much as the second does.
        for adj in c.get("adjectives", []):
            for stem in _compound_stems(adj):
                self._ix.add_alias(stem, target, exact=True, adjective=True)
        for abbr in c.get("abbreviations", []):
            self._ix.abbrev.setdefault(abbr, []).append(target)
        for r in data.get("region", []):
            self._load_region(code, r)

    def _load_region(self, country: str, r: dict[str, Any]) -> None:
        if r["code"] in self._regions:
            raise ValueError(f"gazetteer: region {r['code']} defined twice")
        ref = RegionRef(r["code"], r["name"], country)
        self._regions[ref.code] = ref
        if r.get("city", False):
            self._cities.add(ref.code)
        named = _Target(NAME, country, ref)
        for alias in [r["name"], *r.get("names", []), *r.get("places", [])]:
            self._ix.add_alias(alias, named)
        for alias in r.get("forms", []):
            self._ix.add_alias(alias, named, exact=True)
        for alias in r.get("adjectives", []):
            self._ix.add_alias(alias, _Target(ADJ, country, ref))
        for alias in r.get("demonyms", []):
            self._ix.add_alias(alias, named, any_case=True)
        for abbr in r.get("abbreviations", []):
            self._ix.abbrev.setdefault(abbr, []).append(named)

    # ---- tokens --------------------------------------------------------------------------

    def _word(self, word: str) -> _Word:
        """What the matcher needs of a text word, computed once per distinct word (news
        repeats words): its key, case, gazetteer keys and whether it can begin a match."""
        found = self._word_cache.get(word)
        if found is None:
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
            keys = self._lookup(word)
            # Most words with keys ("области", "на") only continue a phrase.
            starts = word in self._ix.abbrev or not keys.isdisjoint(self._ix.firsts)
            found = self._word_cache[word] = _Word(
                word,
                norm(word),
                word[:1].isupper(),
                keys,
                starts,
                self._step(((),), keys),
                self._pieces(word, keys),
            )
        return found

    def _keys(self, word: str) -> frozenset[str]:
        """The gazetteer words a text token can be."""
        return self._word(word).keys

    def _lookup(self, word: str) -> frozenset[str]:
        """Its surface first, then pymorphy3's singular non-person parses (for forms a name's
        own lexeme lacks)."""
        s = norm(word)
        found = self._ix.surface.get(s)
        if found:
            return frozenset(found)
        if not word[:1].isupper():
            return frozenset()
        if not _is_cyrillic(s):
            return self._latin_suffixed(s)
        if s[:_STEM] not in self._ix.stems:  # no name starts like this: skip pymorphy3
            return frozenset()
        keys: set[str] = set()
        for p in _parses(s):
            if "plur" in p.tag or "Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag:
                continue
            keys |= self._ix.lemma_keys.get(norm(p.normal_form), set())
        return frozenset(keys)

    def _latin_suffixed(self, s: str) -> frozenset[str]:
        """Uzbek (and Kazakh Latin) case suffixes on a name: Toshkentda, Samarqanddan,
        Farg'onaga, Namanganning. Only when the rest is a known Latin name."""
        for suffix in _LATIN_SUFFIXES:
            stem = s[: -len(suffix)]
            if s.endswith(suffix) and len(stem) > 2 and not _is_cyrillic(stem):
                found = self._ix.surface.get(stem.rstrip("'"))
                if found:
                    return frozenset(found)
        return frozenset()

    def _scan(self, text: str, parts: list[str] | None = None) -> tuple[_Doc, list[int]]:
        """The words of ``text`` and the indexes of those that can begin a match. It runs over
        every word of every article, so the per-word work is done by C loops: one regex split
        gives the words and the gaps, running sums of their lengths the positions, one cached
        dict lookup per word its _Word; Python only sees the few words not cached yet and the
        hyphenated ones."""
        if parts is None:
            parts = split_words(text)
        words = parts[1::2]
        if not words:
            return _Doc(text, [], [text]), []
        toks: list[_Word | None] = list(map(self._word_cache.get, words))
        if None in toks:  # words not seen before (names, numbers): looked up one by one
            for i in list(compress(range(len(toks)), map(operator.is_, toks, repeat(None)))):
                toks[i] = self._word(words[i])
        doc = _Doc(text, cast(list[_Word], toks), parts[0::2])
        if "-" in text:
            self._split_compounds(doc)
        return doc, list(compress(range(len(doc.toks)), map(_STARTS, doc.toks)))

    def _split_compounds(self, doc: _Doc) -> None:
        """An unknown hyphenated word: its parts may be names ("Алматы-Ташкент"), unless one
        is an unknown capitalised name of its own (Петропавловск-Камчатский)."""
        toks = doc.toks
        found = list(compress(range(len(toks)), map(_PIECES, toks)))
        # Where each word ends, counted before any split: each split moves the positions
        # after it, and counting them again per split costs more than the whole scan.
        ends = [doc.end(i) for i in found]
        for i, end in reversed(list(zip(found, ends, strict=True))):
            pieces = toks[i].pieces
            if not self._compound_blocked(pieces[-1].text, doc.text, end):
                doc.split(i, pieces)

    def _pieces(self, word: str, keys: frozenset[str]) -> tuple[_Word, ...]:
        """The parts a hyphenated word may be split into, () when it stays whole (it has keys
        of its own, or a part is an unknown name)."""
        if "-" not in word or keys or word in self._ix.abbrev:
            return ()
        # The word pattern puts letters on both sides of a hyphen: no part is empty.
        parts = word.split("-")
        if any(p[:1].isupper() and not self._keys(p) and not p.endswith("о") for p in parts):
            return ()
        return tuple(map(self._word, parts))

    def _compound_blocked(self, last: str, text: str, end: int) -> bool:
        """ "Цинхай-Тибетское нагорье": a compound adjective before a stop noun (mountains,
        a battle...) names no place with any of its parts."""
        nxt = _WORD_RE.search(text, end, end + 40)
        return (
            nxt is not None
            and not text[end : nxt.start()].strip()
            and norm(nxt.group()) in self._stop.block_after
            and _any_adjective(norm(last))
        )

    # ---- matching ------------------------------------------------------------------------

    def find(
        self, text: str, parts: list[str] | None = None
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...]]:
        """Regions the text names (order of first mention) and countries (sorted alpha-2);
        ``parts``: ``split_words(text)`` if the caller has it already."""
        hits = list(self._hits(text, query=False, parts=parts))
        return self._settle(hits, query=False)

    def _settle(
        self, hits: list[_Hit], *, query: bool
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...]]:
        named = {t.region.code for h in hits for t in h.targets if t.kind == NAME and t.region}
        regions: dict[str, RegionRef] = {}
        countries: set[str] = set()
        for h in sorted(hits, key=lambda h: h.pos):
            if len(h.targets) == 1:  # most hits: one place, nothing to choose
                target = h.targets[0]
                if target.region is not None:
                    regions.setdefault(target.region.code, target.region)
                    countries.add(target.region.country)
                if target.kind == COUNTRY:
                    countries.add(target.country)
                continue
            for ref in self._choose(h, named, query=query):
                regions.setdefault(ref.code, ref)
                countries.add(ref.country)
            countries.update(t.country for t in h.targets if t.kind == COUNTRY)
        return tuple(regions.values()), tuple(sorted(countries))

    def _choose(self, hit: _Hit, named: set[str], *, query: bool) -> list[RegionRef]:
        """The region(s) a hit means. Only a shared adjective (алматинский: the city KZ-75 and
        the oblast KZ-19) is ambiguous; the noun after it, then the rest of the text decides."""
        refs = [t.region for t in hit.targets if t.region is not None]
        adjectives = [t for t in hit.targets if t.kind == ADJ]
        if len(refs) <= 1 or len(adjectives) < len(refs):
            return refs
        cities = [r for r in refs if r.code in self._cities]
        others = [r for r in refs if r.code not in self._cities]
        if hit.hint == "region" and others:
            return others[:1]
        if hit.hint == "city" and cities:
            return cities[:1]
        mentioned = [r for r in refs if r.code in named]
        if len(mentioned) == 1:
            return mentioned
        if query:  # a user typing only an adjective means the oblast ("ташкентская")
            return (others or refs)[:1]
        return (cities or refs)[:1]

    def _hits(self, text: str, *, query: bool, parts: list[str] | None = None) -> Iterator[_Hit]:
        doc, starts = self._scan(text, parts)
        toks = doc.toks
        abbrev, adj_keys = self._ix.abbrev, self._ix.adj_keys
        # Only tokens that can start a match are visited; most words of an article are not.
        if query:  # abbreviations typed in any case
            starts = [k for k, t in enumerate(toks) if t.keys or t.text.upper() in abbrev]
        i = 0
        for k in starts:
            if k < i:
                continue
            i = k
            tok = toks[i]
            abbr = abbrev.get(tok.text.upper() if query else tok.text)
            if abbr:
                yield _Hit(i, tuple(abbr))
                i += 1
                continue
            end, targets, phrase = self._longest(doc, i)
            adjective = end == i and not tok.keys.isdisjoint(adj_keys)
            # Nothing can match here ("области" that only continues a name): skip it before
            # the context rules run; blocked or not, the outcome is the same.
            if (not targets and not adjective) or self._blocked_before(doc, i):
                i += 1
                continue
            if adjective:
                if not query and self._adjective_surname(doc, i):
                    i += 1  # "Сергей Брянский": a surname shaped like a place adjective
                    continue
                nxt, hits = self._adjective_run(doc, i)
                yield from hits
                i = nxt
                continue
            if targets and self._accept(doc, i, end, phrase, query=query):
                yield _Hit(i, tuple(targets))
                i = end + 1
                continue
            i += 1

    def _longest(self, doc: _Doc, i: int) -> tuple[int, tuple[_Target, ...], tuple[str, ...]]:
        """The longest phrase of the table starting at token i: (last index, targets, phrase)."""
        toks, gaps = doc.toks, doc.gaps
        frontier, targets, phrase = toks[i].first  # the one-word step, computed once per word
        best = (i, targets, phrase)
        j = i + 1
        while frontier and j < len(toks) and toks[j].keys and _PHRASE_GAP.issuperset(gaps[j]):
            frontier, targets, phrase = self._step(frontier, toks[j].keys)
            if phrase:
                best = (j, targets, phrase)
            j += 1
        return best

    def _step(self, frontier: _Frontier, keys: frozenset[str]) -> _Step:
        """One word further into the phrase table from the phrase prefixes in ``frontier``:
        (the prefixes that continue, targets of the phrases they complete, the first such
        phrase or ())."""
        prefixes, phrases = self._ix.prefixes, self._ix.phrases
        ahead = tuple((*p, k) for p in frontier for k in keys if (*p, k) in prefixes)
        found = [p for p in ahead if p in phrases]
        targets: list[_Target] = []
        for p in found:
            targets.extend(t for t in phrases[p] if t not in targets)
        return ahead, tuple(targets), (found[0] if found else ())

    def _accept(self, doc: _Doc, i: int, end: int, phrase: tuple[str, ...], *, query: bool) -> bool:
        """Whether a matched name is really the place: capitalised, not an organisation's
        quoted name, not a district of another place, not an adjective, not a person."""
        if query:
            return True
        if self._org_quoted(doc, i):
            return False
        if doc.toks[end].norm in self._stop.district_nouns and self._place_follows(doc, end):
            return False  # "Нарынский район Наманганской области": that oblast's district
        if self._ix.nouns_only.get(phrase, True) and not self._proper_noun(doc, i, end):
            return False
        return not (end == i and self._is_person(doc, i))

    def _proper_noun(self, doc: _Doc, i: int, end: int) -> bool:
        """A name made of nouns only counts as a proper noun: capitalised, not an adjective
        agreeing with the next word, not a common noun whose capital comes from a sentence
        start."""
        toks = doc.toks
        if not any(t.capital for t in toks[i : end + 1]):
            return False
        if (
            end + 1 < len(toks)
            and not doc.gaps[end + 1].strip()
            and _agrees_as_adjective(toks[end].norm, toks[end + 1].norm)
        ):
            return False  # "на Каспийском море": an adjective, not the city Каспийск
        # "Находка для аграриев": a capital only because a sentence starts.
        return not (
            end == i
            and toks[i].norm in self._stop.common_words
            and _sentence_start(doc.text, doc.start(i))
        )

    def _adjective_run(self, doc: _Doc, i: int) -> tuple[int, list[_Hit]]:
        """Adjectives enumerated up to one noun: "с Джизакской, Наманганской и Навоийской
        областями" -> each adjective joined with the noun, looked up as a phrase first."""
        toks, gaps, adj_keys = doc.toks, doc.gaps, self._ix.adj_keys
        run = [i]
        j = i + 1
        while j < len(toks):
            gap = gaps[j].strip()
            if gap == "," and toks[j].keys & adj_keys:
                run.append(j)
                j += 1
            elif (
                gap == ""
                and toks[j].norm in _CONJUNCTIONS
                and j + 1 < len(toks)
                and toks[j + 1].keys & adj_keys
                and not gaps[j + 1].strip()
            ):
                run.append(j + 1)
                j += 2
            else:
                break
        noun = toks[j] if j < len(toks) and not gaps[j].strip() else None
        noun_surface = noun.norm if noun else ""
        if noun_surface in self._stop.block_after:
            return j, []
        if noun_surface in self._stop.district_nouns and self._place_follows(doc, j):
            return j, []  # "в Свердловском районе Бишкека": a district of what follows
        hint = (
            "region"
            if noun_surface in self._stop.region_nouns
            else "city"
            if noun_surface in self._stop.city_nouns
            else ""
        )
        hits: list[_Hit] = []
        noun_keys = set(noun.keys) if noun else set()
        if noun_surface in self._stop.noun_keys:
            noun_keys.add(self._stop.noun_keys[noun_surface])
        for a in run:
            targets = self._phrase(toks[a].keys, frozenset(noun_keys))
            if targets:
                hits.append(_Hit(a, tuple(targets)))
                continue
            keys = toks[a].keys
            if noun is not None and _agrees_as_adjective(toks[a].norm, noun_surface):
                # Read as an adjective of the next word, the token is not also the noun place
                # it could be a form of ("Уральском федеральном округе" is no Уральск).
                keys = keys & adj_keys
            single = self._phrase(keys, None)
            if single:
                hits.append(_Hit(a, tuple(single), hint))
        return run[-1] + 1, hits

    def _phrase(self, first: frozenset[str], second: frozenset[str] | None) -> list[_Target]:
        out: list[_Target] = []
        for a in first:
            for b in second if second is not None else [None]:
                for t in self._ix.phrases.get((a,) if b is None else (a, b), []):
                    if t not in out:
                        out.append(t)
        return out

    # ---- context rules -------------------------------------------------------------------

    def _blocked_before(self, doc: _Doc, i: int) -> bool:
        """ "река Шу", "улица Абая": the word before says this is no region."""
        if i == 0 or doc.gaps[i].strip(' .«"“'):
            return False
        return doc.toks[i - 1].norm in self._stop.block_before

    def _place_follows(self, doc: _Doc, j: int) -> bool:
        """Whether token j is directly followed by a capitalised place word (a district noun
        then names the city or oblast it belongs to)."""
        k = j + 1
        return (
            k < len(doc.toks)
            and doc.toks[k].capital
            and bool(doc.toks[k].keys)
            and not doc.gaps[k].strip()
        )

    def _org_quoted(self, doc: _Doc, i: int) -> bool:
        """завод «УРАЛ», ФК «Актобе»: a quoted name after an organisation noun."""
        if i == 0 or doc.toks[i - 1].norm not in self._stop.org_before:
            return False
        return any(q in doc.gaps[i] for q in _QUOTES)

    def _is_person(self, doc: _Doc, i: int) -> bool:
        """A given name followed by a surname in the same case (Нурсултан Назарбаев), or a
        surname after a given name or an initial (Динмухамед Конаев, Д. Конаев)."""
        toks, gaps = doc.toks, doc.gaps
        if i + 1 < len(toks) and not gaps[i + 1].strip():
            nxt = toks[i + 1]
            if nxt.capital and not nxt.keys:
                surname = _cases(nxt.norm, "Surn")
                if _SURNAME_END.search(nxt.norm):
                    surname |= {"nomn"}
                if self._name_cases(toks[i].norm) & surname:
                    return True
                # Surname first, as in lists and official style: "Кунаев Динмухамед".
                if self._name_cases(nxt.norm) & self._surname_cases(toks[i].norm):
                    return True
        if i == 0:
            return False
        prev = toks[i - 1]
        # A listed given name after a surname (Назарбаев Нурсултан: not Нур-Султан).
        if (
            toks[i].norm in self._stop.given_names
            and prev.capital
            and not prev.keys
            and not gaps[i].strip()
            and self._surname_cases(prev.norm)
        ):
            return True
        return self._after_name(prev, gaps[i].strip(), toks[i].norm)

    def _after_name(self, prev: _Word, gap: str, word: str) -> bool:
        """Whether ``word`` is a surname after ``prev`` (``gap`` between them, stripped). The
        word's own surname cases are looked up last: most places follow a lower-case word."""
        if not gap and prev.norm in self._stop.given_names:
            return True  # Мирзо Турсунзаде, Алишер Навои: a listed given name, any surname
        if not prev.capital:
            return False
        initial = len(prev.text) == 1 and gap == "."
        if not initial and (gap or prev.keys):
            return False
        surname = _cases(word, "Surn") or (
            frozenset(_CASES) if _SURNAME_END.search(word) else frozenset()
        )
        if not surname:
            return False
        return initial or bool(self._name_cases(prev.norm) & surname)

    @staticmethod
    def _surname_cases(word: str) -> frozenset[str]:
        """Cases in which ``word`` is a surname: pymorphy3's Surn parses, or the nominative of
        a word with a surname ending (Кунаев, Сатпаев) that it does not know as one."""
        found = _cases(word, "Surn")
        return found | {"nomn"} if _SURNAME_END.search(word) else found

    def _adjective_surname(self, doc: _Doc, i: int) -> bool:
        """A capitalised adjective right after a given name (Сергей Брянский, Анна
        Тамбовская) is a surname; a place adjective there is written in lower case or
        belongs to a name (Ташкентская область is caught as a phrase before)."""
        toks = doc.toks
        if i == 0 or not toks[i].capital or doc.gaps[i].strip():
            return False
        prev = toks[i - 1]
        return (
            prev.capital
            and not prev.keys
            and bool(prev.norm in self._stop.given_names or _cases(prev.norm, "Name"))
        )

    def _name_cases(self, word: str) -> frozenset[str]:
        """Cases in which ``word`` is a given name: any for the stop list's names (and their
        forms); for pymorphy3's Name parses only the nominative, as its guesses are noisy
        (it reads "Таразе" as a name)."""
        if word in self._stop.given_names:
            return frozenset(_CASES)
        return frozenset({"nomn"}) if _nominative_name(word) else frozenset()

    # ---- queries -------------------------------------------------------------------------

    def resolve(self, query: str) -> RegionRef | None:
        """The region a user means by ``query``: any case form, any case of letters, Latin,
        old names, abbreviations, or a city inside the region. None when nothing fits."""
        q = " ".join(query.split())[:200]
        if not q:
            return None
        if q.upper() in self._regions:  # an ISO code typed as is: "KZ-31"
            return self._regions[q.upper()]
        regions, _ = self._settle(list(self._hits(q, query=True)), query=True)
        if regions:
            return regions[0]
        exact = self._ix.fuzzy.get(skeleton(q), set())
        return next(iter(exact)) if len(exact) == 1 else None

    def suggest(self, query: str, limit: int = 3) -> list[RegionRef]:
        """Nearest regions to a misspelt query, best first (for "did you mean")."""
        q = " ".join(query.split())[:200]
        out: list[RegionRef] = []
        for t in self._ix.abbrev.get(q.upper(), []):
            if t.region and t.region not in out:
                out.append(t.region)
        skel = skeleton(q)
        if skel:
            choices = list(self._ix.fuzzy)
            for choice, _score, _ in process.extract(
                skel, choices, scorer=fuzz.ratio, limit=limit * 20, score_cutoff=_FUZZY_CUTOFF
            ):
                for ref in sorted(self._ix.fuzzy[choice], key=lambda r: r.code):
                    if ref not in out:
                        out.append(ref)
        return out[:limit]

    def region(self, code: str) -> RegionRef:
        return self._regions[code]

    def regions_of(self, country: str) -> list[RegionRef]:
        return sorted(
            (r for r in self._regions.values() if r.country == country), key=lambda r: norm(r.name)
        )

    def regions(self) -> list[RegionRef]:
        return list(self._regions.values())

    def countries(self) -> list[tuple[str, str]]:
        return [
            (c.code, c.name)
            for c in sorted(self._countries.values(), key=lambda c: (c.order, c.name))
        ]

    def digest(self) -> str:
        return self._digest


def _gap_is_phrase(text: str, start: int, end: int) -> bool:
    return _PHRASE_GAP.issuperset(text[start:end])


def data_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every gazetteer data file shipped with the package."""
    folder = resources.files("storage.analysis").joinpath("data").joinpath("gazetteer")
    return [(f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml")]


def _cache_path(files: list[tuple[str, bytes]]) -> Path | None:
    """Where the built index is cached, or None when there is no usable cache folder."""
    # The engine's own source is part of the key, so a code change never meets a stale index.
    h = hashlib.sha256(ENGINE_VERSION.encode() + Path(__file__).read_bytes())
    for name, raw in sorted(files):
        h.update(name.encode() + b"\0" + raw + b"\0")
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home directory at all
        return None
    return Path(base) / "regional-news-bot" / f"gazetteer-{h.hexdigest()[:24]}.pickle"


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as f:
            loaded = pickle.load(f)
    except Exception:  # any broken file (truncated, garbage, foreign) is simply rebuilt
        return None
    return loaded if isinstance(loaded, Gazetteer) else None


def _write_cache(path: Path, built: Gazetteer) -> None:
    """Atomically (temp file + rename), so a parallel reader never sees half a file; a
    read-only or full disk only costs the next process the build time."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            tmp = f.name
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune_cache(path)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


STALE_CACHE_SECONDS = 7 * 24 * 3600


def _prune_cache(keep: Path) -> None:
    """Drop indexes of older data or code: each upgrade writes a new file. Only ones unused
    for a week, so two checkouts of different versions on one machine don't evict each other."""
    cutoff = time.time() - STALE_CACHE_SECONDS
    for old in keep.parent.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                old.unlink()


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the package's data files, once per process.

    Generating every case form of every name takes a second or two, so the built index is
    kept in the user's cache folder under the hash of the data and the engine source; a
    missing, stale, corrupt or unwritable cache is simply rebuilt in memory.
    """
    files = data_files()
    path = _cache_path(files)
    loaded = _read_cache(path) if path is not None else None
    if loaded is not None:
        return loaded
    built = Gazetteer(files)
    if path is not None:
        _write_cache(path, built)
    return built
