"""The role of each region an article names (SPEC): a ``party`` (a side of the cooperation, or
the place the article is about) or a ``mention`` (named in passing: a dateline, a consulate's
seat, a flight's origin, a place named once deep in the body)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from storage.analysis import morph
from storage.analysis.gazetteer.doc import Spot
from storage.analysis.model import RegionRef
from storage.analysis.relevance import load_vocabulary

_CONTEXT = 60  # characters before a name where a cue is looked for (about six words)


@dataclass(frozen=True, slots=True)
class Zones:
    """Where the parts of the matched text are: title [0, title_end), the lead [lead_start,
    lead_end), the dateline's city [city_start, city_end); the rest is the body."""

    title_end: int
    lead_start: int
    lead_end: int
    city_start: int
    city_end: int


@cache
def _prefixes(cues: frozenset[str]) -> re.Pattern[str]:
    """The cues' first letters as one pattern: one C search per name instead of a loop."""
    return re.compile("|".join(sorted(map(re.escape, {c[:4] for c in cues}))))


def _cued(text: str, start: int, cues: frozenset[str], prefixes: re.Pattern[str]) -> bool:
    """Whether a cue word stands shortly before ``start`` in the same sentence."""
    before = text[max(0, start - _CONTEXT) : start].lower()
    if not prefixes.search(before):  # most names: no cue near, no parsing
        return False
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    words = morph.tokenize(before[cut + 1 :])[-6:]
    return any(morph.lemma(w) in cues for w in words)


def _dateline_like(text: str, start: int, end: int) -> bool:
    """A name in capitals opening a paragraph and followed by a comma ("TASHKENT, March 20
    (Gazeta.uz) --"): a dateline the cleaner did not take apart."""
    return (
        text[start:end].isupper()
        and text[end : end + 1] == ","
        and (start == 0 or text[start - 1] == "\n")
    )


def assign_roles(
    regions: Sequence[RegionRef], spots: Sequence[Spot], text: str, zones: Zones
) -> tuple[RegionRef, ...]:
    """``regions`` with their roles, from where (``spots``) the matched ``text`` names them."""
    cues = load_vocabulary().mention_before
    # A cue's first letters, to skip the parsing where none is near (lemmas are lower case).
    prefixes = _prefixes(cues)
    strong: set[str] = set()  # title, or lead without a cue
    body: dict[str, int] = {}  # body mentions without a cue
    named: set[str] = set()  # anywhere but the dateline
    for code, start, end in spots:
        if start < zones.title_end:
            strong.add(code)
            named.add(code)
            continue
        if zones.city_start <= start < zones.city_end or _dateline_like(text, start, end):
            continue
        named.add(code)
        if code in strong or _cued(text, start, cues, prefixes):
            continue
        if zones.lead_start <= start < zones.lead_end:
            strong.add(code)
        else:
            body[code] = body.get(code, 0) + 1
    parties = strong | {code for code, n in body.items() if n >= 2}
    if not parties:
        # A short local item: what it names (else its dateline) is what it is about.
        parties = {code for code in body} or named or {r.code for r in regions}
    return tuple(r if r.code in parties else replace(r, role="mention") for r in regions)
