"""Ranking /search matches: title hits weigh more than lead hits, newest first among equals,
and the per-article token cache stays bounded and notices a changed title."""

from __future__ import annotations

import pytest

from bot.services import search


def test_title_beats_lead_and_newest_breaks_ties() -> None:
    rows = [
        (1, "Погода в Алматы", "В Алматы ожидается снег, туризм не пострадает."),
        (2, "Туризм: новые маршруты", "Алматы и Ташкент откроют маршруты."),
        (3, "Выставка в Ташкенте", "Туризм и торговля обсуждены на выставке."),
    ]
    assert search.rank("туризм", rows) == [2, 1, 3]


def test_article_cache_is_bounded_and_sees_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "ARTICLE_CACHE", 10)
    monkeypatch.setattr(search, "_article_tokens", type(search._article_tokens)())
    rows = [(i, f"Заголовок {i}", "Туризм и торговля.") for i in range(50)]
    search.rank("туризм", rows)
    assert len(search._article_tokens) == 10
    # The same id with a new title is re-read, not answered from the cache.
    assert search.rank("туризм", [(49, "Туризм растёт", ""), (48, "Заголовок", "")]) == [49, 48]
    assert search.rank("туризм", [(49, "Заголовок", ""), (48, "Туризм растёт", "")]) == [48, 49]
