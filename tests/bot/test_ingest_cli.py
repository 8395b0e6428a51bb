"""``python -m bot ingest [DIR]``: counts, failures, exit codes, configuration errors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.ingest_cli import ProgressBar, run_ingest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with its own seeds/ and no .env, DATABASE_PATH pointing inside it."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for name in ("SEEDS_DIR", "ADMIN_IDS", "DELIVERY_INTERVAL", "BROADCAST_RATE", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "data" / "news.sqlite3"))
    return tmp_path


def test_ingest_defaults_to_seeds_dir_and_is_idempotent(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_ingest(None) == 0
    out = capsys.readouterr().out
    assert out == "added 5, updated 0, unchanged 0, removed 0, failed 0, re-tagged 0\n"
    assert (workdir / "data" / "news.sqlite3").exists()
    assert run_ingest(None) == 0
    assert capsys.readouterr().out.startswith("added 0, updated 0, unchanged 5, removed 0")


def test_failures_are_listed_and_exit_1(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = workdir / "incoming"
    shutil.copytree(workdir / "seeds", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert run_ingest(folder) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "added 5, updated 0, unchanged 0, removed 0, failed 2, re-tagged 0"
    assert lines[1:] == [
        "  FAILED blob.txt: binary file (NUL bytes)",
        "  FAILED empty.txt: empty file",
    ]


def test_removed_file_is_counted(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_ingest(None) == 0
    next((workdir / "seeds").glob("003_*.txt")).unlink()
    assert run_ingest(None) == 0
    out = capsys.readouterr().out.splitlines()[-1]
    assert out == "added 0, updated 0, unchanged 4, removed 1, failed 0, re-tagged 0"


def test_bad_configuration_exits_2_naming_the_variable(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELIVERY_INTERVAL", "-5")
    assert run_ingest(None) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "DELIVERY_INTERVAL" in captured.err


def test_missing_folder_exits_2(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_ingest(workdir / "nowhere") == 2
    assert "nowhere" in capsys.readouterr().err


def test_command_line_dispatches_to_ingest(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(workdir / "seeds")]) == 0
    assert capsys.readouterr().out.startswith("added 5,")


def test_progress_bar_only_for_large_folders() -> None:
    small, large = io.StringIO(), io.StringIO()
    bar = ProgressBar(small)
    for i in range(1, 50):
        bar(i, 49)
    bar.close()
    assert small.getvalue() == ""
    bar = ProgressBar(large)
    for i in range(1, 61):
        bar(i, 60)
    bar.close()
    text = large.getvalue()
    assert text.count("\r") == 60
    assert text.endswith("60/60\n")
    assert "#" * 30 in text.rsplit("\r", 1)[1]
