"""A fast path for plain, well-formed RSS 2.0: what feedparser would give, for a tenth of its CPU.

feedparser walks a feed through Python SAX handlers (about 0.13 ms an item on this machine, a
twentieth of a new article's whole cost in a first round). Most agencies' feeds are plain RSS
2.0: a channel with a title and items of title, link, guid, description, date and author. For
those, this module reads the tree lxml builds in C and applies feedparser's own rules to each
field (strip, relative URIs against the feed's URL, its two encoding repairs, its date parser,
guid as link), then hands the same entry shape to the same ``_entry`` conversion.

Any doubt returns None and feedparser parses the feed as before: a document expat (feedparser's
parser) or lxml refuses, a DOCTYPE, an element outside the short list below whose name
feedparser has a handler for (dc:date, media:*, atom:* in an item, source, ...), a field that
appears twice or holds markup elements, an ``xml:base``. ``tests/sources/test_sources_plainrss.py``
proves equality with feedparser on every feed the tests serve and on generated variants.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from contextlib import suppress
from typing import Any

from lxml import etree

# feedparser's own helpers, so each field goes through the very code feedparser runs. They are
# internal names: a feedparser without them leaves every feed to feedparser itself, and the
# tests named above check the rules still match the installed version.
try:
    from feedparser.api import StrictFeedParser
    from feedparser.datetimes import _parse_date
    from feedparser.html import _cp1252
    from feedparser.urls import _urljoin
except ImportError:  # pragma: no cover - a feedparser that reorganised its modules
    StrictFeedParser = None

_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"
# The namespaces feedparser knows, and the prefix it files their elements under.
_KNOWN = {
    uri.lower(): prefix for uri, prefix in getattr(StrictFeedParser, "namespaces", {}).items()
}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
)
# Item fields read here, by (namespace, lower-case local name): the name feedparser gives it.
_FIELDS = {
    ("", "title"): "title",
    ("", "link"): "link",
    ("", "guid"): "id",
    ("", "description"): "description",
    ("", "pubdate"): "published",
    ("", "author"): "author",
    (_DC, "creator"): "author",
    (_CONTENT, "encoded"): "content",
}
# Item children feedparser records without touching the fields above (texts or attributes).
_ITEM_INERT = frozenset({"category", "comments", "enclosure"})
# Channel children that only fill the channel's own data (never an item, never its title).
_CHANNEL_INERT = frozenset(
    {
        *("link", "description", "language", "copyright", "managingeditor", "webmaster"),
        *("pubdate", "lastbuilddate", "category", "generator", "docs", "ttl", "rating"),
        *("image", "textinput", "skiphours", "skipdays", "cloud"),
    }
)
_INSIDE_INERT = frozenset({"title", "link", "url", "description", "name", "width", "height"})
_INSIDE_INERT |= {"hour", "day"}
_LINK_ENTITY_RE = re.compile("&([A-Za-z0-9_]+);")


class _Doubt(Exception):
    """The feed is not plain enough: feedparser decides."""


def parse_plain_rss(text: str, url: str) -> tuple[str, list[dict[str, Any]]] | None:
    """(channel title, entries shaped as feedparser's) of a plain RSS 2.0 feed, else None.
    ``text`` is what ``feeds._parse_xml`` would hand feedparser (as UTF-8)."""
    if StrictFeedParser is None:
        return None
    head = text[:65536].upper()
    if "<!DOCTYPE" in head or "<!ENTITY" in head:
        return None
    data = text.encode("utf-8")
    try:
        _expat_accepts(data)
        root = etree.fromstring(data, _PARSER)
        return _channel(root, url)
    except (_Doubt, etree.XMLSyntaxError, xml.parsers.expat.ExpatError, ValueError):
        return None


def _expat_accepts(data: bytes) -> None:
    """feedparser's strict parser is expat with namespaces: whatever expat refuses, it reads
    with its lenient parser instead, differently; raises ExpatError then."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.Parse(data, True)


def _name(element: Any) -> tuple[str, str]:
    if not isinstance(element.tag, str):  # a comment or a processing instruction
        raise _Doubt
    namespace, _, local = (
        element.tag[1:].rpartition("}") if element.tag[0] == "{" else ("", "", element.tag)
    )
    if any(key.rpartition("}")[2].lower() in ("base", "lang") for key in element.attrib):
        raise _Doubt  # xml:base moves relative URIs; keep it simple for xml:lang too
    return namespace, local.lower()


def _handled(namespace: str, local: str, prefix: str | None) -> bool:
    """Whether feedparser has a handler for this element under any name it could give it."""
    names = {local}
    if namespace:
        names.add(f"{_KNOWN.get(namespace.lower(), prefix or '')}_{local}".lstrip("_"))
        if prefix:
            names.add(f"{prefix}_{local}")
    return any(
        hasattr(StrictFeedParser, f"_start_{n}") or hasattr(StrictFeedParser, f"_end_{n}")
        for n in names
    )


def _inert(namespace: str, local: str, prefix: str | None, plain: frozenset[str]) -> bool:
    """An element feedparser files away without acting on what this module reads: a plain
    RSS element of ``plain``, or a namespaced one it has no handler for (yandex:full-text)."""
    if not namespace:
        return local in plain
    return not _handled(namespace, local, prefix)


def _inert_tree(element: Any) -> None:
    """Raise unless every element below ``element`` is one feedparser would not act on."""
    for inner in element.iterdescendants():
        namespace, local = _name(inner)
        if namespace or local not in _INSIDE_INERT:
            raise _Doubt


def _channel(root: Any, url: str) -> tuple[str, list[dict[str, Any]]]:
    if _name(root) != ("", "rss") or root.get("version") != "2.0" or len(root.attrib) != 1:
        raise _Doubt
    if len(root) != 1 or _name(root[0]) != ("", "channel") or root[0].attrib:
        raise _Doubt
    title: str | None = None
    entries: list[dict[str, Any]] = []
    for child in root[0]:
        namespace, local = _name(child)
        if (namespace, local) == ("", "item"):
            entries.append(_item(child, url))
        elif (namespace, local) == ("", "title") and title is None and not entries:
            title = _value(child)
        elif namespace == _ATOM and local == "link" and len(child) == 0:
            pass  # the feed's own address: feedparser files it under the channel's links
        elif _inert(namespace, local, child.prefix, _CHANNEL_INERT):
            if local in ("image", "textinput") and title is None:
                raise _Doubt  # their own <title> would come first
            _inert_tree(child)
        else:
            raise _Doubt
    return title or "", entries


def _item(item: Any, url: str) -> dict[str, Any]:
    if item.attrib:
        raise _Doubt
    raw: dict[str, str] = {}
    guid_is_link = False
    for child in item:
        namespace, local = _name(child)
        field = _FIELDS.get((namespace, local))
        if field is not None:
            if field in raw or len(child):
                raise _Doubt  # twice, or markup elements inside: feedparser's rules differ
            if field == "id":
                if set(child.attrib) - {"isPermaLink"}:
                    raise _Doubt
                guid_is_link = child.get("isPermaLink", "true") == "true"
            elif child.attrib:
                raise _Doubt
            raw[field] = (child.text or "").strip()
        elif _inert(namespace, local, child.prefix, _ITEM_INERT):
            _inert_tree(child)
        else:
            raise _Doubt
    return _entry_dict(raw, guid_is_link, url)


def _repair(value: str) -> str:
    """feedparser's last steps for every text: UTF-8 read as Latin-1 is undone, and the C1
    control range mapped as windows-1252."""
    with suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("iso-8859-1").decode("utf-8")
    return value.translate(_cp1252)


def _entry_dict(raw: dict[str, str], guid_is_link: bool, url: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if "title" in raw:
        entry["title"] = _repair(raw["title"])
    if "id" in raw:
        guid = raw["id"]
        entry["id"] = _repair(_urljoin(url, guid) if guid and guid_is_link else guid)
        if guid_is_link:
            entry["link"] = entry["id"]
    if "link" in raw:
        link = _repair(_urljoin(url, raw["link"]) if raw["link"] else "")
        entry["link"] = _LINK_ENTITY_RE.sub(r"&\g<1>", link.replace("&amp;", "&"))
    if "content" in raw:
        entry["content"] = [{"value": _repair(raw["content"])}]
    if "description" in raw:
        entry["summary"] = _repair(raw["description"])
    elif "content" in raw:
        entry["summary"] = entry["content"][0]["value"]
    if "published" in raw:
        entry["published_parsed"] = _parse_date(_repair(raw["published"]))
    if "author" in raw:
        entry["author"] = _repair(raw["author"])
    return entry


def _value(element: Any) -> str:
    if element.attrib or len(element):
        raise _Doubt
    return _repair((element.text or "").strip())
