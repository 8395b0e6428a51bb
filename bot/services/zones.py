"""Time zones as readers name them: a city in Russian or English (any case form), a UTC offset
("UTC+5", "GMT-3", "+5"), or an IANA name; and a zone shown back as "Москва (UTC+5)".

Knowledge lives in ``data/zones.toml`` (cities) and ``data/settings_words.toml`` (the words of
``/settings``), so adding a city or a synonym is a data edit.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from storage.analysis.morph import fold, lemma

DATA = Path(__file__).with_name("data")
TZ_MAX = 64  # the longest IANA name is 32 characters; longer input is not a zone
_OFFSET_RE = re.compile(r"^(?:utc|gmt|мск)?\s*([+-−])\s*(\d{1,2})(?::00)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class City:
    zone: str
    ru: str
    en: str


@dataclass(frozen=True, slots=True)
class _Zones:
    cities: tuple[City, ...]
    buttons: int
    by_name: dict[str, str]  # folded name or lemma -> zone


def _key(text: str) -> str:
    return " ".join(fold(w) for w in text.split())


def _lemma_key(text: str) -> str:
    return " ".join(lemma(w) for w in text.split())


@cache
def _zones() -> _Zones:
    data = tomllib.loads((DATA / "zones.toml").read_text(encoding="utf-8"))
    cities = tuple(City(c["zone"], c["ru"], c["en"]) for c in data["city"])
    by_name: dict[str, str] = {}
    for entry in data["city"]:
        for name in [entry["ru"], entry["en"], *entry.get("also", [])]:
            by_name.setdefault(_key(name), entry["zone"])
            by_name.setdefault(_lemma_key(name), entry["zone"])
    return _Zones(cities, int(data["buttons"]), by_name)


@cache
def _iana() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def resolve_zone(text: str) -> str | None:
    """The IANA zone ``text`` means: a known city, a whole-hour UTC offset or a zone name."""
    text = " ".join(text.split())
    if not text or len(text) > TZ_MAX:
        return None
    if (zone := _iana().get(text.lower())) is not None:
        return zone
    m = _OFFSET_RE.match(text)
    if m:
        hours = int(m[2])
        if hours > 14:
            return None
        if hours == 0:
            return "Etc/UTC"
        # POSIX signs are inverted in Etc/ names: UTC+5 is Etc/GMT-5
        return f"Etc/GMT{'-' if m[1] == '+' else '+'}{hours}"
    zones = _zones().by_name
    return zones.get(_key(text)) or zones.get(_lemma_key(text))


def offset_label(zone: str, now: dt.datetime | None = None) -> str:
    """ "UTC+5", "UTC+5:30", "UTC" for ``zone`` at ``now`` (its current offset)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zoneinfo.ZoneInfo(zone))
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def zone_label(zone: str, lang: str, now: dt.datetime | None = None) -> str:
    """A zone for people: "Москва (UTC+3)", or the IANA name with its offset."""
    offset = offset_label(zone, now)
    for city in _zones().cities:
        if city.zone == zone:
            return f"{city.ru if lang == 'ru' else city.en} ({offset})"
    if zone.startswith("Etc/"):
        return offset
    return f"{zone} ({offset})"


def button_zones() -> tuple[str, ...]:
    """The zones offered as buttons, in the data's order."""
    z = _zones()
    return tuple(city.zone for city in z.cities[: z.buttons])


@cache
def settings_words() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(word -> setting, words for "on", words for "off") from ``data/settings_words.toml``."""
    data = tomllib.loads((DATA / "settings_words.toml").read_text(encoding="utf-8"))
    words = {fold(w): what for what, ws in data["words"].items() for w in ws}
    return words, frozenset(data["switch"]["on"]), frozenset(data["switch"]["off"])
