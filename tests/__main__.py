"""The whole test command: lint, format check, type-check, then the test suite.

Run as ``python -m tests`` from the repository root (the README's second command).
Extra arguments go to pytest, e.g. ``python -m tests -k region``.
"""

from __future__ import annotations

import subprocess
import sys


def _step(title: str, argv: list[str]) -> int:
    print(f"== {title}: {' '.join(argv)}", flush=True)
    return subprocess.call([sys.executable, "-m", *argv])


def main() -> int:
    failed = []
    if _step("ruff", ["ruff", "check", "bot", "storage", "tests"]):
        failed.append("ruff")
    if _step("ruff format", ["ruff", "format", "--check", "bot", "storage", "tests"]):
        failed.append("ruff format")
    if _step("mypy", ["mypy", "--strict", "bot", "storage"]):
        failed.append("mypy")
    if _step("pytest", ["pytest", *sys.argv[1:]]):
        failed.append("pytest")
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
