"""The on-disk cache of the lemmatised topic vocabulary (storage.analysis.diskcache): written
once, read back as the same vocabulary, rebuilt from a corrupt file. Uses a real folder
(XDG_CACHE_HOME)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.analysis import topics


def _fresh(monkeypatch: pytest.MonkeyPatch, home: Path) -> topics.Vocabulary:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    topics.load_vocabulary.cache_clear()
    try:
        return topics.load_vocabulary()
    finally:
        topics.load_vocabulary.cache_clear()


def test_vocabulary_cached_then_read_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = _fresh(monkeypatch, tmp_path)
    (path,) = (tmp_path / "regional-news-bot").glob("topics-*.pickle")
    read = _fresh(monkeypatch, tmp_path)
    assert read is not built  # from the file, not this process's memory
    assert read == built
    path.write_bytes(b"\x80\x05\x95garbage")
    assert _fresh(monkeypatch, tmp_path) == built
    assert path.stat().st_size > 1000  # replaced by a good one
