"""Quality of the analysis on the labelled articles: ``python -m tests.bench quality``.

Prints P/R/F1 for regions, topics and relevance, the main topic's and the roles' accuracy, for
each part separately (a held-out part's figures are the honest ones: nothing was tuned on it;
see tests/data/labelled/README.md). ``-v`` lists every error; part names on the command line
pick some (``python -m tests.bench.bench_quality -v tuning2``), so tuning need not show a
held-out part's errors; ``--total`` adds their micro-averaged total. ``--halves`` scores the
tuned parts split in two (``quality.halves``): the study half with its errors under ``-v``, the
check half's totals only — a tuning round keeps a change only if both halves gain or hold."""

from __future__ import annotations

import sys

from tests.bench.quality import LABELLED, PARTS, Score, halves, load, score

FLAGS = ("-v", "--total", "--halves")


def main() -> None:
    if {"-h", "--help"} & set(sys.argv[1:]):
        sys.exit(__doc__)
    odd = [a for a in sys.argv[1:] if a.startswith("-") and a not in FLAGS]
    if odd:
        # Two helpers typed --help in session 10, and an unknown flag fell through to "no
        # part named", which scores every part, held-out ones included.
        sys.exit(f"unknown option {', '.join(odd)}: use {' or '.join(FLAGS)} and part names")
    verbose = "-v" in sys.argv
    if "--halves" in sys.argv:
        study, check = halves()
        _report("study half of the tuned parts", score(study), verbose)
        _report("check half (read its totals only)", score(check), verbose=False)
        return
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")]
    unknown = [a for a in wanted if not (LABELLED / f"{a}.toml").is_file()]
    if unknown:
        # Never fall back to every part: that prints the held-out parts' figures to whoever
        # mistyped a tuning part's name (it happened in session 6).
        sys.exit(f"no labelled part {', '.join(unknown)}: pick from {', '.join(PARTS)}")
    parts = wanted or PARTS
    for part in parts:
        _report(part, score(load(part)), verbose)
    if "--total" in sys.argv and len(parts) > 1:
        # Micro-averaged over the parts named: one figure for a reserve of several parts.
        _report(" + ".join(parts), score([i for p in parts for i in load(p)]), verbose=False)


def _report(name: str, s: Score, verbose: bool) -> None:
    print(f"--- {name}: {s.articles} articles")
    print(s.regions.line("regions"))
    print(s.topics.line("topics"))
    print(s.topics_relevant.line("topics rel") + "   (articles labelled relevant)")
    print(s.relevance.line("relevance"))
    print(s.between.line("between") + "   (pairs of parties of two countries: /region A B)")
    print(f"main topic right {s.main_accuracy:.3f}   roles right {s.role_accuracy:.3f}")
    if s.picks_seen:
        print(
            f"summaries hold {s.picks_found} of the {s.picks_seen} sentences readers "
            f"picked ({s.pick_rate:.2f}); {s.picks_title} more are the title line, which "
            f"the card shows and the summary never repeats "
            f"({s.picks_found / max(1, s.picks_seen - s.picks_title):.2f} of the rest)"
        )
    if verbose:
        for line in (
            [f"region {e}" for e in s.regions.errors]
            + [f"topic {e}" for e in s.topics.errors]
            + [f"relevance {e}" for e in s.relevance.errors]
            + [f"role {e}" for e in s.role_errors]
            + [f"between {e}" for e in s.between.errors]
            + [f"main {e}" for e in s.main_errors]
            + [f"summary {e}" for e in s.pick_errors]
        ):
            print("  ", line)


if __name__ == "__main__":
    main()
