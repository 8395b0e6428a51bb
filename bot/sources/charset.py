"""Bytes to text: the declared charset (header, XML declaration, <meta>) when it really decodes
the bytes, else what charset-normalizer detects. Russian sites still serve cp1251, and some
declare utf-8 while sending cp1251 (or the reverse), so a declaration is a hint, not a fact."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

_HEADER_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_XML_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)
_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of "messy" characters (charset-normalizer's own measure) a decoded text is
# mojibake: cp1251 read as latin-1 scores ~0.96, utf-8 read as cp1251 ~0.88, clean Russian 0.
_MESS_LIMIT = 0.2
# Detection needs a sample, not a whole 5 MB page.
_SAMPLE = 64 * 1024


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared name, or None for an unknown one ("utf8mb4", "x-user")."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the response states: header first, then the XML declaration, then <meta>."""
    if content_type and (m := _HEADER_RE.search(content_type)) and (c := _codec(m.group(1))):
        return c
    head = body[:2048]
    for pattern in (_XML_RE, _META_RE):
        if (found := pattern.search(head)) and (
            c := _codec(found.group(1).decode("ascii", "replace"))
        ):
            return c
    return None


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_SAMPLE]).best()
    return _codec(best.encoding) if best else None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, charset name used)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, "replace").lstrip("\ufeff"), name
    stated = declared(body, content_type)
    if body.isascii():
        return body.decode("ascii"), stated or "utf-8"
    # Valid UTF-8 with non-ASCII bytes is almost never another charset by chance, whatever the
    # page says; so a page declaring cp1251 but sending UTF-8 decodes right too.
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 page with a stray byte or two (a pasted quote, a cut character) is still UTF-8:
    # cp1251 read as UTF-8 breaks on nearly every Cyrillic letter, not once in a thousand.
    text = body.decode("utf-8", "replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000):
        return text, "utf-8"
    if stated and stated != "utf-8":
        try:
            text = body.decode(stated)
        except UnicodeDecodeError:
            text = ""
        if text and mess_ratio(text[:_SAMPLE], _MESS_LIMIT) < _MESS_LIMIT:
            return text, stated
    found = _detect(body) or "cp1251"  # the likeliest legacy charset for these regions
    return body.decode(found, "replace"), found
