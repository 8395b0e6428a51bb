"""Benchmarks (not collected by pytest; each is a module with ``main()``).

- ``python -m tests.bench.bench_analysis``: analyze() throughput in articles/s on one core over
  a synthetic corpus of 10,000 raw articles built from the seeds (``tests/bench/corpus.py``),
  and process start time with the gazetteer loaded (about a minute).
- ``python -m tests.bench.bench_store`` (about two minutes):
  (a) ingestion of 10,000 synthetic article files (built from the seeds) into a fresh store,
      through ``ingest_dir`` (read, decode, analyse, write: the real path), in articles/s;
  (b) a store of 100,000 articles, written through the store's own ``insert_articles`` with the
      seeds' analyses computed once and varied (title, date, regions, topics, a rare word each),
      then 1,000 region/topic listings (newest 10) and 200 full-text searches, p50/p99 in ms.

- ``python -m tests.bench wordcache``: the analysis's per-word caches on a long Zipf stream of
  dictionary words: speed and misses per chunk, entries, memory (``--memory``) when full.

Targets (issue 2): analysis >= 500 articles/s, start < 1.5 s; region/topic p99 < 2 ms,
full-text p99 < 10 ms at 100,000 articles. bench_store options: --ingest N, --store N (smaller
runs for a quick look), --keep DIR.
"""
