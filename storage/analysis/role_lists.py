"""Names the role rules read together (roles.py): enumerations ("Ташкента и Самарканда"), a
route's two ends ("трасса Бишкек — Ош", "из Бишкека в Ош"; not a crossing's two sides), and
lists of a side's standing partners after "с" / "with"."""

from __future__ import annotations

import operator
import re
import sys
from collections.abc import Sequence
from itertools import compress

from storage.analysis import morph
from storage.analysis.gazetteer.doc import Spot
from storage.analysis.gazetteer.forms import WORD_RE

# Characters between two names of one enumeration or route at most (roles10: 16, not 12, for
# " Kazakhstan, " after "East" and " regions and " before "Shymkent city").
_NEAR = 16
_LIST_NEAR = _NEAR + 8  # the same between two names of a list of partners
_DASHES = frozenset("—–-")
_GAP_FILL = " \xa0«»\"“”'"  # what may stand around the dash between a route's two ends
# morph.tokenize's words, in the form without a lookahead per character (forms.py), and the
# same for text without "_" ("\w" also takes "_"), which sre runs faster still: the words
# around each name are cut out of a few dozen characters several times an article.
_WORD = WORD_RE
_FAST_WORD = re.compile(r"\w++(?:[-'’‘ʻʼ]\w++)*+")


def words(text: str, start: int = 0, end: int = sys.maxsize) -> list[str]:
    """morph.tokenize's words of text[start:end]. As in forms.split_words, the pieces between
    spaces that are a word (str.isalnum: "\\w" without "_"), or a word and one mark, are taken
    as they are: sre costs a few thousand instructions a word, and these few dozen characters
    are cut out a dozen times an article."""
    if "_" in text:
        return _WORD.findall(text, start, end)
    out: list[str] = []
    for piece in text[start:end].split(" "):
        if piece.isalnum():
            out.append(piece)
        elif piece[:-1].isalnum():  # a word and a mark that is none ("Ташкента,")
            out.append(piece[:-1])
        elif piece:
            out += _FAST_WORD.findall(piece)
    return out


TO = frozenset({"в", "во", "до", "to"})
FROM = ("из ", "from ")
# "с" / "with" and at most two words before the first name of a list ("с городами",
# "with China's").
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")
_WITH = re.compile(r"(?:^|\s)(?:с|со|with|вслед\s+за)\s+(?:[\w'’]+\s+){0,2}$", re.IGNORECASE)
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


def links(
    text: str, spots: Sequence[Spot], crossings: frozenset[str] = frozenset()
) -> tuple[set[int], set[int]]:
    """(names enumerated with the next one: "Ташкента и Самарканда", "Xi'an and Chongqing",
    "Бишкек — Ош" — a cue before the first speaks for both; names that are a route's ends:
    joined to another place by a dash, "трасса Бишкек — Ош", "the Bishkek-Osh highway",
    "Каракол — Кеген — Алматы", or "из X в Y", "автобус, следовавший из Бишкека в Ош"; not a
    border crossing's two sides, one of ``crossings`` among the five words before them or the
    two after: "переход Забайкальск — Маньчжоули", "the Dostyk-Alashankou crossing")."""
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
        if (
            len(gap) == 1
            and gap in _DASHES
            and crossings.isdisjoint(
                words(morph.fold(text[max(0, a_spot.start - 50) : a_spot.start]))[-5:]
                + words(morph.fold(text[b_spot.end : b_spot.end + 30]))[:2]
            )
        ) or (gap in TO and text[max(0, a_spot.start - 6) : a_spot.start].lower().endswith(FROM)):
            routes.update((i, i + 1))
    return follows, routes


def long_lists(follows: set[int]) -> set[int]:
    """The names in enumerations of three or more ("органами Самарканда, Бухары, Хивы,
    Ташкента"): a capital among them is a city as the others are, no seat of government."""
    out: set[int] = set()
    for i in follows:
        if i + 1 in follows or i - 1 in follows:
            out.update((i, i + 1))
    return out


def partner_lists(text: str, spots: Sequence[Spot], follows: set[int]) -> set[int]:
    """Names in a list of three or more after "с" / "with": a side's partners already ("мэрия
    Бишкека установила побратимские отношения с Челябинском, Екатеринбургом и Уфой", "has
    productive cooperation with Hubei, Shanxi and Shandong provinces") are the background of
    the news (labelling conventions: the region's other partners)."""
    out: set[int] = set()
    if not _two_links(spots, follows):
        return out  # most texts: no three names in a row close enough to be a list
    i = 0
    while i < len(spots):
        j = i
        while j in follows or (
            j + 1 < len(spots)
            and spots[j + 1].start - spots[j].end <= _LIST_NEAR
            and _LIST_GAP.fullmatch(text, spots[j].end, spots[j + 1].start) is not None
        ):
            j += 1
        if j - i >= 2 and _WITH.search(text, max(0, spots[i].start - 30), spots[i].start):
            out.update(range(i, j + 1))
        i = j + 1
    return out


def _two_links(spots: Sequence[Spot], follows: set[int]) -> bool:
    """Whether two names in a row may each be linked to the next one (in ``follows``, or at
    most ``_LIST_NEAR`` characters before it): a list of three, which ``partner_lists`` needs,
    has two such links. The gaps are counted by C loops; the regex that also checks what is
    in a gap runs only on such texts."""
    gaps = map(operator.sub, map(_START, spots[1:]), map(_END, spots))
    linked = follows.union(compress(range(len(spots)), map(_LIST_NEAR.__ge__, gaps)))
    return any(j + 1 in linked for j in linked)
