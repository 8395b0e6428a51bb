"""Key figures an article quotes: sums of money with their currency, percentages, counts.

Formats as the wire writes them: "$850 млн", "$1,5 млрд", "3,2 млрд тенге", "100 млн рублей",
"500 тыс. долларов", "на 20%", "20 процентов", "порядка 4 тыс. предприятий".
"""

from __future__ import annotations

import re

from storage.analysis.model import Figure

_NUM = r"\d+(?:[  ]\d{3})*(?:[.,]\d+)?"
_SCALE = r"(?:трлн|триллион\w*|млрд|миллиард\w*|млн|миллион\w*|тыс(?:\.|яч\w*)?)"
_CURRENCY_WORD = (
    r"(?:долл(?:ар(?:ов|а|ы)?)?\.?(?:\s+США)?|USD|евро|EUR|руб(?:л(?:ей|я|ь))?\.?|"
    r"тенге|тг\.?|KZT|сум(?:ов|а)?|UZS|юан(?:ей|я|ь)|сом(?:ов|а|они)?|манат(?:ов|а)?|"
    r"рупи[йия]|фунт(?:ов|а)?\s+стерлингов)"
)
_CURRENCY_SIGN = r"[$€₽£¥₸]"
_BEFORE = r"(?<![\w.,])"
_AFTER = r"(?![\w])"

_MONEY_RE = re.compile(
    rf"{_BEFORE}{_CURRENCY_SIGN}\s?{_NUM}(?:\s?{_SCALE})?{_AFTER}\.?"
    rf"|{_BEFORE}{_NUM}\s?(?:{_SCALE}\s?)?(?:{_CURRENCY_WORD}{_AFTER}|{_CURRENCY_SIGN})",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(
    rf"(?:(?<!\w)(?i:на|до)\s)?{_BEFORE}{_NUM}\s?(?:%|процент(?:ов|а)?{_AFTER}|п\.п\.)",
    re.IGNORECASE,
)
# A count: a number (with its scale) before the word it counts, optionally "порядка"/"около".
_COUNT_RE = re.compile(
    rf"(?:(?<!\w)(?i:порядка|около|более|свыше|почти|до|более чем)\s)?"
    rf"{_BEFORE}(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s(?P<noun>[а-яё]{{3,}})(?!\w)"
)
# What a number before these words is not a count of (dates, times, ranks, multipliers).
_NOT_COUNTED = re.compile(
    r"(?:год|года|году|годах|годов|гг|век|века|веке|января|февраля|марта|апреля|мая|июня|июля|"
    r"августа|сентября|октября|ноября|декабря|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|"
    r"дек|раз|раза|часов|часа|минут|минуты|числа|место|места|месте|этаж|номер|пункт|статьи|"
    r"статья|класс|класса|курс|курса|созыва|квартал|квартале|квартала|полугодии|"
    r"и|или|по|в|на|с|из|до|от)",
)


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".,") if not text.endswith("тыс.") else text


def find_figures(text: str) -> tuple[Figure, ...]:
    """Money, percentages and counts in ``text``, in order of appearance, without repeats."""
    found: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for kind, regex in (("money", _MONEY_RE), ("percent", _PERCENT_RE)):
        for m in regex.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                found.append((m.start(), Figure(kind, _clean(m.group()))))
    for m in _COUNT_RE.finditer(text):
        if not free(m.start(), m.end()) or _NOT_COUNTED.fullmatch(m["noun"]):
            continue
        if not m["scale"] and _is_small_or_year(m["num"]):
            continue
        taken.append((m.start(), m.end()))
        found.append((m.start(), Figure("count", _clean(m.group()))))
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    unique: list[Figure] = []
    for _, figure in found:
        if figure.text not in seen:
            seen.add(figure.text)
            unique.append(figure)
    return tuple(unique)


def _is_small_or_year(num: str) -> bool:
    """Numbers too small to be a key figure, and bare years."""
    digits = re.sub(r"\D", "", num.split(",")[0].split(".")[0])
    if not digits:
        return True
    value = int(digits)
    return value < 10 or (1900 <= value <= 2100 and len(digits) == 4)
