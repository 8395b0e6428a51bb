"""The identity of a web article: its canonical URL, so a changed GUID, a tracking parameter or
the same item in two feeds still names one article."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that track the reader, never select the content.
_TRACKING = frozenset(
    {"fbclid", "gclid", "yclid", "dclid", "msclkid", "_openstat", "ysclid", "igshid", "amp"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Host prefixes of the mobile and AMP copies of a site.
_MIRROR_PREFIXES = ("m.", "amp.", "www.")
_SAFE_PATH = "/:@!$&'()*+,;=-._~"


def _site(host: str) -> str:
    for prefix in _MIRROR_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in _TRACKING


def _path(path: str) -> str:
    path = quote(unquote(path), safe=_SAFE_PATH)
    if path.endswith("/amp") or path.endswith("/amp/"):
        path = path[: path.rindex("/amp")]
    if path.startswith("/amp/"):
        path = path[len("/amp") :]
    if path.endswith(".amp"):
        path = path[: -len(".amp")]
    return path.rstrip("/") or "/"


def _normal(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _site((parts.hostname or "").lower().rstrip("."))
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)
    )
    return urlunsplit((scheme, netloc, _path(parts.path), urlencode(query), ""))


def _same_site(a: str, b: str) -> bool:
    ha = _site((urlsplit(a).hostname or "").lower())
    hb = _site((urlsplit(b).hostname or "").lower())
    return bool(ha) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def canonical_url(url: str, page_canonical: str | None = None) -> str:
    """The page's <link rel=canonical> when it is on the same site (a canonical pointing at
    another site is an aggregator's or a mistake, and would merge foreign articles); else the URL
    without tracking parameters, fragment, default port, trailing slash, m./amp./www. host or /amp
    path, with a lowercase host and a sorted query."""
    if page_canonical and page_canonical.strip():
        try:
            absolute = urljoin(url, page_canonical.strip())
            if urlsplit(absolute).scheme in ("http", "https") and _same_site(absolute, url):
                return _normal(absolute)
        except ValueError:  # a broken canonical link ("http://[x", port "abc"): ignore it
            pass
    try:
        if urlsplit(url.strip()).scheme not in ("http", "https"):
            return url.strip()  # not a web address: nothing to normalise
        return _normal(url)
    except ValueError:  # a URL too broken to normalise still names itself
        return url.strip()
