"""The analysis's per-word caches on a long stream of news: ``python -m tests.bench wordcache``.

What a bot reading news for days does to them: ``--articles`` articles of the corpus, each with
a paragraph of ``--words`` words drawn with Zipf's law from ``--vocabulary`` dictionary forms
and made-up names (``corpus.news_stream``), each prepared as the news-source poller prepares
a new story (analysis, full-text lemmas, story signature). Prints, per chunk, articles/s (CPU
time, one core) and the caches' misses per 1,000 words of text; at the end each cache's
entries and the memory it holds (``--memory``: traced by tracemalloc, the bytes freed when
that cache alone is cleared, in turn; the run is then about three times slower), and the
process's resident memory grown over the stream.

Target (issue 12): all word caches together about 25 MB at most when full, analysis speed kept.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import gc
import sys
import time
import tracemalloc
from pathlib import Path


def _rss() -> float:
    """VmRSS in MB after a collection and handing freed C-heap pages back."""
    gc.collect()
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_wordcache")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--vocabulary", type=int, default=400_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--memory", action="store_true", help="trace memory (slower)")
    args = parser.parse_args(argv)

    from bot.sources.collect import prepare
    from storage.analysis import wordcache
    from storage.analysis.gazetteer import load_gazetteer
    from storage.analysis.morph import tokenize
    from tests.bench.corpus import news_stream

    stream = news_stream(args.articles, args.vocabulary, args.words)
    today = dt.date(2026, 6, 1)
    load_gazetteer()
    prepare(stream[0], today, "http://x/0")
    wordcache.clear()
    before = _rss()
    if args.memory:
        tracemalloc.start()
    print(
        f"{args.articles} articles, {args.words} Zipf words each from {args.vocabulary} forms; "
        f"limits: {', '.join(f'{n} {lim}' for n, (_, lim) in wordcache.sizes().items())}",
        flush=True,
    )
    for lo in range(0, len(stream), args.chunk):
        chunk = stream[lo : lo + args.chunk]
        words = sum(len(tokenize(t)) for t in chunk)
        misses = wordcache.misses()
        cpu = time.process_time()
        for i, text in enumerate(chunk):
            prepare(text, today, f"http://x/{lo + i}")
        cpu = time.process_time() - cpu
        missed = {n: m - misses.get(n, 0) for n, m in wordcache.misses().items()}
        print(
            f"  articles {lo + len(chunk):>6}: {len(chunk) / cpu:5.0f}/s; misses per 1,000 words: "
            + ", ".join(f"{n} {1000 * m / words:.0f}" for n, m in missed.items() if m),
            flush=True,
        )
    sizes = wordcache.sizes()
    print("entries (limit): " + ", ".join(f"{n} {s} ({lim})" for n, (s, lim) in sizes.items()))
    if args.memory:
        total = 0.0
        held = []
        for name in sizes:
            gc.collect()
            was = tracemalloc.get_traced_memory()[0]
            wordcache.clear(name)
            gc.collect()
            freed = (was - tracemalloc.get_traced_memory()[0]) / 2**20
            total += freed
            held.append(f"{name} {freed:.1f}")
        tracemalloc.stop()
        print(f"memory freed by clearing each in turn, MB: {', '.join(held)}; total {total:.1f}")
    else:
        print(f"resident memory grown over the stream: {_rss() - before:.0f} MB (caches full)")
        wordcache.clear()
        print(f"... and after clearing the caches: {_rss() - before:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
