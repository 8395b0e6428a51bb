"""The identity of a web article: its canonical URL."""

from __future__ import annotations


def canonical_url(url: str, page_canonical: str | None = None) -> str:
    """The page's <link rel=canonical> when it is on the same site; else the URL without
    tracking parameters, fragment, default port, trailing slash, m./amp. host or /amp path, with
    a lowercase host and a sorted query."""
    raise NotImplementedError
