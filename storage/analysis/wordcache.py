"""Bounded per-word caches, and a register of all of them (their sizes and misses for the
benchmarks and tests, one call to empty them).

News repeats its words, so the analysis computes what it needs of a word (its lemma, its
gazetteer keys, its pymorphy3 parses) once and keeps it. A bot that reads news for weeks meets
hundreds of thousands of distinct words, so every such cache has a limit (issue 12: the bot in
< 250 MB with 6,000 sources; ``python -m tests.bench wordcache`` measures their memory).
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class _Cache(Protocol):
    limit: int

    def entries(self) -> int: ...

    def missed(self) -> int: ...

    def clear(self) -> None: ...


# name -> its caches (a gazetteer's tokenizer has its own; tests build several)
_REGISTER: dict[str, list[Callable[[], _Cache | None]]] = {}


def _register(name: str, cache: Callable[[], _Cache | None]) -> None:
    alive = [ref for ref in _REGISTER.get(name, []) if ref() is not None]
    _REGISTER[name] = [*alive, cache]


class WordCache(dict[K, V]):
    """key -> ``compute(key)``, filled on first use, at most ``limit`` entries.

    A plain dict, so a cached key costs one C lookup (``map(cache.__getitem__, words)`` over a
    sentence never enters Python). It holds two halves: when this dict has ``limit // 2``
    entries they become the old half and it starts again empty; a key found in the old half
    comes back without being computed. The words in use stay (as in an LRU cache), while the
    rare ones go with the old half: no burst of misses as after a clear, no Python per hit.
    """

    __slots__ = ("__weakref__", "_compute", "_half", "_old", "limit", "misses")

    def __init__(self, name: str, compute: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self._compute = compute
        self.limit = limit
        self._half = max(1, limit // 2)
        self._old: dict[K, V] = {}
        self.misses = 0
        _register(name, weakref.ref(self))

    def __missing__(self, key: K) -> V:
        if key in self._old:
            value = self._old.pop(key)
        else:
            self.misses += 1
            value = self._compute(key)
            # One copy of a word for all the caches that keep it (the text's own copies go
            # with the text): interned keys and values.
            if isinstance(key, str):
                key = cast(K, sys.intern(key))
            if isinstance(value, str):
                value = cast(V, sys.intern(value))
        if len(self) >= self._half:
            self._old = dict.copy(self)
            dict.clear(self)
        self[key] = value
        return value

    def entries(self) -> int:
        return len(self) + len(self._old)

    def missed(self) -> int:
        return self.misses

    def clear(self) -> None:
        dict.clear(self)
        self._old = {}


class _Lru:
    """A functools.lru_cache seen through the register's interface."""

    def __init__(self, cached: functools._lru_cache_wrapper[Any], limit: int) -> None:
        self._cached = cached
        self.limit = limit

    def entries(self) -> int:
        return self._cached.cache_info().currsize

    def missed(self) -> int:
        return self._cached.cache_info().misses

    def clear(self) -> None:
        self._cached.cache_clear()


def lru(name: str, limit: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(limit)``, registered under ``name``."""

    def wrap(func: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        cached = functools.lru_cache(maxsize=limit)(func)
        seen = _Lru(cached, limit)
        _register(name, lambda: seen)
        return cached

    return wrap


def _live() -> dict[str, list[_Cache]]:
    found = {name: [ref() for ref in refs] for name, refs in _REGISTER.items()}
    return {name: [c for c in caches if c is not None] for name, caches in found.items()}


def sizes() -> dict[str, tuple[int, int]]:
    """Every registered cache's entries and limit (summed over the caches of one name)."""
    return {
        name: (sum(c.entries() for c in caches), sum(c.limit for c in caches))
        for name, caches in _live().items()
        if caches
    }


def misses() -> dict[str, int]:
    """Every registered cache's misses (values computed) so far."""
    return {name: sum(c.missed() for c in caches) for name, caches in _live().items() if caches}


def clear(name: str | None = None) -> None:
    """Empty one registered cache, or all of them."""
    for found, caches in _live().items():
        if name is None or found == name:
            for cache in caches:
                cache.clear()
