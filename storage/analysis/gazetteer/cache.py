"""The built gazetteer kept on disk: building every case form of every name takes a second or
two, so the index is pickled into the user's cache folder under the hash of the data and the
engine's source."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from functools import cache
from importlib import resources
from pathlib import Path

from storage.analysis.gazetteer.match import Gazetteer

# Keys the disk cache together with the package's source; bump if a change elsewhere (morph.py,
# pymorphy3's dictionaries) alters the index.
ENGINE_VERSION = "4"


def data_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every gazetteer data file shipped with the package."""
    folder = resources.files("storage.analysis").joinpath("data").joinpath("gazetteer")
    return [(f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml")]


def _cache_path(files: list[tuple[str, bytes]]) -> Path | None:
    """Where the built index is cached, or None when there is no usable cache folder."""
    # The engine's own source is part of the key, so a code change never meets a stale index.
    h = hashlib.sha256(ENGINE_VERSION.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    for name, raw in sorted(files):
        h.update(name.encode() + b"\0" + raw + b"\0")
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home directory at all
        return None
    return Path(base) / "regional-news-bot" / f"gazetteer-{h.hexdigest()[:24]}.pickle"


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as f:
            loaded = pickle.load(f)
    except Exception:  # any broken file (truncated, garbage, foreign) is simply rebuilt
        return None
    return loaded if isinstance(loaded, Gazetteer) else None


def _write_cache(path: Path, built: Gazetteer) -> None:
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
        _prune_cache(path)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


STALE_CACHE_SECONDS = 7 * 24 * 3600


def _prune_cache(keep: Path) -> None:
    """Drop indexes of older data or code: each upgrade writes a new file. Only ones unused
    for a week, so two checkouts of different versions on one machine don't evict each other."""
    cutoff = time.time() - STALE_CACHE_SECONDS
    for old in keep.parent.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                old.unlink()


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the package's data files, once per process.

    Generating every case form of every name takes a second or two, so the built index is
    kept in the user's cache folder under the hash of the data and the engine source; a
    missing, stale, corrupt or unwritable cache is simply rebuilt in memory.
    """
    files = data_files()
    path = _cache_path(files)
    loaded = _read_cache(path) if path is not None else None
    if loaded is not None:
        return loaded
    built = Gazetteer(files)
    if path is not None:
        _write_cache(path, built)
    return built
