"""Key figures an article quotes: sums of money with their currency, percentages, counts.

Formats as the wire writes them: "$850 млн", "$1,5 млрд", "3,2 млрд тенге", "100 млн рублей",
"500 тыс. долларов", "на 20%", "20 процентов", "порядка 4 тыс. предприятий".
"""

from __future__ import annotations

import re

from storage.analysis.model import Figure
from storage.analysis.morph import wordset

_NUM = r"\d+(?:[  ]\d{3})*(?:[.,]\d+)?"
# The same number where what follows it can never begin with a digit, a space and three
# digits or a decimal mark (a word, a sign, "%"): giving part of the number back could never
# let the rest match, so the regex is told not to try (possessive), where it tried every
# shorter number at each year and date before failing.
_WHOLE_NUM = r"\d++(?:[  ]\d{3})*+(?:[.,]\d++)?+"
_SCALE = r"(?:трлн|триллион\w*|млрд|миллиард\w*|млн|миллион\w*|тыс(?:\.|яч\w*)?)"
_CURRENCY_WORD = (
    r"(?:долл(?:ар(?:ов|а|ы)?)?\.?(?:\s+США)?|USD|евро|EUR|руб(?:л(?:ей|я|ь))?\.?|"
    r"тенге|тг\.?|KZT|сум(?:ов|а)?|UZS|юан(?:ей|я|ь)|сом(?:ов|а|они)?|манат(?:ов|а)?|"
    r"рупи[йия]|фунт(?:ов|а)?\s+стерлингов)"
)
_CURRENCY_SIGN = r"[$€₽£¥₸]"

# Every pattern starts at a digit or a currency sign, so the scan is quick; what may stand
# before the number ("на 20%", "порядка 4 тыс.") is looked up separately.
_MONEY_RE = re.compile(
    rf"{_CURRENCY_SIGN}\s?{_NUM}(?:\s?{_SCALE})?(?!\w)"
    rf"|{_WHOLE_NUM}\s?(?:{_SCALE}\s?)?(?:{_CURRENCY_WORD}(?!\w)|{_CURRENCY_SIGN})",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(rf"{_WHOLE_NUM}\s?(?:%|процент(?:ов|а)?(?!\w)|п\.п\.)", re.IGNORECASE)
_COUNT_RE = re.compile(rf"{_WHOLE_NUM}(?:\s?(?P<scale>{_SCALE}))?\s(?P<noun>[а-яё]{{3,}})(?!\w)")
# ASCII digits: a range test per character, where "\d" asks the Unicode tables (news in
# these languages writes no other digits).
_START_RE = re.compile(r"[0-9$€₽£¥₸]")
_PERCENT_PREFIX_RE = re.compile(r"(?:^|\W)((?:на|до)\s)$", re.IGNORECASE)
_COUNT_PREFIX_RE = re.compile(
    r"(?:^|\W)((?:порядка|около|более чем|более|свыше|почти|до)\s)$", re.IGNORECASE
)

# What a number before these words is not a count of (dates, times, ranks, multipliers).
_NOT_COUNTED = wordset(
    "год года году годах годов гг век века веке января февраля марта апреля мая июня июля "
    "августа сентября октября ноября декабря янв фев мар апр июн июл авг сен сент окт ноя "
    "дек раз раза часов часа минут минуты числа место места месте этаж номер пункт статьи "
    "статья класс класса курс курса созыва квартал квартале квартала полугодии"
)


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith("тыс.") else text.rstrip(".,")


def _with_prefix(text: str, start: int, prefix_re: re.Pattern[str]) -> int:
    m = prefix_re.search(text, max(0, start - 12), start)
    return start - len(m.group(1)) if m else start


def find_figures(text: str) -> tuple[Figure, ...]:
    """Money, percentages and counts in ``text``, in order of appearance, without repeats."""
    found: list[Figure] = []
    pos = 0
    while True:
        hit = _START_RE.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            pos = _skip_number(text, start)
            continue  # inside a word or the tail of another number ("B2B", "1.5")
        figure, end = _figure_at(text, start)
        if figure:
            found.append(figure)
        pos = end
    seen: set[str] = set()
    unique: list[Figure] = []
    for figure in found:
        if figure.text not in seen:
            seen.add(figure.text)
            unique.append(figure)
    return tuple(unique)


def _skip_number(text: str, start: int) -> int:
    end = start + 1
    while end < len(text) and (text[end].isdigit() or text[end] in ".,"):
        end += 1
    return end


def _figure_at(text: str, start: int) -> tuple[Figure | None, int]:
    """The figure starting at ``start`` (a digit or a currency sign) and where to go on."""
    m = _MONEY_RE.match(text, start)
    if m:
        return Figure("money", _clean(m.group())), m.end()
    m = _PERCENT_RE.match(text, start)
    if m:
        begin = _with_prefix(text, start, _PERCENT_PREFIX_RE)
        return Figure("percent", _clean(text[begin : m.end()])), m.end()
    m = _COUNT_RE.match(text, start)
    if m and m["noun"] not in _NOT_COUNTED and (m["scale"] or not _is_small_or_year(m.group())):
        begin = _with_prefix(text, start, _COUNT_PREFIX_RE)
        return Figure("count", _clean(text[begin : m.end()])), m.end()
    return None, _skip_number(text, start)


def _is_small_or_year(match: str) -> bool:
    """Numbers too small to be a key figure, and bare years."""
    digits = re.sub(r"\D", "", re.split(r"[.,]", match)[0])
    if not digits:
        return True
    value = int(digits)
    return value < 10 or (1900 <= value <= 2100 and len(digits) == 4)
