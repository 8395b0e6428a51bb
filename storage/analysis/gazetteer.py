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

import hashlib
import os
import pickle
import re
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

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
# Keys the disk cache together with this file's source; bump if a change elsewhere (morph.py,
# pymorphy3's dictionaries) alters the index.
ENGINE_VERSION = "3"


def norm(word: str) -> str:
    """The surface key: lower case, ё -> е, one apostrophe for all of Uzbek's."""
    return morph.fold(word).translate(_APOSTROPHES)


def skeleton(text: str) -> str:
    """Any spelling folded to one Latin skeleton, for fuzzy comparison across scripts."""
    s = anyascii(norm(text)).lower()
    for a, b in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("q", "k"), ("gh", "g"),
                 ("y", "i"), ("'", ""), ("ts", "c")):
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
        for p in morph.parses(w):
            if p.word != w or "nomn" not in p.tag:
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


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    keys: frozenset[str]

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Hit:
    pos: int
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

    def add_word(self, word: str) -> tuple[str, bool]:
        key = norm(word)
        forms, is_adj = word_forms(word)
        for f in forms:
            self.surface.setdefault(f, set()).add(key)
        if is_adj:
            self.adj_keys.add(key)
        if _is_cyrillic(key):
            for p in morph.parses(key):
                if p.word == key and "nomn" in p.tag:
                    self.lemma_keys.setdefault(norm(p.normal_form), set()).add(key)
        return key, is_adj

    def add_alias(self, alias: str, target: _Target, *, exact: bool = False) -> None:
        for variant in _variants(alias) if not exact else {alias}:
            words = morph.tokenize(variant)
            if not words:
                continue
            if exact:
                keyed = [(norm(w), False) for w in words]
                for w in words:
                    self.surface.setdefault(norm(w), set()).add(norm(w))
            else:
                keyed = [self.add_word(w) for w in words]
            phrase = tuple(k for k, _ in keyed)
            self.phrases.setdefault(phrase, [])
            if target not in self.phrases[phrase]:
                self.phrases[phrase].append(target)
            self.nouns_only[phrase] = self.nouns_only.get(phrase, True) and not any(
                a for _, a in keyed
            )
            for n in range(1, len(phrase) + 1):
                self.prefixes.add(phrase[:n])
        if target.region is not None and len(skeleton(alias)) > 3:
            self.fuzzy.setdefault(skeleton(alias), set()).add(target.region)


def _surfaces(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_noun_forms(words))


def _noun_forms(words: Iterable[str]) -> dict[str, str]:
    """Every form, plural too ("областями"), of stop-list words -> the word as written."""
    out: dict[str, str] = {}
    for w in words:
        key = norm(w)
        for f in word_forms(w)[0]:
            out.setdefault(f, key)
        for p in morph.parses(key):
            if p.word == key and "nomn" in p.tag and p.tag.POS == "NOUN":
                for f in p.lexeme:
                    out.setdefault(norm(f.word), key)
    return out


@lru_cache(maxsize=50_000)
def _cases(word: str, grammeme: str) -> frozenset[str]:
    """Cases in which ``word`` can be a ``grammeme`` (Name, Surn) per pymorphy3."""
    return frozenset(
        c for p in morph.parses(word) if grammeme in p.tag for c in _CASES if c in p.tag
    )


@lru_cache(maxsize=50_000)
def _nominative_name(word: str) -> bool:
    """pymorphy3's dictionary (not its guesser, which calls "Таразе" a name) knows ``word``
    as a given name in its dictionary form (Нурсултан, Игорь)."""
    return any(
        "Name" in p.tag and "sing" in p.tag and "nomn" in p.tag and p.normal_form == p.word
        and p.is_known
        for p in morph.parses(word)
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
        self._key_cache: dict[str, frozenset[str]] = {}
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
            given_names=frozenset(
                f for w in data.get("given_names", []) for f in word_forms(w)[0]
            ),
            noun_keys=_noun_forms([*data.get("region_nouns", []), *data.get("city_nouns", [])]),
        )

    def _load_country(self, data: dict[str, Any]) -> None:
        c = data["country"]
        code = c["code"]
        self._countries[code] = _Country(code, c["name"], int(c.get("order", 99)))
        target = _Target(COUNTRY, code)
        for alias in [c["name"], *c.get("names", []), *c.get("adjectives", [])]:
            self._ix.add_alias(alias, target)
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
        for abbr in r.get("abbreviations", []):
            self._ix.abbrev.setdefault(abbr, []).append(named)

    # ---- tokens --------------------------------------------------------------------------

    def _keys(self, word: str) -> frozenset[str]:
        """The gazetteer words a text token can be (cached per word: news repeats words)."""
        found = self._key_cache.get(word)
        if found is None:
            if len(self._key_cache) > 200_000:
                self._key_cache.clear()
            found = self._key_cache[word] = self._lookup(word)
        return found

    def _lookup(self, word: str) -> frozenset[str]:
        """Its surface first, then pymorphy3's singular non-person parses (for forms a name's
        own lexeme lacks)."""
        s = norm(word)
        found = self._ix.surface.get(s)
        if found:
            return frozenset(found)
        if not word[:1].isupper() or not _is_cyrillic(s):
            return frozenset()
        keys: set[str] = set()
        for p in morph.parses(s):
            if "plur" in p.tag or "Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag:
                continue
            keys |= self._ix.lemma_keys.get(norm(p.normal_form), set())
        return frozenset(keys)

    def _tokens(self, text: str) -> list[_Token]:
        out: list[_Token] = []
        for m in morph.WORD_RE.finditer(text):
            word = m.group()
            keys = self._keys(word)
            if keys or "-" not in word or word in self._ix.abbrev:
                out.append(_Token(word, m.start(), m.end(), keys))
                continue
            # An unknown hyphenated word: its parts may be names ("Алматы-Ташкент"), unless
            # one is an unknown capitalised name of its own (Петропавловск-Камчатский).
            parts = word.split("-")
            if any(p[:1].isupper() and not self._keys(p) and not p.endswith("о") for p in parts):
                out.append(_Token(word, m.start(), m.end(), keys))
                continue
            pos = m.start()
            for part in parts:
                if part:
                    out.append(_Token(part, pos, pos + len(part), self._keys(part)))
                pos += len(part) + 1
        return out

    # ---- matching ------------------------------------------------------------------------

    def find(self, text: str) -> tuple[tuple[RegionRef, ...], tuple[str, ...]]:
        """Regions the text names (order of first mention) and countries (sorted alpha-2)."""
        hits = list(self._hits(text, query=False))
        return self._settle(hits, query=False)

    def _settle(
        self, hits: list[_Hit], *, query: bool
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...]]:
        named = {
            t.region.code for h in hits for t in h.targets if t.kind == NAME and t.region
        }
        regions: dict[str, RegionRef] = {}
        countries: set[str] = set()
        for h in sorted(hits, key=lambda h: h.pos):
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

    def _hits(self, text: str, *, query: bool) -> Iterator[_Hit]:
        toks = self._tokens(text)
        i = 0
        while i < len(toks):
            tok = toks[i]
            abbr = self._ix.abbrev.get(tok.text.upper() if query else tok.text)
            if abbr:
                yield _Hit(tok.start, tuple(abbr))
                i += 1
                continue
            if not tok.keys:
                i += 1
                continue
            if self._blocked_before(toks, i, text):
                i += 1
                continue
            end, targets, phrase = self._longest(toks, i, text)
            if tok.keys & self._ix.adj_keys and end == i:
                nxt, hits = self._adjective_run(toks, i, text)
                yield from hits
                i = nxt
                continue
            if targets and self._accept(toks, i, end, phrase, text, query=query):
                yield _Hit(tok.start, tuple(targets))
                i = end + 1
                continue
            i += 1

    def _longest(
        self, toks: list[_Token], i: int, text: str
    ) -> tuple[int, list[_Target], tuple[str, ...]]:
        """The longest phrase of the table starting at token i: (last index, targets, phrase)."""
        best: tuple[int, list[_Target], tuple[str, ...]] = (i, [], ())
        frontier: list[tuple[str, ...]] = [()]
        j = i
        while j < len(toks) and toks[j].keys:
            if j > i and not _gap_is_phrase(text, toks[j - 1].end, toks[j].start):
                break
            frontier = [(*p, k) for p in frontier for k in toks[j].keys
                        if (*p, k) in self._ix.prefixes]
            if not frontier:
                break
            found = [(p, self._ix.phrases[p]) for p in frontier if p in self._ix.phrases]
            if found:
                targets: list[_Target] = []
                for _, ts in found:
                    targets.extend(t for t in ts if t not in targets)
                best = (j, targets, found[0][0])
            j += 1
        return best

    def _accept(
        self, toks: list[_Token], i: int, end: int, phrase: tuple[str, ...], text: str,
        *, query: bool,
    ) -> bool:
        """Whether a matched name is really the place: capitalised, not an organisation's
        quoted name, not a person."""
        if query:
            return True
        if self._ix.nouns_only.get(phrase, True) and not any(
            t.capital for t in toks[i:end + 1]
        ):
            return False
        if self._org_quoted(toks, i, text):
            return False
        return not (end == i and self._is_person(toks, i, text))

    def _adjective_run(self, toks: list[_Token], i: int, text: str) -> tuple[int, list[_Hit]]:
        """Adjectives enumerated up to one noun: "с Джизакской, Наманганской и Навоийской
        областями" -> each adjective joined with the noun, looked up as a phrase first."""
        run = [i]
        j = i + 1
        while j < len(toks):
            gap = text[toks[j - 1].end:toks[j].start]
            if gap.strip() == "," and toks[j].keys & self._ix.adj_keys:
                run.append(j)
                j += 1
            elif (gap.strip() == "" and toks[j].text.lower() in _CONJUNCTIONS
                  and j + 1 < len(toks) and toks[j + 1].keys & self._ix.adj_keys
                  and not text[toks[j].end:toks[j + 1].start].strip()):
                run.append(j + 1)
                j += 2
            else:
                break
        noun = toks[j] if j < len(toks) and not text[toks[j - 1].end:toks[j].start].strip() \
            else None
        noun_surface = norm(noun.text) if noun else ""
        if noun_surface in self._stop.block_after:
            return j, []
        hint = ("region" if noun_surface in self._stop.region_nouns
                else "city" if noun_surface in self._stop.city_nouns else "")
        hits: list[_Hit] = []
        noun_keys = set(noun.keys) if noun else set()
        if noun_surface in self._stop.noun_keys:
            noun_keys.add(self._stop.noun_keys[noun_surface])
        for a in run:
            targets = self._phrase(toks[a].keys, frozenset(noun_keys))
            if targets:
                hits.append(_Hit(toks[a].start, tuple(targets)))
                continue
            single = self._phrase(toks[a].keys, None)
            if single:
                hits.append(_Hit(toks[a].start, tuple(single), hint))
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

    def _blocked_before(self, toks: list[_Token], i: int, text: str) -> bool:
        """"река Шу", "улица Абая": the word before says this is no region."""
        if i == 0 or text[toks[i - 1].end:toks[i].start].strip(" .«\"“"):
            return False
        return norm(toks[i - 1].text) in self._stop.block_before

    def _org_quoted(self, toks: list[_Token], i: int, text: str) -> bool:
        """завод «УРАЛ», ФК «Актобе»: a quoted name after an organisation noun."""
        if i == 0:
            return False
        gap = text[toks[i - 1].end:toks[i].start]
        return any(q in gap for q in _QUOTES) and norm(toks[i - 1].text) in self._stop.org_before

    def _is_person(self, toks: list[_Token], i: int, text: str) -> bool:
        """A given name followed by a surname in the same case (Нурсултан Назарбаев), or a
        surname after a given name or an initial (Динмухамед Конаев, Д. Конаев)."""
        word = norm(toks[i].text)
        if i + 1 < len(toks) and not text[toks[i].end:toks[i + 1].start].strip():
            nxt = toks[i + 1]
            if nxt.capital and not nxt.keys:
                surname = _cases(norm(nxt.text), "Surn")
                if _SURNAME_END.search(norm(nxt.text)):
                    surname |= {"nomn"}
                if self._name_cases(word) & surname:
                    return True
        surname = _cases(word, "Surn") or (frozenset(_CASES) if _SURNAME_END.search(word)
                                           else frozenset())
        if i > 0 and surname:
            prev = toks[i - 1]
            gap = text[prev.end:toks[i].start]
            if len(prev.text) == 1 and prev.capital and gap.strip() == ".":
                return True
            if prev.capital and not gap.strip() and not prev.keys:
                return bool(self._name_cases(norm(prev.text)) & surname)
        return False

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
                skel, choices, scorer=fuzz.ratio, limit=limit * 20, score_cutoff=55
            ):
                for ref in sorted(self._ix.fuzzy[choice], key=lambda r: r.code):
                    if ref not in out:
                        out.append(ref)
        return out[:limit]

    def region(self, code: str) -> RegionRef:
        return self._regions[code]

    def regions_of(self, country: str) -> list[RegionRef]:
        return sorted((r for r in self._regions.values() if r.country == country),
                      key=lambda r: norm(r.name))

    def regions(self) -> list[RegionRef]:
        return list(self._regions.values())

    def countries(self) -> list[tuple[str, str]]:
        return [(c.code, c.name)
                for c in sorted(self._countries.values(), key=lambda c: (c.order, c.name))]

    def digest(self) -> str:
        return self._digest


def _gap_is_phrase(text: str, start: int, end: int) -> bool:
    return all(ch in _PHRASE_GAP for ch in text[start:end])


def data_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every gazetteer data file shipped with the package."""
    folder = resources.files("storage.analysis").joinpath("data").joinpath("gazetteer")
    return [(f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml")]


def _cache_path(files: list[tuple[str, bytes]]) -> Path:
    # The engine's own source is part of the key, so a code change never meets a stale index.
    h = hashlib.sha256(ENGINE_VERSION.encode() + Path(__file__).read_bytes())
    for name, raw in sorted(files):
        h.update(name.encode() + b"\0" + raw + b"\0")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "regional-news-bot" / f"gazetteer-{h.hexdigest()[:24]}.pickle"


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the package's data files, once per process.

    Generating every case form of every name takes a second or two, so the built index is
    kept in the user's cache folder under the hash of the data and the engine version; a
    missing, stale or unreadable cache is simply rebuilt.
    """
    files = data_files()
    path = _cache_path(files)
    try:
        with path.open("rb") as f:
            loaded = pickle.load(f)
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    built = Gazetteer(files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(built, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home only costs the build time
    return built
