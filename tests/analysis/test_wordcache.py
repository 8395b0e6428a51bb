"""The per-word caches stay within their limits however many distinct words pass (issue 12: a
bot reading news for weeks meets hundreds of thousands), and keep the words in use."""

from __future__ import annotations

import gc

from bot.services import search
from storage import stories
from storage.analysis import morph, summary, wordcache
from storage.analysis.gazetteer import forms, load_gazetteer
from storage.analysis.wordcache import WordCache


def test_word_cache_keeps_the_words_in_use_within_its_limit() -> None:
    computed: list[str] = []

    def compute(word: str) -> str:
        computed.append(word)
        return word.upper()

    cache = WordCache("test.cache", compute, 100)
    for n in range(1_000):
        assert cache[f"w{n}"] == f"W{n}"
        assert cache["hot"] == "HOT"  # asked for all along: computed once
        assert cache.entries() <= 100
    assert computed.count("hot") == 1
    assert cache.misses == 1_001
    assert wordcache.sizes()["test.cache"] == (cache.entries(), 100)
    wordcache.clear("test.cache")
    assert cache.entries() == 0
    del cache
    gc.collect()
    assert "test.cache" not in wordcache.sizes()


def test_every_word_cache_stays_within_its_limit() -> None:
    """More distinct words than any limit through every cache the analysis and search keep."""
    gazetteer = load_gazetteer()
    limits = {name: limit for name, (_, limit) in wordcache.sizes().items()}
    count = max(limits.values()) + 5_000
    words = [f"w{n}x" for n in range(count)]  # Latin: no pymorphy3 dictionary walk, fast
    before = wordcache.misses()
    for word in words:
        morph.lemma(word)
        stories.shingles(word)
        search._tokens(word)
    summary._content(words)
    gazetteer.find(" ".join(words))
    for word in words[: forms.ANSWER_LIMIT + 100]:
        forms.cases(word, "Surn")
    for word in words[: morph.PARSE_LIMIT + 100]:
        morph.parses(word)
    missed = {name: n - before.get(name, 0) for name, n in wordcache.misses().items()}
    sizes = wordcache.sizes()
    for name in (
        "morph.lemma",
        "morph.parse",
        "forms.norm",
        "forms.cases",
        "stories.content",
        "summary.content",
        "gazetteer.word",
        "search.word",
    ):
        entries, limit = sizes[name]
        assert missed[name] > limit, name  # the cache met more words than it may keep
        assert 0 < entries <= limit, name
