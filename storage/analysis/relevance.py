"""Whether an article is about cooperation (SPEC: ``relevant``), decided from its text: two
sides (two countries; one country's regions are one side) and words saying what they do together
outweighing the words of local news. The vocabulary is ``data/relevance.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from storage.analysis import diskcache, morph
from storage.analysis.model import RegionRef

THRESHOLD = 3.0  # cooperation evidence needed (an agreement in the lead: 4.5; local news
# naming two sides holds 0-1)
ALONE = 7.5  # evidence that makes one side enough (five strong words' worth)
TOPIC_EVIDENCE = 1.0  # each area of cooperation the article discusses (two at most)
HEAD_FACTOR = 1.5  # a word in the title or the lead


@dataclass(frozen=True, slots=True)
class RoleCues:
    """Words that make a region's name a passing mention (``[roles]`` of the vocabulary file;
    see roles.py)."""

    # Surface forms (every form of each word, folded), matched against the words near a name:
    before: frozenset[str] = frozenset()  # among the few words before the name
    right_before: frozenset[str] = frozenset()  # one of the three words right before it
    named: frozenset[str] = frozenset()  # shortly before it, no preposition between
    prepositions: frozenset[str] = frozenset()  # (as written, lower case)
    venue_words: frozenset[str] = frozenset()  # "подписали в ...", "Forum in ..."
    venue_prepositions: frozenset[str] = frozenset()  # the "в" / "in" of a venue
    # Lemmas, matched against a sentence's lemmas:
    near: frozenset[str] = frozenset()  # the four above: a sentence without one has no cue
    passing: frozenset[str] = frozenset()  # a body sentence with one: what was shown, a tour
    sides: frozenset[str] = frozenset()  # a body sentence with one: its places are sides
    aside_openers: frozenset[str] = frozenset()  # a body sentence opening so: another story
    sites: frozenset[str] = frozenset()  # ... and one of these: a place built on, a side
    site_forms: frozenset[str] = frozenset()  # (forms) the same, after a venue's word
    joint: frozenset[str] = frozenset()  # "в" / "in" a place in a sentence with one...
    works: frozenset[str] = frozenset()  # ...and one of these: a joint project's site, a side
    background: frozenset[str] = frozenset()  # a sides' sentence with one: done before, no side
    ties: frozenset[str] = frozenset()  # ... with a list after "с" / "with": standing partners
    visit: frozenset[str] = frozenset()  # (forms) a visit's words: to a capital, a venue
    capitals: frozenset[str] = frozenset()  # region codes of the seven countries' capitals
    city_heads: frozenset[str] = frozenset()  # (forms) before a capital: the city itself acts
    events: frozenset[str] = frozenset()  # (forms) right after a name: an event's venue
    crossings: frozenset[str] = frozenset()  # (forms) before "X — Y": a crossing, no route
    career: frozenset[str] = frozenset()  # a body sentence with one: a person's past posts
    route_links: frozenset[str] = frozenset()  # (forms) before a route: a flight, both sides
    roster: frozenset[str] = frozenset()  # a body sentence with one: its lists are guests
    checkpoints: frozenset[str] = frozenset()  # (forms) right before it: a crossing's name
    region_heads: frozenset[str] = frozenset()  # (forms) right before it: its head meets
    arrivals: frozenset[str] = frozenset()  # (forms) an arrival's verbs: with a traveller...
    travellers: frozenset[str] = frozenset()  # (forms) ...around it, a capital is a venue
    twinning: frozenset[str] = frozenset()  # a sides' sentence with one: a capital is a side
    host_verbs: frozenset[str] = frozenset()  # (forms) right after it, then an event: a venue
    departures: frozenset[str] = frozenset()  # (forms) right before it: where things leave
    # Each the lemmas of one phrase: a body sentence with them all tells of a guests' event
    guest_events: tuple[frozenset[str], ...] = ()
    # As written: the word closing a company's name written in Latin ("Co", "Group", "Ltd")
    company_suffixes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    cooperation: dict[str, float]
    meeting: dict[str, float]  # cooperation between two sides only
    local: dict[str, float]
    foreign: frozenset[str]  # countries beyond the seven: another side
    roles: RoleCues
    givers: frozenset[str] = frozenset()  # aid given: ...
    disaster: frozenset[str] = frozenset()  # ...makes these words no local news
    aided: dict[str, float] = field(default_factory=dict)  # ``local`` without ``disaster``
    links: frozenset[str] = frozenset()  # a flight in the head: its ends are sides


def vocabulary_bytes() -> bytes:
    """The raw vocabulary file (part of the analysis fingerprint)."""
    return resources.files("storage.analysis").joinpath("data/relevance.toml").read_bytes()


def _lemmatised(table: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for word, weight in table.items():
        key = morph.lemma(word)
        out[key] = max(out.get(key, 0.0), float(weight))
    return out


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary, read back from the disk cache when this file, the lemmatiser and the
    data are those it was built with (lemmatising some 400 words and generating the cue
    words' forms is a tenth of a process's start)."""
    raw = vocabulary_bytes()
    here = Path(__file__)
    code = b"".join(here.with_name(n).read_bytes() for n in (here.name, "morph.py"))
    key = [raw, code, morph.VERSIONS.encode()]
    return diskcache.cached("relevance", key, lambda: _build_vocabulary(raw), Vocabulary)


def _build_vocabulary(raw: bytes) -> Vocabulary:
    data = tomllib.loads(raw.decode("utf-8"))
    roles = data.get("roles", {})

    def lemmas(key: str) -> frozenset[str]:
        return frozenset(morph.lemma(w) for w in roles.get(key, ()))

    def forms(key: str) -> frozenset[str]:
        return _surface_forms(roles.get(key, ()))

    local = _lemmatised(data.get("local", {}))
    disaster = frozenset(morph.lemma(w) for w in data.get("aid", {}).get("disaster", ()))
    return Vocabulary(
        cooperation=_lemmatised(data.get("cooperation", {})),
        meeting=_lemmatised(data.get("meeting", {})),
        local=local,
        foreign=frozenset(morph.lemma(w) for w in data.get("foreign", {}).get("names", ())),
        givers=frozenset(morph.lemma(w) for w in data.get("aid", {}).get("givers", ())),
        disaster=disaster,
        aided={k: v for k, v in local.items() if k not in disaster},
        links=frozenset(morph.lemma(w) for w in data.get("links", {}).get("words", ())),
        roles=RoleCues(
            before=forms("mention_before"),
            right_before=forms("mention_right_before"),
            named=forms("mention_named"),
            prepositions=frozenset(roles.get("prepositions", ())),
            venue_words=forms("venue_words"),
            near=frozenset(
                morph.lemma(w)
                for key in (
                    "mention_before",
                    "mention_right_before",
                    "mention_named",
                    "venue_words",
                )
                for w in roles.get(key, ())
            ),
            venue_prepositions=frozenset(roles.get("venue_prepositions", ())),
            passing=lemmas("passing"),
            sides=lemmas("sides"),
            aside_openers=lemmas("aside_openers"),
            background=lemmas("background"),
            ties=lemmas("ties"),
            visit=forms("visit"),
            capitals=frozenset(roles.get("capitals", ())),
            city_heads=forms("city_heads"),
            events=forms("events"),
            crossings=forms("crossings"),
            sites=lemmas("sites"),
            site_forms=forms("sites"),
            joint=lemmas("joint"),
            works=lemmas("works"),
            career=lemmas("career"),
            route_links=forms("route_links"),
            roster=lemmas("roster"),
            checkpoints=forms("checkpoints"),
            region_heads=forms("region_heads"),
            arrivals=forms("arrivals"),
            travellers=forms("travellers"),
            twinning=lemmas("twinning"),
            host_verbs=forms("host_verbs"),
            departures=forms("departures"),
            guest_events=tuple(
                frozenset(morph.lemma(w) for w in morph.tokenize(phrase)) - {"of"}
                for phrase in roles.get("guest_events", ())
            ),
            company_suffixes=tuple(roles.get("company_suffixes", ())),
        ),
    )


def _surface_forms(words: Iterable[str]) -> frozenset[str]:
    """Every form of the words (folded): a Russian word's whole lexeme from pymorphy3
    ("пройти": "прошла", "прошел"...), other words as written. Matching the text's words
    against it needs no parsing."""
    out: set[str] = set()
    for word in words:
        folded = morph.fold(word)
        out.add(folded)
        if folded.isascii():
            continue
        found = morph.parses(word)
        for parse in [p for p in found if morph.fold(p.normal_form) == folded] or found[:1]:
            out.update(morph.fold(form.word) for form in parse.lexeme)
    return frozenset(out)


def _evidence(table: dict[str, float], head: set[str], body: set[str]) -> float:
    """Each word of ``table`` once, at the heavier of its places."""
    total = 0.0
    words = table.keys()
    for lemma in head & words:
        total += table[lemma] * HEAD_FACTOR
    # The table's words first: a text has more distinct words than the table holds.
    for lemma in (body & words) - head:
        total += table[lemma]
    return total


def _with_parts(words: set[str]) -> set[str]:
    """The words and the parts of their compound adjectives: "торгово-партнерские отношения"
    say trade and partnership as "торговые" and "партнерские" do (t26-23); a noun pair
    ("выставка-ярмарка" of one country's cotton, t9-11) is one thing and stays whole."""
    compounds = [w for w in words if "о-" in w]
    if not compounds:
        return words  # most texts: no copy of all their words
    return words.union(morph.lemma(p) for w in compounds for p in w.split("-") if p)


def is_relevant(
    head: Sequence[Sequence[str]],
    body: Sequence[Sequence[str]],
    regions: Sequence[RegionRef],
    countries: Sequence[str],
    topics: Sequence[str] = (),
) -> bool:
    """``head``: lemmas of the title and lead sentences; ``body``: of the other sentences;
    two sides are two countries (one may be beyond the seven); ``regions`` (the text's, with
    roles) no longer decide: one country's regions are one side; ``topics``: the areas it
    discusses (a train of goods between two countries is trade)."""
    vocab = load_vocabulary()
    head_set: set[str] = _with_parts(set().union(*head))  # in C: no loop over every word
    body_set: set[str] = _with_parts(set().union(*body))
    sides = len(set(countries))
    if sides < 2 and not vocab.links.isdisjoint(head_set):
        # An article about a flight: the regions at its ends are sides though their roles
        # are mentions ("рейс из Барнаула в Худжанд": a flight's origin, roles.py).
        sides = len(set(countries).union(r.country for r in regions))
    if sides < 2 and not (
        vocab.foreign.isdisjoint(head_set) and vocab.foreign.isdisjoint(body_set)
    ):
        sides += 1  # a country beyond the seven ("афганская провинция Балх")
    words = _evidence(vocab.cooperation, head_set, body_set)
    local_table = vocab.local
    if not (vocab.givers.isdisjoint(head_set) and vocab.givers.isdisjoint(body_set)):
        # Aid after a flood: the flood is why the sides act together, no local news.
        local_table = vocab.aided
    local = _evidence(local_table, head_set, body_set)
    if sides < 2:
        # One side only is local news, however worded, unless the cooperation is
        # overwhelming: the other side is one no list knows (a US state, a company). Two
        # regions of one country that are parties are one side too: on text the code had
        # never seen, 2 of the 7 such articles it took as relevant were, none of the 4 with
        # fewer words (b460e84 on tuning16/20/23-26, ff332e4 on tuning27/28: relevance F1
        # +0.005 and +0.015, topics F1 +0.000 and +0.022; tuned parts +0.001; learnK).
        return words >= ALONE and words > local
    words += _evidence(vocab.meeting, head_set, body_set)  # two sides met
    # The areas count only beside some word of cooperation: one side's own tourism and roads
    # with "a tourist" at most are its own news, whatever country the new road leads to.
    together = words + (TOPIC_EVIDENCE * min(len(topics), 2) if words > 1 else 0.0)
    return together >= THRESHOLD and together > local
