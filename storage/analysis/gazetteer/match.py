"""The region matcher: which first-level subdivisions and countries a text names, and which
region a user means by a query."""

from __future__ import annotations

import operator
from collections.abc import Iterator

from rapidfuzz import fuzz, process

import storage.analysis.gazetteer.persons as persons
from storage.analysis.gazetteer.context import (
    blocked_before,
    drop_villages_of_other_districts,
    place_follows,
)
from storage.analysis.gazetteer.doc import Doc, Hit, Spot
from storage.analysis.gazetteer.forms import (
    agrees_as_adjective,
    norm,
    sentence_start,
    skeleton,
)
from storage.analysis.gazetteer.index import ADJ, COUNTRY, NAME, Target, load_tables
from storage.analysis.gazetteer.tokens import Tokenizer
from storage.analysis.model import RegionRef

_QUOTES = frozenset("«»\"“”„'")
_POS = operator.attrgetter("pos")  # a hit's token index, as a C function for sorting
_TARGETS = operator.attrgetter("targets")  # a hit's places, the same way
# What may stand between two words of one name: spaces, line breaks, hyphens and dashes
# (stripped away, a gap of these only leaves nothing, with no set built per gap).
_PHRASE_GAP = " \t\r\n\xa0-‐‑–—"
_CONJUNCTIONS = frozenset({"и", "или", "либо"})
_LATIN_CONJUNCTIONS = frozenset({"and", "or", "va"})
_INTRODUCERS = frozenset("-–—:(")  # between a plural noun and the names it introduces
# rapidfuzz ratio (0-100) a suggestion needs: one or two wrong letters in a name score 80+
# ("Шымкен" 93, "Тараc" 80), random words at most about 73 against some place ("qwerty").
_FUZZY_CUTOFF = 76


class Gazetteer:
    """Regions and countries of the seven covered countries, and a matcher over text."""

    def __init__(self, files: list[tuple[str, bytes]]) -> None:
        tables = load_tables(files)
        self._regions = tables.regions
        self._cities = tables.cities
        self._countries = tables.countries
        self._ix = tables.ix
        self._stop = tables.stop
        self._digest = tables.digest
        self._tok = Tokenizer(tables.ix, tables.stop)

    # ---- matching ------------------------------------------------------------------------

    def find(
        self, text: str, parts: list[str] | None = None
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...]]:
        """Regions the text names (order of first mention) and countries (sorted alpha-2);
        ``parts``: ``split_words(text)`` if the caller has it already."""
        regions, countries, *_ = self.find_spots(text, parts)
        return regions, countries

    def find_spots(
        self, text: str, parts: list[str] | None = None, word_starts: list[int] | None = None
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...], list[Spot], frozenset[str]]:
        """As ``find``, with every place a region is named at (its code, start, end in
        ``text``), so the caller can tell a party from a passing mention, and the countries
        named as such (a name, an adjective, an abbreviation: not only through a place of
        theirs); ``word_starts``: where each word of ``parts`` begins, if the caller has
        counted it."""
        doc, starts = self._tok.scan(text, parts, word_starts)
        hits = list(self._hits_in(doc, starts, query=False))
        # "в селе Акдепе Бахерденского этрапа": a village of a district the text names.
        hits = drop_villages_of_other_districts(doc, hits, self._ix, self._stop)
        self._settle_twins(doc, hits)
        regions, countries, named = self._settle(hits, query=False)
        found = {r.code for r in regions}
        at, toks = doc.starts(), doc.toks  # one list for every spot, not a call per spot
        spots = [
            Spot(t.region.code, at[h.pos], at[h.pos] + len(toks[h.pos].text))
            for h in hits
            for t in h.targets
            if t.region is not None and t.region.code in found
        ]
        return regions, countries, spots, frozenset(named)

    def _settle_twins(self, doc: Doc, hits: list[Hit]) -> None:
        """A name on both sides of a border (Хоргос) means the side its context names: one of
        the two regions named elsewhere, else a country named just before it ("китайский
        Хоргос") or in brackets after it ("Хоргос (КНР)"), else the country whose other regions
        the text names ("Балыкчи и Исфана": Kyrgyz), else the first of the data's list."""
        if max(map(len, map(_TARGETS, hits)), default=0) < 2:
            return  # most texts: a hit of one place has no choice (one C pass to tell)
        named: set[str] | None = None  # the places of one-place hits, once a twin needs them
        for h in [h for h in hits if len(h.targets) > 1]:
            refs = [t.region for t in h.targets if t.kind == NAME and t.region is not None]
            if len(refs) < 2 or len({r.country for r in refs}) < 2:
                continue  # most: an adjective of a city and its oblast, no border between
            if named is None:
                named = _single_places(hits)
            chosen = [r for r in refs if r.code in named]
            if len(chosen) != 1:
                near = self._country_before(doc, h.pos) or self._country_after(doc, h.pos)
                sides = {near} if near else {code[:2] for code in named}
                chosen = [r for r in refs if r.country in sides] or refs
            keep = chosen[0]
            h.targets = tuple(t for t in h.targets if t.region is None or t.region == keep)

    def _country_before(self, doc: Doc, pos: int) -> str:
        """The country a word among the few before token ``pos`` names, or ""."""
        for k in range(pos - 1, max(-1, pos - 5), -1):
            if any(ch in doc.gaps[k + 1] for ch in ".!?"):
                break
            for key in doc.toks[k].keys:
                for t in self._ix.phrases.get((key,), []):
                    if t.kind == COUNTRY:
                        return t.country
        return ""

    def _country_after(self, doc: Doc, pos: int) -> str:
        """The country named right after token ``pos`` in brackets or after a comma
        ("Хоргос (КНР)", "KHORGOS, China"), or "" ("через Хоргос в Китай" names where goods
        go, not the side of the crossing)."""
        k = pos + 1
        if k >= len(doc.toks) or doc.gaps[k].strip() not in ("(", ","):
            return ""
        tok = doc.toks[k]
        for t in self._ix.abbrev.get(tok.text, ()):
            if t.kind == COUNTRY:
                return t.country
        for key in tok.keys:
            for t in self._ix.phrases.get((key,), []):
                if t.kind == COUNTRY:
                    return t.country
        return ""

    def _settle(
        self, hits: list[Hit], *, query: bool
    ) -> tuple[tuple[RegionRef, ...], tuple[str, ...], set[str]]:
        """(regions in order of first mention, countries named or through a region, the
        countries named as such)."""
        named: set[str] | None = None  # the regions named by name: asked for a choice only
        regions: dict[str, RegionRef] = {}
        countries: set[str] = set()
        outright: set[str] = set()
        for h in sorted(hits, key=_POS):
            if len(h.targets) == 1:  # most hits: one place, nothing to choose
                target = h.targets[0]
                if target.region is not None:
                    regions.setdefault(target.region.code, target.region)
                    countries.add(target.region.country)
                if target.kind == COUNTRY:
                    outright.add(target.country)
                continue
            if named is None:
                named = {
                    t.region.code for x in hits for t in x.targets if t.kind == NAME and t.region
                }
            for ref in self._choose(h, named, query=query):
                regions.setdefault(ref.code, ref)
                countries.add(ref.country)
            outright.update(t.country for t in h.targets if t.kind == COUNTRY)
        return tuple(regions.values()), tuple(sorted(countries | outright)), outright

    def _choose(self, hit: Hit, named: set[str], *, query: bool) -> list[RegionRef]:
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

    def _hits(self, text: str, *, query: bool, parts: list[str] | None = None) -> Iterator[Hit]:
        doc, starts = self._tok.scan(text, parts)
        return self._hits_in(doc, starts, query=query)

    def _hits_in(self, doc: Doc, starts: list[int], *, query: bool) -> Iterator[Hit]:
        toks, gaps = doc.toks, doc.gaps
        abbrev = self._ix.abbrev
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
                yield Hit(i, tuple(abbr))
                i += 1
                continue
            if (
                not query
                and i + 1 < len(toks)
                and ("," in gaps[i + 1] or toks[i + 1].norm in _LATIN_CONJUNCTIONS)
                and tok.capital
                and not tok.adjective
            ):
                run = self._noun_run(doc, i)
                if run is not None:  # "Kashkadarya and Surkhandarya regions"
                    i, hits = run
                    yield from hits
                    continue
            end, targets, phrase = self._longest(doc, i)
            adjective = end == i and tok.adjective
            # Nothing can match here ("области" that only continues a name): skip it before
            # the context rules run; blocked or not, the outcome is the same.
            if (not targets and not adjective) or blocked_before(doc, i, end, self._stop):
                i += 1
                continue
            if adjective:
                if not query and persons.adjective_surname(doc, i, self._stop.given_names):
                    i += 1  # "Сергей Брянский": a surname shaped like a place adjective
                    continue
                nxt, hits = self._adjective_run(doc, i)
                yield from hits
                i = nxt
                continue
            if targets and self._accept(doc, i, end, phrase, query=query):
                yield Hit(i, tuple(targets))
                i = end + 1
                continue
            i += 1

    def _longest(self, doc: Doc, i: int) -> tuple[int, tuple[Target, ...], tuple[str, ...]]:
        """The longest phrase of the table starting at token i: (last index, targets, phrase)."""
        toks, gaps = doc.toks, doc.gaps
        frontier, targets, phrase = toks[i].first  # the one-word step, computed once per word
        best = (i, targets, phrase)
        steps = self._tok.steps  # the further steps, each computed once
        j = i + 1
        while frontier and j < len(toks) and toks[j].keys and not gaps[j].strip(_PHRASE_GAP):
            frontier, targets, phrase = steps[frontier, toks[j].keys]
            if phrase:
                best = (j, targets, phrase)
            j += 1
        return best

    def _accept(self, doc: Doc, i: int, end: int, phrase: tuple[str, ...], *, query: bool) -> bool:
        """Whether a matched name is really the place: capitalised, not an organisation's
        quoted name, not a district of another place, not an adjective, not a person."""
        if query:
            return True
        toks, gaps, stop = doc.toks, doc.gaps, self._stop
        if i and toks[i - 1].norm in stop.org_before and not _QUOTES.isdisjoint(gaps[i]):
            return False  # завод «УРАЛ», ФК «Актобе»: a quoted name after an organisation noun
        if toks[end].norm in stop.district_nouns and place_follows(doc, end, self._ix):
            return False  # "Нарынский район Наманганской области": that oblast's district
        if self._ix.nouns_only.get(phrase, True) and not self._proper_noun(doc, i, end):
            return False
        if end + 1 < len(toks):
            after, gap = toks[end + 1].norm, gaps[end + 1]
            if after in stop.name_block_after and not gap.strip():
                return False  # "Beijing time": a time zone, no place
            if gap == "." and after in stop.domains:
                return False  # "передает Almaty.tv": a site's address, the outlet
        return not (end == i and persons.is_person(doc, i, stop.given_names, self._ix.heads))

    def _proper_noun(self, doc: Doc, i: int, end: int) -> bool:
        """A name made of nouns only counts as a proper noun: capitalised, not an adjective
        agreeing with the next word, not a common noun whose capital comes from a sentence
        start."""
        toks = doc.toks
        if not (toks[i].capital or any(t.capital for t in toks[i + 1 : end + 1])):
            return False
        if (
            end + 1 < len(toks)
            and not doc.gaps[end + 1].strip()
            and agrees_as_adjective(toks[end].norm, toks[end + 1].norm)
        ):
            return False  # "на Каспийском море": an adjective, not the city Каспийск
        # "Находка для аграриев": a capital only because a sentence starts.
        return not (
            end == i
            and toks[i].norm in self._stop.common_words
            and sentence_start(doc.text, doc.start(i))
        )

    def _adjective_run(self, doc: Doc, i: int) -> tuple[int, list[Hit]]:
        """Adjectives enumerated up to one noun: "с Джизакской, Наманганской и Навоийской
        областями" -> each adjective joined with the noun, looked up as a phrase first."""
        toks, gaps, adj_keys = doc.toks, doc.gaps, self._ix.adj_keys
        run = [i]
        j = i + 1
        while j < len(toks):
            gap = gaps[j].strip()
            if gap == "," and toks[j].adjective:
                run.append(j)
                j += 1
            elif (
                gap == ""
                and toks[j].norm in _CONJUNCTIONS
                and j + 1 < len(toks)
                and toks[j + 1].adjective
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
        if noun_surface in self._stop.district_nouns and place_follows(doc, j, self._ix):
            return j, []  # "в Свердловском районе Бишкека": a district of what follows
        hint = (
            "region"
            if noun_surface in self._stop.region_nouns
            else "city"
            if noun_surface in self._stop.city_nouns
            else ""
        )
        hits: list[Hit] = []
        noun_keys = set(noun.keys) if noun else set()
        if noun_surface in self._stop.noun_keys:
            noun_keys.add(self._stop.noun_keys[noun_surface])
        for a in run:
            targets = self._phrase(toks[a].keys, frozenset(noun_keys))
            if targets:
                hits.append(Hit(a, tuple(targets)))
                continue
            keys = toks[a].keys
            if noun is not None and agrees_as_adjective(toks[a].norm, noun_surface):
                # Read as an adjective of the next word, the token is not also the noun place
                # it could be a form of ("Уральском федеральном округе" is no Уральск).
                keys = keys & adj_keys
            single = self._phrase(keys, None)
            if single:
                hits.append(Hit(a, tuple(single), hint))
        return run[-1] + 1, hits

    def _noun_run(self, doc: Doc, i: int) -> tuple[int, list[Hit]] | None:
        """Names enumerated before one plural region noun ("Kashkadarya and Surkhandarya
        regions", "Akmola, North Kazakhstan and Pavlodar regions", "Akmola, Kostanay and other
        regions"): each joined with the noun, as
        "Kashkadarya Region" (a bare "Akmola" is Astana's old name, "Almaty" the city). None
        when it is no such enumeration or an item is no "<name> Region"."""
        toks, gaps = doc.toks, doc.gaps
        if i + 1 >= len(toks) or gaps[i + 1].strip() not in ("", ","):
            return None
        run = [(i, i)]  # each name's first and last word ("North Kazakhstan": two)
        other = False  # "Akmola, Kostanay and other regions"
        inside: list[Hit] = []  # places named in brackets within the list
        j = i + 1
        while j < len(toks):
            gap = gaps[j].strip()
            if gap == "(":  # "Osh, Jalal-Abad (Nooken district) and Talas regions" goes on
                close = self._bracket(doc, j, inside)
                if not close:
                    break
                j, gap = close, gaps[close].replace(")", "", 1).strip()
            if gap not in ("", ","):
                break
            if not gap and run[-1][0] == run[-1][1] == j - 1 and toks[j].capital and toks[j].keys:
                run[-1] = (j - 1, j)  # a name's second word
                j += 1
                continue
            if toks[j].norm in _LATIN_CONJUNCTIONS and j + 1 < len(toks):
                j += 1
                if gaps[j].strip():
                    return None
                if toks[j].norm == "other":
                    other = True
                    j += 1
                    break
            elif gap != ",":
                break
            if not (toks[j].capital and toks[j].keys):
                return None
            run.append((j, j))
            j += 1
        if len(run) < 2 - other:
            return None
        after = j < len(toks) and not gaps[j].strip()
        singular = self._stop.plural_nouns.get(toks[j].norm) if after else None
        if singular is None and not other:
            singular = self._noun_before(doc, i)  # "five provinces - Akhal, Balkan and Mary"
            j = run[-1][1]
        if singular is None:
            return None
        hits: list[Hit] = []
        for a, b in run:
            if a == b:
                targets = self._phrase(toks[a].keys, frozenset({singular}))
            else:
                phrases = self._ix.phrases
                targets = tuple(
                    t
                    for x in toks[a].keys
                    for y in toks[b].keys
                    for t in phrases.get((x, y, singular), [])
                )
            if not targets:
                return None
            hits.append(Hit(a, tuple(dict.fromkeys(targets))))
        return j + 1, hits + inside

    def _bracket(self, doc: Doc, start: int, hits: list[Hit]) -> int:
        """The token after a bracket opened before ``start`` (0: none), its places to ``hits``."""
        ahead = range(start + 1, min(start + 8, len(doc.toks)))
        close, k = next((m for m in ahead if ")" in doc.gaps[m]), 0), start
        while k < close:
            end, targets, phrase = self._longest(doc, k)
            if targets and end < close and self._accept(doc, k, end, phrase, query=False):
                hits.append(Hit(k, tuple(targets)))
                k = end
            k += 1
        return close

    def _noun_before(self, doc: Doc, i: int) -> str | None:
        """The singular of a plural region noun that introduces the names from token i on
        after a dash, a colon or a bracket ("provinces - Akhal, Balkan, Lebap and Mary")."""
        if i == 0 or not _INTRODUCERS.intersection(doc.gaps[i]):
            return None
        return self._stop.plural_nouns.get(doc.toks[i - 1].norm)

    def _phrase(self, first: frozenset[str], second: frozenset[str] | None) -> tuple[Target, ...]:
        # Worked out once per pair (Tokenizer._phrase), keyed by the keys in their order.
        return self._tok.phrases[tuple(first), None if second is None else tuple(second)]

    # ---- queries -------------------------------------------------------------------------

    def resolve(self, query: str) -> RegionRef | None:
        """The region a user means by ``query``: any case form, any case of letters, Latin,
        old names, abbreviations, or a city inside the region. None when nothing fits."""
        q = " ".join(query.split())[:200]
        if not q:
            return None
        if q.upper() in self._regions:  # an ISO code typed as is: "KZ-31"
            return self._regions[q.upper()]
        regions, *_ = self._settle(list(self._hits(q, query=True)), query=True)
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


def _single_places(hits: list[Hit]) -> set[str]:
    """The regions named by the hits of one place."""
    return {t.region.code for h in hits if len(h.targets) == 1 for t in h.targets if t.region}
