"""The topic vocabulary of ``data/topics.toml``, lemmatised and indexed for the detector in
``topics.py`` (which documents the evidence rule), and kept on disk between processes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from storage.analysis import diskcache, morph
from storage.analysis.kinds import Kinds, build_kinds
from storage.analysis.spans import GAP, Phrase


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    ru: str
    en: str
    hashtag: str = ""  # without "#"; "" = the Russian name with "_" for spaces


class Term(NamedTuple):
    """A term of the vocabulary; a tuple because the mention counts key a dict by it and a
    tuple hashes in C (a frozen dataclass's hash runs Python for every mention)."""

    slug: str
    key: str  # what counts as "the same term" for the mention cap
    weight: float


# A lemma's entry: (its terms, the phrases it opens, the areas it opens, the words that may
# come next for one of its phrases to match). A phrase's second word is one of the next two
# words (spans.match), so a sentence holding neither matches none of the lemma's phrases;
# None when there are none or some phrase matches whatever follows (one word, or a gap next).
Entry = tuple[
    tuple[Term, ...],
    tuple[tuple[Phrase, Term], ...],
    tuple[tuple[Phrase, str], ...],
    frozenset[str] | None,
]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    topics: tuple[Topic, ...]
    words: dict[str, tuple[Term, ...]]
    phrases: dict[str, tuple[tuple[Phrase, Term], ...]]  # by first lemma
    areas: dict[str, tuple[tuple[Phrase, str], ...]]  # by first lemma -> (phrase, slug)
    aliases: dict[Phrase, str]  # lemmatised query -> slug
    # One lookup per word of the text: lemma -> (its terms, phrases it opens, areas it opens).
    index: dict[str, Entry]
    fuzzy_pool: tuple[tuple[str, str], ...]  # (name as typed, slug) for suggestions
    study_nouns: frozenset[str] = frozenset()  # "диплом по энергетике": not the topic
    kinds: Kinds = field(default_factory=Kinds)  # passing sentences and asides
    evidence: frozenset[str] = frozenset()  # lemmas of words of weight 1 and more
    # "сотрудничество в сфере X", "in the fields of X and Y": the terms right after one of
    # these (or right before, for frames_before: "в медицинской и культурной сферах") and the
    # items listed with them name areas of cooperation outright.
    # By anchor, the frame's word that is no preposition ("сфера" of "в сфере", "field"):
    # (the anchor's place in the frame, the frame). Most sentences hold a "в", few a "сфера".
    # (..., the words the first item may stand away: 1, or 0 for an agreement's subject).
    frames: dict[str, tuple[tuple[int, Phrase, int], ...]] = field(default_factory=dict)
    frames_before: frozenset[str] = frozenset()
    # "в торговой и других областях": only a term right before counts ("фермеры Костанайской
    # области" is a region's name); list_others are skipped before any of them ("и других").
    frames_adjacent: frozenset[str] = frozenset()
    list_others: frozenset[str] = frozenset()
    # Areas of no topic ("экономический", "social"): an item of a list that keeps it going, as
    # a hint does ("социальных, культурных и экономических связей" is culture).
    list_fillers: frozenset[str] = frozenset()
    frame_anchors: frozenset[str] = frozenset()  # the keys of frames and frames_before
    # Nouns of a body's or a post's name ("министерство", "ministry"): see spans.py.
    names_after: frozenset[str] = frozenset()
    names_before: frozenset[str] = frozenset()
    name_nouns: frozenset[str] = frozenset()  # names_after and names_before together
    portfolios: frozenset[str] = frozenset()  # posts two areas may name (spans.py)
    # Goods merely named in what is traded or carried ("поставляются фрукты, овощи и
    # текстиль"): by first lemma, the goods' phrases; a sentence with a word of trade or
    # carriage and none of production names them in passing (see topic_goods.py).
    goods: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    goods_context: frozenset[str] = frozenset()
    goods_keys: frozenset[str] = frozenset()  # the goods as term keys ("зерновой культура")
    production: frozenset[str] = frozenset()
    goods_plants: frozenset[str] = frozenset()  # "textile enterprise": a plant, no goods
    # Words for goods ("продукция", "products"): the sector words of ``goods_topics`` around
    # them name the goods by their branch ("продукция химической промышленности"); fillers
    # may stand between ("в том числе", "of the").
    goods_heads: frozenset[str] = frozenset()
    goods_topics: frozenset[str] = frozenset()
    goods_fillers: frozenset[str] = frozenset()
    goods_carried: frozenset[str] = frozenset()  # topics of goods that are their own (energy)
    resumes: frozenset[str] = frozenset()  # an aside's paragraph back to the news
    title_actors: frozenset[str] = frozenset()  # "investors to build a plant": plant first
    lead_news: frozenset[str] = frozenset()  # a lead's signing: no venue sentence
    # Terms that are verbs ("поставляться"): no item after a frame ("в область поставляются
    # стройматериалы" is a region's, not "в области" of trade).
    verbs: frozenset[str] = frozenset()
    # Every lemma of the sets above that the detector tests each sentence against (frame
    # anchors, bodies' names, goods and their context, production): one C pass over the
    # sentence finds the few it holds, and the tests then read those few.
    scan_words: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()  # the keys of ``index``: a set tests a sentence faster
    # Every lemma a test of a whole sentence reads (terms, scan_words, the kinds' words,
    # resumes, lead_news, list_fillers): the detector finds a sentence's in one C pass, and
    # its tests read those few words rather than the sentence again.
    watch: frozenset[str] = frozenset()


def vocabulary_bytes() -> bytes:
    """The raw vocabulary file (part of the analysis fingerprint)."""
    return resources.files("storage.analysis").joinpath("data/topics.toml").read_bytes()


def _lemmatise(text: str) -> Phrase:
    """A term's lemmas; a "*" between words stays, as a gap of a few words (spans.GAP)."""
    lemmas: list[str] = []
    for k, piece in enumerate(text.split(GAP)):
        lemmas.extend((GAP,) if k else ())
        lemmas.extend(morph.lemma(w) for w in morph.tokenize(piece))
    return tuple(lemmas)


def _add(index: dict[str, list[tuple[Phrase, Term]]], phrase: Phrase, term: Term) -> None:
    index.setdefault(phrase[0], []).append((phrase, term))


def _second_words(phrases: list[Phrase]) -> frozenset[str] | None:
    """The words one of ``phrases`` needs among the two after its first (``Entry``); None if
    there is no phrase (nothing to test)."""
    if not phrases or any(len(phrase) < 2 or phrase[1] == GAP for phrase in phrases):
        return None
    return frozenset(phrase[1] for phrase in phrases)


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary, read back from the disk cache when this file, the lemmatiser and the
    data are those it was built with: lemmatising every term is a tenth of a process's start."""
    raw = vocabulary_bytes()
    here = Path(__file__)
    code = b"".join(here.with_name(n).read_bytes() for n in (here.name, "kinds.py", "morph.py"))
    key = [raw, code, morph.VERSIONS.encode()]
    return diskcache.cached("topics", key, lambda: _build_vocabulary(raw.decode()), Vocabulary)


def _build_vocabulary(source: str) -> Vocabulary:
    data = tomllib.loads(source)
    rules = data.pop("_rules", {})
    topics: list[Topic] = []
    words: dict[str, list[Term]] = {}
    phrases: dict[str, list[tuple[Phrase, Term]]] = {}
    areas: dict[str, list[tuple[Phrase, str]]] = {}
    aliases: dict[Phrase, str] = {}
    weak_aliases: dict[Phrase, tuple[float, str]] = {}
    pool: list[tuple[str, str]] = []
    for slug, spec in data.items():
        topics.append(Topic(slug, spec["ru"], spec["en"], spec.get("hashtag", "")))
        for name in (spec["ru"], spec["en"], slug, *spec.get("aliases", ())):
            aliases.setdefault(_lemmatise(name), slug)
            pool.append((name, slug))
        for raw, weight in {**spec.get("words", {}), **spec.get("phrases", {})}.items():
            lemmas = _lemmatise(raw)
            if len(lemmas) == 1:
                # "education" and "educational" share a stem: one term, the larger weight.
                same = [t for t in words.get(lemmas[0], []) if t.slug == slug]
                if same and same[0].weight >= weight:
                    continue
                words[lemmas[0]] = [
                    *(t for t in words.get(lemmas[0], []) if t.slug != slug),
                    Term(slug, lemmas[0], float(weight)),
                ]
            else:
                _add(phrases, lemmas, Term(slug, " ".join(lemmas), float(weight)))
            if weight >= 2 and weak_aliases.get(lemmas, (0.0, ""))[0] < weight:
                weak_aliases[lemmas] = (float(weight), slug)
        for raw in spec.get("areas", ()):
            lemmas = _lemmatise(raw)
            areas.setdefault(lemmas[0], []).append((lemmas, slug))
    frames: dict[str, list[tuple[int, Phrase, int]]] = {}
    for key, gap in (("frames", 1), ("subject_frames", 0)):
        for raw in rules.get(key, ()):
            lemmas = _lemmatise(raw)
            anchor = max(range(len(lemmas)), key=lambda k: len(lemmas[k]))
            frames.setdefault(lemmas[anchor], []).append((anchor, lemmas, gap))
    frames_before = frozenset(morph.lemma(w) for w in rules.get("frames_before", ()))
    frames_adjacent = frozenset(morph.lemma(w) for w in rules.get("frames_adjacent", ()))
    goods: dict[str, list[Phrase]] = {}
    for raw in rules.get("goods", ()):
        lemmas = _lemmatise(raw)
        goods.setdefault(lemmas[0], []).append(lemmas)
    for raw in rules.get("stop_phrases", ()):
        # A phrase of no topic: it speaks for its words, which then count for none.
        lemmas = _lemmatise(raw)
        _add(phrases, lemmas, Term("", " ".join(lemmas), 0.0))
    for phrase, (_, slug) in weak_aliases.items():
        aliases.setdefault(phrase, slug)
    index = {
        key: (
            tuple(words.get(key, ())),
            tuple(phrases.get(key, ())),
            tuple(areas.get(key, ())),
            _second_words([phrase for phrase, _ in phrases.get(key, ())]),
        )
        for key in {*words, *phrases, *areas}
    }
    vocabulary = Vocabulary(
        topics=tuple(topics),
        words={k: tuple(v) for k, v in words.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        areas={k: tuple(v) for k, v in areas.items()},
        index=index,
        aliases=aliases,
        fuzzy_pool=tuple(pool),
        study_nouns=frozenset(morph.lemma(w) for w in rules.get("study_nouns", ())),
        kinds=build_kinds(rules, morph.lemma),
        evidence=frozenset(k for k, ts in words.items() if any(t.weight >= 1 for t in ts)),
        frames={k: tuple(v) for k, v in frames.items()},
        frames_before=frames_before,
        frames_adjacent=frames_adjacent,
        list_others=frozenset(morph.lemma(w) for w in rules.get("list_others", ())),
        list_fillers=frozenset(morph.lemma(w) for w in rules.get("list_fillers", ())),
        frame_anchors=frozenset(frames) | frames_before | frames_adjacent,
        names_after=frozenset(morph.lemma(w) for w in rules.get("names_after", ())),
        names_before=frozenset(morph.lemma(w) for w in rules.get("names_before", ())),
        portfolios=frozenset(morph.lemma(w) for w in rules.get("portfolios", ())),
        goods={k: tuple(v) for k, v in goods.items()},
        goods_keys=frozenset(" ".join(p) for v in goods.values() for p in v),
        goods_context=frozenset(morph.lemma(w) for w in rules.get("goods_context", ())),
        production=frozenset(morph.lemma(w) for w in rules.get("production", ())),
        goods_plants=frozenset(morph.lemma(w) for w in rules.get("goods_plants", ())),
        goods_heads=frozenset(morph.lemma(w) for w in rules.get("goods_heads", ())),
        goods_topics=frozenset(rules.get("goods_topics", ())),
        goods_fillers=frozenset(morph.lemma(w) for w in rules.get("goods_fillers", ())),
        goods_carried=frozenset(rules.get("goods_carried", ())),
        resumes=frozenset(morph.lemma(w) for w in rules.get("resumes", ())),
        title_actors=frozenset(morph.lemma(w) for w in rules.get("title_actors", ())),
        lead_news=frozenset(morph.lemma(w) for w in rules.get("lead_news", ())),
        verbs=frozenset(k for k in words if morph.parses(k)[0].tag.POS == "INFN"),
    )
    v = vocabulary
    scan_words = v.frame_anchors | v.names_after | v.names_before | v.portfolios
    scan_words |= frozenset(v.goods)
    scan_words |= v.goods_context | v.production | v.goods_heads
    watch = frozenset(index) | scan_words | v.kinds.words | v.resumes | v.lead_news
    return replace(
        vocabulary,
        scan_words=scan_words,
        terms=frozenset(index),
        name_nouns=v.names_after | v.names_before,
        watch=watch | v.list_fillers,
    )
