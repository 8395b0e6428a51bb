"""News sources in the store: their state, and the writes of one poll's items.

The new items of one poll are written in ONE transaction together with their source links and
the source row's counters (one commit and a handful of statements for a feed, not a dozen
statements and a commit per item): after a crash an item is either stored (with its source
link, so it is never fetched again) or absent (and fetched again on the next poll). Nothing is
stored twice: the item URL is unique in ``article_sources`` and the canonical URL in
``articles``, and both are looked up again inside the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass

from storage.articles import ArticleRecord, insert_articles
from storage.database import Database, Row, transaction
from storage.stories import Signature
from storage.tags import refresh_tags, tags_sql

FILES_KIND = "files"
KINDS = ("rss", "atom", "json", FILES_KIND)
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime(TIME_FORMAT)


def parse_stamp(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.strptime(value, TIME_FORMAT).replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a poll to write: a new story (``record`` and ``signature`` set), or another
    report of a story: stored article ``into``, or the ``into_batch``-th entry of this batch."""

    item_url: str
    canonical: str
    record: ArticleRecord | None = None
    signature: Signature | None = None
    relevant: bool = False
    into: int | None = None
    into_batch: int | None = None


# What became of an entry: "new" (stored as this article), "merged" (linked to this article),
# "known" (the store already had its URL: another poll stored it meanwhile).
Outcome = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    url: str
    name: str
    kind: str
    enabled: bool
    interval: int | None
    etag: str | None
    last_modified: str | None
    last_success: dt.datetime | None
    last_error: str | None
    first_error: dt.datetime | None
    consecutive_errors: int
    next_poll: dt.datetime
    paused_reason: str | None
    items_seen: int
    items_stored: int
    items_relevant: int
    items_merged: int
    last_new: int
    last_relevant: int


def _source(row: Row) -> Source:
    return Source(
        id=int(row["id"]),
        url=row["url"],
        name=row["name"],
        kind=row["kind"],
        enabled=bool(row["enabled"]),
        interval=row["interval"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_success=parse_stamp(row["last_success"]),
        last_error=row["last_error"],
        first_error=parse_stamp(row["first_error"]),
        consecutive_errors=int(row["consecutive_errors"]),
        next_poll=parse_stamp(row["next_poll"]) or dt.datetime.min.replace(tzinfo=dt.UTC),
        paused_reason=row["paused_reason"],
        items_seen=int(row["items_seen"]),
        items_stored=int(row["items_stored"]),
        items_relevant=int(row["items_relevant"]),
        items_merged=int(row["items_merged"]),
        last_new=int(row["last_new"]),
        last_relevant=int(row["last_relevant"]),
    )


class SourceExists(Exception):
    """``add`` of a URL that is already a source."""


class SourceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def all(self) -> list[Source]:
        rows = await self.db.execute_fetchall("SELECT * FROM sources ORDER BY id")
        return [_source(r) for r in rows]

    async def get(self, source_id: int) -> Source | None:
        rows = list(
            await self.db.execute_fetchall("SELECT * FROM sources WHERE id = ?", (source_id,))
        )
        return _source(rows[0]) if rows else None

    async def by_url(self, url: str) -> Source | None:
        rows = list(await self.db.execute_fetchall("SELECT * FROM sources WHERE url = ?", (url,)))
        return _source(rows[0]) if rows else None

    async def add(self, url: str, name: str, kind: str = "rss", *, now: dt.datetime) -> Source:
        if kind not in KINDS:
            raise ValueError(f"unknown source kind {kind!r}")
        async with transaction(self.db):
            if await self.by_url(url) is not None:
                raise SourceExists(url)
            await self.db.execute(
                "INSERT INTO sources (url, name, kind, created_at) VALUES (?, ?, ?, ?)",
                (url, name, kind, stamp(now)),
            )
        found = await self.by_url(url)
        assert found is not None
        return found

    async def remove(self, url: str) -> bool:
        """Forget a source; the articles it brought stay (their card still names it)."""
        async with transaction(self.db):
            cur = await self.db.execute(
                "DELETE FROM sources WHERE url = ? AND kind != ?", (url, FILES_KIND)
            )
        return cur.rowcount > 0

    async def set_enabled(self, source_id: int, enabled: bool, reason: str | None = None) -> bool:
        sql = "UPDATE sources SET enabled = ?, paused_reason = ?, consecutive_errors = "
        sql += "CASE WHEN ? = 1 THEN 0 ELSE consecutive_errors END, first_error = CASE WHEN ? = 1 "
        sql += "THEN NULL ELSE first_error END, next_poll = CASE WHEN ? = 1 "
        sql += "THEN '1970-01-01 00:00:00'"
        sql += " ELSE next_poll END WHERE id = ?"
        async with transaction(self.db):
            cur = await self.db.execute(
                sql,
                (int(enabled), None if enabled else reason, enabled, enabled, enabled, source_id),
            )
        return cur.rowcount > 0

    async def due(self, now: dt.datetime) -> list[Source]:
        rows = await self.db.execute_fetchall(
            "SELECT * FROM sources WHERE enabled = 1 AND kind != ? AND next_poll <= ? "
            "ORDER BY next_poll, id",
            (FILES_KIND, stamp(now)),
        )
        return [_source(r) for r in rows]

    async def polled(
        self,
        source: Source,
        *,
        now: dt.datetime,
        next_poll: dt.datetime,
        etag: str | None,
        last_modified: str | None,
        seen: int,
        new: int,
        relevant: int,
        kind: str | None = None,
    ) -> None:
        """A successful poll: validators, counters of the round, errors cleared."""
        await self.db.execute(
            "UPDATE sources SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, "
            "first_error = NULL, consecutive_errors = 0, next_poll = ?, "
            "items_seen = items_seen + ?, last_new = ?, last_relevant = ?, "
            "kind = coalesce(?, kind) WHERE id = ?",
            (
                etag,
                last_modified,
                stamp(now),
                stamp(next_poll),
                seen,
                new,
                relevant,
                kind,
                source.id,
            ),
        )

    async def failed(
        self,
        source: Source,
        reason: str,
        *,
        now: dt.datetime,
        next_poll: dt.datetime,
        pause_reason: str | None = None,
    ) -> None:
        """A failed poll: one more error in a row; ``pause_reason`` disables the source."""
        await self.db.execute(
            "UPDATE sources SET last_error = ?, first_error = coalesce(first_error, ?), "
            "consecutive_errors = consecutive_errors + 1, next_poll = ?, "
            "enabled = CASE WHEN CAST(? AS TEXT) IS NULL THEN enabled ELSE 0 END, "
            "paused_reason = coalesce(?, paused_reason) WHERE id = ?",
            (reason[:300], stamp(now), stamp(next_poll), pause_reason, pause_reason, source.id),
        )

    # --- items -----------------------------------------------------------------------------

    async def known(self, url: str) -> int | None:
        """The article an item URL (canonical) already gave, if any."""
        return (await self.known_many([url])).get(url)

    async def known_many(self, urls: Iterable[str]) -> dict[str, int]:
        """The article each of ``urls`` (item or canonical URLs) already gave, where known."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 400):  # SQLite's limit on parameters is far above
            chunk = wanted[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            rows = await self.db.execute_fetchall(
                f"SELECT url, article_id FROM article_sources WHERE url IN ({marks}) UNION ALL "
                f"SELECT canonical_url, id FROM articles WHERE canonical_url IN ({marks})",
                (*chunk, *chunk),
            )
            for url, article_id in rows:
                found.setdefault(str(url), int(article_id))
        return found

    async def store_items(
        self, source: Source, entries: Sequence[Entry], *, now: dt.datetime
    ) -> list[Outcome]:
        """Every entry of one poll with its source link and the counters, in ONE transaction;
        what became of each entry, in order."""
        when = stamp(now)
        async with transaction(self.db):
            known = await self.known_many(u for e in entries for u in (e.item_url, e.canonical))
            plan = _plan(entries, known)
            fresh = [i for i, (outcome, _) in enumerate(plan) if outcome == "new"]
            records = [entries[i].record for i in fresh]
            ids = await insert_articles(self.db, [r for r in records if r is not None], now=when)
            stored = dict(zip(fresh, ids, strict=True))
            done = [_resolve(plan, i, stored) for i in range(len(plan))]
            await self._write(source, entries, done, when)
        return done

    async def _write(
        self, source: Source, entries: Sequence[Entry], done: list[Outcome], when: str
    ) -> None:
        pairs = list(zip(entries, done, strict=True))
        new = [(e, a) for e, (o, a) in pairs if o == "new"]
        await self.db.executemany(
            "INSERT INTO article_sources (article_id, source_id, url, name, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(a, source.id, e.item_url, source.name, when) for e, (o, a) in pairs if o != "known"],
        )
        # the cards' copy of the source links (storage.tags): with the new articles' URLs, and
        # for the stories this poll merged into
        await self.db.executemany(
            "UPDATE articles AS a SET canonical_url = ?, url = coalesce(url, ?), "
            f"tags = {tags_sql(self.db)} WHERE a.id = ?",
            [(e.canonical, e.item_url, a) for e, a in new],
        )
        await refresh_tags(self.db, [a for o, a in done if o == "merged"])
        signatures = [(a, *e.signature.dump(), when) for e, a in new if e.signature is not None]
        await self.db.executemany(
            "INSERT INTO article_signatures (article_id, minhash, numbers, regions, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            signatures,
        )
        merged = sum(o == "merged" for o, _ in done)
        relevant = sum(e.relevant for e, _ in new)
        await self.db.execute(
            "UPDATE sources SET items_stored = items_stored + ?, items_relevant = "
            "items_relevant + ?, items_merged = items_merged + ? WHERE id = ?",
            (len(new), relevant, merged, source.id),
        )

    async def signatures_since(
        self, since: dt.datetime, batch: int = 5000
    ) -> AsyncIterator[list[tuple[int, Signature]]]:
        """The story signatures stored since ``since``, ``batch`` at a time: all at once, the
        120,000 of 6,000 feeds were 250 MB more at the bot's start (bench_sources_bot)."""
        after = 0
        while True:
            rows = list(
                await self.db.execute_fetchall(
                    "SELECT article_id, minhash, numbers, regions FROM article_signatures "
                    "WHERE created_at >= ? AND article_id > ? ORDER BY article_id LIMIT ?",
                    (stamp(since), after, batch),
                )
            )
            if not rows:
                return
            after = int(rows[-1][0])
            yield [(int(r[0]), Signature.load(bytes(r[1]), str(r[2]), str(r[3]))) for r in rows]

    async def article_sources(self, article_id: int) -> list[tuple[str, str]]:
        rows = await self.db.execute_fetchall(
            "SELECT name, url FROM article_sources WHERE article_id = ? ORDER BY seen_at, "
            + self.db.pick("rowid", "seq"),  # the order they were seen in
            (article_id,),
        )
        return [(str(r[0]), str(r[1])) for r in rows]


def _plan(entries: Sequence[Entry], known: dict[str, int]) -> list[Outcome]:
    """Each entry's outcome before the inserts: an article id, or -1 - i for the i-th entry
    of the batch (its id is known once it is inserted). A URL the store or an earlier entry
    already has is "known": an item listed twice, or stored by another poll meanwhile."""
    plan: list[Outcome] = []
    taken: dict[str, int] = {}
    for i, e in enumerate(entries):
        hit = known.get(e.item_url, known.get(e.canonical))
        if hit is None:
            hit = taken.get(e.item_url, taken.get(e.canonical))
        if hit is not None:
            plan.append(("known", hit))
        elif e.record is None:
            target = e.into if e.into is not None else -1 - (e.into_batch or 0)
            plan.append(("merged", target))
        else:
            plan.append(("new", -1 - i))
            taken[e.item_url] = taken[e.canonical] = -1 - i
    return plan


def _resolve(plan: list[Outcome], i: int, stored: dict[int, int]) -> Outcome:
    outcome, target = plan[i]
    if outcome == "new":
        return outcome, stored[i]
    while target < 0:  # an entry of this batch: stored now, or itself known
        batch_outcome, batch_target = plan[-1 - target]
        target = stored[-1 - target] if batch_outcome == "new" else batch_target
    return outcome, target
