"""Polite, bounded HTTP for feeds and article pages.

One `Fetcher` owns one aiohttp session for a polling round (or the bot's life). Every request is
conditional when the caller knows the validators, streams its body under a size cap, follows at
most five redirects itself (so loops are named), waits for a per-host slot (at most two at once)
and a global one, and turns every failure into a `FetchError` whose `reason` is one short line an
admin can read in /sources.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from types import TracebackType

USER_AGENT = "regional-news-bot/0.2 (+see README: News sources)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_BODY = 5 * 1024 * 1024
MAX_REDIRECTS = 5
BACKOFF_CAP = 6 * 3600.0


class FetchError(Exception):
    """A fetch that produced no usable response. `reason` is one short human line; `retry_after`
    is the server's own wish in seconds (429/503), `permanent` says retrying soon is pointless
    (404/410, redirect loop)."""

    def __init__(
        self, reason: str, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent


@dataclass(frozen=True)
class Response:
    url: str  # final URL, after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    text: str  # decoded with the charset below
    charset: str
    not_modified: bool = False  # 304: body and text are empty, keep what you had
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_body: int = MAX_BODY
    max_redirects: int = MAX_REDIRECTS
    per_host: int = 2
    overall: int = 50
    user_agent: str = USER_AGENT
    extra: dict[str, str] = field(default_factory=dict)


class Fetcher:
    """Async context manager owning one aiohttp.ClientSession."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    async def __aenter__(self) -> Fetcher:
        raise NotImplementedError

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        raise NotImplementedError

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET `url`; a 304 to a conditional request gives `not_modified=True`. Raises
        FetchError."""
        raise NotImplementedError

    async def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it (cached per host;
        for article pages only: a feed is published to be polled)."""
        raise NotImplementedError


def backoff(consecutive_errors: int, *, rng: random.Random) -> float:
    """Seconds to wait before the next try after `consecutive_errors` failures in a row:
    exponential from one minute, full jitter in its upper half, capped at six hours."""
    raise NotImplementedError
