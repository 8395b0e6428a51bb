"""The digest's text: escaped, hashtags as on the card, split between articles only."""

from __future__ import annotations

import datetime as dt

from bot.delivery.digest import MESSAGE_LIMIT, render_digest
from storage.models import StoredArticle

DAY = dt.date(2025, 1, 3)


def article(i: int, *, title: str = "Заголовок", topics: tuple[str, ...] = ()) -> StoredArticle:
    return StoredArticle(
        id=i,
        title=title,
        lead="Лид & <i>",
        date=dt.date(2025, 1, 2),
        url="https://x.kz/?a=1&b=2",
        summary="",
        regions=(),
        countries=(),
        topics=topics,
    )


def test_one_message_lists_every_article_escaped_with_russian_hashtags() -> None:
    [text] = render_digest(
        [article(1, title="<b>Алматы</b>", topics=("agriculture",)), article(2)], "ru", DAY
    )
    assert text.startswith("🗞 <b>Дайджест за 03.01.2025</b>: новых статей — 2")
    assert "1. <b>&lt;b&gt;Алматы&lt;/b&gt;</b>" in text
    assert "02.01.2025 · #сельское_хозяйство" in text
    assert "Лид &amp; &lt;i&gt;" in text
    assert '<a href="https://x.kz/?a=1&amp;b=2">Источник</a>' in text
    assert "2. <b>Заголовок</b>" in text


def test_english_reader_gets_english_frame() -> None:
    [text] = render_digest([article(1, topics=("tourism",))], "en", DAY)
    assert "Digest for 03.01.2025" in text and ">Source</a>" in text
    assert "#туризм" in text  # hashtags stay Russian, as on the card: they are for search


def test_long_digest_splits_between_articles_under_the_limit() -> None:
    articles = [
        article(i, title=f"Статья номер {i} " + "о сотрудничестве " * 15) for i in range(1, 80)
    ]
    parts = render_digest(articles, "ru", DAY)
    assert len(parts) > 1
    assert all(len(p) <= MESSAGE_LIMIT for p in parts)
    assert parts[1].startswith("🗞 <b>Дайджест за 03.01.2025</b> (продолжение)")
    joined = "\n\n".join(parts)
    assert all(f"{i}. <b>Статья номер {i} " in joined for i in range(1, 80))
