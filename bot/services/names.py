"""NAME in /subscribe and /unsubscribe: a topic or a region, and the nearest names when neither.

Resolved exactly as /topic and /region resolve theirs (:class:`ArticleService`); suggestions of
both kinds are ranked together by how close they look to what was typed, in Cyrillic and in
transliteration (a Latin "Samarkand" is close to "Самаркандская область").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz

from bot.services.articles import ArticleService, topic_name
from bot.services.asking import reader
from storage.analysis.morph import fold
from storage.queries import query_value
from storage.subscriptions import Kind

SUGGESTIONS = 3
SCORE_FLOOR = 65  # WRatio below this is another word, not a slip of the finger
SCORE_SPREAD = 15  # a suggestion this much further than the best one is noise


@dataclass(frozen=True, slots=True)
class Filter:
    """What a subscription follows: everything, a region (ISO code) or a topic (slug)."""

    kind: Kind
    value: str  # ISO code, slug, "" for all


EVERYTHING = Filter("all", "")


def resolve_name(articles: ArticleService, name: str) -> Filter | None:
    """A topic first (a closed list of words), then a region or a city; a combination
    ("Алматы Ташкент", "туризм Самарканд") or a country is a "query" filter of all its terms.
    None when any word is not understood: a subscription never drops what was typed."""
    question = reader().read(name, dt.datetime.now(dt.UTC).date())
    terms = question.terms()
    if question.unknown or question.period or not terms:
        return None
    if len(terms) > 1 or terms[0].kind == "country":
        return Filter("query", query_value(terms))
    slug = articles.find_topic(name).found
    if slug is not None:
        return Filter("topic", slug)
    region = articles.find_region(name).found
    return Filter("region", region.code) if region is not None else None


def _score(query: str, labels: list[str]) -> float:
    q = fold(query)
    return max(
        max(fuzz.WRatio(q, fold(label)), fuzz.WRatio(anyascii(q), anyascii(fold(label))))
        for label in labels
    )


def suggest_names(
    articles: ArticleService, name: str, kinds: tuple[Kind, ...] = ("region", "topic")
) -> list[Filter]:
    """Up to three nearest regions or topics, best first; only those nearly as close as the
    best (a "Самрканд" gets Самаркандская область, not Хатлон and Жетысу as well)."""
    found: list[tuple[float, Filter]] = []
    if "region" in kinds:
        for region in articles.find_region(name).suggestions:
            found.append((_score(name, [region.name]), Filter("region", region.code)))
    if "topic" in kinds:
        for slug in articles.find_topic(name).suggestions:
            score = _score(name, [topic_name(slug, "ru"), topic_name(slug, "en")])
            found.append((score, Filter("topic", slug)))
    found.sort(key=lambda item: -item[0])
    if not found:
        return []
    floor = max(SCORE_FLOOR, found[0][0] - SCORE_SPREAD)
    return [f for score, f in found[:SUGGESTIONS] if score >= floor]
