"""/search by relevance with snippets, and /help's examples, end to end (issue 9)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_commands import items
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e

LISTING = ("/region", "/topic", "/search", "/latest", "/partners")


async def test_search_shows_the_matching_words_bold(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/search побратим")
    assert "В Узбекистане выбирают город-побратим Атырау" in items(reply)[0]
    snippet = reply.text.split("</b> — ", 1)[1].split("\n", 1)[1].split("\n\n")[0]
    assert re.search(r"<b>побратим\w*</b>", snippet, re.IGNORECASE)


async def test_search_puts_title_matches_first(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, "/search туризм")
    found = items(reply)
    assert len(found) == 5  # every seed speaks of tourism somewhere
    with_title = [i for i, line in enumerate(found) if "туризм" in line.lower()]
    assert with_title == list(range(len(with_title))) and with_title  # title matches lead


async def test_search_words_are_plain_text(tg: FakeTelegram) -> None:
    user = tg.new_user()
    [reply] = await tg.ask(user, '/search <b>туризм</b> "OR" NEAR(')
    assert "&lt;b&gt;туризм&lt;/b&gt;" in reply.text  # shown as typed: escaped, never markup
    assert "<b>туризм</b>" in reply.plain


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_every_help_example_finds_something(tg: FakeTelegram, lang: str) -> None:
    user = tg.new_user(language_code=lang)
    [help_text] = await tg.ask(user, "/help")
    examples = [
        html_unescape(code)
        for code in re.findall(r"<code>(.*?)</code>", help_text.text)
        if code.startswith(LISTING) or not code.startswith(("/", "@"))
    ]
    assert len(examples) >= 8
    for example in examples:
        count = 2 if example.startswith("/partners") else 1
        replies = await tg.ask(user, example, count)
        numbered = [line for line in replies[0].plain.splitlines() if re.match(r"\d+\. ", line)]
        assert numbered, f"{example!r} found nothing: {replies[0].plain[:200]}"


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
