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
import tomllib
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from storage.analysis import morph
from storage.analysis.gazetteer.doc import Spot
from storage.analysis.model import RegionRef
from storage.analysis.relevance import RoleCues, load_vocabulary, vocabulary_bytes
from storage.analysis.relevance import _surface_forms as surface_forms
from storage.analysis.role_datelines import dateline_like, title_dateline
from storage.analysis.role_lists import FROM, TO, links, long_lists, partner_lists
from storage.analysis.role_lists import words as _words

_CONTEXT = 60  # characters before a name where a cue is looked for (about six words)
# A settlement's noun or a quoted name right before "в" / "in": the name after it says where
# that place is ("Shanlo city in Shaanxi", "на пункте пропуска «Ак-Жол» в Чуйской области").
_WITHIN = re.compile(
    r"(?:(?:city|town|village|county|district|prefecture|город\w*|сел[оауеом]\w*|район\w*)\s+"
    r"|[»\"”]\s+)$"
)
# Where a clause ends inside a sentence: a semicolon, or a comma before a relative or a
# conjunction ("...компаний Китая, которая собирается построить в Алматинской области").
_CLAUSE = re.compile(r"[;]|,\s*(?:котор\w*|что|где|чтобы|а|но|и|which|who|where|that|and|but)\b")
_TAIL = 45  # characters before a name where "в" / "in" (and "городе", "казахстанском") stand
_VENUE_CONTEXT = 150  # characters before a name where a venue's word is looked for
_START = attrgetter("start")
_AS = frozenset({"как", "as"})  # "Как ранее сообщал «Башинформ», ...": an aside too
# A firm's legal form and the opening quote of its name.
_LEGAL_QUOTE = re.compile(r"\b(?:ТОО|АО|ООО|ОАО|ПАО|ЗАО|ИП|АНО|ЧП|КХ|ФХ|СПК)\s+«[^»]*$")
_QUOTES = frozenset('»"”')  # a quoted name's closing marks
_DAY_AFTER = re.compile(r" \d")  # a dot before a number: an abbreviated month ("Sept. 22")
_DASHES = frozenset("—–-")
_ENDS = frozenset({"из", "до", "from", "to"})  # a route's end after its noun
_ROUTE_TAIL = re.compile(r"\s+(?:to|до)\s+[A-ZА-ЯЁ]")  # "from Chongqing to Duisburg"
_ABBREVIATION = re.compile(r"(?:^|\s)г\.")  # "в г. Атырау": the city's noun, no sentence's end


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


@cache
def _venue_tail(prepositions: frozenset[str]) -> re.Pattern[str]:
    """The end of the text before a venue's name: "в ", "в городе ", "в казахстанском ",
    "in ", "in the city of ", "in Kazakhstan's "."""
    words = "|".join(sorted(map(re.escape, prepositions)))
    # (regions10: "in the Chinese city of Nanning": a word may qualify the city)
    noun = r"(?:the\s+)?(?:(?:город\w*|(?:[a-z]+\s+)?city\s+of)\s+|г\.\s*)?"
    country = r"(?:(?:[а-яё]+(?:ском|цком)|\w+['’]s)\s+)?"
    return re.compile(rf"(?:^|\s)(?:{words})\s+{noun}{country}[«\"“]?$")


@cache
def _company_name(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """Two to six capitalised Latin words closed by a company's word ("Xinjiang Lihua (Group)
    Co.", "Beijing Zhongyi Boyue Culture Media Co.", "Mycars (Shandong) International
    Trading": a word may stand in brackets)."""
    words = "|".join(map(re.escape, suffixes))
    return re.compile(rf"((?:(?:\(?[A-Z][a-z]+\)?|&) ){{2,8}})(?:\((?:{words})\) ?)?(?:{words})\b")


def _companies(text: str, suffixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the text names a company written in Latin, as closed by its word or repeated
    without it ("Xinjiang Lihua to raise investment" after "Xinjiang Lihua (Group) Co."): each
    run of two or more of the name's last or first words, wherever it stands."""
    spans: list[tuple[int, int]] = []
    for found in _company_name(suffixes).finditer(text):
        words = found[1].split()
        # Its tails ("Lihua (Group) Co." repeated as "Xinjiang Lihua") and its heads ("the
        # head of Fuxin Xinyida" after "Fuxin Xinyida Agriculture & Industry Trade Company").
        names = {" ".join(words[k:]) for k in range(len(words) - 1)}
        names.update(" ".join(words[:k]) for k in range(2, len(words)))
        for name in names:
            at = text.find(name)
            while at >= 0:
                spans.append((at, at + len(name)))
                at = text.find(name, at + 1)
    return spans


def _firm_quoted(text: str, start: int) -> bool:
    """Whether a name stands inside the quoted name after a firm's legal form (ТОО «Актобе и
    К», ТОО «Шанхай контракшн»): the gazetteer passes such names on as places, the labels
    read them as mentions."""
    found = _LEGAL_QUOTE.search(text, max(0, start - 60), start)
    return found is not None and "»" not in text[found.end() : start]


def _event_quoted(before: str, close: int, cues: RoleCues) -> bool:
    """Whether the quoted name closing at ``close`` is an event's, its venue's word right
    before it ("на выставке «Иннопром» в Ташкенте"), not a place's ("на пункте пропуска
    «Ак-Жол» в Чуйской области")."""
    opening = max(before.rfind(q, 0, close) for q in '«"“')
    return opening > 0 and not cues.venue_words.isdisjoint(_words(before, 0, opening)[-2:])


def _passing_name(
    text: str,
    span: tuple[int, int, int],
    cues: RoleCues,
    venue_tail: re.Pattern[str],
) -> tuple[bool, bool]:
    """(Whether the words around a name make it a passing one, whether it stands right after
    "в" / "in": where something is rather than a side); ``span``: (since, start, end),
    the words before the name are looked at from ``since`` on (a cue before another place is
    that place's). Passing: a cue among the six words before it ("генконсульство Узбекистана
    в Алматы", "в 465 километрах от Алматы"), a name's noun shortly before it with no
    preposition between ("трассы Бишкек", "пункта пропуска «Хоргос»", not "на трассе в
    Омской области"), a transit ("через Забайкальск"), or a venue: "в" / "in" right before it
    and a venue's word before ("подписали в Бишкеке", "Forum in Chelyabinsk", "во время
    визита во Владивосток") or right after it ("В Атырау подписан меморандум")."""
    since, start, end = span
    before = morph.fold(text[max(0, since, start - _CONTEXT) : start])
    venue = venue_tail.search(before, max(0, len(before) - _TAIL))
    located = venue is not None
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    if cut > 0 and before[cut - 1] == "г" and _ABBREVIATION.match(before, cut - 2):
        cut = max(before.rfind(".", 0, cut - 1), before.rfind("\n", 0, cut - 1))  # "в г. Атырау"
    elif cut > 0 and _DAY_AFTER.match(before, cut + 1):
        cut = max(before.rfind(".", 0, cut), before.rfind("\n", 0, cut))  # "held on Sept. 22"
    words = _words(before, cut + 1)[-6:]
    if not cues.before.isdisjoint(words) or not cues.right_before.isdisjoint(words[-3:]):
        return True, located
    for k in range(max(0, len(words) - 3), len(words)):
        if words[k] in cues.named:
            # "трасса Бишкек", "a direct route from Atyrau": a route's end; not "на трассе
            # в Омской области": where on the road.
            return cues.prepositions.isdisjoint(words[k + 1 :]) or words[-1] in _ENDS, located
    if venue is None or venue.start() < cut:
        return False, located
    within = _WITHIN.search(before, max(0, venue.start() - 20), venue.start() + 1)
    if within and not (within[0][0] in _QUOTES and _event_quoted(before, within.start(), cues)):
        return False, located  # "Shanlo city in Shaanxi Province": where a place is
    # "В Атырау подписан меморандум": the venue's word right after the name.
    after = morph.fold(text[end : end + 40])
    if not cues.venue_words.isdisjoint(_words(after, 0, after.find(".") % 41)[:4]):
        return True, located
    # The venue's word may stand further back in its clause ("На XI Форуме
    # межрегионального сотрудничества Казахстана и России в Атырау").
    wide = morph.fold(
        text[max(0, since, start - _VENUE_CONTEXT) : start - len(before) + venue.start()]
    )
    edge = max(wide.rfind("."), wide.rfind("!"), wide.rfind("?"), wide.rfind("\n"))
    if edge > 0 and _DAY_AFTER.match(wide, edge + 1):
        edge = max(wide.rfind(".", 0, edge), wide.rfind("\n", 0, edge))  # "held on Sept. 22"
    clause = [m.end() for m in _CLAUSE.finditer(wide, edge + 1)]  # its last boundary
    return not cues.venue_words.isdisjoint(
        _words(wide, clause[-1] if clause else edge + 1)
    ), located


def _route_start(text: str, start: int, end: int) -> bool:
    """Whether a name opens a route to a place the gazetteer does not hold ("shippers from
    Chongqing to Duisburg", "из Омска до Бишкека" is caught by ``links``)."""
    opener = text[max(0, start - 6) : start].lower()
    return opener.endswith(FROM) and _ROUTE_TAIL.match(text, end) is not None


def _event_name(text: str, start: int, end: int, cues: RoleCues) -> bool:
    """Whether a name is the first word of an event's name: a place then an event's word, at
    most one word between ("the Moscow summit", "the SCO Beijing Summit", "Ташкентский
    международный инвестиционный форум" is caught by its last two words)."""
    if (
        text[end : end + 3].lstrip()[:1] in _DASHES
        or text[start - 3 : start].rstrip()[-1:] in _DASHES
    ):
        return False  # "the Ak-Tilek — Avtodorozhny checkpoint": a crossing's two sides
    after = _words(morph.fold(text[end : end + 30]))[:2]
    return not cues.events.isdisjoint(after)


def _checkpoint_name(text: str, start: int, cues: RoleCues) -> bool:
    """Whether a name is a checkpoint's, its noun among the two words right before it ("КПП
    «Иркештам»")."""
    return not cues.checkpoints.isdisjoint(
        _words(morph.fold(text[max(0, start - 12) : start]))[-2:]
    )


def _guest_event(title: str, lemmas: Sequence[str], cues: RoleCues) -> bool:
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


@cache
def _arrivals() -> tuple[frozenset[str], frozenset[str]]:
    """The forms of an arrival's verbs and of the travellers (``[roles]``: arrivals,
    travellers), read once a process: the cue set of relevance.py does not carry them."""
    roles = tomllib.loads(vocabulary_bytes().decode("utf-8")).get("roles", {})
    return surface_forms(roles.get("arrivals", ())), surface_forms(roles.get("travellers", ()))


@cache
def _twinning() -> frozenset[str]:
    """The lemmas of twin cities' words (``[roles]``: twinning), read once a process."""
    roles = tomllib.loads(vocabulary_bytes().decode("utf-8")).get("roles", {})
    return frozenset(map(morph.lemma, roles.get("twinning", ())))


def _visited(text: str, start: int, end: int, cues: RoleCues) -> bool:
    """Whether a capital is where a visit goes ("Делегация КНР прибыла в Ташкент", "прилетел с
    рабочим визитом в столицу Таджикистана Душанбе", "Сегодня в Ташкент с рабочим визитом
    приехала делегация", "has recently visited Astana"): the venue of talks with its country's
    government (labelling conventions), not a side."""
    before = morph.fold(text[max(0, start - _CONTEXT) : start])
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    words = _words(before, cut + 1)[-8:]
    after = morph.fold(text[end : end + 40])
    ahead = _words(after, 0, after.find(".") % 41)[:4]
    arrivals, travellers = _arrivals()
    if (
        _AT.intersection(words[-3:])
        and not arrivals.isdisjoint(words)
        and not travellers.isdisjoint(words + ahead)
    ):
        return True  # "Делегация КНР прибыла в Ташкент", not "В Ташкент прибыл поезд"
    if not cues.visit.isdisjoint(words) and cues.visit.isdisjoint(ahead):
        return bool(TO.intersection(words[-3:])) or words[-1:] == ["visited"]
    return bool(words) and words[-1] in TO and not cues.visit.isdisjoint(ahead)


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
    before = morph.fold(text[max(0, first - _CONTEXT) : first])
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


def _counterparts(
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
        if k in sides and crowd[code[:2], k] == 1:
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
    venue_tail = _venue_tail(cues.venue_prepositions)
    sentences = sentences or Sentences()
    head_lemmas: list[frozenset[str]] = []  # the title's and the lead's, once asked for

    def _meeting(k: int) -> bool:
        # A meeting's sentence, not a roster of those present ("На встрече присутствовали мэр
        # Оша, полпред в Ошской области").
        if k >= 0:
            lemmas: Collection[str] = sentences.lemmas[k]
        else:
            if not head_lemmas:
                head = text[: zones.lead_end]
                head_lemmas.append(frozenset(map(morph.lemma, _words(head))))
            lemmas = head_lemmas[0]
        return not meeting.isdisjoint(lemmas) and cues.roster.isdisjoint(lemmas)

    spots = sorted(set(spots), key=_START)  # one name may carry a region twice
    pairs = links(text, spots, cues.crossings) if len(spots) > 1 else (set(), set())
    follows_next, routes = pairs
    partners = partner_lists(text, spots, follows_next) if len(spots) > 2 else set()
    companies = (
        _companies(text, cues.company_suffixes)
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
            where = venue_tail.search(text, max(start - _TAIL, 0), start) is not None
        else:
            since = spots[i - 1].end if i else 0
            passing, where = _passing_name(text, (since, start, end), cues, venue_tail)
        if not passing and _event_name(text, start, end, cues):
            passing = True  # "the Moscow summit", "Ташкентский инвестиционный форум": a venue
        elif not (passing or head) and _checkpoint_name(text, start, cues):
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
        elif "«" in text[max(0, start - 60) : start] and _firm_quoted(text, start):
            passing = True  # ТОО «Актобе и К»: a local firm's name, no place of the news
        if where and k >= 0 and _guest_event(text[:title_end], sentences.lemmas[k], cues):
            # "Дни культуры России пройдут в Душанбе и Худжанде": the hosts are sides.
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
            passed = passing = passing or i in routes or _route_start(text, start, end)
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
                (not located or not cues.sites.isdisjoint(lemmas))
                and not cues.sides.isdisjoint(lemmas)
                and cues.background.isdisjoint(lemmas)
            ):
                # "Tashkent region and Tatarstan signed agreements", not "agreed to open a
                # trade office in Osh"
                acting.add(code)
                settled.add(code)
                if code in cues.capitals and not _twinning().isdisjoint(lemmas):
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
    elif not parties:
        # roles10: not a roster ("the governors of East Kazakhstan, Almaty, Karaganda and
        # Abai regions attend the forum"): the countries are the sides of such a forum.
        parties = single
    if len(countries) >= 2 and (strong or parties) and body:
        # roles11: when the title and the lead name one country's sides only (or, naming
        # none, the body's sides are one country's), the other country's region named with
        # one of them in a body sentence is the other end of what they do ("In 2011 Heihe
        # and Russia's Amurskaya region launched cooperative projects", "Bashkortostan has
        # extensive experience in this sector, while Tashkent region offers favourable
        # conditions"), though no sides' word stands there.
        parties |= _counterparts(
            spots, strong or set(parties), body, sentences, zones.lead_end, cues
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
