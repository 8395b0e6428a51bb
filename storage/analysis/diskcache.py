"""Tables built from the data files, kept on disk between processes: building them (every case
form of every place name, the lemmas of the topic vocabulary) costs more than reading them
back, and a process should be ready fast. Each table is pickled into the user's cache folder
under a hash of everything it is built from (the data, the code that builds it, the
dictionaries' versions), so a change is never met by a stale file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

STALE_CACHE_SECONDS = 7 * 24 * 3600


def cache_path(kind: str, parts: Iterable[bytes]) -> Path | None:
    """Where the table ``kind`` built from ``parts`` is kept, or None without a cache folder."""
    h = hashlib.sha256(kind.encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home directory at all
        return None
    return Path(base) / "regional-news-bot" / f"{kind}-{h.hexdigest()[:24]}.pickle"


def cached(kind: str, parts: Iterable[bytes], build: Callable[[], T], shape: type[T]) -> T:
    """The table read from its cache file, else built (and written for the next process); a
    missing, corrupt, foreign or unwritable file only costs the build."""
    path = cache_path(kind, parts)
    if path is not None:
        loaded = read(path)
        if isinstance(loaded, shape):
            return loaded
    built = build()
    if path is not None:
        write(path, built)
    return built


def read(path: Path) -> object | None:
    try:
        with path.open("rb") as f:
            loaded: object = pickle.load(f)
    except Exception:  # any broken file (truncated, garbage, foreign) is simply rebuilt
        return None
    return loaded


def write(path: Path, built: object) -> None:
    """Atomically (temp file + rename), so a parallel reader never sees half a file; a
    read-only or full disk only costs the next process the build time."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            tmp = f.name
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        prune(path)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def prune(keep: Path) -> None:
    """Drop the same kind's files of older data or code: each upgrade writes a new one. Only
    ones unused for a week, so two checkouts of different versions on one machine don't
    evict each other."""
    cutoff = time.time() - STALE_CACHE_SECONDS
    kind = keep.name.rsplit("-", 1)[0]
    for old in keep.parent.glob(f"{kind}-*.pickle"):
        with contextlib.suppress(OSError):
            if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                old.unlink()
