"""The gazetteer's tables, built once from the data files: every surface form of every name,
the phrase table, abbreviations, fuzzy keys and the stop lists. Loading only; the matcher
(match.py) reads these tables and nothing here imports it."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from typing import Any

from storage.analysis import morph
from storage.analysis.gazetteer.forms import (
    SPELLING_MIN,
    STEM,
    any_adjective,
    compound_stems,
    is_cyrillic,
    norm,
    noun_forms,
    parses,
    skeleton,
    spelling,
    surfaces,
    variants,
    word_forms,
)
from storage.analysis.model import RegionRef

NAME, ADJ, COUNTRY = "name", "adj", "country"


@dataclass(frozen=True, slots=True)
class Target:
    """What a phrase names: a region (kind name or adj) or a country (kind country)."""

    kind: str
    country: str
    region: RegionRef | None = None


# Phrase prefixes being matched; a step through the phrase table: (the prefixes that go on,
# the targets of the phrases completed, the first of them or ()).
Frontier = tuple[tuple[str, ...], ...]
Step = tuple[Frontier, tuple[Target, ...], tuple[str, ...]]


@dataclass(slots=True)
class Country:
    code: str
    name: str
    order: int


@dataclass(slots=True)
class Stop:
    block_after: frozenset[str] = frozenset()
    block_before: frozenset[str] = frozenset()
    org_before: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    city_nouns: frozenset[str] = frozenset()
    district_nouns: frozenset[str] = frozenset()
    # A district noun in the genitive: "<village> <adjective> района" is that district's village.
    district_of: frozenset[str] = frozenset()
    # Between such a village and its district: "и", "village(s)", "area(s)", "of", "in".
    village_words: frozenset[str] = frozenset()
    village_of: frozenset[str] = frozenset()  # right before an English district: "of", "in"
    settlements: frozenset[str] = frozenset()  # "село": before a village of the oblast after it
    conjunctions: frozenset[str] = frozenset()  # "и", "and"
    common_words: frozenset[str] = frozenset()  # every form of places that are common nouns
    noun_keys: dict[str, str] = field(default_factory=dict)  # "областями" -> "область"
    given_names: frozenset[str] = frozenset()
    # After a name: the name is no place ("по пекинскому времени", "Beijing time").
    name_block_after: frozenset[str] = frozenset()
    # After a name and a dot: a site's address ("Almaty.tv"), no place.
    domains: frozenset[str] = frozenset()
    # A plural region noun after enumerated names -> the singular the names are listed with
    # ("Kashkadarya and Surkhandarya regions": "Kashkadarya Region").
    plural_nouns: dict[str, str] = field(default_factory=dict)
    # Region nouns as a text writes them ("region", "Region", "REGION"): a capitalised Latin
    # word right before one (or listed before it) is looked up by its nearest spelling.
    spelling_nouns: frozenset[str] = frozenset()
    # Places on both sides of a border (Хоргос): (name, region codes, the default first).
    twins: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(slots=True)
class Index:
    surface: dict[str, frozenset[str]] = field(default_factory=dict)  # surface -> word keys
    adj_keys: set[str] = field(default_factory=set)
    lemma_keys: dict[str, set[str]] = field(default_factory=dict)  # normal form -> word keys
    phrases: dict[tuple[str, ...], list[Target]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    nouns_only: dict[tuple[str, ...], bool] = field(default_factory=dict)
    abbrev: dict[str, list[Target]] = field(default_factory=dict)
    fuzzy: dict[str, set[RegionRef]] = field(default_factory=dict)  # skeleton -> regions
    stems: set[str] = field(default_factory=set)  # first letters of lemma_keys
    firsts: set[str] = field(default_factory=set)  # word keys that begin some phrase
    # A name's words by their spelling key (forms.spelling): a capitalised word no table
    # knows, spelled another way ("Djizzak", "Shimkent", "Tchuy") -> the name's word keys.
    spelled: dict[str, frozenset[str]] = field(default_factory=dict)
    # The word keys of one-word names of a region or country -> "", of the first word of
    # two-word names -> the second word ("namangan" -> "region"): which words name a region
    # or country alone or before a noun.
    heads: dict[str, set[str]] = field(default_factory=dict)

    def add_word(self, word: str) -> tuple[str, bool]:
        key = norm(word)
        forms, is_adj = word_forms(word)
        for f in forms:
            self.surface[f] = self.surface.get(f, frozenset()) | {key}
        if is_adj:
            self.adj_keys.add(key)
        if is_cyrillic(key):
            for p in parses(key):
                if norm(p.word) == key and "nomn" in p.tag:
                    lemma = norm(p.normal_form)
                    self.lemma_keys.setdefault(lemma, set()).add(key)
                    self.stems.add(lemma[:STEM])
        return key, is_adj

    def add_alias(
        self,
        alias: str,
        target: Target,
        *,
        exact: bool = False,
        adjective: bool = False,
        any_case: bool = False,
        spelled: bool = False,
    ) -> None:
        for variant in variants(alias) if not exact else {alias}:
            words = morph.tokenize(variant)
            if not words:
                continue
            if exact:
                keyed = [(norm(w), adjective) for w in words]
                for w in words:
                    self.surface[norm(w)] = self.surface.get(norm(w), frozenset()) | {norm(w)}
            else:
                keyed = [self.add_word(w) for w in words]
                for w, (k, _) in zip(words, keyed, strict=True) if spelled else ():
                    key = spelling(w)
                    if len(key) >= SPELLING_MIN:
                        self.spelled[key] = self.spelled.get(key, frozenset()) | {k}
                if spelled and len(keyed) <= 2:
                    head = self.heads.setdefault(keyed[0][0], set())
                    head.add(keyed[1][0] if len(keyed) == 2 else "")
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
                and not any(a or (len(keyed) > 1 and any_adjective(k)) for k, a in keyed)
            )
            self.firsts.add(phrase[0])
            for n in range(1, len(phrase) + 1):
                self.prefixes.add(phrase[:n])
        if target.region is not None and len(skeleton(alias)) > 3:
            self.fuzzy.setdefault(skeleton(alias), set()).add(target.region)

    def freeze(self) -> None:
        """Every surface form's keys as one shared frozenset per distinct set: the ~22,000
        forms of ~4,000 key sets then pickle (the disk cache) and load as ~4,000 objects (the
        cache read is a good part of the start)."""
        shared: dict[frozenset[str], frozenset[str]] = {}
        self.surface = {form: shared.setdefault(keys, keys) for form, keys in self.surface.items()}


@dataclass(slots=True)
class Tables:
    """Everything the data files define, ready for matching."""

    regions: dict[str, RegionRef] = field(default_factory=dict)
    cities: set[str] = field(default_factory=set)  # codes of cities that are regions
    countries: dict[str, Country] = field(default_factory=dict)
    ix: Index = field(default_factory=Index)
    stop: Stop = field(default_factory=Stop)
    digest: str = ""


def load_tables(files: list[tuple[str, bytes]]) -> Tables:
    """The tables of the (file name, bytes) data files; the digest names their contents."""
    digest = hashlib.sha256()
    tables = Tables()
    for name, raw in sorted(files):
        digest.update(name.encode() + b"\0" + raw + b"\0")
        data = tomllib.loads(raw.decode("utf-8"))
        if name == "stop.toml":
            tables.stop = _load_stop(data)
        else:
            _load_country(tables, data)
    for name, codes in tables.stop.twins:
        for code in codes:
            ref = tables.regions[code]
            tables.ix.add_alias(name, Target(NAME, ref.country, ref))
    tables.ix.freeze()
    tables.digest = digest.hexdigest()
    return tables


def _load_stop(data: dict[str, Any]) -> Stop:
    return Stop(
        block_after=surfaces(data.get("block_after", [])),
        block_before=surfaces(data.get("block_before", [])),
        org_before=surfaces(data.get("org_before", [])),
        region_nouns=surfaces(data.get("region_nouns", [])),
        city_nouns=surfaces(data.get("city_nouns", [])),
        district_nouns=surfaces(data.get("district_nouns", [])),
        district_of=frozenset(map(norm, data.get("district_of", []))),
        village_words=frozenset(
            map(norm, [*data.get("village_words", []), *data.get("village_of", []), "и", "and"])
        ),
        village_of=frozenset(map(norm, data.get("village_of", []))),
        settlements=surfaces(data.get("settlements", [])),
        conjunctions=frozenset({"и", "and"}),
        common_words=frozenset(f for w in data.get("common_words", []) for f in word_forms(w)[0]),
        given_names=frozenset(f for w in data.get("given_names", []) for f in word_forms(w)[0]),
        noun_keys=noun_forms([*data.get("region_nouns", []), *data.get("city_nouns", [])]),
        name_block_after=surfaces(data.get("name_block_after", [])),
        domains=frozenset(map(norm, data.get("domains", []))),
        plural_nouns={norm(k): norm(v) for k, v in data.get("plural_nouns", {}).items()},
        twins=tuple((t["name"], tuple(t["regions"])) for t in data.get("twin", [])),
        spelling_nouns=frozenset(
            f
            for w in data.get("spelling_nouns", [])
            for f in (w.lower(), w.lower().capitalize(), w.upper())
        ),
    )


def _load_country(tables: Tables, data: dict[str, Any]) -> None:
    c = data["country"]
    code = c["code"]
    tables.countries[code] = Country(code, c["name"], int(c.get("order", 99)))
    target = Target(COUNTRY, code)
    for alias in [c["name"], *c.get("names", [])]:
        tables.ix.add_alias(alias, target, spelled=True)
    for alias in c.get("adjectives", []):
        tables.ix.add_alias(alias, target)
    # The first half of a compound adjective ("казахстанско-китайский") names a country
    # as much as the second does.
    for adj in c.get("adjectives", []):
        for stem in compound_stems(adj):
            tables.ix.add_alias(stem, target, exact=True, adjective=True)
    for abbr in c.get("abbreviations", []):
        tables.ix.abbrev.setdefault(abbr, []).append(target)
    for r in data.get("region", []):
        _load_region(tables, code, r)


def _load_region(tables: Tables, country: str, r: dict[str, Any]) -> None:
    if r["code"] in tables.regions:
        raise ValueError(f"gazetteer: region {r['code']} defined twice")
    ref = RegionRef(r["code"], r["name"], country)
    tables.regions[ref.code] = ref
    if r.get("city", False):
        tables.cities.add(ref.code)
    named = Target(NAME, country, ref)
    # Only the region's own names are looked up by their spelling key: the places inside
    # are small towns whose look-alikes are other towns (Карасу, Кара-Суу; Bekabad, Bek-Abad).
    for alias in [r["name"], *r.get("names", [])]:
        tables.ix.add_alias(alias, named, spelled=True)
    for alias in r.get("places", []):
        tables.ix.add_alias(alias, named)
    for alias in r.get("forms", []):
        tables.ix.add_alias(alias, named, exact=True)
    for alias in r.get("adjectives", []):
        tables.ix.add_alias(alias, Target(ADJ, country, ref))
    for alias in r.get("demonyms", []):
        tables.ix.add_alias(alias, named, any_case=True)
    for abbr in r.get("abbreviations", []):
        tables.ix.abbrev.setdefault(abbr, []).append(named)
