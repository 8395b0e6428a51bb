"""Article lists shared by /region, /topic, /latest and /search: a page, its "more" button,
and the card button. Handlers elsewhere decide *what* to list; this sends it."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.callbacks import CardCb, ListCb
from bot.formatting import article_card, article_list, esc, split_html
from bot.keyboards import list_keyboard
from bot.services.articles import topic_name
from bot.services.container import Services
from bot.texts import t
from storage.models import Page


async def fetch(services: Services, kind: str, key: str, page: int) -> Page | None:
    """The page of a list; None when the list cannot be rebuilt (an expired search)."""
    articles = services.articles
    if kind == "r":
        return await articles.region_page(key, page)
    if kind == "t":
        return await articles.topic_page(key, page)
    if kind == "s":
        query = services.queries.query_for(key)
        return None if query is None else await articles.search_page(query, page)
    return await articles.latest_page(page)


def _list_text(services: Services, kind: str, key: str, lang: str, which: str) -> str:
    """The list's heading (``which`` = "title") or its nothing-found line ("empty")."""
    if kind == "r":
        region = services.articles.region(key)
        return t(f"region.{which}", lang, name=esc(region.name if region else key))
    if kind == "t":
        return t(f"topic.{which}", lang, name=esc(topic_name(key, lang)))
    if kind == "s":
        query = services.queries.query_for(key) or ""
        return t(f"search.{which}", lang, query=esc(query))
    return t("latest.title" if which == "title" else "list.empty", lang)


def header(services: Services, kind: str, key: str, lang: str) -> str:
    return _list_text(services, kind, key, lang, "title")


def empty_text(services: Services, kind: str, key: str, lang: str) -> str:
    return _list_text(services, kind, key, lang, "empty")


async def send_list(
    target: Message, services: Services, lang: str, kind: str, key: str, page: int = 0
) -> None:
    """Answer in ``target``'s chat with page ``page`` of the list, buttons under it."""
    found = await fetch(services, kind, key, page)
    if found is None:
        await target.answer(t("card.expired", lang))
        return
    if not found.items:
        await target.answer(
            t("list.no_more", lang) if page else empty_text(services, kind, key, lang)
        )
        return
    first = page * services.articles.page_size + 1
    title = header(services, kind, key, lang)
    if page:
        title += " · " + t("list.page", lang, page=page + 1)
    more = ListCb(kind=kind, key=key, page=page + 1) if found.has_more else None
    pieces = split_html(article_list(title, found.items, lang, first_number=first))
    for piece in pieces[:-1]:
        await target.answer(piece)
    markup = list_keyboard(found.items, first_number=first, more=more, lang=lang)
    await target.answer(pieces[-1], reply_markup=markup)


async def send_card(target: Message, services: Services, lang: str, article_id: int) -> None:
    article = await services.articles.article(article_id)
    if article is None:
        await target.answer(t("card.gone", lang))
        return
    for piece in split_html(article_card(article, lang)):
        await target.answer(piece)


async def on_list_page(
    query: CallbackQuery, callback_data: ListCb, services: Services, lang: str
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_list(
            query.message,
            services,
            lang,
            callback_data.kind,
            callback_data.key,
            max(callback_data.page, 0),
        )


async def on_card(
    query: CallbackQuery, callback_data: CardCb, services: Services, lang: str
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, services, lang, callback_data.id)


def build() -> Router:
    router = Router(name="lists")
    router.callback_query(ListCb.filter())(on_list_page)
    router.callback_query(CardCb.filter())(on_card)
    return router
