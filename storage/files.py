"""Reading one article file: size and binary checks, encoding detection, newline clean-up.

Wire files arrive as UTF-8 (with or without a BOM) or cp1251. Anything else is refused with a
short English reason that ends up in the ingest report (SPEC: Bad input).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path

# "Over 1 MB" is refused; a megabyte here is 2**20 bytes, as file managers count it.
MAX_BYTES = 1024 * 1024
_MB = float(MAX_BYTES)

# Control characters that plain text never holds (tab, newlines, form feed and ESC-free text
# are fine); more than a trace of them means a binary file decoded by accident.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01
# A cp1251 decode succeeds on almost any byte string, so the result must look like prose.
_MIN_LETTER_SHARE = 0.5
_MAX_SYMBOL_SHARE = 0.2
# UTF-8 Cyrillic read as cp1251 is mojibake where every other letter is "Р" or "С".
_MOJIBAKE_SHARE = 0.3
# KOI8-R read as cp1251 turns lower-case Russian into upper case.
_MAX_UPPER_SHARE = 0.7
_MIN_LETTERS_FOR_CASE_CHECK = 40
# A UTF-8 file with a few broken bytes (a truncated copy) is still read, with U+FFFD for them.
_MAX_BROKEN_UTF8_SHARE = 0.01


class ArticleFileError(Exception):
    """The file cannot be read as an article; ``str(error)`` is the reason, short, in English."""


def read_article_file(path: Path) -> str:
    """The text of ``path`` decoded and with LF newlines, or ArticleFileError saying why not."""
    return decode_article_bytes(read_article_bytes(path))


def read_article_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing (without reading it all) a file over the size limit."""
    try:
        # O_NONBLOCK: a fifo swapped in after the folder was listed must not hang the read;
        # the fstat then refuses anything but a regular file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ArticleFileError("not a regular file, refused")
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                size = os.fstat(fd).st_size
                raise ArticleFileError(f"file too large ({size / _MB:.1f} MB > 1 MB)")
    except OSError as exc:
        raise ArticleFileError(f"cannot read: {exc.strerror or exc}") from None
    return data


def decode_article_bytes(data: bytes) -> str:
    """Decode the bytes of an article file (see ``read_article_file``)."""
    if not data.strip():
        raise ArticleFileError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(data):
        raise ArticleFileError("unsupported encoding: UTF-16 (save it as UTF-8)")
    if b"\x00" in data:
        raise ArticleFileError("binary file (NUL bytes)")
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleFileError("empty file")
    if _share(text, _is_stray_control) > _MAX_CONTROL_SHARE:
        raise ArticleFileError("binary file (control characters)")
    return text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return _broken_utf8(data)
    if _looks_like_utf8_mojibake(text):
        return _broken_utf8(data)
    if not _looks_like_prose(text):
        raise ArticleFileError("cannot decode: not UTF-8 or cp1251")
    return text


def _broken_utf8(data: bytes) -> str:
    """UTF-8 with a few bad bytes is accepted; more than a trace means an unknown encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > max(1.0, len(text) * _MAX_BROKEN_UTF8_SHARE):
        raise ArticleFileError("cannot decode: not UTF-8 or cp1251")
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: the high bytes (every other byte) hold a handful of values,
    0x00 for ASCII and 0x04 for Cyrillic, and the whole decodes."""
    for start, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = data[start::2]
        if len(data) % 2 or len(high) < 8 or 0 not in high:
            continue
        top = sorted((high.count(v) for v in set(high)), reverse=True)[:3]
        if sum(top) / len(high) < 0.9:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _share(text, _is_stray_control) <= _MAX_CONTROL_SHARE and _looks_like_prose(text):
            return True
    return False


def _looks_like_utf8_mojibake(text: str) -> bool:
    cyrillic = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if len(cyrillic) < 10:
        return False
    return sum(c in "РС" for c in cyrillic) / len(cyrillic) > _MOJIBAKE_SHARE


def _looks_like_prose(text: str) -> bool:
    if _share(text, str.isalpha, skip_space=True) < _MIN_LETTER_SHARE:
        return False
    # cp1251's upper half is Cyrillic letters plus a little punctuation (« » — №); other code
    # pages (cp866) land their letters on its symbols.
    upper_half = [c for c in text if c > "\x7f"]
    if upper_half and _share("".join(upper_half), _is_not_cyrillic) > _MAX_SYMBOL_SHARE:
        return False
    letters = [c for c in text if c.isalpha() and "\u0400" <= c <= "\u04ff"]
    if len(letters) < _MIN_LETTERS_FOR_CASE_CHECK:
        return True
    return sum(c.isupper() for c in letters) / len(letters) <= _MAX_UPPER_SHARE


def _is_not_cyrillic(char: str) -> bool:
    return not "\u0400" <= char <= "\u04ff"


def _is_stray_control(char: str) -> bool:
    return (char < " " or char == "\x7f") and char not in _TEXT_CONTROLS


def _share(text: str, predicate: Callable[[str], bool], *, skip_space: bool = False) -> float:
    chars = [c for c in text if not (skip_space and c.isspace())]
    if not chars:
        return 0.0
    return sum(predicate(c) for c in chars) / len(chars)
