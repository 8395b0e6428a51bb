"""``python -m bot analyze FILE... [--json]`` as a user runs it (SPEC: Command line)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
KEYS = ["file", "title", "date", "regions", "countries", "topics", "relevant", "summary"]
TOPICS = {
    "tourism",
    "trade",
    "agriculture",
    "industry",
    "transport",
    "energy",
    "ecology",
    "health",
    "education",
    "culture",
    "investment",
    "space",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "analyze", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_json_one_line_per_seed_in_the_spec_shape() -> None:
    proc = run(*map(str, SEEDS), "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(SEEDS) == 5
    for path, line in zip(SEEDS, lines, strict=True):
        obj = json.loads(line)
        assert list(obj) == KEYS
        assert obj["file"] == str(path)
        assert isinstance(obj["title"], str) and obj["title"]
        assert obj["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", obj["date"])
        for region in obj["regions"]:
            assert list(region) == ["code", "name", "country", "role"]
            assert region["role"] in ("party", "mention")
            assert re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", region["code"])
            assert region["code"].startswith(region["country"] + "-")
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in obj["countries"])
        assert set(obj["topics"]) <= TOPICS
        assert obj["relevant"] is True  # SPEC: the five seeds are about cooperation
        assert any(r["role"] == "party" for r in obj["regions"])
        assert 0 < len(obj["summary"]) < 600
    # Cyrillic is written as is, not as \\u escapes.
    assert "Узбекистан" in proc.stdout


def test_json_bad_file_gets_an_error_line_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    proc = run(str(SEEDS[0]), str(empty), str(binary), "--json")
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["title"]
    assert set(lines[1]) == {"file", "error"} and lines[1]["file"] == str(empty)
    assert set(lines[2]) == {"file", "error"} and lines[2]["error"]


def test_cp1251_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes(SEEDS[2].read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    proc = run(str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert obj["title"] == "Узбекистан и Алматы расширят межрегиональное сотрудничество"


def test_readable_output() -> None:
    proc = run(str(SEEDS[2]))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Узбекистан и Алматы расширят межрегиональное сотрудничество" in out
    assert "2025-12-28" in out or "date:" in out
    assert "торговля (trade)" in out
    assert "$850 млн" in out  # figures
    assert "summary:" in out


def test_missing_file_is_reported(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "nope.txt"), "--json")
    assert proc.returncode == 1
    assert set(json.loads(proc.stdout)) == {"file", "error"}
