"""Polite, bounded HTTP for feeds and article pages.

One `Fetcher` owns one aiohttp session for a polling round (or the bot's life). Every request is
conditional when the caller knows the validators, streams its body under a size cap, follows at
most five redirects itself (so a loop is named as such), waits for a per-host slot (at most two
at once) and a global one, and turns every failure into a `FetchError` whose `reason` is one
short line an admin can read in /sources.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import urllib.robotparser
from collections import defaultdict
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp
import yarl

from bot.sources.charset import decode

USER_AGENT = "regional-news-bot/0.2 (+see README: News sources)"
ROBOTS_AGENT = "regional-news-bot"  # the product token robots.txt rules name
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_BODY = 5 * 1024 * 1024
MAX_REDIRECTS = 5
BACKOFF_BASE = 60.0
BACKOFF_CAP = 6 * 3600.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# robots.txt is re-read daily; when it could not be read we retry it sooner.
_ROBOTS_TTL = 24 * 3600.0
_ROBOTS_ERROR_TTL = 600.0


class FetchError(Exception):
    """A fetch that produced no usable response. `reason` is one short human line; `retry_after`
    is the server's own wish in seconds (429/503), `permanent` says retrying soon is pointless
    (404/410, a redirect loop, a malformed URL); `status` is the HTTP status, if any."""

    def __init__(
        self,
        reason: str,
        retry_after: float | None = None,
        permanent: bool = False,
        *,
        status: int | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent
        self.status = status  # the HTTP status when the server answered one


@dataclass(frozen=True)
class Response:
    url: str  # final URL, after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    text: str  # decoded with `charset`
    charset: str
    not_modified: bool = False  # 304: body and text are empty, keep what you had
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    total_timeout: float = 30.0  # per request (each redirect hop), body included
    max_body: int = MAX_BODY
    max_redirects: int = MAX_REDIRECTS
    per_host: int = 2
    overall: int = 50
    user_agent: str = USER_AGENT
    extra_headers: dict[str, str] = field(default_factory=dict)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff(consecutive_errors: int, *, rng: random.Random) -> float:
    """Seconds to wait before the next try after `consecutive_errors` failures in a row:
    one minute doubled per failure, capped at six hours, jittered over its upper half so that
    sources failing together (one host down) do not come back together."""
    if consecutive_errors <= 0:
        return 0.0
    delay = min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** min(consecutive_errors - 1, 30))
    return rng.uniform(delay / 2, delay)


def _origin(url: str) -> str:
    """robots.txt belongs to an origin: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def _host(url: str) -> str:
    """The per-host limit counts a machine, whatever the scheme or port."""
    return (urlsplit(url).hostname or "").lower()


def _shown(url: str) -> str:
    """A URL fit for a reason line: no user:password, at most 80 characters."""
    try:
        parts = urlsplit(url)
        if parts.password or parts.username:
            url = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    except ValueError:
        pass
    return url[:80]


def _check_url(url: str) -> None:
    """Raise FetchError for what no request can be made of, before any slot is taken."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {_shown(url)}", permanent=True)
        _port = parts.port  # raises on a bad port
        if not parts.hostname:
            raise ValueError("no host")
        yarl.URL(url).raw_host  # noqa: B018  (raises on a host IDNA cannot encode)
    except ValueError:  # UnicodeError too: a label that is empty or too long
        raise FetchError(f"bad URL: {_shown(url)}", permanent=True) from None


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    expires: float
    allow_all: bool = True


class Fetcher:
    """Async context manager owning one aiohttp.ClientSession."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._session: aiohttp.ClientSession | None = None
        self._overall = asyncio.Semaphore(self.limits.overall)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.limits.per_host)
        )
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        self._session = aiohttp.ClientSession(
            headers={"User-Agent": limits.user_agent, **limits.extra_headers},
            # Our semaphores bound concurrency; the connector must not queue requests under the
            # timeout clock, so it gets more room than they allow.
            connector=aiohttp.TCPConnector(limit=limits.overall * 2, limit_per_host=0),
            timeout=aiohttp.ClientTimeout(
                total=None, sock_connect=limits.connect_timeout, sock_read=limits.total_timeout
            ),
            auto_decompress=True,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET `url`; a 304 to a conditional request gives `not_modified=True`. Raises
        FetchError (never an aiohttp or asyncio exception)."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        for _hop in range(self.limits.max_redirects + 1):
            response, location = await self._hop(url, headers)
            if location is None:
                assert response is not None
                return response
            url = location
            if url in seen:
                raise FetchError("redirect loop", permanent=True)
            seen.add(url)
        raise FetchError(f"more than {self.limits.max_redirects} redirects", permanent=True)

    async def _hop(self, url: str, headers: dict[str, str]) -> tuple[Response | None, str | None]:
        """One request: (response, None) or (None, the absolute URL it redirects to)."""
        _check_url(url)
        if self._session is None:
            raise RuntimeError("Fetcher used outside `async with`")
        timeout = self.limits.total_timeout
        async with self._overall, self._hosts[_host(url)]:
            try:
                async with asyncio.timeout(timeout):
                    return await self._request(url, headers)
            except TimeoutError:
                raise FetchError(f"timed out after {_seconds(timeout)}") from None
            except (aiohttp.InvalidURL, ValueError):
                raise FetchError(f"bad URL: {_shown(url)}", permanent=True) from None
            except aiohttp.ClientConnectorCertificateError as e:
                raise FetchError(f"bad TLS certificate for {e.host}") from e
            except aiohttp.ClientConnectorError as e:
                raise FetchError(f"cannot connect to {e.host}: {e.strerror or 'refused'}") from e
            except aiohttp.ClientPayloadError:
                raise FetchError("broken response body (bad gzip or cut short)") from None
            except aiohttp.ServerDisconnectedError:
                raise FetchError("server closed the connection without answering") from None
            except aiohttp.ClientResponseError:  # raised before any status: the parser failed
                raise FetchError("not a valid HTTP response") from None
            except aiohttp.ClientError as e:
                raise FetchError(f"network error: {type(e).__name__}") from e

    async def _request(
        self, url: str, headers: dict[str, str]
    ) -> tuple[Response | None, str | None]:
        assert self._session is not None
        async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
            if resp.status in _REDIRECTS and (location := resp.headers.get("Location")):
                try:
                    return None, urljoin(url, location)
                except ValueError:
                    reason = f"redirect to a bad URL: {_shown(location)}"
                    raise FetchError(reason, permanent=True) from None
            head = {k.lower(): v for k, v in resp.headers.items()}
            validators = {"etag": head.get("etag"), "last_modified": head.get("last-modified")}
            if resp.status == 304:
                return Response(url, 304, head, b"", "", "", True, **validators), None
            _check_status(resp.status, head)
            body = await self._read(resp)
            text, charset = decode(body, head.get("content-type"))
            return Response(url, resp.status, head, body, text, charset, False, **validators), None

    async def _read(self, resp: aiohttp.ClientResponse) -> bytes:
        """The body, streamed: past the cap the connection is dropped, never read whole."""
        cap = self.limits.max_body
        if resp.content_length is not None and resp.content_length > cap:
            raise FetchError(f"response over {_mb(cap)}")
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > cap:
                resp.close()
                raise FetchError(f"response over {_mb(cap)}")
            chunks.append(chunk)
        return b"".join(chunks)

    async def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it (cached per host;
        for article pages only: a feed is published to be polled)."""
        try:
            _check_url(url)
        except FetchError:
            return False
        key = _origin(url)
        async with self._robots_locks[key]:
            entry = self._robots.get(key)
            if entry is None or entry.expires < time.monotonic():
                entry = await self._load_robots(url)
                self._robots[key] = entry
        if entry.parser is None:
            return entry.allow_all
        return entry.parser.can_fetch(ROBOTS_AGENT, url)

    async def _load_robots(self, url: str) -> _Robots:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        now = time.monotonic()
        try:
            response = await self.get(robots_url, accept="text/plain")
        except FetchError as e:
            # RFC 9309: an unavailable robots.txt (4xx) allows everything; an unreachable one
            # (5xx, 429, network) means "assume disallowed" until we can read it.
            gone = e.status is not None and 400 <= e.status < 500 and e.status != 429
            return _Robots(None, now + (_ROBOTS_TTL if gone else _ROBOTS_ERROR_TTL), gone)
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(response.text.splitlines())
        return _Robots(parser, now + _ROBOTS_TTL)


def _check_status(status: int, headers: dict[str, str]) -> None:
    if 200 <= status < 300:
        return
    if status in (429, 503):
        wait = retry_after(headers.get("retry-after"))
        raise FetchError(f"HTTP {status}", retry_after=wait, status=status)
    raise FetchError(f"HTTP {status}", permanent=status in (404, 410), status=status)
