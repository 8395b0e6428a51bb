"""Whether one name of a region is a passing one (roles.py decides the region's role from all
its names): right after a cue word, a venue, a route's end, a firm's or an event's name, a
checkpoint's. The cue words are data (``[roles]`` of ``data/relevance.toml``)."""

from __future__ import annotations

import re
from functools import cache

from storage.analysis import morph
from storage.analysis.relevance import RoleCues
from storage.analysis.role_lists import FROM
from storage.analysis.role_lists import words as _words

CONTEXT = 60  # characters before a name where a cue is looked for (about six words)
# A settlement's noun or a quoted name right before "в" / "in": the name after it says where
# that place is ("Shanlo city in Shaanxi", "на пункте пропуска «Ак-Жол» в Чуйской области").
_WITHIN = re.compile(
    r"(?:(?:city|town|village|county|district|prefecture|город\w*|сел[оауеом]\w*|район\w*)\s+"
    r"|[»\"”]\s+)$"
)
# Where a clause ends inside a sentence: a semicolon, or a comma before a relative or a
# conjunction ("...компаний Китая, которая собирается построить в Алматинской области").
_CLAUSE = re.compile(r"[;]|,\s*(?:котор\w*|что|где|чтобы|а|но|и|which|who|where|that|and|but)\b")
TAIL = 45  # characters before a name where "в" / "in" (and "городе", "казахстанском") stand
_VENUE_CONTEXT = 150  # characters before a name where a venue's word is looked for
# A firm's legal form and the opening quote of its name.
_LEGAL_QUOTE = re.compile(r"\b(?:ТОО|АО|ООО|ОАО|ПАО|ЗАО|ИП|АНО|ЧП|КХ|ФХ|СПК)\s+«[^»]*$")
_QUOTES = frozenset('»"”')  # a quoted name's closing marks
_DAY_AFTER = re.compile(r" \d")  # a dot before a number: an abbreviated month ("Sept. 22")
_DASHES = frozenset("—–-")
_ENDS = frozenset({"из", "до", "from", "to"})  # a route's end after its noun
_ROUTE_TAIL = re.compile(r"\s+(?:to|до)\s+[A-ZА-ЯЁ]")  # "from Chongqing to Duisburg"
_ABBREVIATION = re.compile(r"(?:^|\s)г\.")  # "в г. Атырау": the city's noun, no sentence's end


@cache
def venue_tail_pattern(prepositions: frozenset[str]) -> re.Pattern[str]:
    """The end of the text before a venue's name: "в ", "в городе ", "в казахстанском ", "в
    туркменской " (roles12: the feminine too), "in ", "in the city of ", "in Kazakhstan's "."""
    words = "|".join(sorted(map(re.escape, prepositions)))
    # (regions10: "in the Chinese city of Nanning": a word may qualify the city)
    noun = r"(?:the\s+)?(?:(?:город\w*|(?:[a-z]+\s+)?city\s+of)\s+|г\.\s*)?"
    country = r"(?:(?:[а-яё]+(?:ск|цк)(?:ом|ой)|\w+['’]s)\s+)?"
    return re.compile(rf"(?:^|\s)(?:{words})\s+{noun}{country}[«\"“]?$")


@cache
def _company_name(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """Two to six capitalised Latin words closed by a company's word ("Xinjiang Lihua (Group)
    Co.", "Beijing Zhongyi Boyue Culture Media Co.", "Mycars (Shandong) International
    Trading": a word may stand in brackets)."""
    words = "|".join(map(re.escape, suffixes))
    return re.compile(rf"((?:(?:\(?[A-Z][a-z]+\)?|&) ){{2,8}})(?:\((?:{words})\) ?)?(?:{words})\b")


def company_spans(text: str, suffixes: tuple[str, ...]) -> list[tuple[int, int]]:
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


def firm_quoted(text: str, start: int) -> bool:
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


def passing_name(
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
    before = morph.fold(text[max(0, since, start - CONTEXT) : start])
    venue = venue_tail.search(before, max(0, len(before) - TAIL))
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
    words = _words(wide, clause[-1] if clause else edge + 1)
    last = max((k for k, w in enumerate(words) if w in cues.venue_words), default=-1)
    # roles12: not when what is built stands between ("подписать соглашение о строительстве
    # теплоэлектростанций в Кокшетау"): the site (labelling conventions), no venue.
    return last >= 0 and cues.site_forms.isdisjoint(words[last + 1 :]), located


def route_start(text: str, start: int, end: int) -> bool:
    """Whether a name opens a route to a place the gazetteer does not hold ("shippers from
    Chongqing to Duisburg", "из Омска до Бишкека" is caught by ``links``)."""
    opener = text[max(0, start - 6) : start].lower()
    return opener.endswith(FROM) and _ROUTE_TAIL.match(text, end) is not None


def event_name(text: str, start: int, end: int, cues: RoleCues) -> bool:
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


def checkpoint_name(text: str, start: int, cues: RoleCues) -> bool:
    """Whether a name is a checkpoint's, its noun among the two words right before it ("КПП
    «Иркештам»")."""
    return not cues.checkpoints.isdisjoint(
        _words(morph.fold(text[max(0, start - 12) : start]))[-2:]
    )


def hosts_event(text: str, end: int, cues: RoleCues) -> bool:
    """Whether a name is followed by a host's verb (two words between at most: "Костанай
    готовится принять") and then, within five words, a venue's word ("Osh hosts a craft fair",
    "Bukhara hosts negotiations on the Demarcation"): the event's venue, as "in Osh" is."""
    after = text[end : end + 90]
    stop = min((i for i in (after.find("."), after.find("\n")) if i >= 0), default=len(after))
    words = _words(after, 0, stop)[:8]
    for k, word in enumerate(words[:3]):
        if word[:1].isupper():
            return False  # "East Kazakhstan University hosted": an institution's name
        if morph.fold(word) in cues.host_verbs:
            return not cues.venue_words.isdisjoint(map(morph.fold, words[k + 1 : k + 6]))
    return False
