"""Feed bytes to items: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed parsed here.
A malformed feed yields what it can (`bozo` names the fault); an HTML page raises NotAFeed with
the feed URLs it links to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class NotAFeed(Exception):
    def __init__(self, reason: str, discovered: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.discovered: list[str] = discovered or []


@dataclass(frozen=True)
class FeedItem:
    url: str
    guid: str
    title: str
    summary: str  # plain text
    content: str  # plain text of content:encoded / atom content, "" if none
    published: dt.datetime | None
    author: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # "rss20", "rss10", "rss092", "atom10", "json", ...
    title: str
    items: list[FeedItem] = field(default_factory=list)
    bozo: str | None = None  # what was wrong with a malformed feed that still parsed


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    raise NotImplementedError


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds an HTML page announces with <link rel="alternate">."""
    raise NotImplementedError
