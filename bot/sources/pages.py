"""Article page to clean text with trafilatura, and the text our analysis reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.sources.feeds import FeedItem


@dataclass(frozen=True)
class ExtractedPage:
    title: str
    text: str  # clean paragraphs joined by blank lines
    date: dt.date | None
    canonical_url: str | None
    language: str | None


def extract_article(html: str, url: str) -> ExtractedPage | None:
    """Main text, title, date and canonical link of a news page; None when no article text."""
    raise NotImplementedError


def page_to_article_text(page: ExtractedPage | None, item: FeedItem) -> str:
    """The raw article text `storage.analysis.analyze()` reads: a header line with the date and
    URL, the title, then the body (the page's text, else the feed's own content or summary)."""
    raise NotImplementedError
