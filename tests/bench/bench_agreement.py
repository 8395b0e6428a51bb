"""How far two labellers agree: ``python -m tests.bench agreement``.

Parts in ``tests/data/labelled/second/`` were labelled a second time by someone who never saw
the first labels (same SPEC, same written conventions). The first labels scored against the
second say what F1 a careful reader reaches at all, so the analysis' own figures can be read
against that ceiling; the analysis is scored against the second labels too.
"""

from __future__ import annotations

import tomllib
from typing import Any

from storage.analysis.analyze import analyze
from tests.bench.quality import LABELLED, TODAY, Counts, Labelled, load

SECOND = LABELLED / "second"


def _second(part: str) -> dict[str, dict[str, Any]]:
    data = tomllib.loads((SECOND / f"{part}_second.toml").read_text(encoding="utf-8"))
    return {a["id"]: a for a in data["article"]}


def _compare(part: str, first: list[Labelled], second: dict[str, dict[str, Any]]) -> None:
    topics, regions, relevance, ours = Counts(), Counts(), Counts(), Counts()
    same_main = both = 0
    for item in first:
        other = second.get(item.id)
        if other is None:
            continue
        both += 1
        topics.add(item.id, set(item.topics), set(other["topics"]))
        regions.add(item.id, set(item.regions), set(other["regions"]))
        relevance.add(
            item.id, {"yes"} if item.relevant else set(), {"yes"} if other["relevant"] else set()
        )
        same_main += list(item.topics[:1]) == list(other["topics"][:1])
        got = analyze(item.text, today=TODAY)
        ours.add(item.id, set(other["topics"]), set(got.topics))
    print(f"--- {part}: {both} texts labelled twice; first labels against the second")
    print(topics.line("topics"))
    print(regions.line("regions"))
    print(relevance.line("relevance"))
    print(f"same main topic {same_main / both:.2f}")
    print(f"the analysis against the second labels: {ours.line('topics')}")


def main() -> None:
    for path in sorted(SECOND.glob("*_second.toml")):
        part = path.name.removesuffix("_second.toml")
        _compare(part, load(part), _second(part))


if __name__ == "__main__":
    main()
