"""Feeds to items: RSS 0.91/1.0/2.0, Atom, JSON Feed, malformed feeds, HTML pages instead of
feeds (with the feeds they link to), and charsets that lie, served by a real local server."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator

import pytest

from bot.sources.charset import declared, decode
from bot.sources.feeds import NotAFeed, parse_feed, plain_text
from bot.sources.http import PAGE_ACCEPT, Fetcher, Limits
from tests.support.feed_server import FeedServer, Item, rss

BASE = "https://agency.test/rss"


@pytest.fixture(scope="module")
async def site() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(Limits(total_timeout=2.0)) as f:
        yield f


def test_rss20_items_in_plain_text() -> None:
    body = rss(
        [
            Item(
                "Алматы &amp; Бишкек: новый рейс",
                "https://agency.test/news/1?utm_source=rss",
                "<p>Первый абзац <b>анонса</b>.</p><p>Второй абзац.</p>",
                guid="id-1",
                content="<p>Полный текст.</p><script>alert(1)</script><p>Ещё абзац.</p>",
                published="Mon, 01 Dec 2025 10:00:00 +0300",
            ),
            Item("Без даты", "/news/2"),
        ]
    )
    feed = parse_feed(body, BASE, "application/rss+xml")
    assert (feed.kind, feed.title, feed.bozo) == ("rss20", "Тестовая лента", None)
    first, second = feed.items
    assert first.title == "Алматы & Бишкек: новый рейс"
    assert first.summary == "Первый абзац анонса.\nВторой абзац."
    assert first.content == "Полный текст.\nЕщё абзац."
    assert first.guid == "id-1"
    assert first.published == dt.datetime(2025, 12, 1, 7, 0, tzinfo=dt.UTC)
    assert second.url == "https://agency.test/news/2" and second.published is None


@pytest.mark.filterwarnings("error")
def test_unreadable_dates_are_none_without_warnings() -> None:
    # media:* sends the feed through feedparser rather than the plain-RSS fast path.
    body = (
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>'
        "<item><title>A</title><link>https://agency.test/a</link><pubDate>вчера</pubDate>"
        '<media:content url="https://agency.test/a.jpg"/></item>'
        "<item><title>B</title><link>https://agency.test/b</link>"
        "<pubDate>Mon, 01 Dec 2025 10:00:00 +0300</pubDate></item></channel></rss>"
    ).encode()
    first, second = parse_feed(body, BASE).items
    assert first.published is None
    assert second.published == dt.datetime(2025, 12, 1, 7, 0, tzinfo=dt.UTC)


def test_malformed_feed_yields_the_readable_items() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        + "<item><title>Первая новость</title><link>https://agency.test/a</link></item>".encode()
        + "<item><title>Вторая & сломанная</title><link>https://agency.test/b</link></item>".encode()
        + b"<item><title>Third<link>https://agency.test/c</item></channel>"  # unclosed, no </rss>
    )
    feed = parse_feed(body, BASE)
    assert feed.bozo is not None and feed.kind == "rss20"
    urls = [i.url for i in feed.items]
    assert urls[:2] == ["https://agency.test/a", "https://agency.test/b"]
    assert feed.items[0].title == "Первая новость"


def test_atom() -> None:
    body = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Атом-лента</title><id>urn:feed</id>
<updated>2025-11-20T08:00:00Z</updated>
<entry><title type="html">Ташкент и Шымкент &lt;i&gt;открыли&lt;/i&gt; склад</title>
<link rel="alternate" href="https://agency.test/atom/1"/><id>urn:entry:1</id>
<updated>2025-11-20T08:00:00Z</updated><published>2025-11-19T21:30:00+03:00</published>
<author><name>Редакция</name></author>
<summary>Коротко</summary><content type="html">&lt;p&gt;Длинно&lt;/p&gt;</content></entry>
</feed>""".encode()
    feed = parse_feed(body, BASE, "application/atom+xml")
    assert (feed.kind, feed.title) == ("atom10", "Атом-лента")
    (item,) = feed.items
    assert item.title == "Ташкент и Шымкент открыли склад" and item.guid == "urn:entry:1"
    assert (item.summary, item.content, item.author) == ("Коротко", "Длинно", "Редакция")
    assert item.published == dt.datetime(2025, 11, 19, 18, 30, tzinfo=dt.UTC)


def test_rss10_and_rss091() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://agency.test/"><title>RDF</title><link>https://agency.test/</link>
<description>d</description></channel>
<item rdf:about="https://agency.test/rdf/1"><title>One</title><link>https://agency.test/rdf/1</link>
<description>First</description><dc:date>2025-10-01T12:00:00Z</dc:date></item>
</rdf:RDF>"""
    feed = parse_feed(rdf, BASE)
    assert feed.kind == "rss10" and [i.url for i in feed.items] == ["https://agency.test/rdf/1"]
    assert feed.items[0].published == dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC)
    old = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Old one</title><link>https://agency.test/old/1</link></item></channel></rss>"""
    feed = parse_feed(old, BASE)
    assert feed.kind.startswith("rss09") and feed.items[0].title == "Old one"


def test_json_feed() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON-лента",
            "items": [
                {
                    "id": "j1",
                    "url": "/json/1",
                    "title": "Новость",
                    "content_html": "<p>Текст <em>новости</em></p>",
                    "summary": "Кратко",
                    "date_published": "2025-11-02T10:00:00+05:00",
                    "authors": [{"name": "Автор"}],
                },
                {"id": "j2", "external_url": "https://other.test/x", "content_text": "Просто"},
                {"id": "no-url", "title": "Без ссылки"},
                "not an object",
            ],
        }
    ).encode()
    feed = parse_feed(body, BASE, "application/feed+json")
    assert (feed.kind, feed.title, feed.bozo) == ("json", "JSON-лента", None)
    first, second = feed.items
    assert first.url == "https://agency.test/json/1" and first.content == "Текст новости"
    assert first.published == dt.datetime(2025, 11, 2, 5, tzinfo=dt.UTC)
    assert first.author == "Автор" and (second.content, second.guid) == ("Просто", "j2")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not a feed: empty response"),
        (b"{broken", "not a feed: broken JSON"),
        (b'{"title": "x"}', "not a feed: JSON without an items list"),
        (b"just some words", "not a feed: unreadable XML"),
    ],
)
def test_not_a_feed_reasons(body: bytes, reason: str) -> None:
    with pytest.raises(NotAFeed) as caught:
        parse_feed(body, BASE)
    assert caught.value.reason.startswith(reason)


async def test_html_instead_of_a_feed_lists_the_feeds_it_links(
    site: FeedServer, fetcher: Fetcher
) -> None:
    page = """<!DOCTYPE html><html><head><title>Агентство</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="RSS">
<link rel="alternate" type="application/atom+xml" href="https://cdn.agency.test/atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" hreflang="kk" href="/kz/"><link rel="stylesheet" href="/s.css">
</head><body><p>Главная страница</p></body></html>"""
    site.route("/section/", body=page.encode(), content_type="text/html; charset=utf-8")
    response = await fetcher.get(site.url("/section/"))
    with pytest.raises(NotAFeed) as caught:
        parse_feed(response.body, response.url, response.headers.get("content-type"))
    assert caught.value.reason == "not a feed: HTML page"
    assert caught.value.discovered == [
        site.url("/rss.xml"),
        "https://cdn.agency.test/atom",
        site.url("/section/feed.json"),
    ]
    site.route("/plain", body=b"<html><body>no feeds</body></html>", content_type=None)
    with pytest.raises(NotAFeed) as caught:
        parse_feed((await fetcher.get(site.url("/plain"))).body, site.url("/plain"))
    assert caught.value.discovered == []


def test_feed_served_as_text_html_is_still_a_feed() -> None:
    feed = parse_feed(rss([Item("A", "https://agency.test/a")]), BASE, "text/html")
    assert [i.title for i in feed.items] == ["A"]


async def test_cp1251_feed_whose_header_says_utf8(site: FeedServer, fetcher: Fetcher) -> None:
    body = rss([Item("Казань и Ташкент", "https://agency.test/k")], encoding="windows-1251")
    site.route("/cp.xml", body=body, content_type="application/rss+xml; charset=utf-8")
    response = await fetcher.get(site.url("/cp.xml"))
    assert response.charset == "cp1251" and "Казань и Ташкент" in response.text
    feed = parse_feed(response.body, response.url, response.headers["content-type"])
    assert feed.items[0].title == "Казань и Ташкент"


PAGE = (
    "<html><head><meta charset='utf-8'><title>Новости</title></head><body><p>Делегация "
    "Оренбургской области посетила Актюбинскую область и обсудила поставки зерна.</p></body></html>"
)


async def test_cp1251_page_whose_header_lies(site: FeedServer, fetcher: Fetcher) -> None:
    site.route("/lie", body=PAGE.encode("cp1251"), content_type="text/html; charset=utf-8")
    response = await fetcher.get(site.url("/lie"), accept=PAGE_ACCEPT)
    assert response.charset == "cp1251" and "Оренбургской" in response.text
    site.route("/latin", body=PAGE.encode("cp1251"), content_type="text/html; charset=iso-8859-1")
    response = await fetcher.get(site.url("/latin"), accept=PAGE_ACCEPT)
    assert response.charset == "cp1251" and "Актюбинскую" in response.text


def test_charset_sources() -> None:
    cp = PAGE.replace("utf-8", "windows-1251").encode("cp1251")
    assert declared(cp) == "cp1251"
    assert decode(cp) == (PAGE.replace("utf-8", "windows-1251"), "cp1251")  # by <meta>
    xml = '<?xml version="1.0" encoding="koi8-r"?><rss>Привет, мир</rss>'
    assert decode(xml.encode("koi8_r")) == (xml, "koi8-r")  # by the XML declaration
    assert decode(PAGE.encode(), "text/html; charset=windows-1251")[1] == "utf-8"  # lie: utf-8
    assert decode("Привет".encode("utf-16"))[0] == "Привет"  # BOM
    no_hint = PAGE.replace("<meta charset='utf-8'>", "").encode("cp1251")
    assert decode(no_hint)[1] == "cp1251"  # detected
    assert decode(b"plain ascii", "text/plain; charset=bogus-x") == ("plain ascii", "utf-8")
    http_equiv = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    assert declared(http_equiv.encode()) == "cp1251"
    stray = PAGE.encode()[:60] + b"\x97" + PAGE.encode()[60:]  # one cp1251 dash in UTF-8
    text, charset = decode(stray, "text/html; charset=utf-8")
    assert charset == "utf-8" and "Оренбургской области" in text and text.count("\ufffd") == 1


def test_plain_text() -> None:
    assert plain_text("<div><p>a <b>b</b></p><ul><li>c</li><li>d</li></ul></div>") == "a b\nc\nd"
    assert plain_text("Тире &mdash; и&nbsp;пробел") == "Тире — и пробел"
    assert plain_text("  просто текст ") == "просто текст"


def test_items_with_unusable_links_are_dropped() -> None:
    body = rss(
        [
            Item("Хорошая", "https://agency.test/ok"),
            Item("Порт", "http://agency.test:abc/x"),
            Item("IPv6", "http://[broken/x"),
            Item("Почта", "mailto:editor@agency.test"),
        ]
    )
    assert [i.title for i in parse_feed(body, BASE).items] == ["Хорошая"]
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="http://[x/rss">'
        '<link rel="alternate" type="application/rss+xml" href="/ok.xml"></head></html>'
    )
    with pytest.raises(NotAFeed) as caught:
        parse_feed(page.encode(), BASE, "text/html")
    assert caught.value.discovered == ["https://agency.test/ok.xml"]


def test_entity_tricks_neither_expand_nor_read_files() -> None:
    levels = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )  # "billion laughs": 10^9 copies if expanded
    item = "<item><title>t</title><link>https://agency.test/1</link></item>"
    laughs = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">{levels}]>'
        f'<rss version="2.0"><channel><title>&l9;</title>{item}</channel></rss>'
    )
    feed = parse_feed(laughs.encode(), BASE)
    assert feed.bozo is not None and feed.bozo.startswith("entity declarations ignored")
    assert len(feed.title) < 100 and [i.url for i in feed.items] == ["https://agency.test/1"]
    local = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f'<rss version="2.0"><channel><title>&x;</title>{item}</channel></rss>'
    )
    assert parse_feed(local.encode(), BASE).title in {"", "&x;"}  # never the file
