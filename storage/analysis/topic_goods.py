"""Goods and compounds for the topic detector (``topics.py``): the goods a sentence of trade or
carriage only names, whose sector is no topic of it (labelling conventions: goods), and the
terms inside a hyphenated compound."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from storage.analysis import morph
from storage.analysis.spans import match
from storage.analysis.topic_vocabulary import Term, Vocabulary

_NEGATED = frozenset({"non"})  # a compound's prefix that denies the rest ("non-energy")


def compound_terms(vocab: Vocabulary, lemma: str) -> list[Term]:
    """Terms inside a hyphenated compound the vocabulary does not know as a whole."""
    parts = lemma.split("-")
    if parts[0] in _NEGATED:
        return []  # "the largest non-energy project", "non-oil exports": not that area
    found: list[Term] = []
    for i, part in enumerate(parts):
        key = part if i == len(parts) - 1 else morph.lemma(part)
        found.extend(vocab.words.get(key, ()))
    return found


def goods_positions(
    vocab: Vocabulary, lemmas: Sequence[str], present: frozenset[str]
) -> frozenset[int]:
    """Positions of the goods a sentence of trade or carriage only names ("export meat and
    wool"): their sector is no topic of it (labelling conventions: goods). Not when it speaks
    of producing them or names a plant by them ("a joint textile enterprise"). ``present``:
    the sentence's lemmas of ``vocab.scan_words``."""
    heads = (
        list(compress(range(len(lemmas)), map(vocab.goods_heads.__contains__, lemmas)))
        if not vocab.goods_heads.isdisjoint(present)
        else []
    )
    if (
        (not heads and vocab.goods.keys().isdisjoint(present))
        or vocab.goods_context.isdisjoint(present)
        or not vocab.production.isdisjoint(present)
    ):
        return frozenset()
    found: set[int] = set()
    for i in compress(range(len(lemmas)), map(vocab.goods.__contains__, lemmas)):
        for phrase in vocab.goods[lemmas[i]]:
            end = match(lemmas, i, phrase) if len(phrase) > 1 else i + 1
            if end > 0 and (end == len(lemmas) or lemmas[end] not in vocab.goods_plants):
                found.update(range(i, end))
    for h in heads:
        _goods_group(vocab, lemmas, h, found)
    return frozenset(found)


def _goods_group(vocab: Vocabulary, lemmas: Sequence[str], head: int, found: set[int]) -> None:
    """Adds to ``found`` the sector words that name goods by their branch around a word for
    goods at ``head`` ("продукция машиностроительного комплекса, химической
    промышленности", "products of the oil chemical industry", "agricultural products"): the
    words of ``goods_topics`` in the noun group after it (up to two other words between
    them) or right before it (one). A frame ends it ("поставки продукции, сотрудничество в
    селекции"), and so does a word of another topic ("oil products, gas transport")."""
    n = len(lemmas)
    for k0, step, allowed in ((head + 1, 1, 2), (head - 1, -1, 1)):
        k, gap = k0, 0
        while 0 <= k < n and abs(k - k0) < GOODS_REACH:
            kind = _goods_sector(vocab, lemmas[k])
            if kind is None or lemmas[k] in vocab.frame_anchors:
                break
            # "продукция швейной фабрики": the plant's name. Forward only: going back, the
            # word after is the goods word itself ("сельскохозяйственные и промышленные товары").
            if kind and step > 0 and k + 1 < n and _goods_sector(vocab, lemmas[k + 1]) is None:
                break
            if kind:
                found.add(k)
                gap = 0
            elif lemmas[k] not in vocab.goods_fillers:
                gap += 1
                if gap > allowed:
                    break
            k += step


def _goods_sector(vocab: Vocabulary, lemma: str) -> bool | None:
    """Whether the word is a goods sector's (``goods_topics``); None for a word of another
    topic, which ends the goods (an energy carrier does not: it is goods of its own, neither)
    or a plant ("экспорт текстильной продукции фабрики": the plant is one)."""
    if lemma in vocab.goods_plants and lemma not in vocab.areas:
        return None
    entry = vocab.index.get(lemma)
    sectors, carried = vocab.goods_topics, vocab.goods_carried
    if entry is None:
        terms: Sequence[Term] = compound_terms(vocab, lemma) if "-" in lemma else ()
        slugs = {t.slug for t in terms} - carried
        return None if not slugs <= sectors else bool(slugs)
    words, phrases, areas, _ = entry
    slugs = {t.slug for t in words}
    if not slugs - carried <= sectors:
        return None
    if slugs and slugs <= carried:
        return False  # "oil" stays energy's, and the goods go on
    return (
        bool(slugs)
        or any(t.slug in sectors for _, t in phrases)
        or any(slug in sectors for _, slug in areas)
    )


GOODS_REACH = 10  # words from a word for goods to the last sector word of its noun group
