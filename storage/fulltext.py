"""The full-text side of the store: what gets indexed and how user words become a query.

Both sides go through ``morph.lemma`` and the same token split, so any word form a user types
meets the form the index holds. User text never reaches FTS5 as syntax: every token is a
quoted FTS5 string made of letters and digits only.
"""

from __future__ import annotations

import re

from storage.analysis.morph import lemma, tokenize

# FTS5's unicode61 tokenizer splits on everything that is not a letter or digit; doing the
# same here turns "Алма-Ата" into two single-token strings (detail=none allows no phrases).
_PART_RE = re.compile(r"[^\W_]+")
MAX_QUERY_TOKENS = 12


def index_text(*texts: str) -> str:
    """The distinct lemmas of ``texts``, space-separated: the full-text index's input.

    The index keeps no positions (detail=none), so a lemma's repeats would only cost time.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for word in tokenize(text):
            for part in _parts(word):
                seen.setdefault(part, None)
    return " ".join(seen)


def match_expression(words: str) -> str | None:
    """An FTS5 MATCH expression requiring every word (any form) of ``words``, or None."""
    tokens = query_tokens(words)
    if not tokens:
        return None
    return " ".join(f'"{token}"' for token in tokens)


def query_tokens(words: str) -> list[str]:
    """The distinct index tokens of ``words``, in order, at most MAX_QUERY_TOKENS: what a
    search requires (FTS5 on SQLite, a tsquery on PostgreSQL)."""
    tokens: dict[str, None] = {}
    for word in tokenize(words[:1000]):
        for part in _parts(word):
            tokens.setdefault(part, None)
    return list(tokens)[:MAX_QUERY_TOKENS]


def query_lemmas(words: str) -> frozenset[str]:
    """The index tokens a user's words become (what :func:`match_expression` requires)."""
    return frozenset(part for word in tokenize(words[:1000]) for part in _parts(word))


def word_lemmas(word: str) -> list[str]:
    """The index tokens of one word of a text (to see whether it matched a query)."""
    return _parts(word)


def _parts(word: str) -> list[str]:
    return _PART_RE.findall(lemma(word))
