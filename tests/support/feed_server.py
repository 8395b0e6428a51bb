"""A local news site for the tests: real HTTP on 127.0.0.1, responses the test sets.

Feeds, pages, robots.txt, status codes, headers, delays, hangs, gzip, redirects, huge streamed
bodies and conditional GET, all per path. The server counts requests per path and the number in
flight at once (overall and its maximum), so a test can check what a client really did.

Typical test::

    async with FeedServer() as site:
        site.route("/rss", body=rss_bytes, etag='"v1"')
        async with Fetcher() as fetcher:
            first = await fetcher.get(site.url("/rss"))
            again = await fetcher.get(site.url("/rss"), etag=first.etag)   # 304
        assert site.hits["/rss"] == 2
"""

from __future__ import annotations

import asyncio
import gzip as gzip_module
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from types import TracebackType
from xml.sax.saxutils import escape

from aiohttp import web

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Item:
    """One feed item as a test writes it; `rss()` turns a list of them into RSS 2.0."""

    title: str
    link: str
    description: str = ""
    guid: str | None = None
    content: str | None = None  # content:encoded (HTML)
    published: str | None = None  # an RFC 822 date; `rfc822()` makes one


def rfc822(when: object) -> str:
    """An RFC 822 date for RSS from an aware datetime."""
    return format_datetime(when)  # type: ignore[arg-type]


def rss(items: list[Item], *, title: str = "Тестовая лента", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of `items`, encoded (and declared) as `encoding`."""
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>",
    ]
    for item in items:
        parts.append(f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>")
        parts.append(f"<description>{escape(item.description)}</description>")
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.content:
            parts.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>")
        if item.published:
            parts.append(f"<pubDate>{item.published}</pubDate>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode(encoding)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    hang: bool = False  # send the headers, then never the body
    gzip: bool = False  # gzip the body and say so (Content-Encoding: gzip)
    stream: int = 0  # stream this many bytes of filler, chunked, with no Content-Length
    etag: str | None = None  # answer 304 when If-None-Match carries it
    last_modified: str | None = None  # answer 304 when If-Modified-Since equals it
    location: str | None = None  # with a 3xx status: where to go


class FeedServer:
    """`addresses`: the loopback addresses to listen on, all on one port; several of them stand
    for several hosts (Linux routes all of 127.0.0.0/8 to loopback), e.g. for per-host limits."""

    def __init__(self, addresses: tuple[str, ...] = ("127.0.0.1",)) -> None:
        self.addresses = addresses
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.request_headers: dict[str, list[dict[str, str]]] = {}
        self.active = 0
        self.max_active = 0
        self.streamed = 0  # bytes of filler actually written by `stream` routes
        self._runner: web.AppRunner | None = None
        self.port = 0

    def route(self, path: str, **kwargs: object) -> Route:
        """Set (or replace) what `path` answers; keyword arguments are Route's fields."""
        route = Route(**kwargs)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def reset_counts(self) -> None:
        self.hits.clear()
        self.request_headers.clear()
        self.max_active = 0

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        for address in self.addresses:
            site = web.TCPSite(self._runner, address, self.port)
            await site.start()
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.routes else request.path
        self.hits[path] += 1
        self.request_headers.setdefault(path, []).append(dict(request.headers))
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            return await self._answer(request, self.routes.get(path))
        finally:
            self.active -= 1

    async def _answer(self, request: web.Request, route: Route | None) -> web.StreamResponse:
        if route is None:
            return web.Response(status=404, text="no such page")
        if route.delay:
            await asyncio.sleep(route.delay)
        headers = dict(route.headers)
        for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified)):
            if value:
                headers[name] = value
        if (route.etag and request.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified
        ):
            return web.Response(status=304, headers=headers)
        if route.location:
            headers["Location"] = route.location
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.hang or route.stream:
            return await self._stream(request, route, headers)
        body = route.body
        if route.gzip:
            body = gzip_module.compress(body)
            headers["Content-Encoding"] = "gzip"
        return web.Response(status=route.status, body=body, headers=headers)

    async def _stream(
        self, request: web.Request, route: Route, headers: dict[str, str]
    ) -> web.StreamResponse:
        response = web.StreamResponse(status=route.status, headers=headers)
        response.enable_chunked_encoding()
        await response.prepare(request)
        if route.hang:
            await asyncio.sleep(3600)
        chunk = b"x" * _CHUNK
        left = route.stream
        try:
            while left > 0:
                await response.write(chunk[:left])
                self.streamed += min(left, _CHUNK)
                left -= _CHUNK
            await response.write_eof()
        except (ConnectionResetError, ConnectionError):
            pass  # the client hung up: that is what a size cap does
        return response
