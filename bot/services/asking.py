"""One reading of what people ask, for every entry point (commands, subscriptions, plain words,
inline mode): a text becomes places, topics, a period and the words left over.

"что нового между Алматы и Ташкентом за неделю" -> places KZ-75, UZ-TK; period: the last 7 days.
Places are regions (any case, Latin, old names, a city meaning its region) or countries; topics
come from the analysis's vocabulary; periods and the words that ask nothing by themselves from
``data/asking.toml``. A word that is none of these is kept in ``unknown`` so the answer can name
it: nothing typed is silently dropped.

The longest run of words that names one thing wins ("Нижний Новгород" is not Новгород), but a
run is taken only when each of its words is needed ("Ташкент туризм" is two things).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from storage.analysis.dates import MONTH_WORD, month_number
from storage.queries import Combined, Term

DATA = Path(__file__).with_name("data") / "asking.toml"
MAX_WORDS = 16
SPAN = 3  # the longest name looked up, in words

PlaceKind = Literal["region", "country"]


@dataclass(frozen=True, slots=True)
class Place:
    kind: PlaceKind
    code: str  # ISO 3166-2 for a region, alpha-2 for a country


@dataclass(frozen=True, slots=True)
class Period:
    since: dt.date | None
    until: dt.date | None


@dataclass(frozen=True, slots=True)
class Question:
    places: tuple[Place, ...] = ()
    topics: tuple[str, ...] = ()
    period: Period | None = None
    unknown: tuple[str, ...] = ()  # words typed but not understood, as typed

    @property
    def understood(self) -> bool:
        """Something to list: a place, a topic, or at least a period ("за неделю")."""
        return bool(self.places or self.topics or self.period)

    @property
    def is_pair(self) -> bool:
        return len(self.places) >= 2

    def terms(self) -> tuple[Term, ...]:
        return tuple(Term(p.kind, p.code) for p in self.places) + tuple(
            Term("topic", s) for s in self.topics
        )

    def combined(self) -> Combined:
        p = self.period
        return Combined(
            self.terms(),
            since=p.since.isoformat() if p and p.since else None,
            until=p.until.isoformat() if p and p.until else None,
        )


@dataclass(frozen=True, slots=True)
class _Words:
    filler: frozenset[str]
    place_words: frozenset[str]
    periods: tuple[tuple[re.Pattern[str], int, bool], ...]  # (phrase, days back, that day only)


@cache
def _words() -> _Words:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    periods = [(p, int(d), False) for p, d in data["periods"].items()]
    periods += [(p, int(d), True) for p, d in data["days_ago"].items()]
    periods.sort(key=lambda item: -len(item[0]))  # "за последнюю неделю" before "за неделю"
    return _Words(
        filler=frozenset(_fold(w) for w in data["filler"]),
        place_words=frozenset(_fold(w) for w in data["place_words"]),
        periods=tuple(
            (re.compile(rf"(?<!\w){re.escape(p)}(?!\w)", re.IGNORECASE), d, one)
            for p, d, one in periods
        ),
    )


@cache
def english_suffixes() -> tuple[tuple[str, str], ...]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return tuple(data["english_suffixes"].items())


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


_WORD_RE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_SINCE_RE = re.compile(
    rf"(?<!\w)(?:с|since|from)\s+(?:(\d{{1,2}})\s+({MONTH_WORD})|({MONTH_WORD})\s+(\d{{1,2}}))"
    rf"\.?(?:\s+(\d{{4}}))?(?!\w)",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(
    rf"(?<!\w)(?:в|во|за|in|during)\s+({MONTH_WORD})[а-яё]*\.?(?:\s+(\d{{4}}))?(?!\w)",
    re.IGNORECASE,
)


def _month_span(year: int, month: int) -> Period:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - dt.timedelta(days=1))


def _past(month: int, day: int, year: str | None, today: dt.date) -> dt.date | None:
    """The date meant by "day month": this year's, or last year's when that is still ahead."""
    y = int(year) if year else today.year
    try:
        date = dt.date(y, month, day)
    except ValueError:
        return None
    if not year and date > today:
        try:
            return date.replace(year=y - 1)
        except ValueError:  # 29 February of a year before a leap year
            return None
    return date


def read_period(text: str, today: dt.date) -> tuple[Period | None, str]:
    """The period ``text`` names and the text without it."""
    m = _SINCE_RE.search(text)
    if m:
        day = int(m[1] or m[4])
        month = month_number(m[2] or m[3])
        since = _past(month, day, m[5], today) if month else None
        if since is not None:
            return Period(since, None), text[: m.start()] + " " + text[m.end() :]
    m = _MONTH_RE.search(text)
    if m and (month := month_number(m[1])):
        year = int(m[2]) if m[2] else today.year - (month > today.month)
        return _month_span(year, month), text[: m.start()] + " " + text[m.end() :]
    for pattern, days, one_day in _words().periods:
        m = pattern.search(text)
        if m:
            start = today - dt.timedelta(days=days)
            period = Period(start, start if one_day else None)
            return period, text[: m.start()] + " " + text[m.end() :]
    return None, text


class Reader:
    """Reads questions against the gazetteer and the topic vocabulary (both loaded once)."""

    def __init__(self) -> None:
        from storage.analysis.gazetteer import load_gazetteer

        self._gaz = load_gazetteer()

    @lru_cache(maxsize=8192)  # noqa: B019 - one Reader per process; the cache is the point
    def _place(self, text: str) -> Place | None:
        region = self._gaz.resolve(text)
        if region is not None:
            return Place("region", region.code)
        regions, countries = self._gaz.find(text)
        if not regions and len(countries) == 1:
            return Place("country", countries[0])
        return None

    @lru_cache(maxsize=8192)  # noqa: B019
    def _topic(self, text: str) -> str | None:
        from storage.analysis.topics import resolve_topic

        return resolve_topic(text)

    def _span(self, words: list[str]) -> Place | str | None:
        """What ``words`` name together, only if every word is needed for it."""
        text = " ".join(words)
        for look in (self._place, self._topic):
            found = look(text)
            if found is None:
                continue
            if len(words) > 1 and found in (look(" ".join(words[1:])), look(" ".join(words[:-1]))):
                continue  # an edge word adds nothing: "Ташкент туризм" is read word by word
            return found
        return None

    def read(self, text: str, today: dt.date) -> Question:
        period, rest = read_period(" ".join(text.split())[:300], today)
        words = [w for w in _WORD_RE.findall(rest.replace("#", " "))][:MAX_WORDS]
        vocab = _words()
        places: list[Place] = []
        topics: list[str] = []
        unknown: list[str] = []
        i = 0
        while i < len(words):
            folded = _fold(words[i])
            if folded in vocab.filler:
                i += 1
                continue
            step, found = 1, None
            for n in range(min(SPAN, len(words) - i), 0, -1):
                span = words[i : i + n]
                if n > 1 and any(_fold(w) in vocab.filler for w in span):
                    continue
                found = self._span(span)
                if found is not None:
                    step = n
                    break
            if isinstance(found, Place):
                places.append(found) if found not in places else None
            elif isinstance(found, str):
                topics.append(found) if found not in topics else None
            elif folded not in vocab.place_words:
                unknown.append(words[i])
            i += step
        return Question(tuple(places), tuple(topics), period, tuple(unknown))


# -- the key of a question in a button: "KZ-75+UZ-TK+tourism+@20250301-20250331" ------------


def encode(question: Question) -> str:
    parts = [p.code for p in question.places] + list(question.topics)
    p = question.period
    if p is not None:
        since = p.since.strftime("%Y%m%d") if p.since else ""
        until = p.until.strftime("%Y%m%d") if p.until else ""
        parts.append(f"@{since}-{until}")
    return "+".join(parts)


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date() if text else None
    except ValueError:
        return None


def decode(key: str) -> Question | None:
    """The question a button carries; None when the key is not one (forged or stale)."""
    places: list[Place] = []
    topics: list[str] = []
    period = None
    for part in key.split("+")[:MAX_WORDS]:
        if part.startswith("@"):
            since, _, until = part[1:].partition("-")
            period = Period(_day(since), _day(until))
            if period.since is None and period.until is None:
                return None  # "@2026": no date in it
        elif re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", part):
            places.append(Place("region", part))
        elif re.fullmatch(r"[A-Z]{2}", part):
            places.append(Place("country", part))
        elif re.fullmatch(r"[a-z_]{2,30}", part):
            topics.append(part)
        else:
            return None
    question = Question(tuple(places), tuple(topics), period)
    return question if question.understood else None


@cache
def reader() -> Reader:
    """The process's one reader (the gazetteer and its caches are loaded once)."""
    return Reader()
