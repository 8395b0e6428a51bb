"""Would a learned layer add to the topic rules? ``python -m tests.bench.study_learned``.

A study, not a benchmark (``python -m tests.bench`` does not run it): it needs scikit-learn,
which the bot does not (``.venv/bin/pip install -e '.[study]'``). It learns from the tuned
parts only and scores on the six held-out parts (``heldout11``-``heldout16``), three ways:

- **rules**: the analysis' own topics;
- **text**: one logistic regression per topic over the TF-IDF of the article's lemmas
  (``Analysis.lemmas``), at three thresholds;
- **stacked**: a logistic regression per (article, topic) over the text model's probability
  (out of fold on the tuned parts) and the rules' answer (chosen, first, how many), the
  threshold chosen on the tuned parts.

Session 11's figures are in tests/data/labelled/README.md ("A learned layer").
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.analysis.analyze import analyze
from tests.bench.quality import HELD_OUT, PARTS, TODAY, load

FOLDS = 8


@dataclass(frozen=True, slots=True)
class Row:
    part: str
    gold: frozenset[str]
    relevant: bool  # as labelled
    rules: tuple[str, ...]  # the analysis' topics, main first
    lemmas: str


def _rows() -> list[Row]:
    rows = []
    for part in PARTS:
        for item in load(part):
            got = analyze(item.text, today=TODAY)
            rows.append(Row(part, frozenset(item.topics), item.relevant, got.topics, got.lemmas))
    return rows


def _prf(rows: Sequence[Row], chosen: Sequence[set[str]]) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1 of ``chosen`` against the rows' labels."""
    tp = fp = fn = 0
    for row, got in zip(rows, chosen, strict=True):
        tp += len(row.gold & got)
        fp += len(got - row.gold)
        fn += len(row.gold - got)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def _f1(rows: Sequence[Row], chosen: Sequence[set[str]]) -> str:
    p, r, f = _prf(rows, chosen)
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def _report(name: str, tuned: list[Row], unseen: list[Row], chosen: list[set[str]]) -> None:
    """Prints F1 on the tuned parts, on the held-out ones, and on the held-out relevant ones;
    ``chosen`` runs over tuned then unseen rows."""
    held = chosen[len(tuned) :]
    relevant = [(r, c) for r, c in zip(unseen, held, strict=True) if r.relevant]
    print(f"{name:<14} tuned {_f1(tuned, chosen[: len(tuned)])}")
    print(f"{'':<14} held-out {_f1(unseen, held)}")
    print(f"{'':<14} held-out relevant {_f1([r for r, _ in relevant], [c for _, c in relevant])}")


def _text_probabilities(tuned: list[Row], unseen: list[Row], topics: list[str]) -> Any:
    """(articles x topics) probabilities: out of fold (by part) on the tuned rows, from the
    model fitted on all tuned rows on the unseen ones."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    vectors = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5)
    tuned_m = vectors.fit_transform([r.lemmas for r in tuned])
    unseen_m = vectors.transform([r.lemmas for r in unseen])
    groups = [r.part for r in tuned]
    prob = np.zeros((len(tuned) + len(unseen), len(topics)))
    for k, slug in enumerate(topics):
        y = np.array([slug in r.gold for r in tuned])
        model = LogisticRegression(C=10, max_iter=5000)
        cv = GroupKFold(FOLDS)
        out = cross_val_predict(model, tuned_m, y, groups=groups, cv=cv, method="predict_proba")
        prob[: len(tuned), k] = out[:, 1]
        prob[len(tuned) :, k] = model.fit(tuned_m, y).predict_proba(unseen_m)[:, 1]
    return prob


def _stacked(rows: list[Row], n_tuned: int, prob: Any, topics: list[str]) -> list[set[str]]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    def features(n: int, k: int) -> list[float]:
        rules, slug = rows[n].rules, topics[k]
        first = bool(rules) and rules[0] == slug
        onehot = [float(k == j) for j in range(len(topics))]
        return [prob[n, k], float(slug in rules), float(first), len(rules) / 4, *onehot]

    x = np.array([features(n, k) for n in range(len(rows)) for k in range(len(topics))])
    y = np.array([slug in r.gold for r in rows for slug in topics])
    groups = [r.part for r in rows for _ in topics]
    cut = n_tuned * len(topics)
    model = LogisticRegression(C=1, max_iter=5000)
    oof = cross_val_predict(
        model, x[:cut], y[:cut], groups=groups[:cut], cv=GroupKFold(FOLDS), method="predict_proba"
    )[:, 1]

    def pick(p: Any, t: float) -> list[set[str]]:
        return [
            {topics[k] for k in range(len(topics)) if p[i * len(topics) + k] >= t}
            for i in range(len(p) // len(topics))
        ]

    def tuned_f1(t: float) -> float:
        return _prf(rows[:n_tuned], pick(oof, t))[2]

    best = max((t / 40 for t in range(8, 32)), key=tuned_f1)
    unseen = model.fit(x[:cut], y[:cut]).predict_proba(x[cut:])[:, 1]
    print(f"stacked: threshold {best:.3f} (best on the tuned parts, out of fold)")
    return pick(oof, best) + pick(unseen, best)


def main() -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("study_learned needs scikit-learn: .venv/bin/pip install -e '.[study]'")
        return 2
    rows = _rows()
    tuned = [r for r in rows if r.part not in HELD_OUT]
    unseen = [r for r in rows if r.part in HELD_OUT]
    ordered = tuned + unseen
    topics = sorted({slug for r in rows for slug in r.gold})
    print(f"{len(tuned)} tuned texts, {len(unseen)} held-out ({', '.join(HELD_OUT)})")
    _report("rules", tuned, unseen, [set(r.rules) for r in ordered])
    prob = _text_probabilities(tuned, unseen, topics)
    for t in (0.3, 0.4, 0.5):
        text = [{s for k, s in enumerate(topics) if prob[n, k] >= t} for n in range(len(ordered))]
        _report(f"text >= {t}", tuned, unseen, text)
    _report("stacked", tuned, unseen, _stacked(ordered, len(tuned), prob, topics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
