"""/search by relevance, with the passage that matched.

The store's full-text index answers "which articles hold every word, newest first" and keeps no
term frequencies (each lemma once, detail=none), so FTS5's bm25 would score all matches of an
AND query alike. Relevance is read here instead, over the newest ``CANDIDATES`` matches: a word
of the query in the title counts most, in the lead next; ties stay newest first. A snippet is
the body's sentence holding the most query words, the matching words marked.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence

from storage.analysis.wordcache import WordCache
from storage.fulltext import query_lemmas, word_lemmas

CANDIDATES = 300
SNIPPET_MAX = 220
TITLE_WEIGHT = 4
LEAD_WEIGHT = 2

_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

Segments = tuple[tuple[str, bool], ...]


# Ranking reads the titles and leads of up to CANDIDATES articles per query: the index tokens
# of each word, and of each article's title and lead, are kept (bounded) so a repeated word or
# article costs a dict lookup instead of a lemmatisation. An article's entry keeps a hash of
# its title and lead (to see a change) and its tokens as tuples of interned words: about
# 0.5 KB instead of 3.2 KB with the texts and frozensets (50,000 of those were 160 MB).
WORD_LIMIT = 20_000  # storage/analysis/wordcache.py
ARTICLE_CACHE = 10_000  # a miss: ~6 ms for 300 candidates; a full cache ~5 MB
Tokens = tuple[str, ...]
_article_tokens: OrderedDict[int, tuple[int, Tokens, Tokens]] = OrderedDict()


def _word_tokens(word: str) -> frozenset[str]:
    return frozenset(word_lemmas(word))


_tokens: Callable[[str], frozenset[str]] = WordCache(
    "search.word", _word_tokens, WORD_LIMIT
).__getitem__


def _text_tokens(text: str) -> frozenset[str]:
    return frozenset().union(*(_tokens(w) for w in _WORD_RE.findall(text)))


def _title_lead(article_id: int, title: str, lead: str) -> tuple[Tokens, Tokens]:
    """The index tokens of an article's title and lead (cached; recomputed if they changed)."""
    key = hash((title, lead))
    hit = _article_tokens.get(article_id)
    if hit is not None and hit[0] == key:
        _article_tokens.move_to_end(article_id)
        return hit[1], hit[2]
    found = (tuple(_text_tokens(title)), tuple(_text_tokens(lead)))
    _article_tokens[article_id] = (key, *found)
    while len(_article_tokens) > ARTICLE_CACHE:
        _article_tokens.popitem(last=False)
    return found


def _count(tokens: Tokens, wanted: frozenset[str]) -> int:
    return sum(1 for token in tokens if token in wanted)


def _hits(text: str, wanted: frozenset[str]) -> int:
    """How many distinct query lemmas ``text`` holds."""
    return len(_text_tokens(text) & wanted)


def rank(words: str, rows: Sequence[tuple[int, str, str]]) -> list[int]:
    """Ids of (id, title, lead) rows, best match first; the rows come newest first."""
    wanted = query_lemmas(words)
    scored = []
    for n, (i, title, lead) in enumerate(rows):
        in_title, in_lead = _title_lead(i, title, lead)
        score = TITLE_WEIGHT * _count(in_title, wanted) + LEAD_WEIGHT * _count(in_lead, wanted)
        scored.append((score, -n, i))
    scored.sort(reverse=True)
    return [i for _, _, i in scored]


def snippet(words: str, text: str, limit: int = SNIPPET_MAX) -> Segments:
    """The sentence of ``text`` with the most query words, as (piece, matched) segments."""
    wanted = query_lemmas(words)
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]
    if not sentences or not wanted:
        return ()
    hits = [_hits(sentence, wanted) for sentence in sentences]
    most = max(hits)
    if most == 0:
        return ()
    best = sentences[hits.index(most)]  # the first of the sentences with most query words
    return _marked(_window(best, wanted, limit), wanted)


def _window(sentence: str, wanted: frozenset[str], limit: int) -> str:
    """At most ``limit`` characters of ``sentence`` around its first matching word."""
    if len(sentence) <= limit:
        return sentence
    first = next((m.start() for m in _WORD_RE.finditer(sentence) if _tokens(m[0]) & wanted), 0)
    start = max(0, min(first - limit // 3, len(sentence) - limit))
    if start:
        start = sentence.find(" ", start) + 1 or start
    cut = sentence[start : start + limit]
    if start + limit < len(sentence) and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(sentence) else "")


def _marked(text: str, wanted: frozenset[str]) -> Segments:
    out: list[tuple[str, bool]] = []
    last = 0
    for m in _WORD_RE.finditer(text):
        if _tokens(m[0]) & wanted:
            if m.start() > last:
                out.append((text[last : m.start()], False))
            out.append((m[0], True))
            last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return tuple(out)
