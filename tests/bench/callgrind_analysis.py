"""Analysis work per article in CPU instructions, under valgrind's callgrind:
``python -m tests.bench.callgrind_analysis [--count 300]``.

Instruction counts repeat to a few parts in a thousand where wall clock on a shared machine
swings by a third, so a speed-up of a few per cent shows. Each figure is the difference of two
runs that differ by one pass over the same ``count`` bench articles (tests/bench/corpus.py):
"cold" is the first pass (the per-word caches fill), "warm" a second pass over the same
articles (every word cached). Start-up, the gazetteer and building the corpus cancel out.
Not a ``bench_*`` module: it needs valgrind and takes a few minutes, so ``python -m tests.bench``
does not run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_COLLECTED = re.compile(r"Collected : (\d+)")


def _work(count: int, passes: int) -> None:
    """The measured process: load, build the corpus, analyse it ``passes`` times."""
    from storage.analysis.analyze import analyze
    from storage.analysis.gazetteer import load_gazetteer
    from tests.bench.corpus import build_corpus

    load_gazetteer()
    corpus = build_corpus(count)
    today = dt.date(2026, 6, 1)
    for _ in range(passes):
        for text in corpus:
            analyze(text, today=today)


def _instructions(count: int, passes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                "-m",
                "tests.bench.callgrind_analysis",
                "--work",
                str(passes),
                "--count",
                str(count),
            ],
            cwd=ROOT,
            # One hash seed for the three runs: set and dict orders (and so the work of some
            # loops) otherwise differ between processes by a few parts in a thousand.
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
    found = _COLLECTED.search(done.stderr)
    if not found:
        raise SystemExit(f"callgrind printed no instruction count: {done.stderr[-500:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.callgrind_analysis")
    parser.add_argument("--count", type=int, default=300, help="articles per pass (300)")
    parser.add_argument("--work", type=int, default=-1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.work >= 0:
        _work(args.count, args.work)
        return 0
    runs = [_instructions(args.count, passes) for passes in (0, 1, 2)]
    cold = (runs[1] - runs[0]) / args.count / 1e6
    warm = (runs[2] - runs[1]) / args.count / 1e6
    print(
        f"analysis per article ({args.count} articles): warm {warm:.2f} M instructions, "
        f"cold {cold:.2f} M"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
