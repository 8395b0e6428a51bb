"""How far two labellers agree: ``python -m tests.bench agreement``.

Parts in ``tests/data/labelled/second/`` were labelled a second time by someone who never saw
the first labels (same SPEC, same written conventions). The first labels scored against the
second say what F1 a careful reader reaches at all, so the analysis' own figures can be read
against that ceiling; the analysis is scored against both labellings too.

Topics are also scored over the articles both readers call relevant (``topics rel``): the
hidden sets issue 11 reports on are 75 of 80 relevant, and readers differ most on what topic a
local article keeps (some give it none), which users never see. The last block pools the
held-out parts (never tuned on) and the tuned ones.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from storage.analysis.analyze import analyze
from storage.analysis.model import Analysis
from tests.bench.quality import LABELLED, TODAY, Counts, Labelled, load

SECOND = LABELLED / "second"


@dataclass(slots=True)
class Agreement:
    """First labels against the second, and the analysis against each."""

    texts: int = 0
    same_main: int = 0
    roles_seen: int = 0  # regions both readers name
    roles_same: int = 0
    ours_roles_seen: int = 0  # regions the first readers and the analysis name
    ours_roles_same: int = 0
    topics: Counts = field(default_factory=Counts)
    topics_rel: Counts = field(default_factory=Counts)  # articles both call relevant
    regions: Counts = field(default_factory=Counts)
    relevance: Counts = field(default_factory=Counts)
    ours_second: Counts = field(default_factory=Counts)  # topics, the second labels as truth
    ours_rel_first: Counts = field(default_factory=Counts)  # both relevant, the first's truth
    ours_rel_second: Counts = field(default_factory=Counts)
    ours_agreed: Counts = field(default_factory=Counts)  # where both readers give the same topics

    def add(self, item: Labelled, other: dict[str, Any], got: Analysis) -> None:
        first, second, ours = set(item.topics), set(other["topics"]), set(got.topics)
        self.texts += 1
        roles = {r.code: r.role for r in got.regions}
        for code in item.regions.keys() & other["regions"].keys():
            self.roles_seen += 1
            self.roles_same += item.regions[code] == other["regions"][code]
        for code in item.regions.keys() & roles.keys():
            self.ours_roles_seen += 1
            self.ours_roles_same += item.regions[code] == roles[code]
        self.same_main += list(item.topics[:1]) == list(other["topics"][:1])
        self.topics.add(item.id, first, second)
        self.regions.add(item.id, set(item.regions), set(other["regions"]))
        self.relevance.add(item.id, _yes(item.relevant), _yes(other["relevant"]))
        self.ours_second.add(item.id, second, ours)
        if item.relevant and other["relevant"]:
            self.topics_rel.add(item.id, first, second)
            self.ours_rel_first.add(item.id, first, ours)
            self.ours_rel_second.add(item.id, second, ours)
        if first == second:
            self.ours_agreed.add(item.id, first, ours)

    def merge(self, other: Agreement) -> None:
        for name in ("texts", "same_main", *_TALLIES):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in _COUNTS:
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn

    def print(self, title: str) -> None:
        print(f"--- {title}: {self.texts} texts labelled twice; first labels against the second")
        print(self.topics.line("topics"))
        print(self.topics_rel.line("topics rel") + "   (articles both call relevant)")
        print(self.regions.line("regions"))
        print(self.relevance.line("relevance"))
        main = self.same_main / max(self.texts, 1)
        roles = self.roles_same / max(self.roles_seen, 1)
        ours = self.ours_roles_same / max(self.ours_roles_seen, 1)
        print(f"same main topic {main:.2f}   same role {roles:.3f} (analysis: {ours:.3f})")
        print("the analysis' topics against")
        print(self.ours_second.line("  second"))
        print(self.ours_rel_first.line("  first rel") + "   (both relevant)")
        print(self.ours_rel_second.line("  second rel"))
        print(self.ours_agreed.line("  agreed") + "   (articles both readers tag alike)")


_TALLIES = ("roles_seen", "roles_same", "ours_roles_seen", "ours_roles_same")
_COUNTS = (
    "topics",
    "topics_rel",
    "regions",
    "relevance",
    "ours_second",
    "ours_rel_first",
    "ours_rel_second",
    "ours_agreed",
)


def _yes(flag: bool) -> set[str]:
    return {"yes"} if flag else set()


def _second(part: str) -> dict[str, dict[str, Any]]:
    data = tomllib.loads((SECOND / f"{part}_second.toml").read_text(encoding="utf-8"))
    return {a["id"]: a for a in data["article"]}


def _compare(part: str) -> Agreement:
    second = _second(part)
    agreement = Agreement()
    for item in load(part):
        other = second.get(item.id)
        if other is not None:
            agreement.add(item, other, analyze(item.text, today=TODAY))
    return agreement


def main() -> None:
    held_out, tuned = Agreement(), Agreement()
    held_parts: list[str] = []
    tuned_parts: list[str] = []
    for path in sorted(SECOND.glob("*_second.toml")):
        part = path.name.removesuffix("_second.toml")
        agreement = _compare(part)
        agreement.print(part)
        held = part.startswith("heldout")
        (held_out if held else tuned).merge(agreement)
        (held_parts if held else tuned_parts).append(part)
    for total, parts in ((held_out, held_parts), (tuned, tuned_parts)):
        if parts:
            total.print(" + ".join(parts))


if __name__ == "__main__":
    main()
