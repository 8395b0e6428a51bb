"""Article pages to text the analysis reads (trafilatura on Russian news pages written for these
tests), the fallback to the feed's own text, and canonical URLs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import trafilatura
from trafilatura.settings import Document

from bot.sources.canonical import canonical_url
from bot.sources.feeds import FeedItem, parse_feed
from bot.sources.http import PAGE_ACCEPT, Fetcher, Limits
from bot.sources.pages import (
    MAX_ELEMENTS,
    ExtractedPage,
    extract_article,
    page_to_article_text,
)
from storage.analysis.analyze import analyze
from tests.support.feed_server import FeedServer, Item, rss

PAGES = Path(__file__).resolve().parents[1] / "data" / "sources"
TODAY = dt.date(2025, 12, 1)


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _item(url: str, title: str = "", summary: str = "", content: str = "") -> FeedItem:
    return FeedItem(url, url, title, summary, content, dt.datetime(2025, 11, 20, 6, tzinfo=dt.UTC))


def test_extracts_title_text_date_canonical_without_boilerplate() -> None:
    page = extract_article(_page("page_news_meta.html"), "https://vestnik-example.test/n/1")
    assert page is not None
    assert page.title == "Омская и Павлодарская области договорились о совместных рейсах"
    assert page.date == dt.date(2025, 11, 14)
    assert page.canonical_url == "https://vestnik-example.test/news/omsk-pavlodar-reisy"
    assert page.language == "ru"
    paragraphs = page.text.split("\n\n")
    assert paragraphs[1].startswith("Правительство Омской области и акимат Павлодарской")
    assert paragraphs[-1].endswith("в подготовке инженеров-транспортников.")
    for debris in ("Главная", "Читайте также", "Поделиться", "Все права защищены", "Погода"):
        assert debris not in page.text


def test_extracts_a_page_with_a_visible_date_only() -> None:
    page = extract_article(_page("page_news_time_only.html"), "https://silkway.test/a/2")
    assert page is not None
    assert page.title == "Самарканд и Алматы открывают побратимский культурный центр"
    assert page.date == dt.date(2025, 10, 3)
    assert page.canonical_url is None
    assert page.text.startswith("Хокимият Самаркандской области")
    assert "Комментарии" not in page.text and "Аноним" not in page.text
    assert "Реклама" not in page.text


def test_no_article_text() -> None:
    assert extract_article("<html><body></body></html>", "https://x.test/") is None
    assert extract_article("", "https://x.test/") is None


def test_article_text_reads_like_a_seed_and_analyzes() -> None:
    url = "https://vestnik-example.test/news/omsk-pavlodar-reisy"
    page = extract_article(_page("page_news_meta.html"), url)
    item = _item(url, "Омская и Павлодарская области договорились о совместных рейсах", "Анонс.")
    text = page_to_article_text(page, item)
    header, title, first = text.splitlines()[:3]
    assert header == f"date 2025-11-14 {url}"  # the page's date wins over the feed's
    assert title == item.title and first.startswith("Правительство Омской")
    analysis = analyze(text, today=TODAY)
    assert analysis.title == item.title and analysis.url == url
    assert analysis.date == dt.date(2025, 11, 14)
    assert {r.code for r in analysis.regions} >= {"RU-OMS", "KZ-55"}
    assert "пассажиропоток" in analysis.body


def test_teaser_page_falls_back_to_the_feed_text() -> None:
    url = "https://paywall.test/a/1"
    page = extract_article(_page("page_teaser.html"), url)
    content = (
        "Акимат Туркестанской области и хокимият Ташкентской области договорились о поставках "
        "овощей. Соглашение подписано на три года и охватывает тепличные хозяйства обоих регионов."
    )
    item = _item(url, "Туркестанская и Ташкентская области договорились о поставках", "", content)
    text = page_to_article_text(page, item)
    assert "подписку" not in text and content in text
    assert text.startswith(f"date 2025-11-20 {url}\n")  # no page date: the feed's
    analysis = analyze(text, today=TODAY)
    assert {r.code for r in analysis.regions} >= {"KZ-61", "UZ-TO"}


def test_no_page_no_date() -> None:
    item = FeedItem("https://a.test/1", "g", "Заголовок", "Анонс новости.", "", None)
    assert page_to_article_text(None, item) == "https://a.test/1\nЗаголовок\nАнонс новости.\n"
    short = ExtractedPage("Заголовок", "Очень коротко.", None, None, None)
    assert page_to_article_text(short, item).endswith("Анонс новости.\n")  # feed text is longer


@pytest.fixture(scope="module")
async def site() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        yield server


async def test_feed_to_article_through_the_server(site: FeedServer) -> None:
    """The whole layer: feed → item → robots → page in cp1251 behind a lying header → text."""
    html = _page("page_news_time_only.html").replace('charset="utf-8"', 'charset="windows-1251"')
    site.route("/a/2", body=html.encode("cp1251"), content_type="text/html; charset=utf-8")
    site.route("/robots.txt", body=b"User-agent: *\nDisallow: /closed/\n", content_type=None)
    site.route("/closed/3", body=html.encode(), content_type="text/html")
    site.route(
        "/feed",
        body=rss(
            [
                Item("Самарканд и Алматы открывают культурный центр", "/a/2?utm_source=rss"),
                Item("Закрытая", "/closed/3", "Анонс закрытой страницы."),
            ]
        ),
    )
    async with Fetcher(Limits(total_timeout=5.0)) as fetcher:
        response = await fetcher.get(site.url("/feed"))
        opened, closed = parse_feed(response.body, response.url).items
        assert await fetcher.allowed_by_robots(opened.url)
        assert not await fetcher.allowed_by_robots(closed.url)
        page_response = await fetcher.get(opened.url, accept=PAGE_ACCEPT)
    page = extract_article(page_response.text, page_response.url)
    assert page is not None and page.text.startswith("Хокимият Самаркандской области")
    analysis = analyze(page_to_article_text(page, opened), today=TODAY)
    assert {r.code for r in analysis.regions} >= {"UZ-SA", "KZ-75"}
    assert canonical_url(opened.url, page.canonical_url) == site.url("/a/2")
    assert site.hits["/closed/3"] == 0


@pytest.mark.parametrize(
    ("url", "page_canonical", "expected"),
    [
        (
            "https://Agency.TEST:443/news/1/?utm_source=rss&utm_medium=feed&b=2&a=1#comments",
            None,
            "https://agency.test/news/1?a=1&b=2",
        ),
        ("https://agency.test/news/1?fbclid=x&gclid=y&yclid=z", None, "https://agency.test/news/1"),
        ("https://m.agency.test/news/1", None, "https://agency.test/news/1"),
        ("https://amp.agency.test/news/1", None, "https://agency.test/news/1"),
        ("https://www.agency.test/news/1", None, "https://agency.test/news/1"),
        ("https://agency.test/news/1/amp", None, "https://agency.test/news/1"),
        ("https://agency.test/amp/news/1", None, "https://agency.test/news/1"),
        ("https://agency.test/news/1?amp=1", None, "https://agency.test/news/1"),
        ("http://agency.test:80/", None, "http://agency.test/"),
        ("http://agency.test:8080/x", None, "http://agency.test:8080/x"),
        ("https://agency.test/новости/1", None, "https://agency.test/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"),
        ("https://agency.test/a?x=1", "/story/42", "https://agency.test/story/42"),
        ("https://m.agency.test/a", "https://www.agency.test/story/42/", "https://agency.test/story/42"),
        ("https://agency.test/a", "https://news.agency.test/s/1", "https://news.agency.test/s/1"),
        ("https://agency.test/a?id=7", "https://aggregator.test/copy/1", "https://agency.test/a?id=7"),
        ("https://agency.test/a", "javascript:alert(1)", "https://agency.test/a"),
        ("https://agency.test/a", "  ", "https://agency.test/a"),
    ],
)  # fmt: skip
def test_canonical_url(url: str, page_canonical: str | None, expected: str) -> None:
    assert canonical_url(url, page_canonical) == expected


def test_canonical_keeps_meaningful_queries_apart() -> None:
    assert canonical_url("https://a.test/news?id=1") != canonical_url("https://a.test/news?id=2")
    assert canonical_url("https://a.test/x%2fy") == canonical_url("https://a.test/x%2Fy")


@pytest.mark.parametrize("url", ["http://[::1", "http://x.test:abc/a", "", "not a url"])
def test_canonical_never_raises(url: str) -> None:
    assert canonical_url(url) == url.strip()
    assert canonical_url("https://a.test/x?utm_source=1", "http://[broken") == "https://a.test/x"


def test_states_the_url_it_is_given_and_skips_non_html() -> None:
    item = _item("https://a.test/1?utm_source=rss", "Заголовок", "Анонс.")
    text = page_to_article_text(None, item, "https://a.test/1")
    assert text.startswith("date 2025-11-20 https://a.test/1\n")
    assert extract_article("%PDF-1.7 binary stream " * 50, "https://a.test/doc.pdf") is None


def test_a_page_of_too_many_elements_is_not_extracted() -> None:
    article = _page("page_news_meta.html")
    trap = article.replace("</footer>", "</footer>" + "<a>x</a>" * (MAX_ELEMENTS + 1))
    assert extract_article(article, "https://a.test/1") is not None
    assert extract_article(trap, "https://a.test/1") is None


def _variants() -> list[tuple[str, str]]:
    """The test pages, and the same article with its title, date and canonical link stated
    the other ways trafilatura reads them (JSON-LD only; a relative canonical link; none)."""
    meta = _page("page_news_meta.html")
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": '
        '"Заголовок из JSON-LD", "datePublished": "2025-10-02T08:00:00+05:00"}</script>'
    )
    bare = re.sub(
        r"<title>.*?</title>|<meta property[^>]*>|<link rel=\"canonical\"[^>]*>", "", meta
    )
    return [
        *((name, _page(name)) for name in ("page_news_meta.html", "page_news_time_only.html")),
        ("page_teaser.html", _page("page_teaser.html")),
        ("json-ld", bare.replace("</head>", json_ld + "</head>")),
        ("relative canonical", meta.replace('href="https://vestnik-example.test', 'href="')),
        ("nothing in the head", bare),
    ]


@pytest.mark.parametrize(("name", "html"), _variants(), ids=[v[0] for v in _variants()])
def test_same_title_date_link_and_text_as_trafilaturas_full_metadata(name: str, html: str) -> None:
    """extract_article skips the metadata this bot never uses (authors, site name, tags), which
    cost most of trafilatura's time on real pages; what it keeps must be what the full
    extraction gives."""
    url = "https://vestnik-example.test/n/1"
    full = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    page = extract_article(html, url)
    if not isinstance(full, Document) or not full.text:
        assert page is None
        return
    assert page is not None
    assert page.title == str(full.title or "").strip()
    assert page.date == (dt.date.fromisoformat(full.date) if full.date else None)
    assert page.canonical_url == (full.url if full.url != url else None)
    assert page.text == "\n\n".join(line.strip() for line in full.text.splitlines() if line.strip())
