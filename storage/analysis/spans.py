"""Where in a sentence's words the topic detector's pieces lie: a phrase's end, an enumeration
of areas, the chain of terms after a frame ("в сфере"), the name of a body or a post.

A topic word inside a body's or a post's name ("министр сельского хозяйства", "Министерство
энергетики", "the Ministry of Agriculture", "the agriculture minister") says who spoke or who
signed, not what the article discusses, so the detector counts it as a passing mention (the
nouns that open or close such a name are data: ``names_after`` and ``names_before`` in
data/topics.toml)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from itertools import compress

Phrase = tuple[str, ...]

# Words allowed between two items of an enumeration ("культура, туризм и образование").
LIST_GAP = 2

# Words after "министерство" that can still belong to the body's name: "министерство сельского
# хозяйства", "Ministry of Culture and Tourism"; a longer tail is the sentence going on.
WINDOW = 4


def named_positions(
    lemmas: Sequence[str],
    after: frozenset[str],
    before: frozenset[str],
    portfolios: frozenset[str] = frozenset(),
    present: Collection[str] | None = None,
) -> frozenset[int]:
    """Positions of the words that belong to the name of a body or a post: up to ``WINDOW``
    words after a noun of ``after`` ("министерство", "ministry"), the word right before a
    noun of ``before`` ("energy" of "the energy ministry") and, before a noun of
    ``portfolios`` (some of ``before``), two areas joined by "and" ("Investment and Foreign
    Minister", "the Agriculture and Water Resources Minister"); after a noun of both, a long
    name's last item after its "and" ("Minister of Water Resources, Agriculture and
    Processing Industry"). ``present``: the sentence's words of the three sets, if the caller
    has them (a kind of noun the sentence lacks needs no pass over it)."""
    named: set[int] = set()
    positions = range(len(lemmas))
    present = lemmas if present is None else present
    # Most words are neither: C loops pick the positions of the nouns.
    afters = () if after.isdisjoint(present) else map(after.__contains__, lemmas)
    for p in compress(positions, afters):
        # English names run longer by their "of" and "the": "Ministry of Economic
        # Development and Trade" is as long as "Министерство экономического развития и
        # торговли". Russian ones by their "по" ("председатель Комитета по экологии и
        # охране окружающей среды"; not "и": "представители МИД и бизнесмены обсудили").
        end = min(p + 1 + WINDOW, len(lemmas))
        end = min(end + sum(map(_FILLERS.__contains__, lemmas[p + 1 : end])), len(lemmas))
        # A long name's last item after its "and" ("Minister of Water Resources, Agriculture
        # and Processing Industry", "министр внешнеэкономических связей, инвестиций и
        # торговли"): the two words after an "and" that closes the window belong to it.
        if (
            lemmas[p] in portfolios
            and _AND.intersection(lemmas[end - 1 : end + 1])
            and "on" not in lemmas[p + 1 : end]  # "the ministries of culture on culture and art"
        ):
            end = min(end + 2 if lemmas[end - 1] in _AND else end + 3, len(lemmas))
        named.update(range(p + 1, end))
    if not before.isdisjoint(present):
        found = compress(positions, map(before.__contains__, lemmas))
        named.update(p - 1 for p in found if p > 0)
    # Only a portfolio takes two areas: "capital and financial institutions" are two things.
    portfolio = () if portfolios.isdisjoint(present) else map(portfolios.__contains__, lemmas)
    for p in compress(positions, portfolio):
        for j in range(p - 2, max(p - 4, 0), -1):
            if lemmas[j] == "and":
                named.update(range(j - 1, p))
                break
    return frozenset(named)


_FILLERS = frozenset({"of", "the", "по"})
_AND = frozenset({"and", "и"})


def cut_at(named: frozenset[int], starts: Sequence[int]) -> frozenset[int]:
    """``named`` without the words a body's name ran into past a frame that begins at one of
    ``starts``: in "the health ministries on cooperation in health care" the name ends
    before "on"; what follows "cooperation in" is the area the agreement covers."""
    cut: set[int] = set()
    for k in starts:
        while k in named:
            cut.add(k)
            k += 1
    return named - cut if cut else named


# In a phrase, a gap: up to GAP_WORDS stray words where one is allowed elsewhere ("train 60
# Tajik engineers", "прошли стажировку 40 костанайских врачей": a number and an adjective).
GAP = "*"
GAP_WORDS = 3


def match(lemmas: Sequence[str], start: int, phrase: Phrase) -> int:
    """End index of ``phrase`` matched at ``start`` (one stray word allowed between, up to
    ``GAP_WORDS`` after a ``GAP``), or -1."""
    j = start + 1
    n = len(lemmas)
    wide = False
    for part in phrase[1:]:
        if part == GAP:
            wide = True
            continue
        if wide:
            wide = False
            # A membership test first: a failed index() raises, and the error's message
            # (the word's repr) costs more than the search.
            window = lemmas[j : j + GAP_WORDS + 1]
            if part not in window:
                return -1
            j += window.index(part) + 1
        elif j < n and lemmas[j] == part:
            j += 1
        elif j + 1 < n and lemmas[j + 1] == part:
            j += 2
        else:
            return -1
    return j


def listed_areas(hits: list[tuple[int, int, str]]) -> set[str]:
    """Topics named as items of an enumeration of three or more different areas."""
    listed: set[str] = set()
    hits.sort()
    chain: list[tuple[int, int, str]] = []
    for hit in [*hits, (1 << 30, 1 << 30, "")]:
        if chain and hit[0] - chain[-1][1] > LIST_GAP:
            slugs = {h[2] for h in chain}
            if len(slugs) >= 3:
                listed |= slugs
            chain = []
        chain.append(hit)
    return listed


def chain(
    hits: list[tuple[int, int, str]], at: int, *, forward: bool, first_gap: int = 1
) -> set[str]:
    """Slugs of the enumeration of terms that starts at word ``at`` (or ends there): the first
    ``first_gap`` words away at most ("в сфере внешней торговли"), the next at most two words
    apart ("и", "а также")."""
    slugs: set[str] = set()
    edge = at
    # The hits are sorted: those that begin at ``at`` or later are no items before it, and
    # those that begin before it none after it (their gap is negative: skipped).
    split = bisect_left(hits, (at,))
    for start, end, slug in hits[split:] if forward else reversed(hits[:split]):
        gap = start - edge if forward else edge - end
        if gap < 0:
            # Before the frame, or overlapping the last item (a phrase's own words); a phrase
            # over the item and past it ("gas" then "gas transportation") is the item.
            if slugs and (end > edge if forward else start < edge):
                edge = end if forward else start
            continue
        if gap > (first_gap if not slugs else LIST_GAP):
            break
        slugs.add(slug)
        edge = end if forward else start
    return slugs


def fillers(
    lemmas: Sequence[str], words: frozenset[str], hits: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Items of no topic for a frame's chain: an area of none keeps the list going ("в
    социальной, культурной и экономической сферах" is culture); a filler that is a term's word
    is an item already."""
    items = {at for at, _, _ in hits}
    found = compress(range(len(lemmas)), map(words.__contains__, lemmas))
    return [(i, i + 1, "") for i in found if i not in items]
