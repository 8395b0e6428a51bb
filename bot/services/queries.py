"""Search queries too long (or with ':') for 64-byte callback data, kept by a short token.

In memory and bounded: after a restart an old "more" button says the list expired.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from bot.callbacks import ListCb, fits

CAPACITY = 10_000


class QueryTokens:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._capacity = capacity

    def key_for(self, query: str) -> str:
        """The callback key for ``query``: the query itself if it fits, else ``#token``."""
        if ":" not in query and not query.startswith("#"):
            # the packed form, built by hand: pack() itself raises when it is too long
            candidate = ListCb.__prefix__ + f":s:{query}:999"
            if fits(candidate):
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
