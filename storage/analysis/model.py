"""What the analysis of one article produces. Plain data, no behaviour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RegionRef:
    """A first-level subdivision: ISO 3166-2 code, Russian name, ISO 3166-1 alpha-2 country.

    ``role`` (SPEC): "party", a side of the cooperation or what the article is about, or
    "mention", named only in passing (a dateline, a venue, a consulate's seat).
    """

    code: str
    name: str
    country: str
    role: str = "party"


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure quoted by the article: kind is "money", "percent" or "count"."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article understood: clean text, tags and summary."""

    title: str
    lead: str
    body: str  # clean text, paragraphs separated by a blank line
    date: dt.date | None
    url: str | None
    regions: tuple[RegionRef, ...]
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2, sorted
    topics: tuple[str, ...]  # slugs from the topic vocabulary, sorted
    summary: str
    figures: tuple[Figure, ...] = field(default=())
    lemmas: str = ""  # lemmatised title + lead + body, for the full-text index
    # SPEC: about cooperation, trade, exchange or ties between a region and another region or
    # country; an irrelevant article is stored (so it is not fetched again) but not listed or sent.
    relevant: bool = True
