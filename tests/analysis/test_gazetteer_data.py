"""The gazetteer data files themselves: complete, valid codes, no place in two regions."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from typing import Any

import pycountry
import pytest

from storage.analysis.gazetteer import data_files, load_gazetteer, norm

COUNTRIES = ["KZ", "UZ", "KG", "TJ", "TM", "RU", "CN"]


def _load() -> dict[str, dict[str, Any]]:
    return {name: tomllib.loads(raw.decode("utf-8")) for name, raw in data_files()}


FILES = _load()
REGIONS = [(name, r) for name, d in FILES.items() if name != "stop.toml" for r in d["region"]]


def test_every_country_has_a_file() -> None:
    codes = sorted(d["country"]["code"] for n, d in FILES.items() if n != "stop.toml")
    assert codes == sorted(COUNTRIES)


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_first_level_subdivision_once(country: str) -> None:
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    expected = {s.code for s in found if s.parent_code is None}
    listed = [r["code"] for _, r in REGIONS if r["code"].startswith(country + "-")]
    assert sorted(listed) == sorted(expected)


@pytest.mark.parametrize(("file", "region"), REGIONS, ids=[r["code"] for _, r in REGIONS])
def test_region_entry_is_well_formed(file: str, region: dict[str, Any]) -> None:
    assert pycountry.subdivisions.get(code=region["code"]) is not None  # type: ignore[no-untyped-call]
    country = FILES[file]["country"]["code"]
    assert region["code"].startswith(country + "-")
    assert region["name"].strip() == region["name"] and region["name"]
    allowed = {
        "code",
        "name",
        "city",
        "names",
        "adjectives",
        "places",
        "abbreviations",
        "forms",
        "demonyms",
    }
    assert set(region) <= allowed
    for key in ("names", "adjectives", "places", "abbreviations", "forms", "demonyms"):
        assert all(isinstance(x, str) and x.strip() for x in region.get(key, []))
    for adj in region.get("adjectives", []):
        assert adj == adj.lower(), "adjectives are written in lower case, masculine nominative"
    for dem in region.get("demonyms", []):
        assert dem == dem.lower(), "demonyms are written in lower case (they match in any case)"


def test_no_name_or_place_in_two_regions() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for _, r in REGIONS:
        for alias in [r["name"], *r.get("names", []), *r.get("places", []), *r.get("forms", [])]:
            owners[norm(alias)].add(r["code"])
    shared = {alias: sorted(codes) for alias, codes in owners.items() if len(codes) > 1}
    assert shared == {}


def test_shared_adjectives_only_between_a_city_and_its_oblast() -> None:
    owners: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, r in REGIONS:
        for adj in r.get("adjectives", []):
            owners[norm(adj)].append(r)
    for adj, regions in owners.items():
        if len(regions) > 1:
            cities = [r for r in regions if r.get("city", False)]
            assert len(regions) == 2 and len(cities) == 1, adj


def test_abbreviations_unique() -> None:
    seen: dict[str, str] = {}
    for name, d in FILES.items():
        if name == "stop.toml":
            continue
        for owner, abbrs in [
            (d["country"]["code"], d["country"].get("abbreviations", [])),
            *[(r["code"], r.get("abbreviations", [])) for r in d["region"]],
        ]:
            for a in abbrs:
                assert a not in seen, f"{a}: {seen.get(a)} and {owner}"
                seen[a] = owner


def test_country_names_are_not_region_names() -> None:
    g = load_gazetteer()
    for name, d in FILES.items():
        if name == "stop.toml":
            continue
        for alias in [d["country"]["name"], *d["country"].get("names", [])]:
            assert g.find(alias)[0] == (), alias
            assert g.resolve(alias) is None, alias


def test_every_region_name_resolves_to_itself() -> None:
    g = load_gazetteer()
    wrong = {r["code"]: g.resolve(r["name"]) for _, r in REGIONS}
    assert {c: ref for c, ref in wrong.items() if ref is None or ref.code != c} == {}


def test_every_listed_name_finds_its_region() -> None:
    """Each name and place, written as it is listed and capitalised, tags its own region
    (inside a sentence: at its start a place that is also a common noun, Находка, is not)."""
    g = load_gazetteer()
    misses = {}
    for _, r in REGIONS:
        for alias in [*r.get("names", []), *r.get("places", [])]:
            text = "Маршрут: " + alias[:1].upper() + alias[1:]
            found = [x.code for x in g.find(text)[0]]
            if r["code"] not in found:
                misses[alias] = (r["code"], found)
    assert misses == {}
