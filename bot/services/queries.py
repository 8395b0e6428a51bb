"""Search queries too long (or with ':') for 64-byte callback data, kept by a short token.

In memory and bounded: after a restart an old "more" button says the list expired. The byte
budget for a query inside a button comes from the callback layout (:mod:`bot.callbacks`),
given by the app container: this layer knows nothing of Telegram's buttons.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

CAPACITY = 10_000


class QueryTokens:
    def __init__(self, key_bytes: int, capacity: int = CAPACITY) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._key_bytes = key_bytes  # the longest query (UTF-8 bytes) kept in the button itself
        self._capacity = capacity

    def key_for(self, query: str) -> str:
        """The callback key for ``query``: the query itself if it fits, else ``#token``."""
        plain = ":" not in query and not query.startswith("#")
        if plain and len(query.encode("utf-8")) <= self._key_bytes:
            return query
        token = "#" + hashlib.blake2b(query.encode(), digest_size=8).hexdigest()
        self._items[token] = query
        self._items.move_to_end(token)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return token

    def query_for(self, key: str) -> str | None:
        if not key.startswith("#"):
            return key
        return self._items.get(key)
