"""The article store: listings and lookups (ArticleStore), and the one write path.

Listings are newest first: by the article's date, undated ones by their day of ingestion, then
by id. Region and topic listings read one range of their tag table's primary key, which holds
the ordering key, and then load only the page's articles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from storage.analysis.model import Analysis, Figure, RegionRef
from storage.database import Database, Row
from storage.fulltext import index_text, match_expression, query_tokens
from storage.models import Page, StoredArticle
from storage.tags import parse_tags, tags_json, tags_sql, unique_tags

MAX_PAGE = 100

# The listing queries (tests check their plans). Each returns ids, LIMIT and OFFSET last.
# Only listed articles: relevant ones (SPEC), and for a region those where it is a party (a
# region only mentioned in passing, a dateline say, is not what the reader asked about).
LATEST_SQL = (
    "SELECT id FROM articles WHERE relevant = 1 ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?"
)
TAG_LISTING_SQL = {
    table: f"SELECT article_id FROM {table} WHERE {column} = ? AND listed = 1 "
    "ORDER BY sort_key DESC, article_id DESC LIMIT ? OFFSET ?"
    for table, column in (
        ("article_regions", "code"),
        ("article_topics", "slug"),
        ("article_countries", "country"),
    )
}
_BOUNDS = "LIMIT ? OFFSET ?"  # how every listing above ends
# The FTS rowid is articles.fts_key: (day number << 32) | id, i.e. the listing order.
FTS_ID_MASK = 0xFFFFFFFF
SEARCH_SQL = (
    f"SELECT f.rowid & {FTS_ID_MASK} FROM articles_fts AS f "
    "JOIN articles AS a ON a.fts_key = f.rowid "
    "WHERE articles_fts MATCH ? AND a.relevant = 1 ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
)
# PostgreSQL: the tsvector of the same lemmas ('simple': no further stemming), every token
# required; the GIN index finds the matches and the date index orders them.
PG_SEARCH_SQL = (
    "SELECT id FROM articles WHERE fts @@ plainto_tsquery('simple', ?) AND relevant = 1 "
    "ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?"
)


def search_query(db: Database, words: str) -> tuple[str, str] | None:
    """The search listing for this engine and its one parameter, or None (no words)."""
    if db.dialect == "sqlite":
        expression = match_expression(words)
        return None if expression is None else (SEARCH_SQL, expression)
    tokens = query_tokens(words)
    return (PG_SEARCH_SQL, " ".join(tokens)) if tokens else None


def utc_now() -> str:
    """Now in UTC as the store writes timestamps."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _parse_utc(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


class ArticleStore:
    """Read access to the articles; every method is one or two indexed queries."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def db(self) -> Database:
        return self._db

    async def listing(
        self, sql: str, params: tuple[object, ...], *, limit: int = 5, offset: int = 0
    ) -> Page:
        """A page of any id listing ``sql`` (LIMIT and OFFSET its last two parameters):
        for listings built elsewhere (``storage.queries``)."""
        return await self._page(sql, params, limit, offset)

    async def many(self, ids: Sequence[int]) -> list[StoredArticle]:
        """The articles with ``ids``, in that order (missing ones left out)."""
        return await self._load(ids)

    async def get(self, article_id: int) -> StoredArticle | None:
        found = await self._load([article_id])
        return found[0] if found else None

    async def latest(self, *, limit: int = 5, offset: int = 0) -> Page:
        return await self._page(LATEST_SQL, (), limit, offset, bounds_in_sql=True)

    async def by_region(self, code: str, *, limit: int = 5, offset: int = 0) -> Page:
        sql = TAG_LISTING_SQL["article_regions"]
        return await self._page(sql, (code.strip().upper(),), limit, offset, bounds_in_sql=True)

    async def by_topic(self, slug: str, *, limit: int = 5, offset: int = 0) -> Page:
        sql = TAG_LISTING_SQL["article_topics"]
        return await self._page(sql, (slug.strip().lower(),), limit, offset, bounds_in_sql=True)

    async def by_country(self, country: str, *, limit: int = 5, offset: int = 0) -> Page:
        sql = TAG_LISTING_SQL["article_countries"]
        return await self._page(sql, (country.strip().upper(),), limit, offset, bounds_in_sql=True)

    async def search(self, words: str, *, limit: int = 5, offset: int = 0) -> Page:
        """Articles holding every word of ``words`` in any form, newest first.

        The FTS rowid is the listing order, so FTS5 reads the matches newest first and stops
        at the page's end: no sort, however common the word.
        """
        query = search_query(self._db, words)
        if query is None:
            return Page(items=(), has_more=False)
        return await self._page(query[0], (query[1],), limit, offset)

    async def region_counts(self, country: str | None = None) -> dict[str, int]:
        """Region code -> number of articles about it (of one country, if given)."""
        params: tuple[str, ...] = ()
        if country is None:
            sql = "SELECT code, count(*) FROM article_regions WHERE listed = 1 GROUP BY code"
        else:
            sql = (
                "SELECT code, count(*) FROM article_regions WHERE country = ? AND listed = 1 "
                "GROUP BY code"
            )
            params = (country.strip().upper(),)
        return {str(row[0]): int(row[1]) for row in await self._db.execute_fetchall(sql, params)}

    async def topic_counts(self) -> dict[str, int]:
        sql = "SELECT slug, count(*) FROM article_topics WHERE listed = 1 GROUP BY slug"
        return {str(row[0]): int(row[1]) for row in await self._db.execute_fetchall(sql)}

    async def count(self) -> int:
        """Every stored article, listed or not."""
        return await self._scalar("SELECT count(*) FROM articles")

    async def count_unlisted(self) -> int:
        """Stored articles the analysis found not about cooperation (kept, never listed)."""
        return await self._scalar("SELECT count(*) FROM articles WHERE relevant = 0")

    async def max_id(self) -> int:
        """The highest id ever given (ids are never reused), 0 for an empty store."""
        return await self._scalar(self._db.pick(_SQLITE_MAX_ID, _PG_MAX_ID))

    async def ids_after(self, article_id: int) -> list[int]:
        """Ids of the articles ingested after ``article_id`` was, oldest first."""
        sql = "SELECT id FROM articles WHERE id > ? ORDER BY id"
        return [int(row[0]) for row in await self._db.execute_fetchall(sql, (article_id,))]

    async def _scalar(self, sql: str) -> int:
        rows = list(await self._db.execute_fetchall(sql))
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    async def _page(
        self,
        sql: str,
        params: tuple[object, ...],
        limit: int,
        offset: int,
        *,
        bounds_in_sql: bool = False,
    ) -> Page:
        """One round trip: the listing's ids (one more than asked, to know if more exist),
        then those articles, in listing order.

        ``bounds_in_sql``: a listing whose plan is the same for every key (one index range,
        newest first) may have its LIMIT and OFFSET written into the SQL on PostgreSQL, which
        plans a parameter LIMIT as 10 % of the rows: its cached generic plan then always
        looks dearer than planning anew, and every page paid for planning (about a fifth of
        a page's time, issue 10). With the numbers written in, each connection plans a page
        shape once. Not for search: which index suits depends on the words."""
        limit = max(1, min(limit, MAX_PAGE))
        offset = max(0, offset)
        args = (*params, limit + 1, offset)
        if bounds_in_sql and self._db.dialect == "postgresql":
            sql = sql.removesuffix(_BOUNDS) + f"LIMIT {int(limit) + 1} OFFSET {int(offset)}"
            args = params
        page_sql = _page_sql(self._db, sql)
        # execute_fetchall: one hop to the database thread instead of three (execute, fetch,
        # close), which is most of a listing's time at p99
        rows = list(await self._db.execute_fetchall(page_sql, args))
        items = tuple(_article(row) for row in rows[:limit])
        return Page(items=items, has_more=len(rows) > limit)

    async def _load(self, ids: Sequence[int]) -> list[StoredArticle]:
        """The articles with ``ids``, in that order, tags included: one query."""
        if not ids:
            return []
        sql = f"{ARTICLE_SELECT} FROM articles AS a WHERE a.id IN ({','.join('?' * len(ids))})"
        rows = {int(row["id"]): row for row in await self._db.execute_fetchall(sql, tuple(ids))}
        return [_article(rows[i]) for i in ids if i in rows]


# An article row with its tags (storage.tags: one JSON text written with the tag rows, so a
# page reads no tag table; both engines)
ARTICLE_SELECT = (
    "SELECT a.id, a.title, a.lead, a.date, a.url, a.summary, a.figures, a.ingested_at, "
    "a.relevant, a.tags"
)


def _page_sql(db: Database, listing: str) -> str:
    """A page: the listing's ids, then those articles in listing order. PostgreSQL reads the
    ids as one array (an InitPlan, then one index scan of articles): 0.1 ms less than joining
    a materialized CTE, mostly planning (A/B at 30,000 articles, p50 0.93-1.03 -> 0.82-0.91 ms)."""
    if db.dialect == "postgresql":
        return (
            f"{ARTICLE_SELECT} FROM articles AS a WHERE a.id = ANY(ARRAY({listing})) "
            "ORDER BY a.sort_key DESC, a.id DESC"
        )
    return (
        f"WITH page(id) AS MATERIALIZED ({listing}) {ARTICLE_SELECT} FROM page "
        "JOIN articles AS a ON a.id = page.id ORDER BY a.sort_key DESC, a.id DESC"
    )


# The highest id ever given (the sequence), 0 before the first
_SQLITE_MAX_ID = "SELECT seq FROM sqlite_sequence WHERE name = 'articles'"
_PG_MAX_ID = (
    "SELECT last_value FROM pg_sequences WHERE schemaname = current_schema() "
    "AND sequencename = 'articles_id_seq'"
)


def _article(row: Row) -> StoredArticle:
    figures = tuple(Figure(f["kind"], f["text"]) for f in json.loads(row["figures"] or "[]"))
    tags = parse_tags(row["tags"])
    return StoredArticle(
        id=int(row["id"]),
        title=row["title"],
        lead=row["lead"],
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        url=row["url"],
        summary=row["summary"],
        regions=tuple(RegionRef(*r) for r in tags["regions"]),
        countries=tuple(tags["countries"]),
        topics=tuple(tags["topics"]),
        figures=figures,
        ingested_at=_parse_utc(row["ingested_at"]),
        relevant=bool(row["relevant"]),
        sources=tuple((str(n), str(u)) for n, u in tags["sources"]),
    )


# --- writing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything stored for one article: its analysis and where it came from."""

    analysis: Analysis
    raw: str  # the decoded file text the analysis read
    content_hash: str
    fingerprint: str
    source_path: str | None = None
    lemmas: str | None = None  # precomputed index text (bulk loads); None: computed here

    def index_text(self) -> str:
        if self.lemmas is not None:
            return self.lemmas
        a = self.analysis
        return index_text(a.title, a.lead, a.body)


# Ids are given explicitly (see insert_articles); an undated article sorts by its ingestion day.
_INSERT_SQL = (
    "INSERT INTO articles (title, lead, body, date, url, summary, figures, lemmas, "
    "content_hash, raw, source_path, analysis_fingerprint, updated_at, relevant, id, "
    "ingested_at, sort_key, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# Run after the new tag rows are written: the tags JSON is read from them (and the article's
# source links, which a re-analysis keeps)
_UPDATE_SQL = (
    "UPDATE articles AS a SET title = ?, lead = ?, body = ?, date = ?, url = ?, summary = ?, "
    "figures = ?, lemmas = ?, content_hash = ?, raw = ?, source_path = ?, "
    "analysis_fingerprint = ?, updated_at = ?, relevant = ?, sort_key = ?, tags = {tags} "
    "WHERE a.id = ?"
)


def _values(record: ArticleRecord, now: str) -> tuple[object, ...]:
    """The values both statements start with (title ... relevant)."""
    a = record.analysis
    figures = json.dumps([{"kind": f.kind, "text": f.text} for f in a.figures], ensure_ascii=False)
    return (
        a.title,
        a.lead,
        a.body,
        a.date.isoformat() if a.date else None,
        a.url,
        a.summary,
        figures,
        record.index_text(),
        record.content_hash,
        record.raw,
        record.source_path,
        record.fingerprint,
        now,
        int(a.relevant),
    )


def _date(record: ArticleRecord) -> str | None:
    return record.analysis.date.isoformat() if record.analysis.date else None


async def save_article(
    db: Database,
    record: ArticleRecord,
    *,
    article_id: int | None = None,
    now: str | None = None,
) -> int:
    """Insert an article, or replace article ``article_id`` in place (same id, tags replaced).

    Runs inside the caller's transaction: the caller decides what is all-or-nothing.
    """
    if article_id is None:
        return (await insert_articles(db, [record], now=now))[0]
    rows = await db.execute_fetchall(
        "SELECT substr(ingested_at, 1, 10) FROM articles WHERE id = ?", (article_id,)
    )
    if not rows:
        raise LookupError(f"article {article_id} does not exist")
    key = _date(record) or str(rows[0][0])  # an undated article sorts by its ingestion day
    for table in ("article_regions", "article_topics", "article_countries"):
        await db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    await _insert_tags(db, [(article_id, key, record.analysis)])
    values = (*_values(record, now or utc_now()), key, article_id)
    await db.execute(_UPDATE_SQL.format(tags=tags_sql(db)), values)
    return article_id


async def insert_articles(
    db: Database, records: Sequence[ArticleRecord], *, now: str | None = None
) -> list[int]:
    """Insert new articles in a handful of statements; returns their ids, in order.

    Must run inside a ``transaction()``. The ids are taken first and written explicitly: on
    SQLite, holding the write lock, the next ones after the AUTOINCREMENT sequence (which the
    insert then advances); on PostgreSQL, drawn from the identity sequence (never reused).
    """
    if not records:
        return []
    if not db.in_transaction:
        raise RuntimeError("insert_articles needs a transaction")
    now = now or utc_now()
    ids = await _new_ids(db, len(records))
    day = now[:10]
    await db.executemany(
        _INSERT_SQL,
        [
            (*_values(r, now), i, now, _date(r) or day, tags_json(r.analysis))
            for i, r in zip(ids, records, strict=True)
        ],
    )
    await _insert_tags(
        db,
        [
            (i, r.analysis.date.isoformat() if r.analysis.date else day, r.analysis)
            for i, r in zip(ids, records, strict=True)
        ],
    )
    return ids


async def _new_ids(db: Database, count: int) -> list[int]:
    if db.dialect == "postgresql":
        # Writers of new articles take turns until they commit (as SQLite's one writer does):
        # ids then become visible in the order they were given, so the delivery planner's
        # "everything up to the highest id" never passes over one still being written.
        await db.execute(
            "SELECT pg_advisory_xact_lock(hashtext('news-bot article ids ' || current_schema()))"
        )
        rows = await db.execute_fetchall(
            "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, ?)",
            (count,),
        )
        return sorted(int(r[0]) for r in rows)
    async with db.execute(_SQLITE_MAX_ID) as cursor:
        row = await cursor.fetchone()
    async with db.execute("SELECT max(id) FROM articles") as cursor:
        top = await cursor.fetchone()
    first = max(int(row[0]) if row else 0, int(top[0]) if top and top[0] else 0) + 1
    return list(range(first, first + count))


async def _insert_tags(db: Database, articles: Sequence[tuple[int, str, Analysis]]) -> None:
    """Tag rows for (article id, sort key, analysis) triples; tags de-duplicated, in order.
    A row is listed when its article is relevant and, for a region, the region a party."""
    regions, topics, countries = [], [], []
    for article_id, key, a in articles:
        unique, slugs, codes = unique_tags(a)  # as tags_json has them
        on = int(a.relevant)
        regions += [
            (r.code, key, article_id, r.country, r.name, i, r.role, on and int(r.role == "party"))
            for i, r in enumerate(unique)
        ]
        topics += [(s, key, article_id, i, on) for i, s in enumerate(slugs)]
        countries += [(c, key, article_id, i, on) for i, c in enumerate(codes)]
    await db.executemany(
        "INSERT INTO article_regions (code, sort_key, article_id, country, name, pos, role, "
        "listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        regions,
    )
    await db.executemany(
        "INSERT INTO article_topics (slug, sort_key, article_id, pos, listed) "
        "VALUES (?, ?, ?, ?, ?)",
        topics,
    )
    await db.executemany(
        "INSERT INTO article_countries (country, sort_key, article_id, pos, listed) "
        "VALUES (?, ?, ?, ?, ?)",
        countries,
    )


async def delete_article(db: Database, article_id: int) -> None:
    """Remove an article; its tags, index entry and file record go with it."""
    await db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
