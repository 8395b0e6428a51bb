"""The on-disk cache of the built gazetteer: a corrupt or foreign file is rebuilt, an
unwritable cache folder only costs the build. Uses a real folder (XDG_CACHE_HOME)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.analysis import gazetteer as gz


def _fresh(monkeypatch: pytest.MonkeyPatch, home: Path) -> gz.Gazetteer:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    gz.load_gazetteer.cache_clear()
    try:
        return gz.load_gazetteer()
    finally:
        gz.load_gazetteer.cache_clear()


def _tags(g: gz.Gazetteer) -> list[str]:
    return [r.code for r in g.find("в Таразе и Ташкенте")[0]]


def test_cache_written_then_reused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = _fresh(monkeypatch, tmp_path)
    files = list((tmp_path / "regional-news-bot").glob("gazetteer-*.pickle"))
    assert len(files) == 1
    assert not list((tmp_path / "regional-news-bot").glob("*.tmp"))
    second = _fresh(monkeypatch, tmp_path)
    assert second is not first  # read back from disk, not the same object
    assert _tags(second) == _tags(first) == ["KZ-31", "UZ-TK"]


@pytest.mark.parametrize("junk", [b"", b"not a pickle", b"\x80\x05\x95garbage", b"\x80\x04N."])
def test_corrupt_cache_is_rebuilt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, junk: bytes
) -> None:
    _fresh(monkeypatch, tmp_path)
    (path,) = (tmp_path / "regional-news-bot").glob("gazetteer-*.pickle")
    path.write_bytes(junk)
    g = _fresh(monkeypatch, tmp_path)
    assert _tags(g) == ["KZ-31", "UZ-TK"]
    assert path.stat().st_size > 1000  # replaced by a good one


def test_unwritable_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A cache "folder" under a regular file cannot be created, even by root (a read-only
    # home behaves the same: mkdir raises an OSError).
    blocker = tmp_path / "file"
    blocker.write_text("x")
    g = _fresh(monkeypatch, blocker / "cache")
    assert _tags(g) == ["KZ-31", "UZ-TK"]


def test_stale_indexes_are_pruned_recent_ones_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os
    import time

    folder = tmp_path / "regional-news-bot"
    folder.mkdir()
    old, recent = folder / "gazetteer-old.pickle", folder / "gazetteer-other.pickle"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    weeks_ago = time.time() - 30 * 24 * 3600
    os.utime(old, (weeks_ago, weeks_ago))
    _fresh(monkeypatch, tmp_path)  # writes this version's index
    names = sorted(p.name for p in folder.glob("gazetteer-*.pickle"))
    assert "gazetteer-old.pickle" not in names  # an upgrade left it behind a month ago
    assert "gazetteer-other.pickle" in names  # another checkout may still use it
    assert len(names) == 2
