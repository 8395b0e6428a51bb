"""Bytes to text: the declared charset (header, XML declaration, <meta>) when it really decodes
the bytes, else what charset-normalizer detects. Russian sites still serve cp1251, and some
declare utf-8 while sending cp1251 (or the reverse)."""

from __future__ import annotations


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, charset name used)."""
    raise NotImplementedError
