"""Wire datelines at the start of a paragraph ("ТАШКЕНТ, 7 марта — Sputnik.", "KHUJAND, June
21 (Asia-Plus) --"): the city, the date as written and the rest of the paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.analysis.dates import MONTH_WORD

# A city's words are never given back a letter at a time (possessive "++"): what may follow a
# city in any pattern (a space or a hyphen and a capital, a comma, a dot, a bracket) is no
# letter, so a shorter word could never match, and trying each one before failing was most
# of the time of every paragraph that opens with a capital.
CITY = r"[A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё'’]++(?:[ -][A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё'’]++){0,2}"
_AGENCY_WORD = r"/?[A-ZА-ЯЁ«“\"][\w«»“”\"'’/-]*(?:\.(?=\w)[\w/-]+)*/?"
_AGENCY = rf"{_AGENCY_WORD}(?:\s{_AGENCY_WORD}){{0,2}}"
_DATELINE_PREFIX_RE = re.compile(
    # the city, maybe its country ("BISHKEK, Kyrgyzstan, April 25.", Trend's form)
    rf"(?P<city>{CITY})(?:,\s*[A-ZА-ЯЁ][a-zа-яё]+(?=,))?\s*[,.]\s*"
    rf"(?P<date>\d{{1,2}}\s+{MONTH_WORD}\.?(?:,?\s+\d{{4}}(?:\s*(?:года|г\.))?)?"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)"  # or dotted: "Бишкек, 10.10.24. /Кабар/."
    rf"|{MONTH_WORD}\.?\s+\d{{1,2}}(?!\d)(?:,\s*\d{{4}})?)"  # or English: "June 21, 2024"
    r"(?:\s*[,.]\s*\d{1,2}:\d{2})?"
    r"(?:\s*\([^()\n]{1,40}\))?"  # the agency in brackets: "KHUJAND, June 21 (Asia-Plus) --"
)
# After the date: an agency and its closing dot or dash ("— Sputnik.", ". /ТАСС/.", "- Kapital.kz.")
_AGENCY_TAIL_RE = re.compile(rf"\s*[,.]?\s*(?:[—–-]+\s*)?(?P<agency>{_AGENCY})\s*(?:[.—–-]+|$)")
# or no agency, only a dot or a dash closing the dateline.
_BARE_TAIL_RE = re.compile(r"\s*[.—–-]+|\s*$|(?<=\.)(?=\s)")
# A dateline without a date: the city in capitals and an agency ("АСТАНА. КАЗИНФОРМ –"); its
# words possessive as CITY's (a bracket, a comma or a dot follows them).
_DATELESS_RE = re.compile(
    rf"(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ'’]{{2,}}+(?:[ -][A-ZА-ЯЁ]{{2,}}+){{0,2}})\s*[,.]\s*"
    # the agency and a dash, or an agency in capitals and no dash ("TARAZ. KAZINFORM Zhambyl")
    rf"(?:(?:{_AGENCY})\s*[—–-]+|[A-ZА-ЯЁ]{{4,}}\s+(?=[A-ZА-ЯЁ«“\"][a-zа-яё]))"
    # or the agency in brackets: "BISHKEK (TCA) — On October 19…"
    rf"|(?P<bracketed>[A-ZА-ЯЁ][A-ZА-ЯЁ'’]{{2,}}+(?:[ -][A-ZА-ЯЁ]{{2,}}+){{0,2}})"
    r"\s*\([^()\n]{2,30}\)\s*[—–-]+"
    # or the outlet and a colon: "Tashkent, The Gulf Observer: …", "ASTANA ( WNAM MONITORING): …"
    rf"|(?P<outlet_city>{CITY})\s*(?:,\s*(?:The\s+)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){{0,3}}"
    r"|\(\s*[^()\n]{2,30}\))\s*:\s+(?=[A-ZА-ЯЁ«“\"])"
)

# Shorter datelines, only before a paragraph of real text (a title is never one):
# the city alone, in capitals ("ЧЕЛЯБИНСК. Аграрии…") or not ("Ашхабад. В Лебапском…"), maybe
# with its country and the outlet in brackets ("Самарканд, Узбекистан (podrobno.uz). …");
# A title's abbreviation before a name is no city ("Mr. Babaev voiced…").
_HONORIFIC = r"(?!(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Gov|Sen|Rep|Lt|Проф|Акад)\.)"
_CITY_ONLY_RE = re.compile(
    rf"{_HONORIFIC}(?P<city>{CITY})(?:,\s*[A-ZА-ЯЁ][а-яё]+)?(?:\s*\([^()\n]{{2,30}}\))?\.\s+"
    r"(?=[«“\"A-ZА-ЯЁ])"
)
# or the outlet alone ("Podrobno.uz. АО…", "АКИpress - Туристический…").
_OUTLET_ONLY_RE = re.compile(
    r"(?:[A-Za-z][\w-]*\.(?:uz|kz|kg|tj|tm|ru|com|net|org|info)|[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]*press)"
    r"\s*(?:\.|[—–-]+)\s+(?=[«“\"A-ZА-ЯЁ])"
    r"|\([A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3}\)\s+(?=[A-Z][a-z])"  # "(Trend News Agency) The…"
)
_DATELINE_OPENERS = frozenset("(ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_SHORT_DATELINE_REST = 60  # characters of text that must follow a short dateline


@dataclass(frozen=True, slots=True)
class Dateline:
    text: str  # as written, without the text that follows it
    city: str  # title-cased: "Ташкент", "Нур-Султан"
    date_text: str  # "28 дек", "7 марта 2025 года" or ""


def _title_case(city: str) -> str:
    parts = re.split(r"([ -])", city)
    return "".join(p if p in " -" else p[:1].upper() + p[1:].lower() for p in parts)


def _dateline_end(paragraph: str) -> tuple[int, str, str] | None:
    """Where a dateline opening ``paragraph`` ends, its city and its date text."""
    m = _DATELINE_PREFIX_RE.match(paragraph)
    if m:
        tail = _AGENCY_TAIL_RE.match(paragraph, m.end()) or _BARE_TAIL_RE.match(paragraph, m.end())
        if tail:
            return tail.end(), m["city"], m["date"].rstrip(".")
        return None
    m = _DATELESS_RE.match(paragraph)
    if m:
        return m.end(), m["city"] or m["bracketed"] or m["outlet_city"], ""
    if len(paragraph) < _SHORT_DATELINE_REST or paragraph[0] not in _DATELINE_OPENERS:
        return None
    m = _CITY_ONLY_RE.match(paragraph) or _OUTLET_ONLY_RE.match(paragraph)
    if m is None or len(paragraph) - m.end() < _SHORT_DATELINE_REST:
        return None
    return m.end(), m.groupdict().get("city") or "", ""


def match_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """A dateline opening ``paragraph`` and the rest of it, or None."""
    found = _dateline_end(paragraph)
    if found is None:
        return None
    end, city, date_text = found
    rest = paragraph[end:].lstrip(" .,;:—–-")
    if rest[:1].islower():
        return None  # an ordinary sentence that starts with a place and a date
    line = paragraph[:end].rstrip(" .—–-")
    return Dateline(text=line, city=_title_case(city), date_text=date_text), rest


# --- joining lines broken mid-sentence -------------------------------------------------------
