"""/partners NAME: whom a region or a country works with, and on what; text data and a chart.

Counts come from the store (:func:`storage.queries.partners`: articles where both are sides).
The chart is drawn with matplotlib's Agg backend in a worker thread (drawing takes tens of
milliseconds of CPU, which must not stall the event loop) and kept, like the counts, until the
store changes: ``ArticleService.generation`` and the newest article id key both caches.
matplotlib is imported on the first chart only, so start-up does not pay for it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections import OrderedDict
from dataclasses import dataclass
from typing import TypeVar

from bot.services.articles import ArticleService
from bot.services.asking import Place
from storage.queries import Partner, Term, partners

TOP = 8
CACHE = 256


@dataclass(frozen=True, slots=True)
class PartnerView:
    """One partner as shown: its place, name, article count and topic names."""

    place: Place
    name: str
    articles: int
    topics: tuple[str, ...]


class PartnerService:
    def __init__(self, articles: ArticleService) -> None:
        self.articles = articles
        self._data: OrderedDict[tuple[object, ...], list[Partner]] = OrderedDict()
        self._charts: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self.renders = 0  # charts drawn (not served from the cache): for tests and benchmarks

    async def _stamp(self) -> tuple[int, int]:
        return self.articles.generation, await self.articles.store.max_id()

    async def partners(
        self, place: Place, since: dt.date, topic: str | None = None
    ) -> list[Partner]:
        key = (await self._stamp(), place, since, topic)
        found = self._data.get(key)
        if found is None:
            term = Term(place.kind, place.code)
            found = await partners(
                self.articles.store.db, term, since=since, topic=topic, limit=TOP
            )
            _put(self._data, key, found)
        return found

    def view(self, found: list[Partner], lang: str) -> list[PartnerView]:
        from bot.services.articles import topic_name

        out = []
        for p in found:
            place = Place("region" if p.kind == "region" else "country", p.code)
            out.append(
                PartnerView(
                    place,
                    self.name(place, lang),
                    p.articles,
                    tuple(topic_name(slug, lang) for slug, _ in p.topics),
                )
            )
        return out

    def name(self, place: Place, lang: str) -> str:
        if place.kind == "region":
            return self.articles.region_name(place.code, lang)
        return self.articles.country_name(place.code, lang)

    async def chart(
        self, place: Place, since: dt.date, title: str, lang: str, topic: str | None = None
    ) -> bytes:
        """The PNG bar chart of ``place``'s partners (cached until the store changes)."""
        found = await self.partners(place, since, topic)
        key = (await self._stamp(), place, since, topic, title, lang)
        png = self._charts.get(key)
        if png is None:
            bars = [(v.name, v.articles) for v in self.view(found, lang)]
            png = await asyncio.to_thread(render_chart, title, bars)
            self.renders += 1
            _put(self._charts, key, png)
        return png


V = TypeVar("V")


def _put(cache: OrderedDict[tuple[object, ...], V], key: tuple[object, ...], value: V) -> None:
    cache[key] = value
    while len(cache) > CACHE:
        cache.popitem(last=False)


def render_chart(title: str, bars: list[tuple[str, int]]) -> bytes:
    """A horizontal bar chart, biggest partner on top, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = [name for name, _ in reversed(bars)]
    counts = [count for _, count in reversed(bars)]
    figure = Figure(figsize=(7, 0.45 * len(bars) + 1.2), dpi=100)
    axes = figure.subplots()
    axes.barh(names, counts, color="#2f6db5")
    for y, count in enumerate(counts):
        axes.text(count, y, f" {count}", va="center", fontsize=9)
    axes.set_title(title, fontsize=11, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 articles
    axes.set_xlim(0, max(counts, default=1) * 1.15)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
