"""``python -m tests.bench`` with words that name no benchmark stops with one line instead of
running every benchmark (which printed the held-out parts' scores to whoever typed --help)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_words_naming_no_benchmark_run_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no benchmark named in '--help'" in done.stderr
    assert "quality" in done.stderr  # the names to pick from
    assert "=====" not in done.stdout  # no benchmark started
