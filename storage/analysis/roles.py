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
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter

from storage.analysis import morph
from storage.analysis.gazetteer.doc import Spot
from storage.analysis.model import RegionRef
from storage.analysis.relevance import RoleCues, load_vocabulary
from storage.analysis.role_datelines import dateline_like, title_dateline
from storage.analysis.role_lists import TO, links, long_lists, partner_lists
from storage.analysis.role_lists import words as _words
from storage.analysis.role_names import (
    CONTEXT,
    TAIL,
    checkpoint_name,
    company_spans,
    event_name,
    firm_quoted,
    hosts_event,
    passing_name,
    route_start,
    venue_tail_pattern,
)

_START = attrgetter("start")
_LISTED = re.compile(r"\s*(?:,|и|and|,\s*and)\s*")  # between two names of a list
_AS = frozenset({"как", "as"})  # "Как ранее сообщал «Башинформ», ...": an aside too


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
    # The lemmas of the words before the lead's end (the title's and the lead's), if the caller
    # has them: else they are split and lemmatised again when a rule asks.
    head: Sequence[str] | None = None


def _guest_event(title: str, lemmas: Collection[str], cues: RoleCues) -> bool:
    """Whether a sentence tells of one country's event held in another's places, the event
    the article is about, its title naming it too ("Когда и где пройдут дни российской
    культуры"; not "Kazakhstan Culture Days were recently held in Moscow" among a summit's
    results)."""
    found = [e for e in cues.guest_events if e <= set(lemmas)]
    if not found:
        return False
    head = {morph.lemma(w) for w in _words(title)}
    return any(e <= head for e in found)


def _head_meets(text: str, spot: Spot, previous: Spot | None, cues: RoleCues) -> bool:
    """Whether a region's head stands right before its name ("с акимом Атырауской области",
    "the Hakim of Turkmenistan's Balkan Province"), or the name goes on a list of such heads
    (``previous``: the name before it, if its head met) within a clause."""
    start = spot.start
    if previous is not None:
        gap = text[previous.end : start]
        if len(gap) <= 50 and not any(c in gap for c in ".;:!?\n"):
            return True
    return not cues.region_heads.isdisjoint(
        _words(morph.fold(text[max(0, start - 30) : start]))[-3:]
    )


_AT = TO | {"in"}  # "arrived in Ashgabat"
_SENTENCE = 150  # characters around a capital where a visit's traveller or word is looked for


def _visited(text: str, start: int, end: int, cues: RoleCues) -> bool:
    """Whether a capital is where a visit goes ("Делегация КНР прибыла в Ташкент", "прилетел с
    рабочим визитом в столицу Таджикистана Душанбе", "Сегодня в Ташкент с рабочим визитом
    приехала делегация", "has recently visited Astana"): the venue of talks with its country's
    government (labelling conventions), not a side."""
    before = morph.fold(text[max(0, start - CONTEXT) : start])
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    words = _words(before, cut + 1)[-8:]
    after = morph.fold(text[end : end + 40])
    ahead = _words(after, 0, after.find(".") % 41)[:4]
    if _AT.intersection(words[-3:]) and not cues.arrivals.isdisjoint(words):
        # roles12: the traveller anywhere in the sentence before ("Denis Afanasyev,
        # Vice-Governor and Chairman of the Government of Russia's Astrakhan Region, came to
        # Ashgabat").
        wide = morph.fold(text[max(0, start - _SENTENCE) : start])
        edge = max(wide.rfind("."), wide.rfind("!"), wide.rfind("?"), wide.rfind("\n"))
        if not cues.travellers.isdisjoint(_words(wide, edge + 1) + ahead):
            return True  # "Делегация КНР прибыла в Ташкент", not "В Ташкент прибыл поезд"
    if not cues.visit.isdisjoint(words) and cues.visit.isdisjoint(ahead):
        return bool(TO.intersection(words[-3:])) or words[-1:] == ["visited"]
    if not words or words[-1] not in TO:
        return False
    # roles12: the visit's word anywhere in the rest of the sentence ("Сегодня в Ташкенте по
    # приглашению Президента Республики Узбекистан с двухдневным визитом находится ...").
    rest = morph.fold(text[end : end + _SENTENCE])
    return not cues.visit.isdisjoint(_words(rest, 0, rest.find(".") % (_SENTENCE + 1))[:12])


def _linked_route(
    text: str, spots: Sequence[Spot], i: int, routes: set[int], cues: RoleCues
) -> bool:
    """Whether a route's end is one of a flight's between two countries ("рейс Душанбе —
    Самарканд", "flights on the Almaty - Chengdu route", "рейс из Барнаула в Худжанд", "the
    Kazan - Bukhara flights"): the flight is the news about both ends, no road passed by."""
    spot = spots[i]
    pair = [j for j in (i - 1, i + 1) if j in routes and spots[j].code[:2] != spot.code[:2]]
    if not pair:
        return False
    first = min(spot.start, spots[pair[0]].start)
    last = max(spot.end, spots[pair[0]].end)
    before = morph.fold(text[max(0, first - CONTEXT) : first])
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    # (or right after it: "the Kazan - Bukhara flights")
    after = _words(morph.fold(text[last : last + 25]))[:2]
    return not cues.route_links.isdisjoint(_words(before, cut + 1) + after)


def _shown(
    text: str, start: int, sentence_start: int, lemmas: Sequence[str], cues: RoleCues
) -> bool:
    """Whether a name stands after a sentence's passing word ("показали ... в Уфе"): what a
    delegation was shown passes by, the guests named before it do not."""
    first = next(k for k, lemma in enumerate(lemmas) if lemma in cues.passing)
    return len(morph.tokenize(text[sentence_start:start])) > first


def _departs(
    text: str, spots: Sequence[Spot], code: str, k: int, starts: Sequence[int], cues: RoleCues
) -> bool:
    """Whether the other country's name in body sentence ``k`` (or the list it closes: "из
    Алматы и Новосибирска") stands right after where things leave from ("увеличить число
    прямых рейсов из Алматы и Новосибирска", "has left Almaty for Jinan", "70 kilometers from
    Almaty"): a flight's or a distance's start, no side."""
    j = next(
        (
            j
            for j, s in enumerate(spots)
            if s.code == code and bisect_right(starts, s.start) - 1 == k
        ),
        None,
    )
    if j is None:
        return False
    while j and _LISTED.fullmatch(text, spots[j - 1].end, spots[j].start):
        j -= 1
    start = spots[j].start
    return not cues.departures.isdisjoint(_words(morph.fold(text[max(0, start - 20) : start]))[-1:])


def _counterparts(
    text: str,
    spots: Sequence[Spot],
    strong: Collection[str],
    body: dict[str, set[int]],
    sentences: Sentences,
    lead_end: int,
    cues: RoleCues,
) -> set[str]:
    """The other side when the sides known (``strong``: the head's, or the body's when the
    head names none) are one country's: a region of another country named once in the body,
    the only one of its country in its sentence, that sentence naming one of those sides too
    ("On Feb 26 the foundation stone was laid for a railway bridge linking the province's
    Tongjiang city with Russia's Jewish Autonomous Oblast" under "Heilongjiang leads China
    in business with Russia"); not in a sentence of what was done before ("подписанного два
    года назад меморандума") or of a roster of guests ("Khabirov's programme in Kazakhstan
    includes meetings with ... the Governor of West Kazakhstan region")."""
    own = {code[:2] for code in strong}
    found: set[str] = set()
    if len(own) != 1:
        return found
    once = [(code, min(where)) for code, where in body.items() if len(where) == 1]
    once = [(code, k) for code, k in once if code[:2] not in own]
    if not once:
        return found
    # The body sentences naming a side from the head.
    starts = sentences.starts
    sides = {
        bisect_right(starts, s.start) - 1 for s in spots if s.code in strong and s.start >= lead_end
    }
    crowd = Counter((code[:2], k) for code, k in once)
    for code, k in once:
        if (
            k in sides
            and crowd[code[:2], k] == 1
            and not _departs(text, spots, code, k, starts, cues)
        ):
            lemmas = sentences.lemmas[k]
            if cues.background.isdisjoint(lemmas) and cues.roster.isdisjoint(lemmas):
                found.add(code)
    return found


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
    vocabulary = load_vocabulary()
    cues, meeting = vocabulary.roles, vocabulary.meeting.keys()

    headed = False  # whether the previous name was a region's whose head meets
    venue_tail = venue_tail_pattern(cues.venue_prepositions)
    sentences = sentences or Sentences()
    head_lemmas: list[frozenset[str]] = []  # the title's and the lead's, once asked for

    def _lemmas(k: int) -> Collection[str]:
        # A body sentence's lemmas, or (k < 0) the title's and the lead's.
        if k >= 0:
            return sentences.lemmas[k]
        if not head_lemmas:
            head = sentences.head
            if head is None:
                head = list(map(morph.lemma, _words(text[: zones.lead_end])))
            head_lemmas.append(frozenset(head))
        return head_lemmas[0]

    def _meeting(k: int) -> bool:
        # A meeting's sentence, not a roster of those present ("На встрече присутствовали мэр
        # Оша, полпред в Ошской области").
        lemmas = _lemmas(k)
        return not meeting.isdisjoint(lemmas) and cues.roster.isdisjoint(lemmas)

    spots = sorted(set(spots), key=_START)  # one name may carry a region twice
    pairs = links(text, spots, cues.crossings) if len(spots) > 1 else (set(), set())
    follows_next, routes = pairs
    partners = partner_lists(text, spots, follows_next) if len(spots) > 2 else set()
    companies = (
        company_spans(text, cues.company_suffixes)
        if any(map(str.isascii, map(text.__getitem__, map(_START, spots))))  # a Latin name
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
    hosting: set[str] = set()  # the places hosting another country's event: sides
    venues: set[str] = set()  # the head's places hosting an event ("Osh hosts a fair")
    single: set[str] = set()  # named in the body once at least outside a roster of guests
    listed = long_lists(follows_next)  # a capital among other places: the city itself
    # A flight the title tells of: the article is about it, and its ends are the sides (not
    # a flight among a meeting's other plans: "обсуждались ... открытие авиарейса").
    flight_news = bool(routes) and not cues.route_links.isdisjoint(
        _words(morph.fold(text[: zones.title_end]))
    )
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
        if head and not start and title_dateline(text, end, title_end):
            continue  # "NUR-SULTAN — Agricultural cooperation ...": a dateline heads the title
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
        if not passing and event_name(text, start, end, cues):
            passing = True  # "the Moscow summit", "Ташкентский инвестиционный форум": a venue
        elif (
            not passing
            and in_head
            and hosts_event(text, end, cues)
            and not _guest_event(text[:title_end], _lemmas(-1), cues)
        ):
            # roles11b: "Osh hosts a craft fair with guests from Kashgar", "Bukhara hosts
            # negotiations on the Demarcation of Uzbekistan – Turkmenistan Interstate Border":
            # the head's venue, as "in Osh" is (not the hosts of the guests' own days).
            passing = True
            venues.add(code)
        elif not (passing or head) and checkpoint_name(text, start, cues):
            passing = True  # "КПП «Торугарт»" outside the title: a crossing's name
        if code in cues.capitals and (
            i in listed
            or not cues.city_heads.isdisjoint(
                _words(morph.fold(text[max(0, start - 25) : start]))[-2:]
            )
        ):
            governed.add(code)
        if code in cues.capitals and not passing and _visited(text, start, end, cues):
            passing = True  # the capital a delegation visits: the country is the side
        if companies and any(a <= start < b for a, b in companies):
            firms.add(code)
            passing = True
        elif "«" in text[max(0, start - 60) : start] and firm_quoted(text, start):
            passing = True  # ТОО «Актобе и К»: a local firm's name, no place of the news
        if where and _guest_event(text[:title_end], _lemmas(k), cues):
            # "Дни культуры России пройдут в Душанбе и Худжанде": the hosts are sides; roles11b:
            # in the head too, where such an event is the news ("Дни Оренбургской области
            # пройдут в Актобе": Aktobe hosts the region's days, no venue passed by).
            passing = False
            hosting.add(code)
            acting.add(code)
        if (
            _meeting(k)
            and _head_meets(text, spot, spots[i - 1] if headed else None, cues)
            and not (companies and any(a <= start < b for a, b in companies))
        ):
            # "встретился с акимом Атырауской области": the region meets as a side (and the
            # next one of a list of heads: "губернаторами Чуйской области Бактыбеком
            # Кудайбергеновым, Таласской области ...").
            passing = False
            acting.add(code)
            headed = True
        else:
            headed = False
        if i in partners and k >= 0 and not cues.ties.isdisjoint(sentences.lemmas[k]):
            passing = True  # a side's standing partners
        if i in routes and flight_news and _linked_route(text, spots, i, routes, cues):
            # "рейс Душанбе — Самарканд", "по маршруту «Уфа — Самарканд»": no cue before it
            # passes a flight's end by.
            passed = passing = False
        elif (
            i in routes
            and k >= 0
            and not cues.sites.isdisjoint(sentences.lemmas[k])
            and any(j in routes and spots[j].code[:2] != code[:2] for j in (i - 1, i + 1))
        ):
            # roles11: a road between two countries' places to be built ("строительство
            # автодороги Алматы — Иссык-Куль", "plan to build the Almaty-Issyk-Kul road"): a
            # joint project, its two ends the sides (labelling conventions: what is built
            # together), no road passed by.
            passed = passing = False
            acting.add(code)
        else:
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
            if not cues.passing.isdisjoint(lemmas) and _shown(
                text, start, sentences.starts[k], lemmas, cues
            ):
                continue
            if located and i in listed and cues.career.isdisjoint(lemmas):
                # "Дороги закрыты в Акмолинской, Абайской и Карагандинской областях", "mudflows
                # in Osh, Batken, Jalal-Abad and Talas regions": where the news happens, each.
                acting.add(code)
                settled.add(code)
            elif (
                located
                and not cues.joint.isdisjoint(lemmas)
                and not cues.works.isdisjoint(lemmas)
                and cues.background.isdisjoint(lemmas)
            ):
                # roles12: where a joint project or facility is ("строительство совместного
                # технопарка в Ташкентской области"): a side, no sides' word needed.
                acting.add(code)
                settled.add(code)
            elif (
                (not located or not cues.sites.isdisjoint(lemmas))
                and not cues.sides.isdisjoint(lemmas)
                and cues.background.isdisjoint(lemmas)
            ):
                # "Tashkent region and Tatarstan signed agreements", not "agreed to open a
                # trade office in Osh"
                acting.add(code)
                settled.add(code)
                if code in cues.capitals and not cues.twinning.isdisjoint(lemmas):
                    # roles11: a capital named among twin cities is the city itself, a side
                    # ("cooperation between the sister cities of Tashkent and Shanghai",
                    # "Sichuan entered into a sister province-city agreement with Bishkek").
                    governed.add(code)
        where_named = body.setdefault(code, set())
        where_named.add(k)
        if not (i in listed and k >= 0 and not cues.roster.isdisjoint(sentences.lemmas[k])):
            single.add(code)
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
        if len(body) > 1:
            # roles11: but a capital named once beside other places is the country's seat,
            # where it speaks or hosts, not what the item is about ("Foreign Minister Kamilov
            # said in Tashkent on Tuesday", "В Душанбе толчков не почувствовали" in a quake
            # story of Rasht; "Ashgabat will host a conference" among a month's events).
            once = {code for code in cues.capitals if len(body.get(code, ())) == 1}
            parties -= once - acting - governed - hosting
    if not parties and len(countries) < 2:
        # A short local item: what it names is what it is about (its dateline alone is only
        # where the wire wrote it: "Ashgabat, Turkmenistan, June 17" over a harvest story);
        # with two countries named, places named only in passing (a forum's city) stay
        # mentions.
        parties = set(body) or named
    elif not parties and not venues:
        # roles10: not a roster ("the governors of East Kazakhstan, Almaty, Karaganda and
        # Abai regions attend the forum"): the countries are the sides of such a forum.
        # roles11b: so too when the head names only the place hosting it ("Костанай готовится
        # принять форум межрегионального сотрудничества Казахстана и России" over a history
        # of the forum naming past hosts): the body's places are no sides either.
        parties = single
    if len(countries) >= 2 and (strong or parties) and body:
        # roles11: when the title and the lead name one country's sides only (or, naming
        # none, the body's sides are one country's), the other country's region named with
        # one of them in a body sentence is the other end of what they do ("In 2011 Heihe
        # and Russia's Amurskaya region launched cooperative projects", "Bashkortostan has
        # extensive experience in this sector, while Tashkent region offers favourable
        # conditions"), though no sides' word stands there.
        parties |= _counterparts(
            text, spots, strong or set(parties), body, sentences, zones.lead_end, cues
        )
    if len(countries) >= 2:
        # A capital named in the body only is its country's seat, the country the side ("the
        # dialogue that Ashgabat and Kazan have conducted", "Москва и Астана"), unless its own
        # city hall acts ("мэр Душанбе", "the hakimlik of Ashgabat").
        parties -= cues.capitals - strong - governed - hosting
        # roles11: and so is a capital the head names beside a region of its own country
        # that is a side: the region acts, the capital is where its country's government
        # sits or the talks are held ("Kazakhstan and XUAR discuss bilateral relations in
        # Astana", "Ростов-на-Дону и Ош подписали протокол" over a text naming Bishkek in
        # its lead, "В Астане губернатор Челябинской области встретился с акимом
        # Костанайской области").
        regional = {code[:2] for code in strong if code not in cues.capitals}
        seats = {code for code in cues.capitals & strong if code[:2] in regional}
        parties -= seats - governed - hosting
    # Built outright: dataclasses.replace looks the fields up again for every region.
    roles = tuple(
        r if r.code in parties else RegionRef(r.code, r.name, r.country, "mention") for r in regions
    )
    return roles, frozenset(firms)
