"""Where a region's name is the wire's dateline rather than a place of the news (roles.py):
a name opening a paragraph in capitals with its outlet and a dash, a caption's place and date,
a name before a site ("Бишкек - 24.kg"), or the name opening the title over a dash."""

from __future__ import annotations

import re

from storage.analysis.dates import MONTH_WORD

# After a dateline's city: its country and outlet and a dash, or a dash and a site.
# (The outlet's name may be lost with its link: "Tashkent, Uzbekistan ( -- Kazakhstan's...")
_OUTLET_TAIL = re.compile(
    r",\s*[^\W\d_][\w .-]{1,30}?\s*\((?:[^()\n]{2,40}\)|\s*(?=[—–-]))\s*(?:[—–]|--?)\s"
)
# After a dateline's city in capitals: its outlet and a dash ("BISHKEK (TCA) — On October 19",
# regions10: or between slashes, "АСТАНА /Trend/ - 1 декабря").
_CAPITALS_OUTLET = re.compile(r"\s*(?:\([^()\n]{2,40}\)|/[^/\n]{2,40}/)\s*(?:[—–]|--?)\s")
# (An agency's initials may stand before the site: "Узбекистан, Ташкент - АН Podrobno.uz.")
_SITE_TAIL = re.compile(
    r"\s+[—–-]\s+(?:[A-ZА-ЯЁ]{1,4}\s+)?[\w-]+\.(?:kg|kz|uz|tj|tm|ru|com|net|org|info)\b"
)
# After a dateline's city: maybe its country, then the month and the day in the English way
# ("Ashgabat, Turkmenistan, Aug. 28", "Ashgabat, May 21, 2024, The Europe Today:").
_ENGLISH_DATE_TAIL = re.compile(rf"(?:,\s*[A-Z][a-z]+)?,\s*(?:{MONTH_WORD})\.?\s+\d{{1,2}}\b")
# After a caption's place: its country and the date ("in Bishkek, Kyrgyzstan, Sept. 24, 2023",
# "Batken, Kyrgyzstan, 2015").
_CAPTION_TAIL = re.compile(rf",\s*[A-Z][a-z]+,\s*(?:(?:{MONTH_WORD})\b|(?:19|20)\d\d\b)")
# roles12: after a place opening a sentence, the day and the month ("... a city in Pakistan.
# Bishkek, 5th December, 2018"): the signature a page prints with its text, as a dateline is.
_OPENERS = frozenset({". ", "! ", "? "})  # before a name opening a sentence
_DATE_TAIL = re.compile(
    rf",\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_WORD})\b|(?:{MONTH_WORD})\.?\s+\d{{1,2}}\b)"
)
# After a dateline's city in capitals: a dash and the text ("ASTANA – Thanks to its ..."), or
# a colon (tuneD: "XI'AN: The declaration was adopted"); roles11b: or a long dash closed up to
# the text's first capital ("TASHKENT—A major 6.2 quake in Uzbekistan killed...").
_CAPITALS_DASH = re.compile(r"\s*(?:[—–:]|--?)\s|[—–](?=[A-ZА-ЯЁ])")


def dateline_like(text: str, start: int, end: int, first: bool = False) -> bool:
    """A dateline the cleaner did not take apart: a name opening a paragraph in capitals and
    followed by a comma or a dot ("TASHKENT, March 20 (Gazeta.uz) --", "ДУШАНБЕ. Премьер-
    министр...") or by its outlet and a dash ("BISHKEK (TCA) — On October 19"), or followed
    by its country and outlet and a dash ("Tashkent, Uzbekistan (UzDaily.com) — The
    second..."), or a name before " - " and a site ("12:10, 19 сентября 2025, Бишкек -
    24.kg"), or followed by the month and day in the English way ("Tashkent, Uzbekistan, Dec.
    7"); ``first``: the name opens the text after the title, where a name alone on its line is
    the wire's dateline too ("Ташкент" / "Nur-Sultan" above the lead)."""
    if start and text[start - 1] != "\n":
        # A photo caption's place and date ("seen in Bishkek, Kyrgyzstan, Sept. 24, 2023")
        # after a comma, or a site after white space and a dash: one test of the character
        # after the name tells which to try.
        after = text[end : end + 1]
        if after == ",":
            return _CAPTION_TAIL.match(text, end) is not None or (
                text[start - 2 : start] in _OPENERS and _DATE_TAIL.match(text, end) is not None
            )
        return after.isspace() and _SITE_TAIL.match(text, end) is not None
    capitals = text[start:end].isupper()
    return bool(
        (
            capitals
            and (
                text[end : end + 1] in (",", ".")
                or _CAPITALS_OUTLET.match(text, end)
                or _CAPITALS_DASH.match(text, end)
            )
        )
        or _OUTLET_TAIL.match(text, end)
        or _SITE_TAIL.match(text, end)
        or _ENGLISH_DATE_TAIL.match(text, end)
        or (first and text[end : end + 1] in ("\n", ""))
    )


def title_dateline(text: str, end: int, title_end: int) -> bool:
    """Whether the name opening the title is a wire's dateline: in capitals, then a dash and
    words not in capitals ("NUR-SULTAN — Agricultural cooperation between China ...")."""
    if not text[:end].isupper():
        return False
    dash = _CAPITALS_DASH.match(text, end)
    return dash is not None and not text[dash.end() : title_end].isupper()
