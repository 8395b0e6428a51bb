"""The text catalogues (bot/locales): every language says the same things with the same
placeholders, plural texts have every form their language needs, and the locale of an update is
the one ``t`` uses."""

from __future__ import annotations

import asyncio
import string

import pytest
from babel import Locale

from bot.texts import Entry, catalogue, current_lang, languages, t, use_locale


def placeholders(entry: Entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_two_languages() -> None:
    assert languages() == ("en", "ru")


def test_every_language_has_the_same_keys() -> None:
    ru = set(catalogue("ru"))
    for lang in languages():
        keys = set(catalogue(lang))
        assert sorted(ru - keys) == [], f"missing in {lang}"
        assert sorted(keys - ru) == [], f"only in {lang}"


def test_every_text_has_the_same_placeholders_in_every_language() -> None:
    ru = catalogue("ru")
    for lang in languages():
        other = catalogue(lang)
        differ = {
            key: (placeholders(ru[key]), placeholders(other[key]))
            for key in ru.keys() & other.keys()
            if placeholders(ru[key]) != placeholders(other[key])
        }
        assert differ == {}, lang


def test_a_plural_text_has_every_form_its_language_uses() -> None:
    found = 0
    for lang in languages():
        needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
        for key, entry in catalogue(lang).items():
            if isinstance(entry, dict):
                found += 1
                assert needed <= set(entry), (lang, key)
                assert "count" in placeholders(entry), (lang, key)
    assert found >= 4


def test_every_text_formats_with_its_placeholders() -> None:
    """A stray brace in a translation would raise in a chat; here it raises in the test."""
    for lang in languages():
        for entry in catalogue(lang).values():
            args = dict.fromkeys(placeholders(entry), "x")
            if isinstance(entry, dict):
                args["count"] = "1"
                for text in entry.values():
                    text.format(**args)
            elif args:
                entry.format(**args)


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (1, "1 активный", "1 active"),
        (2, "2 активных", "2 active"),
        (5, "5 активных", "5 active"),
        (11, "11 активных", "11 active"),
        (21, "21 активный", "21 active"),
        (0, "0 активных", "0 active"),
    ],
)
def test_plural_forms_follow_the_language(count: int, ru: str, en: str) -> None:
    assert t("admin.subscribers_active", "ru", count=count) == ru
    assert t("admin.subscribers_active", "en", count=count) == en


def test_the_current_locale_is_what_t_uses_and_is_per_task() -> None:
    assert current_lang() == "ru"
    assert t("list.more") == "Ещё ▶"
    with use_locale("en"):
        assert t("list.more") == "More ▶"
        assert t("list.more", "ru") == "Ещё ▶"  # an explicit language wins
    assert t("list.more") == "Ещё ▶"

    async def reader(lang: str) -> str:
        with use_locale(lang):
            await asyncio.sleep(0)  # the other update runs here
            return t("list.more")

    async def both() -> list[str]:
        return list(await asyncio.gather(reader("en"), reader("ru")))

    assert asyncio.run(both()) == ["More ▶", "Ещё ▶"]


def test_an_unknown_key_or_language_falls_back_never_raises() -> None:
    assert t("no.such.key") == "no.such.key"
    assert t("list.more", "xx") == "Ещё ▶"
