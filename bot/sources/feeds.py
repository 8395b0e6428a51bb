"""Feed bytes to items: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed parsed here.
A malformed feed yields what it can (`bozo` names the fault); an HTML page raises NotAFeed with
the feed URLs it links to, so "add this site" can become "add its feed"."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from lxml import etree

from bot.sources.charset import decode
from bot.sources.plainrss import parse_plain_rss


class NotAFeed(Exception):
    """The body is no feed. `reason` is one line ("not a feed: HTML page"); `discovered` are
    the absolute URLs of the feeds an HTML page links to."""

    def __init__(self, reason: str, discovered: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.discovered: list[str] = discovered or []


@dataclass(frozen=True)
class FeedItem:
    url: str  # absolute link of the article, as the feed gives it (not yet canonical)
    guid: str  # the feed's id for the item, else its link
    title: str
    summary: str  # plain text
    content: str  # plain text of content:encoded / atom content, "" if none
    published: dt.datetime | None  # aware, UTC
    author: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # feedparser's version ("rss20", "rss10", "rss091u", "atom10", ...) or "json"
    title: str
    items: list[FeedItem] = field(default_factory=list)
    bozo: str | None = None  # what was wrong with a malformed feed that still parsed


_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
_XML_DECL_RE = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[\w.:-]+\2", re.IGNORECASE)
_DOCTYPE_RE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_FEED_ROOT_RE = re.compile(rb"<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]", re.IGNORECASE)
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_BLOCKS = frozenset(
    {
        *("p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"),
        *("blockquote", "figure", "figcaption", "table", "tr", "section", "article", "header"),
        "footer",
    }
)


def plain_text(markup: str) -> str:
    """Text of an HTML fragment: block elements become line breaks, scripts and styles go."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds an HTML page announces with <link rel="alternate">."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and kind in _FEED_TYPES and href:
            try:
                url = urljoin(base_url, href)
            except ValueError:  # "http://[broken"
                continue
            if _web_link(url) and url not in found:
                found.append(url)
    return found


def _looks_like_html(head: bytes, content_type: str | None) -> bool:
    if _FEED_ROOT_RE.search(head):
        return False
    html_type = bool(content_type) and "html" in (content_type or "").lower()
    return html_type or bool(_HTML_RE.search(head))


def _when(parsed: Any) -> dt.datetime | None:
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _iso_when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _web_link(link: str) -> bool:
    """An absolute http(s) URL with a host and a valid port: an identity we can use."""
    try:
        parts = urlsplit(link)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # "http://[x", a port that is no number or out of range
        return False


def _entry_date(entry: Any) -> Any:
    # Only keys the entry really has: feedparser answers a missing "updated_parsed" from
    # "published_parsed" with a DeprecationWarning (one per undated item, in the bot's log).
    for key in ("published_parsed", "updated_parsed"):
        if key in entry and entry[key]:  # noqa: RUF019 - .get() is what warns
            return entry[key]
    return None


def _entry(entry: Any) -> FeedItem | None:
    link = str(entry.get("link") or "").strip()
    if not _web_link(link):
        return None  # an item without a web link has no identity we can use
    contents = entry.get("content") or []
    content = "\n".join(plain_text(str(c.get("value") or "")) for c in contents)
    return FeedItem(
        url=link,
        guid=str(entry.get("id") or link),
        title=plain_text(str(entry.get("title") or "")),
        summary=plain_text(str(entry.get("summary") or "")),
        content=content.strip(),
        published=_when(_entry_date(entry)),
        author=str(entry.get("author") or ""),
    )


def _drop_entity_declarations(text: str) -> tuple[str, bool]:
    """A DOCTYPE declaring entities goes before parsing: no feed needs its own entities, and
    nested ones ("billion laughs") cost seconds of CPU in feedparser even where expat's
    amplification limit stops them in the end."""
    prolog_end = text.find("<rss")
    prolog = text[: prolog_end if prolog_end > 0 else 65536]
    if "<!ENTITY" not in prolog.upper():
        return text, False
    cleaned = _DOCTYPE_RE.sub("", prolog, count=1)
    return cleaned + text[len(prolog) :], cleaned != prolog


def _parse_xml(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    # Our decoding distrusts lying charsets; hand feedparser clean UTF-8 that says so.
    text, _charset = decode(body, content_type)
    text = _XML_DECL_RE.sub(r"\1\2utf-8\2", text, count=1)
    text, dropped = _drop_entity_declarations(text)
    plain = None if dropped else parse_plain_rss(text, url)
    if plain is not None:  # what feedparser would give, for a tenth of its CPU
        return plain_feed(*plain)
    return feedparser_feed(text, url, dropped)


def plain_feed(title: str, entries: list[dict[str, Any]]) -> ParsedFeed:
    """A feed read by ``plainrss`` (entries shaped as feedparser's)."""
    items = [item for e in entries if (item := _entry(e)) is not None]
    return ParsedFeed("rss20", plain_text(title), items, None)


def feedparser_feed(text: str, url: str, dropped: bool = False) -> ParsedFeed:
    """A feed read by feedparser (``dropped``: its entity declarations were removed)."""
    parsed = feedparser.parse(
        text.encode("utf-8"),
        response_headers={"content-location": url, "content-type": "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    reason = f"{type(problem).__name__}: {str(problem)[:120]}" if problem else None
    if dropped:
        reason = "entity declarations ignored" + (f"; {reason}" if reason else "")
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(f"not a feed: unreadable XML ({reason or 'no feed element'})")
    items = [item for e in parsed.entries if (item := _entry(e)) is not None]
    title = plain_text(str(parsed.feed.get("title") or ""))
    return ParsedFeed(str(parsed.get("version") or "unknown"), title, items, reason)


def _json_item(raw: Any, url: str) -> FeedItem | None:
    if not isinstance(raw, dict):
        return None
    link = raw.get("url") or raw.get("external_url") or ""
    if not isinstance(link, str) or not link:
        return None
    try:
        link = urljoin(url, link.strip())
    except ValueError:
        return None
    if not _web_link(link):
        return None
    author = raw.get("author") or next(iter(raw.get("authors") or []), None) or {}
    html_content = raw.get("content_html")
    content = plain_text(html_content) if isinstance(html_content, str) else ""
    text_content = raw.get("content_text")
    return FeedItem(
        url=link,
        guid=str(raw.get("id") or link),
        title=plain_text(str(raw.get("title") or "")),
        summary=plain_text(str(raw.get("summary") or "")),
        content=content or (text_content.strip() if isinstance(text_content, str) else ""),
        published=_iso_when(raw.get("date_published") or raw.get("date_modified")),
        author=str(author.get("name") or "") if isinstance(author, dict) else "",
    )


def _parse_json(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise NotAFeed(f"not a feed: broken JSON ({str(e)[:80]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise NotAFeed("not a feed: JSON without an items list")
    version = str(data.get("version") or "")
    raw_items = data["items"]
    items = [item for raw in raw_items if (item := _json_item(raw, url)) is not None]
    bozo = None if "jsonfeed.org" in version else "JSON without a jsonfeed.org version"
    return ParsedFeed("json", plain_text(str(data.get("title") or "")), items, bozo)


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Items of an RSS, Atom or JSON feed. Raises NotAFeed for HTML, empty or unreadable
    bodies (with the feeds an HTML page links to)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotAFeed("not a feed: empty response")
    if head.startswith((b"{", b"[")) or "json" in (content_type or "").lower():
        return _parse_json(body, url)
    if _looks_like_html(head, content_type):
        text, _charset = decode(body, content_type)
        raise NotAFeed("not a feed: HTML page", discover_feeds(text, url))
    return _parse_xml(body, url, content_type)
