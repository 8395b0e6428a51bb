"""Rows the store hands to the rest of the program (the bot, delivery, the command line)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from storage.analysis.model import Figure, RegionRef


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    title: str
    lead: str
    date: dt.date | None
    url: str | None
    summary: str
    regions: tuple[RegionRef, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    figures: tuple[Figure, ...] = field(default=())
    ingested_at: dt.datetime | None = None  # UTC
    # SPEC: about cooperation; an irrelevant article is kept but never listed nor delivered.
    relevant: bool = True
    # (name, url) of every agency that reported the story, first reporter first (sources)
    sources: tuple[tuple[str, str], ...] = ()

    @property
    def gist(self) -> str:
        """One line for lists: the lead if there is one, else the summary's first sentence."""
        text = self.lead or self.summary
        return text.split("\n", 1)[0]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: the articles and whether a next page exists."""

    items: tuple[StoredArticle, ...]
    has_more: bool
    total: int | None = None
    # Search: per item, the passage that matched, as (text, is a matching word) pieces.
    snippets: tuple[tuple[tuple[str, bool], ...], ...] = ()


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, file by file (SPEC: ingest prints these counts)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    retagged: int = 0
    new_article_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed
