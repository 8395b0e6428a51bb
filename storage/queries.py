"""Combined questions to the store: "between A and B", a place and a topic, a whole country,
all within a period; partners of a place; and the stored filters of combined subscriptions.

Every term is one tag table's key (a region code, a country, a topic slug). The listing reads the
range of ONE term's primary key, newest first (the caller passes the rarest term first, so the
scan is short), and checks every other term with an indexed EXISTS on the article's own tags.
Two places are both sides of the article: only regions whose role is 'party' count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from storage.articles import ArticleStore, search_query
from storage.database import Database
from storage.models import Page

TermKind = str  # "region" | "country" | "topic"


@dataclass(frozen=True, slots=True)
class Term:
    kind: TermKind
    value: str  # ISO 3166-2 code, ISO 3166-1 alpha-2, or topic slug


@dataclass(frozen=True, slots=True)
class Combined:
    """Every term must hold; dates (YYYY-MM-DD, inclusive) bound the listing key."""

    terms: tuple[Term, ...]
    since: str | None = None
    until: str | None = None


_TABLES = {
    "region": ("article_regions", "code"),
    "country": ("article_countries", "country"),
    "topic": ("article_topics", "slug"),
}


def combined_sql(query: Combined) -> tuple[str, tuple[object, ...]]:
    """The id listing of ``query`` (LIMIT and OFFSET left as the last two parameters).

    The first term's table is scanned in listing order; each other term is an EXISTS on the
    article's own rows of its table (primary key or the (article_id, pos) index)."""
    if not query.terms:
        return _period_sql(query)
    # listed (migration 0030): the article is relevant and, for a region, the region a party
    only = " AND {}.listed = 1"
    first, *rest = query.terms
    table, column = _TABLES[first.kind]
    where = [f"d.{column} = ?{only.format('d')}"]
    params: list[object] = [first.value]
    if query.since:
        where.append("d.sort_key >= ?")
        params.append(query.since)
    if query.until:
        where.append("d.sort_key <= ?")
        params.append(query.until)
    for term in rest:
        other, col = _TABLES[term.kind]
        where.append(
            f"EXISTS (SELECT 1 FROM {other} x WHERE x.article_id = d.article_id "
            f"AND x.{col} = ?{only.format('x')})"
        )
        params.append(term.value)
    sql = (
        f"SELECT d.article_id FROM {table} d WHERE {' AND '.join(where)} "
        "ORDER BY d.sort_key DESC, d.article_id DESC LIMIT ? OFFSET ?"
    )
    return sql, tuple(params)


def _period_sql(query: Combined) -> tuple[str, tuple[object, ...]]:
    """Every listed article within the dates: a range of the date index (articles_newest)."""
    where, params = ["relevant = 1"], []
    if query.since:
        where.append("sort_key >= ?")
        params.append(query.since)
    if query.until:
        where.append("sort_key <= ?")
        params.append(query.until)
    sql = (
        f"SELECT id FROM articles WHERE {' AND '.join(where)} "
        "ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?"
    )
    return sql, tuple(params)


async def combined_page(
    store: ArticleStore, query: Combined, *, limit: int = 5, offset: int = 0
) -> Page:
    sql, params = combined_sql(query)
    return await store.listing(sql, params, limit=limit, offset=offset)


async def term_counts(db: Database) -> dict[Term, int]:
    """Articles per term (the caller orders a query's terms rarest first with these)."""
    counts: dict[Term, int] = {}
    for kind, sql in (
        ("region", "SELECT code, count(*) FROM article_regions WHERE listed = 1 GROUP BY code"),
        (
            "country",
            "SELECT country, count(*) FROM article_countries WHERE listed = 1 GROUP BY country",
        ),
        ("topic", "SELECT slug, count(*) FROM article_topics WHERE listed = 1 GROUP BY slug"),
    ):
        for row in await db.execute_fetchall(sql):
            counts[Term(kind, str(row[0]))] = int(row[1])
    return counts


# -- partners ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Partner:
    kind: TermKind  # "region" or "country"
    code: str
    articles: int
    topics: tuple[tuple[str, int], ...] = field(default=())  # (slug, articles), most first


async def partners(
    db: Database,
    place: Term,
    *,
    since: dt.date,
    topic: str | None = None,
    limit: int = 10,
) -> list[Partner]:
    """Regions and countries that are sides of articles with ``place`` since ``since`` (on
    ``topic`` only, if given), by number of such articles; each with the articles' topics."""
    party = " AND r.listed = 1"  # sides of relevant articles only
    if place.kind == "region":
        mine = f"SELECT article_id FROM article_regions r WHERE r.code = ?{party}"
        same = "r.code = ?"  # itself is not its own partner
        own_country = place.value.split("-")[0]
    else:
        mine = f"SELECT article_id FROM article_regions r WHERE r.country = ?{party}"
        same = "r.country = ?"
        own_country = place.value
    mine += " AND r.sort_key >= ?"
    base: tuple[str, ...] = (place.value, since.isoformat())
    if topic is not None:
        mine += (
            " AND EXISTS (SELECT 1 FROM article_topics t "
            "WHERE t.article_id = r.article_id AND t.slug = ?)"
        )
        base += (topic,)
    rows = await db.execute_fetchall(
        f"WITH mine(article_id) AS MATERIALIZED (SELECT DISTINCT article_id FROM ({mine}) AS m) "
        "SELECT 'region', r.code, count(DISTINCT r.article_id) FROM article_regions r "
        f"JOIN mine USING (article_id) WHERE NOT {same}{party} GROUP BY r.code "
        "UNION ALL SELECT 'country', c.country, count(DISTINCT c.article_id) "
        "FROM article_countries c JOIN mine USING (article_id) "
        "WHERE c.country != ? AND c.listed = 1 GROUP BY c.country",
        (*base, place.value, own_country),
    )
    found = sorted(  # ties: regions before countries
        ((str(r[0]), str(r[1]), int(r[2])) for r in rows),
        key=lambda r: (-r[2], r[0] != "region", r[1]),
    )[:limit]
    topics = await _partner_topics(db, mine, base, [(k, c) for k, c, _ in found], party)
    return [Partner(k, c, n, tuple(topics.get((k, c), [])[:3])) for k, c, n in found]


async def _partner_topics(
    db: Database,
    mine: str,
    base: tuple[str, ...],
    chosen: list[tuple[str, str]],
    party: str,
) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """Per partner, (topic, articles) most first; ties: the topic the articles put first."""
    regions = [c for k, c in chosen if k == "region"]
    countries = [c for k, c in chosen if k == "country"]
    out: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for kind, codes, table, column in (
        ("region", regions, "article_regions", "code"),
        ("country", countries, "article_countries", "country"),
    ):
        if not codes:
            continue
        marks = ",".join("?" * len(codes))
        extra = party if kind == "region" else ""
        rows = await db.execute_fetchall(
            "WITH mine(article_id) AS MATERIALIZED "
            f"(SELECT DISTINCT article_id FROM ({mine}) AS m) "
            f"SELECT r.{column}, t.slug, count(*), min(t.pos) FROM {table} r "
            "JOIN mine USING (article_id) JOIN article_topics t USING (article_id) "
            f"WHERE r.{column} IN ({marks}){extra} GROUP BY r.{column}, t.slug "
            "ORDER BY 3 DESC, 4, 2",
            (*base, *codes),
        )
        for code, slug, n, _pos in rows:
            out.setdefault((kind, str(code)), []).append((str(slug), int(n)))
    return out


# -- combined subscriptions --------------------------------------------------------------

# True when combined subscription ``s`` wants article ``a``: no term of it fails. Joined into
# the delivery planner's MATCH_SQL as one more OR branch (aliases s and a are the planner's).
QUERY_MATCH_SQL = """(s.kind = 'query' AND NOT EXISTS (
    SELECT 1 FROM subscription_terms q WHERE q.subscription_id = s.id AND NOT (
        (q.kind = 'region' AND EXISTS (SELECT 1 FROM article_regions r
            WHERE r.article_id = a.id AND r.code = q.value AND r.listed = 1))
        OR (q.kind = 'country' AND EXISTS (SELECT 1 FROM article_countries c
            WHERE c.article_id = a.id AND c.country = q.value AND c.listed = 1))
        OR (q.kind = 'topic' AND EXISTS (SELECT 1 FROM article_topics t
            WHERE t.article_id = a.id AND t.slug = q.value AND t.listed = 1)))))"""
# (listed: a relevant article and, for a region, one of its sides; one seek in the 0051 indexes)


def query_value(terms: tuple[Term, ...]) -> str:
    """The canonical text of a combined subscription (its ``subscriptions.value``)."""
    return "+".join(
        f"{t.kind}:{t.value}" for t in sorted(set(terms), key=lambda t: (t.kind, t.value))
    )


def terms_of(value: str) -> tuple[Term, ...]:
    """The terms of a stored combined subscription value (inverse of :func:`query_value`)."""
    out = []
    for part in value.split("+"):
        kind, _, code = part.partition(":")
        if kind in {"region", "country", "topic"} and code:
            out.append(Term(kind, code))
    return tuple(out)


async def store_terms(db: Database, subscription_id: int, value: str) -> None:
    """Write the terms of a combined subscription (inside the caller's transaction)."""
    await db.executemany(
        "INSERT INTO subscription_terms (subscription_id, kind, value) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [(subscription_id, t.kind, t.value) for t in terms_of(value)],
    )


# -- search by relevance -----------------------------------------------------------------


async def search_candidates(db: Database, words: str, limit: int) -> list[tuple[int, str, str]]:
    """(id, title, lead) of the newest ``limit`` articles holding every word, newest first.

    The full-text index keeps no term frequencies (detail=none, each lemma once), so FTS5's
    bm25 gives every match of an AND query the same score; ranking happens on these rows."""
    query = search_query(db, words)
    if query is None:
        return []
    ids = [int(r[0]) for r in await db.execute_fetchall(query[0], (query[1], limit, 0))]
    if not ids:
        return []
    rows = await db.execute_fetchall(
        f"SELECT id, title, lead FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    )
    found = {int(r[0]): (str(r[1]), str(r[2])) for r in rows}
    return [(i, *found[i]) for i in ids if i in found]


async def bodies(db: Database, ids: list[int]) -> dict[int, str]:
    """The clean text of a page's articles (for its snippets)."""
    if not ids:
        return {}
    rows = await db.execute_fetchall(
        f"SELECT id, body FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    )
    return {int(r[0]): str(r[1]) for r in rows}
