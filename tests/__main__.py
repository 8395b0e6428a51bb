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


def _workers(args: list[str]) -> list[str]:
    """Two pytest workers unless the caller chose (-n, or -p no:xdist): most of the suite's time
    is real processes starting (the bot, the wheel's venv) and waiting on the fake servers, so
    two workers halve it on this project's 2-core machines. Each file stays on one worker
    (loadfile), so the end-to-end files keep their one shared fake server and bot."""
    if any(a == "-n" or a.startswith("--numprocesses") or "xdist" in a for a in args):
        return []
    return ["-n", "2", "--dist", "loadfile"]


def main() -> int:
    failed = []
    if _step("ruff", ["ruff", "check", "bot", "storage", "tests"]):
        failed.append("ruff")
    if _step("ruff format", ["ruff", "format", "--check", "bot", "storage", "tests"]):
        failed.append("ruff format")
    if _step("mypy", ["mypy", "--strict", "bot", "storage", "tests"]):
        failed.append("mypy")
    # -rs: every skipped test is listed with its reason (a PostgreSQL server not reachable)
    if _step("pytest", ["pytest", "-rs", *_workers(sys.argv[1:]), *sys.argv[1:]]):
        failed.append("pytest")
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
