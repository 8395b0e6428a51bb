"""Run every benchmark in this folder, one after another: ``python -m tests.bench``.

Each ``bench_*.py`` runs in its own process (so one's caches and memory don't colour the next)
and prints its own figures. Names on the command line pick some: ``python -m tests.bench store``;
the other words go on to the benchmarks picked (``python -m tests.bench quality tuning8`` scores
that part alone — before, the part's name was dropped and every part, held-out ones too, printed).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    wanted = [w for w in sys.argv[1:] if any(w in n for n in names)]
    rest = [w for w in sys.argv[1:] if w not in wanted]
    if rest and not wanted:
        # "--help" or a typo ran every benchmark, the held-out parts' scores with them
        # (session 9): words with no benchmark named are a mistake, said in one line.
        short = ", ".join(n.removeprefix("bench_") for n in names)
        sys.exit(f"no benchmark named in {' '.join(rest)!r}: pick from {short} (none: all)")
    if wanted:
        names = [n for n in names if any(w in n for w in wanted)]
    failed = []
    for name in names:
        print(f"\n===== {name} =====", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"tests.bench.{name}", *rest])
        print(f"({name}: {time.perf_counter() - started:.0f} s, exit {code})", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
