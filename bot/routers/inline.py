"""Inline mode: "@bot Алматы" in any chat offers matching articles; the chosen one is sent
as its summary card."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from bot.formatting import article_card, esc, format_date, shorten, split_html
from bot.services.container import Services
from bot.texts import t

RESULTS = 10


async def on_inline(query: InlineQuery, services: Services) -> None:
    articles = await services.articles.inline_results(query.query, limit=RESULTS)
    results: list[InlineQueryResultUnion] = [
        InlineQueryResultArticle(
            id=str(article.id),
            title=shorten(article.title, 100),
            description=f"{format_date(article.date)} · {shorten(article.gist, 120)}",
            input_message_content=InputTextMessageContent(
                message_text=split_html(article_card(article))[0], parse_mode="HTML"
            ),
        )
        for article in articles
    ]
    # No results: Telegram shows nothing; a "nothing found" line tells the user why.
    if not results and query.query.strip():
        results.append(
            InlineQueryResultArticle(
                id="none",
                title=t("inline.empty"),
                input_message_content=InputTextMessageContent(
                    message_text=t("inline.empty_text", query=esc(shorten(query.query, 60))),
                    parse_mode="HTML",
                ),
            )
        )
    await query.answer(results, cache_time=30, is_personal=False)


def build() -> Router:
    router = Router(name="inline")
    router.inline_query()(on_inline)
    return router
