"""``python -m bot migrate`` and ``python -m bot copy-store SQLITE_PATH DATABASE_URL``.

``migrate`` upgrades the configured store (DATABASE_URL, else DATABASE_PATH) and exits, so a
deploy can migrate once before starting replicas. ``copy-store`` moves a SQLite store into an
empty PostgreSQL one (storage/copy.py). Exit status: 0 done; 2 bad configuration, an unusable
store, or a target that is not empty.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from bot.config import ConfigError, load_settings
from bot.store import database_url, store_place
from storage.db import SchemaError, open_db
from storage.store import migrate_store

EXIT_FAILED = 2


def run_migrate() -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    place = store_place(settings)
    try:
        before, after = asyncio.run(migrate_store(settings.database_path, database_url(settings)))
    except SchemaError as exc:  # StoreError, PgStoreError: one line, no password
        print(f"migrate: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if before == after:
        print(f"{place}: schema {after}, already current")
    else:
        print(f"{place}: schema {before} -> {after}")
    return 0


def run_copy_store(sqlite_path: Path, url: str) -> int:
    if not url.startswith(("postgresql://", "postgres://")):
        print("copy-store: the target must be a postgresql:// URL", file=sys.stderr)
        return EXIT_FAILED
    if not sqlite_path.is_file():
        print(f"copy-store: {sqlite_path} is not a file: give the SQLite store", file=sys.stderr)
        return EXIT_FAILED
    try:
        return asyncio.run(_copy(sqlite_path, url))
    except SchemaError as exc:
        print(f"copy-store: {exc}", file=sys.stderr)
        return EXIT_FAILED


async def _copy(sqlite_path: Path, url: str) -> int:
    from storage.copy import Copied, CopyError, copy_store
    from storage.pg import open_pg

    started = time.monotonic()
    src = await open_db(sqlite_path)  # an older file is brought to this schema first
    try:
        dst = await open_pg(url)
        try:

            def show(done: Copied) -> None:
                print(f"{done.table}: {done.rows}", flush=True)

            try:
                copied = await copy_store(src, dst, progress=show)
            except CopyError as exc:
                print(f"copy-store: {exc}", file=sys.stderr)
                return EXIT_FAILED
        finally:
            await dst.close()
    finally:
        await src.close()
    total = sum(c.rows for c in copied)
    print(
        f"copied {total} rows of {len(copied)} tables from {sqlite_path} to PostgreSQL "
        f"{dst.where} in {time.monotonic() - started:.1f} s"
    )
    return 0
