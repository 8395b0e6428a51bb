"""Helpers shared by the delivery tests: a real store file and articles with chosen tags."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path

from storage.analysis.analyze import fingerprint
from storage.analysis.model import Analysis, RegionRef
from storage.articles import ArticleRecord, save_article
from storage.database import Database, transaction
from storage.db import open_db

_serial = itertools.count(1)


async def new_store(tmp_path: Path, name: str = "news.sqlite3") -> Database:
    return await open_db(tmp_path / name)


async def add_article(
    db: Database,
    title: str = "",
    *,
    regions: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    url: str | None = "https://example.org/a",
) -> int:
    """Store one article the way ingestion does (article and tags in one transaction)."""
    n = next(_serial)
    title = title or f"Статья {n}"
    analysis = Analysis(
        title=title,
        lead=f"Вводная часть статьи {n}.",
        body=f"Текст статьи {n}.",
        date=None,
        url=url,
        regions=tuple(RegionRef(code, code, code.split("-")[0]) for code in regions),
        countries=tuple(sorted({code.split("-")[0] for code in regions})),
        topics=topics,
        summary=f"Краткое содержание статьи {n}.",
    )
    raw = f"{title}\n{n}"
    record = ArticleRecord(
        analysis=analysis,
        raw=raw,
        content_hash=hashlib.sha256(raw.encode()).hexdigest(),
        fingerprint=fingerprint(),  # the current analysis: a reload does not re-tag it
    )
    async with transaction(db):
        return await save_article(db, record)


async def eventually(predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Poll ``predicate`` until it holds (for state the fake server is not told about)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.02)
