"""The plain-RSS fast path gives exactly what feedparser gives, or steps aside.

Besides the check in ``conftest.py`` (every feed the sources tests parse), thousands of RSS
documents are generated here from the parts real feeds use and misuse (namespaces, order,
duplicates, entities, CDATA, relative and guid-only links, dates in several forms, authors
with e-mail, mojibake, C1 characters, upper-case tags, xml:base, media/dc/atom elements) and
each is parsed both ways."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.sources import feeds, plainrss
from bot.sources.feeds import ParsedFeed, parse_feed
from tests.bench.bench_sources import _feed
from tests.support.feed_server import Item, rfc822, rss

# feedparser warns about its own updated_parsed -> published_parsed mapping on every entry
# without a date (``feeds._entry`` asks for both); thousands of feeds here would print thousands.
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software")

URL = "http://127.0.0.1:8080/news/feed.rss"
WHEN = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "yandex": "http://news.yandex.ru",
    "turbo": "http://turbo.yandex.ru",
}
TEXTS = [
    "Казахстан и Узбекистан подписали соглашение",
    "  пробелы вокруг  ",
    "A &amp; B &lt;b&gt;жирный&lt;/b&gt;",
    "<![CDATA[<p>Абзац <a href='/x'>ссылка</a></p><script>x()</script>]]>",
    "cafÃ© — mojibake",
    "cafÃ©",
    "C1 \u0085 \u0096 символы",
    "",
    "&#1058;&#1077;&#1089;&#1090; entity",
]
LINKS = [
    "https://example.kz/news/1?a=1&amp;b=2",
    "/relative/path.html",
    "http://m.example.uz/amp/story/",
    "  https://example.kg/spaces  ",
    "",
    "javascript:alert(1)",
    "https://example.ru/a&amp;copy;b",
]
DATES = [
    "Mon, 02 Mar 2026 10:00:00 +0300",
    "2026-03-02T10:00:00Z",
    "02.03.2026",
    "не дата",
    "",
]


def both(text: str) -> tuple[ParsedFeed | None, ParsedFeed]:
    found = plainrss.parse_plain_rss(text, URL)
    fast = feeds.plain_feed(*found) if found is not None else None
    return fast, feeds.feedparser_feed(text, URL)


def _element(rng: random.Random, tag: str) -> str:
    text = rng.choice(LINKS if tag in ("link", "guid") else DATES if "ate" in tag else TEXTS)
    if tag == "guid" and rng.random() < 0.6:
        perma = rng.choice(["true", "false", "True"])
        return f'<guid isPermaLink="{perma}">{text}</guid>'
    if rng.random() < 0.05:
        return f"<{tag}>{text}<b>x</b></{tag}>"  # markup as elements
    if rng.random() < 0.04:
        return f'<{tag} type="html">{text}</{tag}>'
    return f"<{tag}>{text}</{tag}>"


ITEM_TAGS = [
    *("title", "link", "guid", "description", "pubDate", "author", "category", "comments"),
    *("content:encoded", "dc:creator", "dc:date", "media:title", "yandex:full-text"),
    *("atom:link", "source", "Title", "turbo:content", "enclosure", "updated"),
]
CHANNEL_TAGS = ["link", "description", "language", "lastBuildDate", "generator", "ttl"]


def random_item(rng: random.Random) -> str:
    common = ["title", "link", "guid", "description", "pubDate"]
    tags = [t for t in common if rng.random() < 0.85]
    tags += rng.sample(ITEM_TAGS, rng.choice([0, 0, 1, 2, 3]))
    if rng.random() < 0.05:
        tags.append(rng.choice(common))  # a field twice
    rng.shuffle(tags)
    parts = []
    for tag in tags:
        if tag == "enclosure":
            parts.append('<enclosure url="https://example.kz/a.jpg" type="image/jpeg"/>')
        elif tag == "atom:link":
            parts.append('<atom:link href="https://example.kz/alt" rel="alternate"/>')
        else:
            parts.append(_element(rng, tag))
    attrs = ' xml:base="http://other.example/"' if rng.random() < 0.03 else ""
    comment = "<!-- c -->" if rng.random() < 0.03 else ""
    return f"<item{attrs}>{comment}{''.join(parts)}</item>"


def random_feed(rng: random.Random) -> str:
    declared = rng.choice(['<?xml version="1.0" encoding="utf-8"?>\n', ""])
    version = rng.choice(["2.0"] * 8 + ["0.92", "2.01"])
    used = " ".join(f'xmlns:{p}="{u}"' for p, u in NS.items() if rng.random() < 0.7)
    head = [] if rng.random() < 0.05 else [_element(rng, "title")]
    head += [_element(rng, t) for t in rng.sample(CHANNEL_TAGS, rng.randint(0, 3))]
    if rng.random() < 0.2:
        head.append('<atom:link href="https://example.kz/rss" rel="self"/>')
    if rng.random() < 0.1:
        head.append("<image><url>https://example.kz/l.png</url><title>Лого</title></image>")
    items = [random_item(rng) for _ in range(rng.randint(0, 6))]
    if rng.random() < 0.05:
        items.append(_element(rng, "title"))  # the channel's title after its items
    body = "".join(head + items)
    # namespaces used but not declared make the document ill-formed: both must agree then too
    return f'{declared}<rss version="{version}" {used}><channel>{body}</channel></rss>'


def test_generated_feeds_read_alike() -> None:
    rng = random.Random(20261202)
    fast_count = 0
    for _ in range(3000):
        text = random_feed(rng)
        try:
            fast, slow = both(text)
        except feeds.NotAFeed:
            assert plainrss.parse_plain_rss(text, URL) is None
            continue
        if fast is not None:
            assert fast == slow, text
            fast_count += 1
    assert 200 < fast_count < 2800, fast_count  # both paths were exercised


def test_the_feeds_tests_serve_take_the_fast_path_and_read_alike() -> None:
    items = [
        Item("Заголовок", "https://example.kz/a", "Описание <b>жирное</b>", None, None, None),
        Item("Второй & третий", "/rel/b?x=1&y=2", "", "urn:guid:2", "<p>Текст</p>", None),
        Item("С датой", "https://example.kg/c", "д", None, None, rfc822(WHEN)),
    ]
    for body in (rss(items), rss(items, encoding="windows-1251"), _feed("http://x", 3)):
        text = body.decode("utf-8" if b"1251" not in body[:60] else "cp1251")
        text = text.replace("windows-1251", "utf-8")
        fast, slow = both(text)
        assert fast is not None and fast == slow
        assert parse_feed(body, URL, "application/rss+xml") == slow


def test_what_the_fast_path_leaves_to_feedparser() -> None:
    plain = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>x</title>{}</item></channel></rss>"
    )
    for extra in (
        "<dc:date xmlns:dc='http://purl.org/dc/elements/1.1/'>2026-01-01</dc:date>",
        "<media:title xmlns:media='http://search.yahoo.com/mrss/'>m</media:title>",
        "<source url='http://s'>S</source>",
        "<title>again</title>",
        "<link href='http://x'/>",
    ):
        assert plainrss.parse_plain_rss(plain.format(extra), URL) is None, extra
    assert plainrss.parse_plain_rss(plain.format(""), URL) is not None
    assert plainrss.parse_plain_rss("<!DOCTYPE rss>" + plain.format(""), URL) is None
    assert plainrss.parse_plain_rss(plain.format("<comments>c<b/></comments>"), URL) is None
