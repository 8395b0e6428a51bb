"""The card, list items and the 4096 splitter, checked with the fake's Telegram HTML parser."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.formatting import article_card, esc, hashtag, html_to_text, list_item, split_html
from storage.analysis.model import RegionRef
from storage.models import StoredArticle
from tests.support.fake_telegram import TelegramError, parse_html


def article(**changes: object) -> StoredArticle:
    base: dict[str, object] = {
        "id": 7,
        "title": "Тараз и Ташкент: <b>туризм</b> & торговля",
        "lead": "Лид <i>статьи</i>.",
        "date": dt.date(2025, 9, 21),
        "url": 'https://example.org/a?x=1&y="2"',
        "summary": "Первое предложение. Второе <script>alert(1)</script> предложение.",
        "regions": (
            RegionRef("KZ-31", "Жамбылская область", "KZ"),
            RegionRef("UZ-TK", "Ташкент", "UZ"),
        ),
        "countries": ("KZ", "UZ"),
        "topics": ("agriculture", "tourism", "transport"),
    }
    base.update(changes)
    return StoredArticle(**base)  # type: ignore[arg-type]


def test_card_is_valid_telegram_html_with_everything_escaped() -> None:
    card = article_card(article(), "ru")
    visible = parse_html(card)  # raises on what Telegram would refuse
    lines = visible.splitlines()
    assert lines[0] == "Тараз и Ташкент: <b>туризм</b> & торговля"
    assert "21.09.2025" in lines[1]
    assert "Жамбылская область, Ташкент" in lines[2]
    assert "#сельское_хозяйство" in lines[3] and "#туризм" in lines[3]
    assert "#транспорт" in lines[3]
    assert "<script>alert(1)</script>" in visible
    assert 'href="https://example.org/a?x=1&amp;y=&quot;2&quot;"' in card
    assert lines[-1] == "Источник"


def test_card_in_english_keeps_russian_hashtags() -> None:
    card = parse_html(article_card(article(), "en"))
    assert "#туризм" in card and card.splitlines()[-1] == "Source"


def test_card_without_date_url_or_tags() -> None:
    card = parse_html(article_card(article(date=None, url=None, regions=(), topics=()), "ru"))
    assert "без даты" in card and "Источник" not in card


def test_card_of_an_absurd_article_stays_under_the_limit() -> None:
    huge = article(
        title="Т" * 10_000,
        summary="слово " * 5000,
        regions=tuple(RegionRef(f"RU-{i}", "Область " * 5, "RU") for i in range(40)),
    )
    pieces = split_html(article_card(huge, "ru"))
    for piece in pieces:
        assert len(parse_html(piece)) <= 4096


def test_hashtag_is_readable() -> None:
    # Issue 11: glued tags (#сельскоехозяйство, #транспортилогистика) are hard to read.
    assert hashtag("транспорт и логистика") == "#транспорт"
    assert hashtag("сельское хозяйство") == "#сельское_хозяйство"
    assert hashtag("туризм") == "#туризм"
    assert hashtag("новое «слово», тут") == "#новое_слово_тут"


def test_card_shows_the_four_main_topics_first() -> None:
    card = article_card(
        article(topics=("trade", "agriculture", "industry", "transport", "ecology", "tourism")),
        "ru",
    )
    line = next(x for x in card.splitlines() if x.startswith("#"))
    assert line == "#торговля #сельское_хозяйство #промышленность #транспорт"


def test_list_item_has_number_title_date_and_one_line_gist() -> None:
    item = list_item(3, article(lead="Первая строка\nвторая строка"), "ru")
    visible = parse_html(item).splitlines()
    assert visible == ["3. Тараз и Ташкент: <b>туризм</b> & торговля — 21.09.2025", "Первая строка"]


def test_short_text_is_not_split() -> None:
    assert split_html("<b>a</b>\nb") == ["<b>a</b>\nb"]


@pytest.mark.parametrize("limit", [50, 100, 4096])
def test_split_never_cuts_inside_a_tag_or_entity(limit: int) -> None:
    block = '<b>Заголовок &amp; &lt;ещё&gt;</b>\n<a href="https://e.org/?a=1&amp;b=2">ссылка</a> '
    text = "\n".join(f"{i}. {block}" + esc("слова & знаки " * 20) for i in range(300))
    pieces = split_html(text, limit)
    assert len(pieces) > 1
    shown = []
    for piece in pieces:
        try:
            visible = parse_html(piece)
        except TelegramError as exc:  # pragma: no cover - the assertion message
            raise AssertionError(f"invalid piece: {exc}: {piece[:200]}") from None
        assert 0 < len(visible) <= limit
        shown.append(visible)
    # nothing lost: the words come out in order (whitespace at cuts aside)
    assert "".join("".join(shown).split()) == "".join(parse_html(text).split())


def test_split_prefers_line_breaks() -> None:
    lines = [f"строка {i} " + "x" * 30 for i in range(400)]
    pieces = split_html("\n".join(lines), 4096)
    for piece in pieces:
        assert piece.split("\n")[-1] in lines  # every piece ends with a whole line


def test_one_word_longer_than_the_limit_is_still_cut() -> None:
    pieces = split_html("<i>" + "я" * 9000 + "</i>", 4096)
    assert [len(parse_html(p)) for p in pieces] == [4096, 4096, 808]
    assert all(p.startswith("<i>") and p.endswith("</i>") for p in pieces)


def test_html_to_text_shows_links_after_their_words() -> None:
    assert (
        html_to_text('<b>a &amp; b</b> <a href="https://x.org">src</a>')
        == "a & b src (https://x.org)"
    )
