"""Dates an article states: ISO and dotted dates, Russian month names, datelines without a year.

SPEC: a date the file states wins; otherwise the dateline's day and month with the latest year
not after the day of ingestion; otherwise none.
"""

from __future__ import annotations

import datetime as dt
import re

# Month by the first letters of its Russian or English name, in any case form or abbreviation
# ("сентября", "сент.", "сен", "дек", "мая", "March"). Keys are matched as prefixes, longest
# first, so "мар" is March and "май"/"мая" is May.
_MONTH_PREFIXES: tuple[tuple[str, int], ...] = (
    ("январ", 1),
    ("янв", 1),
    ("феврал", 2),
    ("февр", 2),
    ("фев", 2),
    ("март", 3),
    ("мар", 3),
    ("апрел", 4),
    ("апр", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("авг", 8),
    ("сентябр", 9),
    ("сент", 9),
    ("сен", 9),
    ("октябр", 10),
    ("окт", 10),
    ("ноябр", 11),
    ("нояб", 11),
    ("ноя", 11),
    ("декабр", 12),
    ("дек", 12),
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
)

# Whole words that are month names (a prefix match alone would take "марка" or "мая" inside
# "майский"): the full forms in every case plus the usual abbreviations.
_MONTH_WORD_RE = re.compile(
    r"^(?:январ[ьяюе]|янв|феврал[ьяюе]|февр?|март[аеу]?|мар|апрел[ьяюе]|апр|ма[йяюе]|"
    r"июн[ьяюе]|июн|июл[ьяюе]|июл|август[аеу]?|авг|сентябр[ьяюе]|сент?|октябр[ьяюе]|окт|"
    r"ноябр[ьяюе]|нояб?|декабр[ьяюе]|дек|"
    r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|"
    r"september|sept?|october|oct|november|nov|december|dec)$"
)

MONTH_WORD = (
    r"(?:[Яя]нвар[ьяюе]|[Яя]нв|[Фф]еврал[ьяюе]|[Фф]евр?|[Мм]арт[аеу]?|[Мм]ар|[Аа]прел[ьяюе]|"
    r"[Аа]пр|[Мм]а[йяюе]|[Ии]юн[ьяюе]?|[Ии]юл[ьяюе]?|[Аа]вгуст[аеу]?|[Аа]вг|"
    r"[Сс]ентябр[ьяюе]|[Сс]ент?|[Оо]ктябр[ьяюе]|[Оо]кт|[Нн]оябр[ьяюе]|[Нн]ояб?|"
    r"[Дд]екабр[ьяюе]|[Дд]ек|"
    r"[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|"
    r"[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)"
)
"""A regular-expression fragment matching one month word (no trailing dot)."""

_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DOTTED_RE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_WORDY_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({MONTH_WORD})\.?(?:\s+(\d{{4}}))?(?!\w)")


def month_number(word: str) -> int | None:
    """The month a Russian or English month word (any case form, abbreviated) names."""
    key = word.lower().rstrip(".").replace("ё", "е")
    if not _MONTH_WORD_RE.match(key):
        return None
    for prefix, number in _MONTH_PREFIXES:
        if key.startswith(prefix):
            return number
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def stated_date(text: str) -> dt.date | None:
    """A full date (with its year) written in ``text``: ISO, dotted, or "21 сентября 2025"."""
    if not text:
        return None  # most articles have no header or no dateline: three scans saved
    candidates: list[tuple[int, dt.date]] = []
    for m in _ISO_RE.finditer(text):
        date = _make(int(m[1]), int(m[2]), int(m[3]))
        if date:
            candidates.append((m.start(), date))
    for m in _DOTTED_RE.finditer(text):
        date = _make(int(m[3]), int(m[2]), int(m[1]))
        if date:
            candidates.append((m.start(), date))
    for m in _WORDY_RE.finditer(text):
        month = month_number(m[2])
        if m[3] and month:
            date = _make(int(m[3]), month, int(m[1]))
            if date:
                candidates.append((m.start(), date))
    # Plausible news dates only: a URL's "/2025-09-21/" counts, a "0001-01-01" placeholder not.
    plausible = [(pos, d) for pos, d in candidates if 1990 <= d.year <= 2100]
    return min(plausible)[1] if plausible else None


def day_month(text: str) -> tuple[int, int] | None:
    """The first "day month" (no year needed) in ``text``: "28 дек", "7 марта", "3 сент."."""
    if not text:
        return None
    for m in _WORDY_RE.finditer(text):
        month = month_number(m[2])
        day = int(m[1])
        if month and 1 <= day <= 31:
            return day, month
    return None


def latest_on_or_before(day: int, month: int, today: dt.date) -> dt.date | None:
    """The latest date with this day and month that is not after ``today``.

    29 February looks back to the last leap year; an impossible day (31 April) gives None.
    """
    for year in range(today.year, today.year - 9, -1):
        date = _make(year, month, day)
        if date and date <= today:
            return date
    return None


def article_date(header: str, dateline: str, today: dt.date) -> dt.date | None:
    """SPEC's date rule: a stated date (header, then dateline) wins, else the dateline's day."""
    stated = stated_date(header) or stated_date(dateline)
    if stated:
        return stated
    found = day_month(dateline)
    if found:
        return latest_on_or_before(found[0], found[1], today)
    return None
