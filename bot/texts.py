"""Every text the bot says, by key, in the reader's language: ``t("start.text")``.

The language is resolved once per update by :class:`bot.middlewares.LocaleMiddleware` and kept
in a context variable (as aiogram's i18n keeps its locale), so code that builds a reply just
calls ``t(key, ...)``; code outside an update (delivery, which writes in each chat's language)
passes the language explicitly or wraps its work in ``with use_locale(lang):``.

The catalogues are TOML files, ``bot/locales/<lang>/*.toml``; all files of a language are merged,
so a feature adds its own file (``subscriptions.toml``) without touching the others. Nested
tables become dotted keys (``[region] not_found = ...`` is ``region.not_found``). A table whose
keys are CLDR plural categories (``one``, ``few``, ``many``, ``other``) is one text with plural
forms, chosen for its ``count`` by Babel's plural rules for the language.

Why TOML and not gettext (aiogram's own i18n): gettext needs a compile step (.po -> .mo) and its
keys are the Russian sentences themselves, so fixing a typo in Russian breaks every other
language. TOML is read by the standard library, edited as plain text and lets a long help text
keep its lines; Babel supplies only what TOML lacks, the plural rules (Russian's one/few/many).
Adding a language is copying ``ru/`` to ``xx/`` and translating; a missing key falls back to
Russian, never to an error in a chat.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT_LANG = "ru"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

Entry = str | dict[str, str]  # a text, or its plural forms by CLDR category

_locale: ContextVar[str] = ContextVar("locale", default=DEFAULT_LANG)


def _is_plural(table: dict[str, Any]) -> bool:
    return "other" in table and set(table) <= PLURAL_CATEGORIES


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, Entry]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and _is_plural(value):
            out[name] = {form: str(text) for form, text in value.items()}
        elif isinstance(value, dict):
            _flatten(value, f"{name}.", out)
        else:
            out[name] = str(value)


@cache
def catalogue(lang: str) -> dict[str, Entry]:
    """All texts of ``lang`` (every ``*.toml`` of its folder merged, in name order)."""
    texts: dict[str, Entry] = {}
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


def current_lang() -> str:
    """The language of the update being handled (Russian outside one)."""
    return _locale.get()


@contextlib.contextmanager
def use_locale(lang: str) -> Iterator[None]:
    """Texts in ``lang`` inside the block (per update, per delivered chat)."""
    token = _locale.set(lang)
    try:
        yield
    finally:
        _locale.reset(token)


@cache
def _plural_rule(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_form(lang: str, count: int) -> str:
    """The CLDR category of ``count`` in ``lang``: ru 1 one, 3 few, 5 many; en 1 one, 5 other."""
    return str(_plural_rule(lang).plural_form(abs(count)))


def t(key: str, lang: str | None = None, /, **kwargs: object) -> str:
    """The text ``key`` in ``lang`` (default: the current locale; Russian if missing there),
    formatted with ``kwargs``; a plural text takes the form for ``count``.

    Arguments are inserted as given: callers pass values already escaped for HTML.
    """
    lang = lang or _locale.get()
    entry = catalogue(lang).get(key)
    if entry is None:
        lang = DEFAULT_LANG
        entry = catalogue(DEFAULT_LANG).get(key, key)
    if isinstance(entry, dict):
        count = kwargs.get("count")
        form = plural_form(lang, count) if isinstance(count, int) else "other"
        entry = entry.get(form, entry["other"])
    return entry.format(**kwargs) if kwargs else entry
