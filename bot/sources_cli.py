"""``python -m bot sources list|add|remove|check|fetch`` and ``python -m bot export --json``.

Exit status: 0 done; 1 a source failed (``fetch``, ``check``) or the URL is unknown or already
a source (``remove``, ``add``); 2 bad configuration or an unusable store.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings, load_settings
from bot.services.sources import probe
from bot.sources.collect import Collector, SourceReport
from bot.sources.http import Fetcher
from bot.sources.poller import load_index, poll_round, utc_now
from bot.store import open_settings_store
from storage.database import Database, Row
from storage.db import SchemaError
from storage.sources import SourceExists, SourceStore


def run_sources(action: str, url: str | None, name: str | None, every: bool) -> int:
    return _run(lambda settings, db: _ACTIONS[action](settings, db, url, name, every))


def run_add_starter() -> int:
    return _run(lambda settings, db: _add_starter(db))


STARTER = Path(__file__).with_name("sources") / "starter_sources.toml"


def starter_sources(path: Path = STARTER) -> list[tuple[str, str]]:
    """(url, name) of the starter list (a data file: see its header)."""
    with path.open("rb") as fh:
        table = tomllib.load(fh)
    return [(str(s["url"]), str(s["name"])) for s in table.get("source", [])]


async def _add_starter(db: Database) -> int:
    store, added = SourceStore(db), 0
    for url, name in starter_sources():
        try:
            await store.add(url, name, now=utc_now())
        except SourceExists:
            print(f"already a source: {url}")
            continue
        added += 1
        print(f"added {url} ({name})")
    print(f"{added} added from {STARTER.name} (not fetched when the list was written: check them)")
    return 0


def run_export() -> int:
    return _run(lambda settings, db: export_articles(db))


def _run(body: Callable[[Settings, Database], Awaitable[int]]) -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2

    async def main() -> int:
        db = await open_settings_store(settings)
        try:
            return await body(settings, db)
        finally:
            await db.close()

    try:
        return asyncio.run(main())
    except SchemaError as exc:
        print(f"store: {exc}", file=sys.stderr)
        return 2


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "never"


async def _list(settings: Settings, db: Database, *_: object) -> int:
    for s in await SourceStore(db).all():
        state = "on" if s.enabled else f"paused ({s.paused_reason or 'by an admin'})"
        print(
            f"{s.url}  {s.name!r}  {s.kind}  {state}  last success {_when(s.last_success)}  "
            f"stored {s.items_stored} (relevant {s.items_relevant}, merged {s.items_merged})  "
            f"errors {s.consecutive_errors}{': ' + s.last_error if s.last_error else ''}  "
            f"next poll {_when(s.next_poll) if s.kind != 'files' else '-'}"
        )
    return 0


async def _add(settings: Settings, db: Database, url: str | None, name: str | None, _: bool) -> int:
    assert url is not None
    if not url.startswith(("http://", "https://")):
        print(f"not an http(s) URL: {url}", file=sys.stderr)
        return 1
    try:
        source = await SourceStore(db).add(url, name or url, now=utc_now())
    except SourceExists:
        print(f"already a source: {url}", file=sys.stderr)
        return 1
    print(f"added {source.url} ({source.name}); polled every {settings.sources_interval:g} s")
    return 0


async def _remove(settings: Settings, db: Database, url: str | None, *_: object) -> int:
    assert url is not None
    if await SourceStore(db).remove(url):
        print(f"removed {url}; its articles stay")
        return 0
    print(f"no such source: {url}", file=sys.stderr)
    return 1


async def _collector(settings: Settings, db: Database, fetcher: Fetcher) -> Collector:
    now = utc_now()
    index = await load_index(db, now)
    return Collector(
        SourceStore(db), fetcher, index, default_interval=settings.sources_interval, now=utc_now
    )


async def _check(
    settings: Settings, db: Database, url: str | None, name: str | None, _: bool
) -> int:
    """Poll ``url`` as a source would be, storing nothing, and say what would be stored."""
    assert url is not None
    probe_source = await SourceStore(db).by_url(url) or probe(url, name)
    async with Fetcher() as fetcher:
        collector = await _collector(settings, db, fetcher)
        report = await collector.poll(probe_source, dry_run=True)
    print(_report_line(report, would=True))
    for line in report.log:
        print(f"  {line}")
    return 1 if report.error else 0


async def _fetch(
    settings: Settings, db: Database, url: str | None, name: str | None, every: bool
) -> int:
    async with Fetcher() as fetcher:
        collector = await _collector(settings, db, fetcher)
        report = await poll_round(collector, every=every)
    for one in report.sources:
        print(_report_line(one))
    print(
        f"{len(report.sources)} sources: {report.total('new')} new, "
        f"{report.total('relevant')} relevant, {report.total('merged')} merged, "
        f"{report.failed} failed"
    )
    return 1 if report.failed else 0


def _report_line(r: SourceReport, *, would: bool = False) -> str:
    head = f"{r.source.url}: "
    if r.error:
        return head + f"failed: {r.error}"
    if r.not_modified:
        return head + "not modified"
    verb = "would store" if would else "new"
    line = head + f"{r.items} items, {verb} {r.new} ({r.relevant} relevant), merged {r.merged}"
    return "\n".join([line, *(f"  skipped {s}" for s in r.skipped)])


_ACTIONS: dict[str, Callable[..., Awaitable[int]]] = {
    "list": _list,
    "add": _add,
    "remove": _remove,
    "check": _check,
    "fetch": _fetch,
}


# --- export ----------------------------------------------------------------------------------


def _export_sql(relevant: bool, role: bool) -> str:
    """The export query; ``relevant`` and ``role`` exist once the understanding migration
    (0030) is in the store, else the contract's defaults are given (true, "party")."""
    role_sql = "role" if role else "'party'"
    relevant_sql = "a.relevant" if relevant else "1"
    return f"""
SELECT a.id, a.title, a.date, a.url, a.summary, a.ingested_at, a.source_path,
  {relevant_sql} AS relevant,
  (SELECT json_group_array(json_array(code, name, country, role)) FROM (SELECT code, name,
   country, {role_sql} AS role FROM article_regions WHERE article_id = a.id ORDER BY pos))
   AS regions,
  (SELECT json_group_array(slug) FROM (SELECT slug FROM article_topics
   WHERE article_id = a.id ORDER BY pos)) AS topics,
  (SELECT json_group_array(country) FROM (SELECT country FROM article_countries
   WHERE article_id = a.id ORDER BY pos)) AS countries,
  (SELECT json_group_array(json_object('name', name, 'url', url)) FROM (SELECT name, url
   FROM article_sources WHERE article_id = a.id ORDER BY seen_at, rowid)) AS sources
FROM articles AS a WHERE a.id > ? ORDER BY a.id LIMIT 500
"""


# PostgreSQL stores start at the current schema (relevant and role always exist); the JSON is
# built the same way and read back as text, so both engines export the same lines.
_PG_EXPORT_SQL = """
SELECT a.id, a.title, a.date, a.url, a.summary, a.ingested_at, a.source_path, a.relevant,
  (SELECT coalesce(json_agg(json_build_array(code, name, country, role) ORDER BY pos), '[]')
   FROM article_regions WHERE article_id = a.id)::text AS regions,
  (SELECT coalesce(json_agg(slug ORDER BY pos), '[]') FROM article_topics
   WHERE article_id = a.id)::text AS topics,
  (SELECT coalesce(json_agg(country ORDER BY pos), '[]') FROM article_countries
   WHERE article_id = a.id)::text AS countries,
  (SELECT coalesce(json_agg(json_build_object('name', name, 'url', url) ORDER BY seen_at, seq),
   '[]') FROM article_sources WHERE article_id = a.id)::text AS sources
FROM articles AS a WHERE a.id > ? ORDER BY a.id LIMIT 500
"""


async def _columns(db: Database, table: str) -> set[str]:
    return {str(r[1]) for r in await db.execute_fetchall(f"PRAGMA table_info({table})")}


async def export_articles(db: Database) -> int:
    """Every stored article, one JSON object a line (SPEC: export --json), in id order."""
    if db.dialect == "postgresql":
        sql = _PG_EXPORT_SQL
    else:
        sql = _export_sql(
            "relevant" in await _columns(db, "articles"),
            "role" in await _columns(db, "article_regions"),
        )
    last = 0
    while True:
        rows = list(await db.execute_fetchall(sql, (last,)))
        if not rows:
            return 0
        for row in rows:
            print(json.dumps(_exported(row), ensure_ascii=False))
        last = int(rows[-1]["id"])


def _exported(row: Row) -> dict[str, Any]:
    regions = [
        {"code": c, "name": n, "country": k, "role": r} for c, n, k, r in json.loads(row["regions"])
    ]
    return {
        "id": int(row["id"]),
        "file": row["source_path"],
        "title": row["title"],
        "date": row["date"],
        "regions": regions,
        "countries": json.loads(row["countries"]),
        "topics": json.loads(row["topics"]),
        "relevant": bool(row["relevant"]),
        "summary": row["summary"],
        "url": row["url"],
        "sources": json.loads(row["sources"]),
        "ingested_at": row["ingested_at"],
    }
