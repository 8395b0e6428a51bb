"""``python -m bot ingest [DIR]``: load a folder of article files into the store.

Prints the counts and one line per failed file; exit status 1 if any file failed, 2 if the
configuration, the folder or the database cannot be used.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.store import open_settings_store
from storage.db import SchemaError
from storage.ingest import SEEDS_ROOT, ingest_dir
from storage.models import IngestReport

PROGRESS_MIN_FILES = 50
_BAR_WIDTH = 30


def run_ingest(directory: Path | None) -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    folder = directory if directory is not None else settings.seeds_dir
    try:
        # the seeds folder is known by its name, not its place (moving it re-adds nothing)
        is_seeds = folder.expanduser().resolve() == settings.seeds_dir.expanduser().resolve()
        root = SEEDS_ROOT if is_seeds else None
        report = asyncio.run(_ingest(settings, folder, root))
    except (NotADirectoryError, SchemaError) as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0 if report.ok else 1


async def _ingest(settings: Settings, folder: Path, root: str | None = None) -> IngestReport:
    db = await open_settings_store(settings)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        return await ingest_dir(db, folder, progress=bar, root=root)
    finally:
        if bar is not None:
            bar.close()
        await db.close()


def format_report(report: IngestReport) -> str:
    """The counts line, then "  FAILED name: reason" for each failure."""
    lines = [
        f"added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, removed {len(report.removed)}, "
        f"failed {len(report.failed)}, re-tagged {report.retagged}"
    ]
    lines += [f"  FAILED {name}: {reason}" for name, reason in report.failed]
    return "\n".join(lines)


class ProgressBar:
    """A one-line bar redrawn with \\r, shown only for folders of 50 files or more."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        filled = _BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        self._stream.write(f"\r[{bar}] {done}/{total}")
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self._stream.write("\n")
            self._stream.flush()
