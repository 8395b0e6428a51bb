"""The role of each region an article names (SPEC): a ``party`` (a side of the cooperation, or
the place the article is about) or a ``mention`` (named in passing: a dateline, a consulate's
seat, a route's end, a venue, what a delegation was shown, another story's place).

A region named in the title or the lead, or in two sentences of the body, is a party, unless
each of those names is a passing one: right after a cue word ("консульство", "трасса",
"через"), a venue ("подписали в Бишкеке", "held in Almaty"), one end of a route joined to
another place by a dash ("Бишкек — Ош", "the Bishkek-Osh highway"), or inside a body sentence
that passes by (what a delegation was shown, "Ранее..." / "Earlier..." another story). The cue
words are data (``[roles]`` of ``data/relevance.toml``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from storage.analysis import morph
from storage.analysis.gazetteer.doc import Spot
from storage.analysis.model import RegionRef
from storage.analysis.name_context import (
    FROM,
    TAIL,
    TO,
    company_spans,
    dateline_like,
    event_name,
    firm_quoted,
    passing_name,
    route_start,
    shown,
    venue_pattern,
    visited,
    words_of,
)
from storage.analysis.relevance import load_vocabulary

_NEAR = 12  # characters between two names of one enumeration or route at most
_DASHES = frozenset("—–-")
_GAP_FILL = " \xa0«»\"“”'"  # what may stand around the dash between a route's two ends
_START = attrgetter("start")
_AS = frozenset({"как", "as"})  # "Как ранее сообщал «Башинформ», ...": an aside too
# "с" / "with" and at most two words before the first name of a list ("с городами",
# "with China's").
_WITH = re.compile(r"(?:^|\s)(?:с|со|with)\s+(?:[\w'’]+\s+){0,2}$", re.IGNORECASE)
# Between two names of a list, the first with its region noun ("с Челябинской областью,
# Санкт-Петербургом, Казанью").
_LIST_GAP = re.compile(
    r"\s+(?:област\w*|кра[ейяю]\w*|регион\w*|провинци\w*|region|province)\s*(?:,|и|and)\s+",
    re.IGNORECASE,
)
# A spot is a name's first word: the rest of the name or its region's noun may stand before the
# "и" / comma ("Республика Калмыкия, Краснодарский и Ставропольский края, Волгоградская").
_COORDINATION = re.compile(
    r"(?:[ \xa0]+(?:[А-ЯЁA-Z][\w-]*|кра[йяюе]\w*|област\w*|region\w*|province\w*))?"
    r"[\s«»\"“”]*(?:[,—–-]|и|или|and|or)?[\s«»\"“”]*"
)


@dataclass(frozen=True, slots=True)
class Zones:
    """Where the parts of the matched text are: title [0, title_end), the lead [lead_start,
    lead_end), the dateline's city [city_start, city_end); the rest is the body."""

    title_end: int
    lead_start: int
    lead_end: int
    city_start: int
    city_end: int


@dataclass(frozen=True, slots=True)
class Sentences:
    """The body's sentences in the matched text: where each starts (ascending) and its
    lemmas, so a name is looked up in its sentence without parsing it again."""

    starts: Sequence[int] = ()
    lemmas: Sequence[Sequence[str]] = ()


def _links(text: str, spots: Sequence[Spot]) -> tuple[set[int], set[int]]:
    """(names enumerated with the next one: "Ташкента и Самарканда", "Xi'an and Chongqing",
    "Бишкек — Ош" — a cue before the first speaks for both; names that are a route's ends:
    joined to another place by a dash, "трасса Бишкек — Ош", "the Bishkek-Osh highway",
    "Каракол — Кеген — Алматы", or "из X в Y", "автобус, следовавший из Бишкека в Ош")."""
    follows: set[int] = set()
    routes: set[int] = set()
    ends = [s.end for s in spots]
    near = [
        i for i, (a, b) in enumerate(zip(ends, spots[1:], strict=False)) if b.start - a <= _NEAR
    ]
    for i in near:
        a_spot, b_spot = spots[i], spots[i + 1]
        if _COORDINATION.fullmatch(text, a_spot.end, b_spot.start) is not None:
            follows.add(i)
        if a_spot.code == b_spot.code:
            continue
        gap = text[a_spot.end : b_spot.start].strip(_GAP_FILL)
        if (len(gap) == 1 and gap in _DASHES) or (
            gap in TO and text[max(0, a_spot.start - 6) : a_spot.start].lower().endswith(FROM)
        ):
            routes.update((i, i + 1))
    return follows, routes


def _long_lists(follows: set[int]) -> set[int]:
    """The names in enumerations of three or more ("органами Самарканда, Бухары, Хивы,
    Ташкента"): a capital among them is a city as the others are, no seat of government."""
    out: set[int] = set()
    for i in follows:
        if i + 1 in follows or i - 1 in follows:
            out.update((i, i + 1))
    return out


def _partner_lists(text: str, spots: Sequence[Spot], follows: set[int]) -> set[int]:
    """Names in a list of three or more after "с" / "with": a side's partners already ("мэрия
    Бишкека установила побратимские отношения с Челябинском, Екатеринбургом и Уфой", "has
    productive cooperation with Hubei, Shanxi and Shandong provinces") are the background of
    the news (labelling conventions: the region's other partners)."""
    out: set[int] = set()
    i = 0
    while i < len(spots):
        j = i
        while j in follows or (
            j + 1 < len(spots)
            and spots[j + 1].start - spots[j].end <= _NEAR + 8
            and _LIST_GAP.fullmatch(text, spots[j].end, spots[j + 1].start) is not None
        ):
            j += 1
        if j - i >= 2 and _WITH.search(text, max(0, spots[i].start - 30), spots[i].start):
            out.update(range(i, j + 1))
        i = j + 1
    return out


def assign_roles(
    regions: Sequence[RegionRef],
    spots: Sequence[Spot],
    text: str,
    zones: Zones,
    sentences: Sentences | None = None,
    countries: Sequence[str] = (),
) -> tuple[tuple[RegionRef, ...], frozenset[str]]:
    """``regions`` with their roles, from where (``spots``) the matched ``text`` names them,
    and the regions a company's name holds ("Xinjiang Lihua (Group) Co.": a mention, but its
    country is a side); ``sentences``: the body's sentences (their passing ones do not
    count); ``countries``: the countries the text names."""
    cues = load_vocabulary().roles
    venue_tail = venue_pattern(cues.venue_prepositions)
    sentences = sentences or Sentences()
    spots = sorted(set(spots), key=_START)  # one name may carry a region twice
    follows_next, routes = _links(text, spots) if len(spots) > 1 else (set(), set())
    partners = _partner_lists(text, spots, follows_next) if len(spots) > 2 else set()
    companies = (
        company_spans(text, cues.company_suffixes)
        if any(text[s.start].isascii() for s in spots)
        else []
    )
    firms: set[str] = set()  # in a company's name
    strong: set[str] = set()  # title or lead, not in passing
    hosts: set[str] = set()  # title or lead, in passing (a venue, a consulate's seat)
    body: dict[str, set[int]] = {}  # the body sentences naming it, not in passing
    acting: set[str] = set()  # named in a body sentence of two sides acting together
    named: set[str] = set()  # anywhere but the dateline
    passed = False  # whether the previous name was a passing one
    located = False  # whether it stood after "в" / "in": where something is, not a side
    settled: set[str] = set()  # a party whatever else names it: no need to look again
    governed: set[str] = set()  # capitals named with their own city hall ("мэр Душанбе")
    listed = _long_lists(follows_next)  # a capital among other places: the city itself
    title_end, city_start, city_end = zones.title_end, zones.city_start, zones.city_end
    for i, spot in enumerate(spots):
        code, start, end = spot
        follows = i in follows_next  # the next name inherits this one's cue
        if code in settled and not follows:
            # Most repeated names: nothing left to decide (a settled name is named already),
            # and the next name, no part of a list with this one, does not read ``passed``.
            continue
        coordinated = i - 1 in follows_next
        head = start < title_end
        if not head and (
            city_start <= start < city_end
            or dateline_like(text, start, end, start == zones.lead_start)
        ):
            passed = located = False
            continue
        named.add(code)
        in_head = head or zones.lead_start <= start < zones.lead_end
        k = -1 if in_head else bisect_right(sentences.starts, start) - 1
        if coordinated:
            passing, where = passed, located  # "консульства в Ташкенте и Самарканде"
        elif k >= 0 and cues.near.isdisjoint(sentences.lemmas[k]):
            # A body sentence without a cue word (one C test): no cue, no venue.
            passing = False
            where = venue_tail.search(text, max(start - TAIL, 0), start) is not None
        else:
            since = spots[i - 1].end if i else 0
            passing, where = passing_name(text, (since, start, end), cues, venue_tail)
        if not passing and event_name(text, end, cues):
            passing = True  # "the Moscow summit", "Ташкентский инвестиционный форум": a venue
        if code in cues.capitals and (
            i in listed
            or not cues.city_heads.isdisjoint(
                words_of(morph.fold(text[max(0, start - 25) : start]))[-2:]
            )
        ):
            governed.add(code)
        if code in cues.capitals and not passing and visited(text, start, end, cues):
            passing = True  # the capital a delegation visits: the country is the side
        if companies and any(a <= start < b for a, b in companies):
            firms.add(code)
            passing = True
        elif "«" in text[max(0, start - 60) : start] and firm_quoted(text, start):
            passing = True  # ТОО «Актобе и К»: a local firm's name, no place of the news
        if i in partners and k >= 0 and not cues.ties.isdisjoint(sentences.lemmas[k]):
            passing = True  # a side's standing partners
        passed = passing = passing or i in routes or route_start(text, start, end)
        located = where
        if passing and in_head and i not in routes:
            hosts.add(code)
        if code in strong or passing:
            continue
        if in_head:
            strong.add(code)
            settled.add(code)
            continue
        if k >= 0:
            lemmas = sentences.lemmas[k]
            if lemmas and (
                lemmas[0] in cues.aside_openers
                or (lemmas[0] in _AS and lemmas[1:2] and lemmas[1] in cues.aside_openers)
            ):
                continue  # "Ранее в Оше прошел фестиваль": another story
            if not cues.passing.isdisjoint(lemmas) and shown(
                text, start, sentences.starts[k], lemmas, cues
            ):
                continue
            if (
                (not located or not cues.sites.isdisjoint(lemmas))
                and not cues.sides.isdisjoint(lemmas)
                and cues.background.isdisjoint(lemmas)
            ):
                # "Tashkent region and Tatarstan signed agreements", not "agreed to open a
                # trade office in Osh"
                acting.add(code)
                settled.add(code)
        where_named = body.setdefault(code, set())
        where_named.add(k)
        if len(where_named) >= 2:
            settled.add(code)
    if not strong and len(countries) < 2:
        # No side in the title or the lead but the place things happen, and no second
        # country: a local item about that place ("В Ашхабаде прошел марафон"; a forum of
        # two countries in Kostanay keeps Kostanay a venue).
        strong = hosts
    parties = strong | acting | {code for code, sents in body.items() if len(sents) >= 2}
    if not strong and len(countries) < 2:
        # Nothing in the title or the lead, one country: a local item about what its body
        # names (a flood in four regions).
        parties |= set(body)
    if not parties and len(countries) < 2:
        # A short local item: what it names is what it is about (its dateline alone is only
        # where the wire wrote it: "Ashgabat, Turkmenistan, June 17" over a harvest story);
        # with two countries named, places named only in passing (a forum's city) stay
        # mentions.
        parties = set(body) or named
    elif not parties:
        parties = set(body)
    if len(countries) >= 2:
        # A capital named in the body only is its country's seat, the country the side ("the
        # dialogue that Ashgabat and Kazan have conducted", "Москва и Астана"), unless its own
        # city hall acts ("мэр Душанбе", "the hakimlik of Ashgabat").
        parties -= cues.capitals - strong - governed
    # Built outright: dataclasses.replace looks the fields up again for every region.
    roles = tuple(
        r if r.code in parties else RegionRef(r.code, r.name, r.country, "mention") for r in regions
    )
    return roles, frozenset(firms)
