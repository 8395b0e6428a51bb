"""Every text the bot says, by key and language: ``t("start.text", "en")``.

The catalogues are TOML files, ``bot/locales/<lang>/*.toml``; all files of a language are merged,
so a feature adds its own file (``subscriptions.toml``) without touching the others. Nested
tables become dotted keys (``[region] not_found = ...`` is ``region.not_found``).

Why TOML and not gettext (aiogram's i18n): gettext needs a compile step (.po -> .mo) and a
Babel dependency, and its keys are the Russian sentences themselves, so fixing a typo in Russian
breaks every other language. TOML is read by the standard library, edited as plain text and
lets a long help text keep its lines. Adding a language is copying ``ru/`` to ``xx/`` and
translating; a missing key falls back to Russian, never to an error in a chat.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT_LANG = "ru"


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{name}.", out)
        else:
            out[name] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All texts of ``lang`` (every ``*.toml`` of its folder merged, in name order)."""
    texts: dict[str, str] = {}
    folder = LOCALES_DIR / lang
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(tomllib.load(fh), "", texts)
    return texts


@cache
def languages() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir()))


def pick_language(language_code: str | None) -> str:
    """The catalogue for a Telegram ``language_code`` ("en-US" -> "en"); Russian otherwise."""
    if language_code:
        base = language_code.split("-")[0].lower()
        if base in languages():
            return base
    return DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **kwargs: object) -> str:
    """The text ``key`` in ``lang`` (Russian if missing there), formatted with ``kwargs``.

    Arguments are inserted as given: callers pass values already escaped for HTML.
    """
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANG).get(key, key)
    return text.format(**kwargs) if kwargs else text
