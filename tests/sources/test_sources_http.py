"""The polite fetcher against a real local HTTP server: conditional GET, gzip, redirects, caps,
timeouts, status codes, Retry-After, robots.txt and per-host concurrency."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import gzip
import random
import tracemalloc
from collections.abc import AsyncIterator

import pytest

from bot.sources.feeds import parse_feed
from bot.sources.http import (
    BACKOFF_CAP,
    USER_AGENT,
    Fetcher,
    FetchError,
    Limits,
    backoff,
    retry_after,
)
from tests.support.feed_server import FeedServer, Item, rss

FAST = Limits(connect_timeout=2.0, total_timeout=0.5)


@pytest.fixture(scope="module")
async def site() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(FAST) as f:
        yield f


def _items(site: FeedServer, n: int, start: int = 0) -> list[Item]:
    return [
        Item(f"Новость номер {i}", site.url(f"/news/{i}"), f"Текст {i}") for i in range(start, n)
    ]


async def test_new_items_between_polls(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/poll.xml", body=rss(_items(site, 3)))
    first = parse_feed((await fetcher.get(site.url("/poll.xml"))).body, site.url("/poll.xml"))
    site.route("/poll.xml", body=rss(_items(site, 5)))
    second = parse_feed((await fetcher.get(site.url("/poll.xml"))).body, site.url("/poll.xml"))
    new = {i.url for i in second.items} - {i.url for i in first.items}
    assert new == {site.url("/news/3"), site.url("/news/4")}


async def test_etag_gives_304_and_names_the_bot(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/etag.xml", body=rss(_items(site, 2)), etag='"v1"')
    first = await fetcher.get(site.url("/etag.xml"))
    assert (first.status, first.etag, first.not_modified) == (200, '"v1"', False)
    again = await fetcher.get(site.url("/etag.xml"), etag=first.etag)
    assert again.not_modified and again.status == 304 and again.body == b""
    sent = site.request_headers["/etag.xml"]
    assert sent[1]["If-None-Match"] == '"v1"' and "If-None-Match" not in sent[0]
    assert sent[0]["User-Agent"] == USER_AGENT and "README" in USER_AGENT


async def test_last_modified_gives_304(site: FeedServer, fetcher: Fetcher) -> None:
    stamp = "Mon, 01 Dec 2025 10:00:00 GMT"
    site.route("/lm.xml", body=rss(_items(site, 2)), last_modified=stamp)
    first = await fetcher.get(site.url("/lm.xml"))
    assert first.last_modified == stamp and not first.not_modified
    again = await fetcher.get(site.url("/lm.xml"), last_modified=first.last_modified)
    assert again.not_modified
    changed = await fetcher.get(site.url("/lm.xml"), last_modified="Sun, 30 Nov 2025 10:00:00 GMT")
    assert not changed.not_modified and len(parse_feed(changed.body, "http://x/").items) == 2


async def test_gzip_is_asked_for_and_unpacked(site: FeedServer, fetcher: Fetcher) -> None:
    body = rss(_items(site, 20))
    site.route("/gz.xml", body=body, gzip=True)
    response = await fetcher.get(site.url("/gz.xml"))
    assert response.body == body and len(gzip.compress(body)) < len(body)
    assert "gzip" in site.request_headers["/gz.xml"][0]["Accept-Encoding"]


async def test_redirects_followed_to_the_final_url(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/old.xml", status=301, location="/mid.xml")
    site.route("/mid.xml", status=302, location=site.url("/new.xml"))
    site.route("/new.xml", body=rss(_items(site, 1)))
    response = await fetcher.get(site.url("/old.xml"))
    assert response.url == site.url("/new.xml") and response.status == 200


async def test_redirect_loop_is_named(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/loop-a", status=302, location="/loop-b")
    site.route("/loop-b", status=302, location="/loop-a")
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/loop-a"))
    assert caught.value.reason == "redirect loop" and caught.value.permanent
    assert site.hits["/loop-a"] == 1 and site.hits["/loop-b"] == 1


async def test_more_than_five_redirects(site: FeedServer, fetcher: Fetcher) -> None:
    for i in range(7):
        site.route(f"/hop{i}", status=307, location=f"/hop{i + 1}")
    site.route("/hop7", body=rss([]))
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/hop0"))
    assert caught.value.reason == "more than 5 redirects"
    assert site.hits["/hop5"] == 1 and site.hits["/hop6"] == 0
    site.route("/hop1", status=307, location="/hop7")  # exactly five hops is fine
    for i in range(2, 6):
        site.route(f"/hop{i}", status=307, location=f"/hop{i + 1}")
    site.route("/hop0", status=307, location="/hop2")
    site.route("/hop5", status=307, location="/hop7")
    assert (await fetcher.get(site.url("/hop0"))).url == site.url("/hop7")


@pytest.mark.parametrize(("status", "permanent"), [(404, True), (410, True), (500, False)])
async def test_http_errors_then_recovery(
    site: FeedServer, fetcher: Fetcher, status: int, permanent: bool
) -> None:
    path = f"/flaky{status}.xml"
    site.route(path, status=status, body=b"<html>oops</html>", content_type="text/html")
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url(path))
    assert caught.value.reason == f"HTTP {status}" and caught.value.permanent is permanent
    assert caught.value.status == status
    site.route(path, body=rss(_items(site, 2)))
    assert len(parse_feed((await fetcher.get(site.url(path))).body, path).items) == 2


async def test_retry_after_seconds_and_date(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/busy", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/busy"))
    assert caught.value.reason == "HTTP 429" and caught.value.retry_after == 120.0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    site.route("/down", status=503, headers={"Retry-After": email.utils.format_datetime(later)})
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/down"))
    assert caught.value.retry_after is not None and 3500 < caught.value.retry_after <= 3600
    site.route("/down2", status=503)
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/down2"))
    assert caught.value.retry_after is None and not caught.value.permanent


def test_retry_after_parsing() -> None:
    assert retry_after("0") == 0.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60.0
    assert retry_after("soon") is None and retry_after(None) is None


async def test_hanging_response_times_out(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/hang.xml", hang=True)
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/hang.xml"))
    assert caught.value.reason == "timed out after 0.5 s"
    site.route("/slow.xml", delay=5.0)  # no headers at all
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/slow.xml"))
    assert caught.value.reason.startswith("timed out")


async def test_twenty_megabytes_are_cut_at_the_cap(site: FeedServer) -> None:
    site.route("/huge.xml", stream=20 * 1024 * 1024)
    site.streamed = 0
    tracemalloc.start()
    try:
        async with Fetcher(Limits(total_timeout=20.0)) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get(site.url("/huge.xml"))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.reason == "response over 5 MB"
    assert peak < 12 * 1024 * 1024  # the cap's worth of chunks, not 20 MB
    await asyncio.sleep(0.05)
    assert site.streamed < 20 * 1024 * 1024  # the connection was dropped, not drained


async def test_declared_huge_length_is_refused_unread(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/big.xml", body=b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/big.xml"))
    assert caught.value.reason == "response over 5 MB"
    site.route("/fits.xml", body=b"<rss/>" + b" " * (5 * 1024 * 1024 - 6))
    assert len((await fetcher.get(site.url("/fits.xml"))).body) == 5 * 1024 * 1024


async def test_unreachable_host_and_bad_scheme(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        await fetcher.get("http://127.0.0.1:1/feed")
    assert caught.value.reason.startswith("cannot connect to 127.0.0.1")
    with pytest.raises(FetchError) as caught:
        await fetcher.get("ftp://example.test/feed")
    assert caught.value.permanent and caught.value.reason.startswith("not an http(s) URL")


async def test_robots_txt_is_honoured_and_cached(site: FeedServer) -> None:
    site.route(
        "/robots.txt",
        body=b"User-agent: *\nDisallow: /private/\n\nUser-agent: regional-news-bot\n"
        b"Disallow: /no-bots/\n",
        content_type="text/plain",
    )
    async with Fetcher(FAST) as fetcher:
        assert await fetcher.allowed_by_robots(site.url("/news/1"))
        assert not await fetcher.allowed_by_robots(site.url("/no-bots/article"))
        assert await fetcher.allowed_by_robots(site.url("/private/x"))  # our group wins
        await asyncio.gather(*(fetcher.allowed_by_robots(site.url(f"/n/{i}")) for i in range(5)))
    assert site.hits["/robots.txt"] == 1


async def test_missing_robots_allows_broken_robots_forbids() -> None:
    async with FeedServer() as other, Fetcher(FAST) as fetcher:
        assert await fetcher.allowed_by_robots(other.url("/news/1"))  # 404: no rules
    for status in (500, 429):
        async with FeedServer() as other, Fetcher(FAST) as fetcher:
            other.route("/robots.txt", status=status)
            assert not await fetcher.allowed_by_robots(other.url("/news/1"))
    async with FeedServer() as other, Fetcher(FAST) as fetcher:
        other.route("/robots.txt", status=403)
        assert await fetcher.allowed_by_robots(other.url("/news/1"))  # RFC 9309: 4xx allows


async def test_at_most_two_requests_per_host(site: FeedServer) -> None:
    for i in range(6):
        site.route(f"/c{i}.xml", body=rss([]), delay=0.2)
    site.reset_counts()
    async with Fetcher(FAST) as fetcher:
        await asyncio.gather(*(fetcher.get(site.url(f"/c{i}.xml")) for i in range(6)))
    assert site.max_active == 2
    assert all(site.hits[f"/c{i}.xml"] == 1 for i in range(6))


async def test_overall_bound(site: FeedServer) -> None:
    for i in range(6):
        site.route(f"/o{i}.xml", body=rss([]), delay=0.2)
    site.reset_counts()
    async with Fetcher(Limits(total_timeout=2.0, per_host=10, overall=3)) as fetcher:
        await asyncio.gather(*(fetcher.get(site.url(f"/o{i}.xml")) for i in range(6)))
    assert site.max_active == 3


def test_backoff_grows_with_jitter_up_to_six_hours() -> None:
    rng = random.Random(7)
    assert backoff(0, rng=rng) == 0.0
    assert 30.0 <= backoff(1, rng=rng) <= 60.0
    assert 240.0 <= backoff(4, rng=rng) <= 480.0
    late = [backoff(n, rng=rng) for n in (20, 40, 1000)]
    assert all(BACKOFF_CAP / 2 <= d <= BACKOFF_CAP for d in late)
    assert len({backoff(5, rng=rng) for _ in range(10)}) > 1  # jittered


async def test_gzip_bomb_is_cut_at_the_cap(site: FeedServer, fetcher: Fetcher) -> None:
    # 50 MB of zeros packed into ~50 KB: the cap applies to what unpacks, not to what travels.
    packed = gzip.compress(b"\0" * (50 * 1024 * 1024))
    site.route("/bomb.xml", body=packed, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/bomb.xml"))
    assert caught.value.reason == "response over 5 MB"


async def test_broken_gzip_is_one_line(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/badgz.xml", body=b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/badgz.xml"))
    assert caught.value.reason == "broken response body (bad gzip or cut short)"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://", "bad URL: http://"),
        ("http://[::1", "bad URL: http://[::1"),
        ("http://a..b/", "bad URL: http://a..b/"),
        ("http://x.test:99999/", "bad URL: http://x.test:99999/"),
        ("http://x.test:abc/", "bad URL: http://x.test:abc/"),
        ("http://user:s3cret@x.test:abc/", "bad URL: http://x.test:abc/"),
        ("ftp://user:s3cret@x.test/", "not an http(s) URL: ftp://x.test/"),
        ("", "not an http(s) URL: "),
    ],
)
async def test_bad_urls_are_one_line_without_secrets(
    fetcher: Fetcher, url: str, reason: str
) -> None:
    with pytest.raises(FetchError) as caught:
        await fetcher.get(url)
    assert (caught.value.reason, caught.value.permanent) == (reason, True)
    assert await fetcher.allowed_by_robots(url) is False


async def test_redirect_to_a_broken_url(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/to-broken", status=302, location="http://[broken/")
    with pytest.raises(FetchError) as caught:
        await fetcher.get(site.url("/to-broken"))
    assert caught.value.reason == "redirect to a bad URL: http://[broken/"


async def test_per_host_limit_counts_the_machine_not_the_port(site: FeedServer) -> None:
    """Two ports of 127.0.0.1 share its two slots: four 0.3 s answers take two rounds. (A lower
    bound on time: load can only make it longer.)"""
    async with FeedServer() as other, Fetcher(Limits(total_timeout=5.0)) as fetcher:
        for server in (site, other):
            server.route("/port.xml", body=rss([]), delay=0.3)
        urls = [site.url("/port.xml"), other.url("/port.xml")] * 2
        started = asyncio.get_running_loop().time()
        await asyncio.gather(*(fetcher.get(u) for u in urls))
        assert asyncio.get_running_loop().time() - started >= 0.6


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (b"", "server closed the connection without answering"),
        (b"this is not http\r\n\r\n", "not a valid HTTP response"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello", "not a valid HTTP response"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello", "broken response body"),
    ],
)
async def test_broken_servers_are_one_line(fetcher: Fetcher, answer: bytes, reason: str) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1000)
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(FetchError) as caught:
            await fetcher.get(f"http://127.0.0.1:{port}/feed")
    finally:
        server.close()
        await server.wait_closed()
    assert caught.value.reason.startswith(reason)
