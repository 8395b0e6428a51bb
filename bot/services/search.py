"""/search by relevance, with the passage that matched.

The store's full-text index answers "which articles hold every word, newest first" and keeps no
term frequencies (each lemma once, detail=none), so FTS5's bm25 would score all matches of an
AND query alike. Relevance is read here instead, over the newest ``CANDIDATES`` matches: a word
of the query in the title counts most, in the lead next; ties stay newest first. A snippet is
the body's sentence holding the most query words, the matching words marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storage.fulltext import query_lemmas, word_lemmas

CANDIDATES = 300
SNIPPET_MAX = 220
TITLE_WEIGHT = 4
LEAD_WEIGHT = 2

_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

Segments = tuple[tuple[str, bool], ...]


def _hits(text: str, wanted: frozenset[str]) -> int:
    """How many distinct query lemmas ``text`` holds."""
    found: set[str] = set()
    for word in _WORD_RE.findall(text):
        found.update(p for p in word_lemmas(word) if p in wanted)
    return len(found)


def rank(words: str, rows: Sequence[tuple[int, str, str]]) -> list[int]:
    """Ids of (id, title, lead) rows, best match first; the rows come newest first."""
    wanted = query_lemmas(words)
    scored = [
        (TITLE_WEIGHT * _hits(title, wanted) + LEAD_WEIGHT * _hits(lead, wanted), -n, i)
        for n, (i, title, lead) in enumerate(rows)
    ]
    scored.sort(reverse=True)
    return [i for _, _, i in scored]


def snippet(words: str, text: str, limit: int = SNIPPET_MAX) -> Segments:
    """The sentence of ``text`` with the most query words, as (piece, matched) segments."""
    wanted = query_lemmas(words)
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]
    if not sentences or not wanted:
        return ()
    best = max(sentences, key=lambda s: (_hits(s, wanted), -sentences.index(s)))
    if _hits(best, wanted) == 0:
        return ()
    return _marked(_window(best, wanted, limit), wanted)


def _window(sentence: str, wanted: frozenset[str], limit: int) -> str:
    """At most ``limit`` characters of ``sentence`` around its first matching word."""
    if len(sentence) <= limit:
        return sentence
    first = next(
        (m.start() for m in _WORD_RE.finditer(sentence) if set(word_lemmas(m[0])) & wanted), 0
    )
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
        if set(word_lemmas(m[0])) & wanted:
            if m.start() > last:
                out.append((text[last : m.start()], False))
            out.append((m[0], True))
            last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return tuple(out)
