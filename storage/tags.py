"""Each article's tags as one JSON text, ``articles.tags`` (migration 0070), written whenever
its tag rows are: what a listing's card shows of its regions, topics, countries and sources.

Why: a page of ten read the four tag tables once per article, an aggregate subquery each (on
PostgreSQL most of a listing's time, its p99 2.3-3.4 x SQLite's at 100,000 articles; issue 10).
Now the page reads the column with the article's row. The tag tables stay the truth that
listings, partners and delivery search; this column is their copy for display, so every writer
of tag rows refreshes it in the same transaction:

- new articles (``insert_articles``): computed here from the analysis, in the INSERT itself
  (they have no source links yet);
- a re-analysis (``save_article``) and new source links (a story merged from another feed,
  ``SourceStore.store_items``): recomputed from the tables by :func:`tags_sql`.

:func:`stale_tags` lists the articles whose copy differs from the tables (tests check it after
every kind of write).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storage.analysis.model import Analysis, RegionRef
from storage.database import Database

# The tags of one article ``a``, from its tag rows, in the order the analysis gave them
# (sources: the order they were seen in). json(): SQLite's scalar subquery returns text, which
# json_object would otherwise quote as a string.
SQLITE_TAGS_SQL = (
    "json_object("
    "'regions', json((SELECT json_group_array(json_array(code, name, country, role)) FROM "
    "(SELECT code, name, country, role FROM article_regions WHERE article_id = a.id "
    "ORDER BY pos))), "
    "'topics', json((SELECT json_group_array(slug) FROM "
    "(SELECT slug FROM article_topics WHERE article_id = a.id ORDER BY pos))), "
    "'countries', json((SELECT json_group_array(country) FROM "
    "(SELECT country FROM article_countries WHERE article_id = a.id ORDER BY pos))), "
    "'sources', json((SELECT json_group_array(json_array(name, url)) FROM "
    "(SELECT name, url FROM article_sources WHERE article_id = a.id ORDER BY seen_at, rowid))))"
)
# article_sources.seq stands for SQLite's rowid (migrations_pg/0040)
PG_TAGS_SQL = (
    "json_build_object("
    "'regions', coalesce((SELECT json_agg(json_build_array(code, name, country, role) "
    "ORDER BY pos) FROM article_regions WHERE article_id = a.id), '[]'), "
    "'topics', coalesce((SELECT json_agg(slug ORDER BY pos) FROM article_topics "
    "WHERE article_id = a.id), '[]'), "
    "'countries', coalesce((SELECT json_agg(country ORDER BY pos) FROM article_countries "
    "WHERE article_id = a.id), '[]'), "
    "'sources', coalesce((SELECT json_agg(json_build_array(name, url) ORDER BY seen_at, seq) "
    "FROM article_sources WHERE article_id = a.id), '[]'))::text"
)


def tags_sql(db: Database) -> str:
    """The SQL expression of article ``a``'s tags JSON, read from its tag rows."""
    return db.pick(SQLITE_TAGS_SQL, PG_TAGS_SQL)


def unique_tags(a: Analysis) -> tuple[list[RegionRef], list[str], list[str]]:
    """The analysis's regions (one per code), topics and countries as they are stored."""
    regions = list({r.code: r for r in a.regions}.values())
    return regions, list(dict.fromkeys(a.topics)), list(dict.fromkeys(a.countries))


def tags_json(a: Analysis, sources: Sequence[tuple[str, str]] = ()) -> str:
    """The tags JSON of an analysis (what :func:`tags_sql` gives once its rows are written)."""
    regions, topics, countries = unique_tags(a)
    value = {
        "regions": [[r.code, r.name, r.country, r.role] for r in regions],
        "topics": topics,
        "countries": countries,
        "sources": [list(s) for s in sources],
    }
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_tags(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"article tags are not a JSON object: {text[:80]!r}")
    return value


async def refresh_tags(db: Database, ids: Sequence[int]) -> None:
    """Recompute the tags of articles ``ids`` from their rows (after rows were added)."""
    await db.executemany(
        f"UPDATE articles AS a SET tags = {tags_sql(db)} WHERE a.id = ?",
        [(i,) for i in dict.fromkeys(ids)],
    )


async def stale_tags(db: Database) -> list[int]:
    """Ids of the articles whose stored tags differ from their tag rows (none, if every
    writer keeps them in step), in id order."""
    rows = await db.execute_fetchall(f"SELECT a.id, a.tags, {tags_sql(db)} FROM articles AS a")
    return sorted(int(r[0]) for r in rows if parse_tags(str(r[1])) != parse_tags(str(r[2])))
