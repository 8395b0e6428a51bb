"""Reading the news: the article store, names of regions and topics resolved as SPEC says.

Handlers, the console and tests call this; it knows nothing about Telegram.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Generic, TypeVar

from storage.analysis.model import RegionRef
from storage.models import Page, StoredArticle
from storage.queries import (
    Combined,
    Term,
    bodies,
    combined_page,
    search_candidates,
    term_counts,
)

if TYPE_CHECKING:
    from storage.analysis.gazetteer import Gazetteer
    from storage.articles import ArticleStore

T = TypeVar("T")
PAGE_SIZE = 5
QUERY_MAX = 100  # longer arguments are cut: no name or search is that long
SEARCH_MAX = 300
# Listing pages are read far more often than the store changes (many readers ask /latest):
# a page is kept this long, and dropped at once by ``invalidate()`` after an ingest.
PAGE_TTL = 30.0
PAGE_CACHE = 2048


@dataclass(frozen=True, slots=True)
class Lookup(Generic[T]):
    """A name resolved: what it means, or up to three nearest names when nothing matched."""

    found: T | None
    suggestions: tuple[T, ...] = ()


def clean_query(text: str | None, limit: int = QUERY_MAX) -> str:
    """An argument as plain words: whitespace collapsed, cut to ``limit`` characters."""
    return " ".join((text or "").split())[:limit].strip()


@cache
def _gazetteer() -> Gazetteer:
    from storage.analysis.gazetteer import load_gazetteer

    return load_gazetteer()


@lru_cache(maxsize=4096)
def _region_lookup(query: str) -> Lookup[RegionRef]:
    """Resolve a cleaned region name (cached: the same names are asked again and again)."""
    gazetteer = _gazetteer()
    found = gazetteer.resolve(query)
    if found is not None:
        return Lookup(found)
    return Lookup(None, tuple(gazetteer.suggest(query, limit=3))[:3])


@lru_cache(maxsize=4096)
def _topic_lookup(query: str) -> Lookup[str]:
    from storage.analysis import topics

    slug = topics.resolve_topic(query)
    if slug is not None:
        return Lookup(slug)
    return Lookup(None, tuple(topics.suggest_topics(query, 3))[:3])


@lru_cache(maxsize=4096)
def region_label(code: str, russian: str, lang: str) -> str:
    """A region's name for a reader of ``lang``: the Russian one as a heading, or ISO 3166-2's
    romanised name made English ("Turkistan Region")."""
    if lang != "ru":
        import pycountry

        sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        if sub is not None:
            return english_region_name(str(sub.name))
    return heading(russian)


def heading(name: str) -> str:
    """A name as a label or heading: "Область Жетысу", not "область Жетысу"."""
    return name[:1].upper() + name[1:]


@cache
def _twins() -> dict[str, str]:
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).with_name("data") / "twins.toml").read_text("utf-8"))
    pairs = [(str(a), str(b)) for a, b in data["twins"]]
    return {**dict(pairs), **{b: a for a, b in pairs}}


def english_region_name(iso_name: str) -> str:
    """ISO 3166-2's name in ASCII with "Region" for the local word: "Turkistan Region"."""
    from anyascii import anyascii

    from bot.services.asking import english_suffixes

    name = iso_name
    for local, english in english_suffixes():
        if name.endswith(local):
            name = name[: -len(local)] + english
            break
    return str(anyascii(name)).replace("'", "")


def topic_name(slug: str, lang: str) -> str:
    from storage.analysis import topics

    return topics.topic_name(slug, lang)


class ArticleService:
    def __init__(
        self, store: ArticleStore, page_size: int = PAGE_SIZE, page_ttl: float = PAGE_TTL
    ) -> None:
        self.store = store
        self.page_size = page_size
        self.page_ttl = page_ttl
        self._pages: OrderedDict[tuple[object, ...], tuple[float, Page]] = OrderedDict()
        self._counts: dict[Term, int] | None = None
        self.generation = 0  # bumped whenever the store changed: keys of derived caches

    def invalidate(self) -> None:
        """Forget cached pages: call after the store changed (``/reload``, an ingest)."""
        self._pages.clear()
        self._counts = None
        self.generation += 1

    async def _cached(self, key: tuple[object, ...], load: Callable[[], Awaitable[Page]]) -> Page:
        now = time.monotonic()
        hit = self._pages.get(key)
        if hit is not None and now - hit[0] < self.page_ttl:
            self._pages.move_to_end(key)
            return hit[1]
        page = await load()
        self._pages[key] = (now, page)
        while len(self._pages) > PAGE_CACHE:
            self._pages.popitem(last=False)
        return page

    # -- names ---------------------------------------------------------------------------

    def find_region(self, query: str) -> Lookup[RegionRef]:
        query = clean_query(query)
        return _region_lookup(query) if query else Lookup(None)

    def find_topic(self, query: str) -> Lookup[str]:
        query = clean_query(query)
        return _topic_lookup(query) if query else Lookup(None)

    def region(self, code: str) -> RegionRef | None:
        try:
            return _gazetteer().region(code)
        except KeyError:  # a code from an old button or a region since dropped
            return None

    def topics(self, lang: str) -> list[tuple[str, str]]:
        """(slug, name in ``lang``) for every topic, in the vocabulary's order."""
        from storage.analysis import topics

        return [(slug, topic_name(slug, lang)) for slug, _ru, _en in topics.all_topics()]

    def region_name(self, code: str, lang: str) -> str:
        """A region's name: Russian from the gazetteer, English from ISO 3166-2 (pycountry)."""
        region = self.region(code)
        return region_label(code, region.name if region is not None else code, lang)

    def country_name(self, alpha2: str, lang: str) -> str:
        if lang != "ru":
            import pycountry

            country = pycountry.countries.get(alpha_2=alpha2)
            if country is not None:
                return str(getattr(country, "common_name", None) or country.name)
        return dict(_gazetteer().countries()).get(alpha2, alpha2)

    async def countries(self, lang: str) -> list[tuple[str, str]]:
        """(alpha-2, name) of the covered countries that have articles about their regions."""
        counts = await self.store.region_counts()
        with_news = {code.split("-")[0] for code, n in counts.items() if n}
        codes = [a2 for a2, _ in _gazetteer().countries()]
        chosen = [a2 for a2 in codes if a2 in with_news] or codes
        return [(a2, self.country_name(a2, lang)) for a2 in chosen]

    async def regions_with_articles(self, country: str) -> list[tuple[RegionRef, int]]:
        """The country's regions that have articles, most written about first."""
        counts = await self.store.region_counts(country)
        found = []
        for code, n in counts.items():
            region = self.region(code)
            if region is not None and n:
                found.append((region, n))
        return sorted(found, key=lambda pair: (-pair[1], pair[0].name))

    # -- articles ------------------------------------------------------------------------

    def _window(self, page: int) -> dict[str, int]:
        return {"limit": self.page_size, "offset": max(page, 0) * self.page_size}

    async def region_page(self, code: str, page: int = 0) -> Page:
        window = self._window(page)
        return await self._cached(
            ("r", code, *window.values()), lambda: self.store.by_region(code, **window)
        )

    async def topic_page(self, slug: str, page: int = 0) -> Page:
        window = self._window(page)
        return await self._cached(
            ("t", slug, *window.values()), lambda: self.store.by_topic(slug, **window)
        )

    async def latest_page(self, page: int = 0) -> Page:
        window = self._window(page)
        return await self._cached(("n", *window.values()), lambda: self.store.latest(**window))

    async def search_page(self, words: str, page: int = 0) -> Page:
        """Full-text search, best matches first, a snippet per article; the words are plain
        text (the store never parses them as FTS). Ranks the newest ``CANDIDATES`` matches."""
        words = clean_query(words, SEARCH_MAX)
        if not words:
            return Page(items=(), has_more=False)
        window = self._window(page)
        return await self._cached(
            ("s", words, *window.values()), lambda: self._search(words, **window)
        )

    async def _search(self, words: str, *, limit: int, offset: int) -> Page:
        from bot.services.search import CANDIDATES, rank, snippet

        rows = await search_candidates(self.store.db, words, CANDIDATES)
        ranked = rank(words, rows)
        ids = ranked[offset : offset + limit]
        items = await self.store.many(ids)
        texts = await bodies(self.store.db, ids)
        snippets = tuple(snippet(words, texts.get(a.id) or a.lead) for a in items)
        return Page(tuple(items), has_more=len(ranked) > offset + limit, snippets=snippets)

    async def combined(self, query: Combined, page: int = 0) -> Page:
        """Articles matching every term of ``query``: the rarest term's list is scanned."""
        counts = {term: await self.count_of(term) for term in query.terms}
        ordered = tuple(sorted(query.terms, key=lambda term: counts[term]))
        query = Combined(ordered, query.since, query.until)
        window = self._window(page)
        return await self._cached(
            ("q", query, *window.values()),
            lambda: combined_page(self.store, query, **window),
        )

    async def count_of(self, term: Term) -> int:
        """Articles listed under ``term`` (counts cached until the store changes)."""
        if self._counts is None:
            self._counts = await term_counts(self.store.db)
        return self._counts.get(term, 0)

    def twin(self, code: str) -> str | None:
        """The city for its surrounding region and vice versa (``data/twins.toml``)."""
        return _twins().get(code)

    async def article(self, article_id: int) -> StoredArticle | None:
        return await self.store.get(article_id)

    async def inline_results(self, query: str, limit: int = 10) -> list[StoredArticle]:
        """Articles for an inline query, read as any question ("Алматы Ташкент", "туризм в
        Самарканде за неделю"); words that name nothing are searched as full text."""
        import datetime as dt

        from bot.services.asking import reader

        query = clean_query(query)
        if not query:
            return list((await self.store.latest(limit=limit)).items)
        question = reader().read(query, dt.datetime.now(dt.UTC).date())
        combined = question.combined()
        if question.understood:
            terms = {term: await self.count_of(term) for term in question.terms()}
            ordered = Combined(
                tuple(sorted(terms, key=terms.__getitem__)), combined.since, combined.until
            )
            found = (await combined_page(self.store, ordered, limit=limit)).items
            if found:
                return list(found)
        # Nothing named, or the combination has no article: the words as full text, and
        # failing that the first thing named alone (an inline answer has no "did you mean").
        found = (await self.store.search(query, limit=limit)).items
        if not found and question.understood:
            first = Combined(question.terms()[:1], combined.since, combined.until)
            found = (await combined_page(self.store, first, limit=limit)).items
        return list(found)
