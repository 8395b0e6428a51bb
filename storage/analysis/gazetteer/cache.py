"""The built gazetteer kept on disk: building every case form of every name takes a second or
two, so the index is pickled into the user's cache folder (``storage.analysis.diskcache``)
under the hash of the data and the engine's source."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from storage.analysis import diskcache
from storage.analysis.diskcache import STALE_CACHE_SECONDS
from storage.analysis.gazetteer.match import Gazetteer

__all__ = ["STALE_CACHE_SECONDS", "data_files", "load_gazetteer"]

# Keys the disk cache together with the package's source; bump if a change elsewhere (morph.py,
# pymorphy3's dictionaries) alters the index.
ENGINE_VERSION = "4"


def data_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every gazetteer data file shipped with the package."""
    folder = resources.files("storage.analysis").joinpath("data").joinpath("gazetteer")
    return [(f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml")]


def _key(files: list[tuple[str, bytes]]) -> list[bytes]:
    """What the built index depends on: the engine's own source (so a code change never meets
    a stale index) and the data."""
    parts = [ENGINE_VERSION.encode()]
    for module in sorted(Path(__file__).parent.glob("*.py")):
        parts += [module.name.encode(), module.read_bytes()]
    for name, raw in sorted(files):
        parts += [name.encode(), raw]
    return parts


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the package's data files, once per process.

    Generating every case form of every name takes a second or two, so the built index is
    kept in the user's cache folder under the hash of the data and the engine source; a
    missing, stale, corrupt or unwritable cache is simply rebuilt in memory.
    """
    files = data_files()
    return diskcache.cached("gazetteer", _key(files), lambda: Gazetteer(files), Gazetteer)
