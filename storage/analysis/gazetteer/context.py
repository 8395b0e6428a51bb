"""The context rules of the matcher: the words around a name that say it is no region here
(a river's or a street's name, a clock time's zone, a district of the place named next)."""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress

from storage.analysis.gazetteer.doc import Doc, Hit
from storage.analysis.gazetteer.forms import any_adjective
from storage.analysis.gazetteer.index import COUNTRY, NAME, Index, Stop

_LIST_AHEAD = 6  # words after a name that may list more names before a region noun
_JOINS = frozenset({"и", "или", "and", "or"})
_VILLAGE_REACH = 8  # words after a village where its district's noun may stand
_NORM = operator.attrgetter("norm")  # a token's normal form, as a C function for map()


def blocked_before(doc: Doc, i: int, end: int, stop: Stop) -> bool:
    """ "река Шу", "улица Абая": the word before says this is no region -- unless a
    region noun ends or follows the name ("озер Жетысуской области": the lakes are in
    the region, which the text names in full)."""
    if i == 0 or doc.gaps[i].strip(' .«"“'):
        return False
    before = doc.toks[i - 1].norm
    if before not in stop.block_before:  # most names: one test
        return before == "по" and clock_zone(doc, i - 1)  # "в 14:00 по Москве": a time zone
    if before == "по" and clock_zone(doc, i - 1):
        return True
    nouns = stop.region_nouns
    toks = doc.toks
    if end > i and toks[end].norm in nouns:
        return False
    # The noun may follow a list of adjectives: "на реках Жамбылской и Южно-Казахстанской
    # областей" (the rivers of two oblasts; "река Или, Алматинская область" stays a river).
    if not any_adjective(toks[end].norm):
        return True
    k = end + 1
    while (
        k < len(toks)
        and k - end <= _LIST_AHEAD
        and doc.gaps[k].strip() in ("", ",")
        and (toks[k].norm in _JOINS or toks[k].keys)
        and toks[k].norm not in nouns
    ):
        k += 1
    return not (k < len(toks) and toks[k].norm in nouns and not doc.gaps[k].strip())


def place_follows(doc: Doc, j: int, ix: Index) -> bool:
    """Whether token j is directly followed by a capitalised place word (a district noun
    then names the city or oblast it belongs to)."""
    k = j + 1
    return (
        k < len(doc.toks)
        and doc.toks[k].capital
        and bool(doc.toks[k].keys)
        and not doc.gaps[k].strip()
        and not _names_country(doc.toks[k].keys, ix)
    )


def _names_country(keys: Iterable[str], ix: Index) -> bool:
    """Whether a word names a country only ("районе Таджикистана", "Кыргызской
    Республики"): a district of a country is still the district."""
    targets = [t for key in keys for t in ix.phrases.get((key,), ())]
    return bool(targets) and all(t.kind == COUNTRY for t in targets)


def clock_zone(doc: Doc, j: int) -> bool:
    """Whether token j is the "по" of a clock time's zone: "14:00 по", "10.30 по"."""
    return (
        j >= 2
        and doc.toks[j].norm == "по"
        and doc.toks[j - 1].text.isdigit()
        and doc.gaps[j - 1] in (":", ".")
        and doc.toks[j - 2].text.isdigit()
    )


def drop_villages_of_other_districts(doc: Doc, hits: list[Hit], ix: Index, stop: Stop) -> list[Hit]:
    """``hits`` without the villages named before a district of another region (see
    ``village_of_other_district``). Only a hit with a district noun two to eight words after it
    can be one (the rule returns False unless it reaches such a noun), so the nouns are found
    first, in one C pass over the tokens, and only the hits before one are looked at."""
    toks = doc.toks
    nouns = list(compress(range(len(toks)), map(stop.district_of.__contains__, map(_NORM, toks))))
    if not nouns:
        return hits  # most texts
    return [
        h
        for h in hits
        if not (_noun_within(nouns, h.pos) and village_of_other_district(doc, h, ix, stop))
    ]


def _noun_within(nouns: list[int], pos: int) -> bool:
    """Whether a district noun (``nouns``: their token indexes, ascending) stands two to
    ``_VILLAGE_REACH`` words after token ``pos``."""
    k = bisect_left(nouns, pos + 2)
    return k < len(nouns) and nouns[k] <= pos + _VILLAGE_REACH


def village_of_other_district(doc: Doc, hit: Hit, ix: Index, stop: Stop) -> bool:
    """ "в селе Акдепе Бахерденского этрапа", "в селах Байзак и Кен-Суу Тюпского района", "the
    Kara-Suu areas of Aksy district": a village named like a place of one region (Акдепе,
    Dashoguz's etrap; Байзак, Zhambyl's district; Kara-Suu, Osh's town) before the district it
    is in, which the data puts in another region. The district's own hit names the region;
    the village's name does not. Only names, "и" and a settlement's words may stand between;
    a Russian district in another case ("в Бишкеке и Сокулукском районе") or an English one
    without "of" / "in" right before it ("Bishkek and Aksy district") is a list of peers; a
    district the data does not know keeps the name."""
    toks, gaps = doc.toks, doc.gaps
    own = {t.region.code for t in hit.targets if t.kind == NAME and t.region is not None}
    if not own:
        return False
    joined = False  # an "и" / "and" between: in English, peers unless "areas"/"villages" follow
    village = False  # "village(s)", "area(s)" between
    for a in range(hit.pos + 1, min(hit.pos + _VILLAGE_REACH, len(toks) - 1)):
        norm = toks[a].norm
        if gaps[a].strip('- «»"“”'):
            return False  # (quotes may close a name: the "Gulistan" mahalla of Sokh district)
        if norm in stop.village_words:
            joined = joined or norm in stop.conjunctions
            village = village or (norm not in stop.conjunctions and norm not in stop.village_of)
            continue
        if not toks[a].capital:
            return False
        noun = toks[a + 1].norm
        if noun not in stop.district_of or gaps[a + 1].strip():
            continue
        if noun.isascii() and (toks[a - 1].norm not in stop.village_of or (joined and not village)):
            return False
        if noun == "области" and (
            a != hit.pos + 1 or hit.pos == 0 or toks[hit.pos - 1].norm not in stop.settlements
        ):
            # Only "в селе Жамбыл Костанайской области": "Туркестанская и Жамбылская области"
            # are peers, "районом Бувайда Согдийской области" a district the data places.
            return False
        district = {
            t.region.code
            for x in toks[a].keys
            for y in toks[a + 1].keys
            for t in ix.phrases.get((x, y), ())
            if t.region is not None
        }
        return bool(district) and district.isdisjoint(own)
    return False
