"""Analysis benchmark: ``python -m tests.bench.bench_analysis [--count N]``.

(a) analyze() throughput on one core over a synthetic corpus of 10,000 raw articles built from
    the seeds (tests/bench/corpus.py), with the per-word caches starting cold, in articles/s;
    CPU time of this process (one core: the analysis is single-threaded Python);
(b) process start with the gazetteer loaded: a fresh interpreter that imports the analysis,
    loads the gazetteer and analyses one article, timed from outside (median of 3 runs).

Targets (issue 11; issue 2 asked 500/s and 1.5 s): at least 600 articles/s; start under 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_START_SCRIPT = (
    "from storage.analysis.analyze import analyze\n"
    "from storage.analysis.gazetteer import load_gazetteer\n"
    "load_gazetteer()\n"
    "analyze('Заголовок\\nТАШКЕНТ, 7 марта — Sputnik. Текст о туризме в Самарканде.')\n"
)


def bench_throughput(count: int) -> tuple[float, float]:
    """(articles per CPU second, articles per wall second) over ``count`` articles."""
    from storage.analysis.analyze import analyze
    from storage.analysis.gazetteer import load_gazetteer
    from tests.bench.corpus import build_corpus

    corpus = build_corpus(count)
    load_gazetteer()  # start-up is measured separately, in (b)
    today = dt.date(2026, 6, 1)
    cpu, wall = time.process_time(), time.perf_counter()
    for text in corpus:
        analyze(text, today=today)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return count / cpu, count / wall


def bench_start(runs: int = 3) -> tuple[float, float]:
    """Median wall seconds for a fresh process to be ready with the gazetteer loaded, and the
    median CPU seconds it used (the wall figure swings with the machine's load; the CPU one
    barely does, so both are printed)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _START_SCRIPT], cwd=ROOT, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_analysis")
    parser.add_argument("--count", type=int, default=10_000, help="articles (10,000)")
    args = parser.parse_args(argv)
    per_cpu, per_wall = bench_throughput(args.count)
    print(
        f"analysis: {args.count} articles, {per_cpu:.0f} articles/s on one core "
        f"(CPU time; {per_wall:.0f}/s wall)  [target >= 600, issue 11]",
        flush=True,
    )
    wall, cpu = bench_start()
    print(
        f"start with the gazetteer loaded: {wall:.2f} s ({cpu:.2f} s CPU)  "
        "[target < 0.5 s, issue 11]",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
