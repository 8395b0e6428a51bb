"""Wording of issue 9: plural forms, English region names, headings, no jargon."""

from __future__ import annotations

from bot.services.articles import heading, region_label
from bot.texts import catalogue, t


def test_partner_counts_in_plural_forms() -> None:
    assert [t("partners.articles", "ru", count=n) for n in (1, 3, 5, 21)] == [
        "1 статья",
        "3 статьи",
        "5 статей",
        "21 статья",
    ]
    assert [t("partners.articles", "en", count=n) for n in (1, 2)] == ["1 article", "2 articles"]


def test_region_names_in_english_and_as_headings() -> None:
    assert region_label("KZ-61", "Туркестанская область", "en") == "Turkistan Region"
    assert region_label("KZ-75", "Алматы", "en") == "Almaty"
    assert region_label("KZ-33", "область Жетысу", "ru") == "Область Жетысу"
    assert heading("область Жетысу") == "Область Жетысу"


def test_no_wording_slips_left() -> None:
    for lang in ("ru", "en"):
        texts = " ".join(str(v) for v in catalogue(lang).values())
        assert "перетегировано" not in texts
        assert "The news are" not in texts
