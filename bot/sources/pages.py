"""Article page to clean text with trafilatura, and the raw text our analysis reads.

trafilatura keeps the article's paragraphs and drops menus, "read also" blocks, share buttons and
comments; its metadata gives the title (og:title / h1), the date (htmldate: meta tags, <time>,
the URL) and the canonical link. Any of it may be missing: the feed item fills the gaps.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from contextlib import suppress
from copy import copy
from dataclasses import dataclass

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document, Extractor
from trafilatura.utils import load_html

from bot.sources.feeds import FeedItem

# trafilatura logs ERROR/WARNING for every page without an article ("empty HTML tree",
# "discarding data"): an expected outcome here, which the caller reports in its own words.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# trafilatura's time grows with the number of elements (measured ~70 µs each: 50,000 take
# 3.7 s of CPU) and its own max_tree_size is checked only after the work. A news article page
# has a few thousand; a page with more is a listing or a trap, and the feed's text serves.
MAX_ELEMENTS = 40_000

# Shorter than this, an extraction is a teaser or a paywall stub; the feed's own text is better.
MIN_PAGE_TEXT = 200
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG_RE = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


# trafilatura's options, built once: building them per page re-reads its configuration.
_OPTIONS = Extractor(
    output_format="python",
    comments=False,
    tables=False,
    images=False,
    dedup=False,
    # The backup extractors (readability, jusText) stay on: without them ("fast") trafilatura's
    # own evaluation corpus loses recall (0.932 -> 0.917 measured with these options).
    fast=False,
)


@dataclass(frozen=True)
class ExtractedPage:
    title: str
    text: str  # clean paragraphs joined by blank lines
    date: dt.date | None
    canonical_url: str | None
    language: str | None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not (m := _DATE_RE.match(value)):
        return None
    try:
        return dt.date.fromisoformat(m.group())
    except ValueError:
        return None


def _lang(html: str) -> str | None:
    """The page's own <html lang>: trafilatura detects a language only with an extra model."""
    m = _LANG_RE.search(html[:4096])
    return m.group(1).lower() if m else None


def _metadata(tree: HtmlElement, url: str) -> Document:
    """Title, canonical URL and date: the parts of trafilatura's metadata this bot uses.

    Its full ``extract_metadata`` also looks for authors, site name, categories, tags and
    licence, which this bot never shows; the author search alone copies and prunes the whole
    tree and took 8.5 ms of the 10.4 ms per page on trafilatura's evaluation corpus (real
    pages). Same functions, same order, so title, URL and date are what they were."""
    meta = examine_meta(tree)
    with suppress(Exception):  # trafilatura guards its JSON-LD parsing the same way
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    # An article's own date, not the page's "updated" stamp or today's date.
    meta.date = find_date(tree, url=meta.url, extensive_search=False, original_date=True)
    meta.clean_and_trim()
    return meta


def extract_article(html: str, url: str) -> ExtractedPage | None:
    """Main text, title, date and canonical link of a news page; None when no article text
    (or no HTML at all: a PDF or an image behind an article link; or more than MAX_ELEMENTS
    elements, which would cost seconds of CPU)."""
    if "<" not in html[:4096]:
        return None
    if html.count("<") - html.count("</") > MAX_ELEMENTS:  # opening tags, counted in C
        return None
    try:
        tree = load_html(html)
        if tree is None:
            return None
        meta = _metadata(tree, url)
        options = copy(_OPTIONS)
        options.url = options.source = url
        doc = trafilatura.bare_extraction(tree, options=options)
    except (ValueError, TypeError, AttributeError):  # a page that breaks the parser
        return None
    if not isinstance(doc, Document) or not doc.text:
        return None
    lines = (line.strip() for line in str(doc.text).splitlines())
    text = "\n\n".join(line for line in lines if line)
    canonical = meta.url if isinstance(meta.url, str) and meta.url != url else None
    return ExtractedPage(
        title=str(meta.title or "").strip(),
        text=text,
        date=_date(meta.date),
        canonical_url=canonical,
        language=str(meta.language) if meta.language else _lang(html),
    )


def _body(page: ExtractedPage | None, item: FeedItem) -> str:
    feed_text = item.content or item.summary
    if page is not None and (len(page.text) >= MIN_PAGE_TEXT or len(page.text) > len(feed_text)):
        first, _, rest = page.text.partition("\n\n")
        # trafilatura often keeps the <h1> as the first paragraph: the title is already above.
        titles = {page.title.strip().casefold(), item.title.strip().casefold()}
        return rest if rest and first.strip().casefold() in titles else page.text
    return feed_text


def page_to_article_text(page: ExtractedPage | None, item: FeedItem, url: str | None = None) -> str:
    """The raw article text `storage.analysis.analyze()` reads, in the seeds' layout: a header
    line "date YYYY-MM-DD URL", the title, then the body (the page's text, else the feed's own
    content or summary). The feed's title wins over the page's, which often carries the site's
    name; the page's date wins over the feed's, which is often the time of re-publication.
    `url` is the address to state (pass the canonical URL); the item's link by default."""
    title = item.title or (page.title if page else "")
    when = (page.date if page else None) or (item.published.date() if item.published else None)
    url = url or item.url
    header = f"date {when.isoformat()} {url}" if when else url
    parts = [header, title.strip(), _body(page, item).strip()]
    return "\n".join(part for part in parts if part) + "\n"
