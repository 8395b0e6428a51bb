"""Every feed a sources test parses through the plain-RSS fast path is parsed by feedparser too,
and the two must be equal: the fast path is proved on all the feeds these tests serve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.sources import feeds, plainrss

CHECKED: list[str] = []  # the URLs whose feed took the fast path and matched feedparser


@pytest.fixture(autouse=True)
def _fast_path_equals_feedparser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def checked(text: str, url: str) -> tuple[str, list[dict[str, Any]]] | None:
        found = plainrss.parse_plain_rss(text, url)
        if found is not None:
            assert feeds.plain_feed(*found) == feeds.feedparser_feed(text, url), url
            CHECKED.append(url)
        return found

    monkeypatch.setattr(feeds, "parse_plain_rss", checked)
    yield
