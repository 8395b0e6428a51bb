"""Loading a folder of article files into the store (``python -m bot ingest``, ``/reload``).

Every ``*.txt`` of the folder, in name order, each file in its own transaction: a bad file is
reported and skipped, and never leaves a half-written article. A file whose bytes are the same
as last time is "unchanged" and costs no write; a changed file updates its article in place
(same id); a file gone from the folder takes its article with it. Articles tagged by an older
analysis (another fingerprint) are re-tagged from their stored text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import hashlib
import logging
import os
import stat
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storage.analysis.analyze import analyze, fingerprint
from storage.analysis.model import Analysis
from storage.articles import ArticleRecord, delete_article, save_article, utc_now
from storage.database import Database, transaction
from storage.files import ArticleFileError, decode_article_bytes, read_article_bytes
from storage.fulltext import index_text
from storage.models import IngestReport

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _Known:
    """What the store remembers of a file it ingested."""

    file_hash: str
    article_id: int | None


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A file read and analysed, ready to be written in one short transaction."""

    path: Path
    key: str  # the file's identity in the store (see ingest_dir's ``root``)
    size: int
    mtime_ns: int
    file_hash: str
    record: ArticleRecord


class _FileFailed(Exception):
    """One file could not be ingested; the message is the reason for the report."""


SEEDS_ROOT = "seeds:"  # the seeds folder's name in the store (migration 0040)
PREFETCH = 4  # files read and analysed ahead of the one being written


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def ingest_dir(
    db: Database,
    directory: Path,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    root: str | None = None,
) -> IngestReport:
    """Bring the store in line with ``directory``; see the module docstring.

    ``root`` names the folder in the store instead of its absolute path: the seeds folder is
    ``SEEDS_ROOT``, its files ``seeds:NAME``, so moving ``SEEDS_DIR`` does not add them again.

    Raises NotADirectoryError if ``directory`` is not a readable folder.
    """
    folder, files, refused = await asyncio.to_thread(_list_folder, directory)
    keys = {p: file_key(folder, p, root) for p in files}
    today = today or dt.date.today()
    current_fp = fingerprint()
    directory_key = root or str(folder)
    known = await _known_files(db, directory_key)
    report = IngestReport()
    report.failed.extend(refused)
    touched: set[int] = set()
    # Reading and analysing (CPU, worker threads) runs a few files ahead of the writes
    # (one transaction per file, in folder order), so the two overlap instead of alternating.
    loading: deque[tuple[Path, asyncio.Future[_Prepared | None]]] = deque()
    upcoming = iter(files)
    for done in range(1, len(files) + 1):
        while len(loading) < PREFETCH and (path := next(upcoming, None)) is not None:
            known_file = known.get(keys[path])
            load = asyncio.to_thread(_load, path, keys[path], known_file, today, current_fp)
            loading.append((path, asyncio.ensure_future(load)))
        path, job = loading.popleft()
        try:
            prepared = await job
            if prepared is None:
                report.unchanged.append(path.name)
            else:
                known_file = known.get(keys[path])
                await _store(db, prepared, known_file, report, touched, directory_key)
        except _FileFailed as exc:
            report.failed.append((path.name, str(exc)))
        if progress is not None:
            progress(done, len(files))
    present = set(keys.values())
    for gone in sorted(set(known) - present):
        await _remove(db, gone, known[gone], report)
    await _retag(db, current_fp, touched, report)
    return report


async def ensure_seeded(db: Database, seeds_dir: Path) -> IngestReport | None:
    """First start: ingest ``seeds_dir`` when the store holds no article and knows no file.

    Replicas starting together on one new PostgreSQL store seed it once: the others wait for
    the first, then find the store filled."""
    async with db.exclusive("news-bot seeding"):
        async with db.execute(
            "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM ingested_files)"
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None and row[0]:
            return None
        return await ingest_dir(db, seeds_dir, root=SEEDS_ROOT)


def file_key(folder: Path, path: Path, root: str | None) -> str:
    """A file's identity: ``root`` + its path inside ``folder``, or its absolute path."""
    if root is None:
        return str(path)
    return root + path.relative_to(folder).as_posix()


def _list_folder(directory: Path) -> tuple[Path, list[Path], list[tuple[str, str]]]:
    """The folder's absolute path, its ``*.txt`` regular files in name order, and the entries
    refused with their reasons (named in the report, never skipped without a word)."""
    folder = directory.expanduser().resolve()
    if not folder.is_dir():
        raise NotADirectoryError(f"not a folder: {directory}")
    files: list[Path] = []
    refused: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.txt")):
        reason = refusal(folder, path)
        if reason is None:
            files.append(path)
        else:
            refused.append((path.name, reason))
    return folder, files, refused


def refusal(folder: Path, path: Path) -> str | None:
    """Why ``path`` must not be read as an article of ``folder``, or None when it may.

    Only regular files inside the folder: a symlink is followed only when it ends inside
    (one to a secrets file or /etc/shadow would otherwise become an article sent to
    subscribers); fifos (a read would hang), devices, sockets and folders are refused."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "symlink loop, refused"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop, refused"
        return "broken symlink, refused" if path.is_symlink() else f"cannot read: {exc.strerror}"
    if not target.is_relative_to(folder):
        return "symlink to a file outside the folder, refused"
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    if not stat.S_ISREG(mode):
        kind = (
            "a fifo" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode)
            else "a folder" if stat.S_ISDIR(mode)
            else "not a file"
        )  # fmt: skip
        return f"not a regular file ({kind}), refused"
    return None


async def _known_files(db: Database, folder: str) -> dict[str, _Known]:
    sql = "SELECT path, file_hash, article_id FROM ingested_files WHERE directory = ?"
    async with db.execute(sql, (folder,)) as cursor:
        return {str(row[0]): _Known(str(row[1]), row[2]) for row in await cursor.fetchall()}


def _load(
    path: Path, key: str, known: _Known | None, today: dt.date, current_fp: str
) -> _Prepared | None:
    """Read, decode and analyse one file (no store access: runs in a worker thread).

    None: the bytes are the ones already ingested, nothing to do.
    """
    try:
        data = read_article_bytes(path)
    except ArticleFileError as exc:
        raise _FileFailed(str(exc)) from None
    file_hash = hashlib.sha256(data).hexdigest()
    if known is not None and known.file_hash == file_hash and known.article_id is not None:
        return None
    try:
        return _prepare(path, key, data, file_hash, today, current_fp)
    except OSError as exc:  # removed or unreadable between listing and reading
        raise _FileFailed(f"cannot read: {exc.strerror or exc}") from None


async def _store(
    db: Database,
    prepared: _Prepared,
    known: _Known | None,
    report: IngestReport,
    touched: set[int],
    directory: str,
) -> None:
    """Write one analysed file in its own transaction: all of it or nothing."""
    try:
        async with transaction(db):
            article_id = known.article_id if known else None
            if article_id is None:
                article_id = await _article_by_path(db, prepared.key)
            if article_id is not None and await _same_content(db, article_id, prepared):
                outcome = "unchanged"  # e.g. re-saved with CRLF: same text, new bytes
            else:
                article_id = await save_article(db, prepared.record, article_id=article_id)
                outcome = "added" if known is None else "updated"
            await _record_file(db, prepared, article_id, directory)
    except (db.Error, ValueError, LookupError) as exc:
        log.exception("ingest of %s failed", prepared.path)
        raise _FileFailed(f"store error: {exc}") from None
    touched.add(article_id)
    getattr(report, outcome).append(prepared.path.name)
    if outcome == "added":
        report.new_article_ids.append(article_id)


def _prepare(
    path: Path, key: str, data: bytes, file_hash: str, today: dt.date, current_fp: str
) -> _Prepared:
    """Decode and analyse (no store access: runs in a worker thread)."""
    try:
        text = decode_article_bytes(data)
    except ArticleFileError as exc:
        raise _FileFailed(str(exc)) from None
    record = _record(text, today, current_fp, key)
    stat = path.stat()
    return _Prepared(path, key, stat.st_size, stat.st_mtime_ns, file_hash, record)


def _record(text: str, today: dt.date, current_fp: str, source: str | None) -> ArticleRecord:
    """Analyse and lemmatise for the full-text index: CPU work, so it runs in a worker
    thread, never on the event loop while the write lock is held."""
    analysis = _analyze(text, today)
    return ArticleRecord(
        analysis=analysis,
        raw=text,
        content_hash=text_hash(text),
        fingerprint=current_fp,
        source_path=source,
        lemmas=index_text(analysis.title, analysis.lead, analysis.body),
    )


def _analyze(text: str, today: dt.date) -> Analysis:
    try:
        analysis = analyze(text, today=today)
    except Exception as exc:  # a bug in the analysis must not stop the other files
        log.exception("analysis failed")
        raise _FileFailed(f"analysis failed: {type(exc).__name__}: {exc}") from None
    if not analysis.title.strip():
        raise _FileFailed("no title: the file has no text line")
    return analysis


async def _article_by_path(db: Database, path: str) -> int | None:
    async with db.execute("SELECT id FROM articles WHERE source_path = ?", (path,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def _same_content(db: Database, article_id: int, prepared: _Prepared) -> bool:
    sql = "SELECT content_hash, analysis_fingerprint FROM articles WHERE id = ?"
    async with db.execute(sql, (article_id,)) as cursor:
        row = await cursor.fetchone()
    record = prepared.record
    return row is not None and (row[0], row[1]) == (record.content_hash, record.fingerprint)


async def _record_file(db: Database, prepared: _Prepared, article_id: int, directory: str) -> None:
    await db.execute(
        "INSERT INTO ingested_files (path, directory, size, mtime_ns, file_hash, article_id, "
        "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
        "size = excluded.size, mtime_ns = excluded.mtime_ns, file_hash = excluded.file_hash, "
        "article_id = excluded.article_id, ingested_at = excluded.ingested_at",
        (
            prepared.key,
            directory,
            prepared.size,
            prepared.mtime_ns,
            prepared.file_hash,
            article_id,
            utc_now(),
        ),
    )


async def _remove(db: Database, path: str, known: _Known, report: IngestReport) -> None:
    name = os.path.basename(path)
    try:
        async with transaction(db):
            if known.article_id is not None:
                await delete_article(db, known.article_id)
            await db.execute("DELETE FROM ingested_files WHERE path = ?", (path,))
    except db.Error as exc:
        report.failed.append((name, f"store error while removing: {exc}"))
        return
    report.removed.append(name)


async def _retag(db: Database, current_fp: str, touched: set[int], report: IngestReport) -> None:
    """Re-analyse, from the stored text, every article an older analysis tagged."""
    sql = "SELECT id FROM articles WHERE analysis_fingerprint != ? ORDER BY id"
    async with db.execute(sql, (current_fp,)) as cursor:
        stale = [int(row[0]) for row in await cursor.fetchall() if int(row[0]) not in touched]
    for article_id in stale:
        sql = "SELECT raw, source_path, ingested_at FROM articles WHERE id = ?"
        async with db.execute(sql, (article_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            continue
        raw, source, ingested_at = str(row[0]), row[1], str(row[2])
        name = os.path.basename(source) if source else f"article {article_id}"
        try:
            # The date rule counts from the day of ingestion, not from today.
            day = dt.date.fromisoformat(ingested_at[:10])
            record = await asyncio.to_thread(_record, raw, day, current_fp, source)
            async with transaction(db):
                await save_article(db, record, article_id=article_id)
        except _FileFailed as exc:
            report.failed.append((name, f"re-tag: {exc}"))
            continue
        except db.Error as exc:
            report.failed.append((name, f"re-tag: store error: {exc}"))
            continue
        report.retagged += 1
