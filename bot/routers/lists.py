"""Article lists shared by /region, /topic, /latest and /search: a page, its "more" button,
and the card button. Handlers elsewhere decide *what* to list; this sends it."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.callbacks import CardCb, ListCb, ListKind
from bot.formatting import article_card, article_list, esc, split_html
from bot.keyboards import list_keyboard, suggestions_keyboard
from bot.services.articles import topic_name
from bot.services.asking import Question, decode, encode
from bot.services.container import Services
from bot.texts import current_lang, t
from storage.models import Page


@dataclass(frozen=True, slots=True)
class ListSpec:
    """How one kind of list is read and titled: its page, and the arguments of its texts
    (``<section>.title`` and ``<section>.empty`` in the catalogues)."""

    section: str
    page: Callable[[Services, str, int], Awaitable[Page | None]]
    args: Callable[[Services, str], dict[str, str]]


async def _search_page(services: Services, key: str, page: int) -> Page | None:
    query = services.queries.query_for(key)  # None: the token expired (a restart)
    return None if query is None else await services.articles.search_page(query, page)


def _region_args(services: Services, key: str) -> dict[str, str]:
    return {"name": esc(services.articles.region_name(key, current_lang()))}


def _question(services: Services, key: str) -> Question | None:
    text = services.queries.query_for(key)  # None: the token expired (a restart)
    return None if text is None else decode(text)


async def _question_page(services: Services, key: str, page: int) -> Page | None:
    question = _question(services, key)
    if question is None:
        return None
    return await services.articles.combined(question.combined(), page)


def describe(services: Services, question: Question) -> str:
    """ "Алматы ↔ Ташкент · туризм · с 13.03.2026", escaped for HTML."""
    lang = current_lang()
    names = [
        services.articles.region_name(p.code, lang)
        if p.kind == "region"
        else services.articles.country_name(p.code, lang)
        for p in question.places
    ]
    parts = [" ↔ ".join(names)] if names else []
    parts += [topic_name(slug, lang) for slug in question.topics]
    period = question.period
    if period is not None:
        since = period.since.strftime("%d.%m.%Y") if period.since else ""
        until = period.until.strftime("%d.%m.%Y") if period.until else ""
        if since and since == until:
            parts.append(t("ask.on_day", day=since))
        elif since and until:
            parts.append(f"{since}–{until}")
        elif since:
            parts.append(t("ask.since", day=since))
    return esc(" · ".join(parts))


def _question_args(services: Services, key: str) -> dict[str, str]:
    question = _question(services, key)
    return {"name": describe(services, question) if question else ""}


LISTS: dict[ListKind, ListSpec] = {
    ListKind.REGION: ListSpec(
        "region", lambda s, key, page: s.articles.region_page(key, page), _region_args
    ),
    ListKind.TOPIC: ListSpec(
        "topic",
        lambda s, key, page: s.articles.topic_page(key, page),
        lambda s, key: {"name": esc(topic_name(key, current_lang()))},
    ),
    ListKind.LATEST: ListSpec(
        "latest", lambda s, key, page: s.articles.latest_page(page), lambda s, key: {}
    ),
    ListKind.QUESTION: ListSpec("ask", _question_page, _question_args),
    ListKind.SEARCH: ListSpec(
        "search", _search_page, lambda s, key: {"query": esc(s.queries.query_for(key) or "")}
    ),
}


async def fetch(services: Services, kind: ListKind, key: str, page: int) -> Page | None:
    """The page of a list; None when the list cannot be rebuilt (an expired search)."""
    return await LISTS[kind].page(services, key, page)


def header(services: Services, kind: ListKind, key: str) -> str:
    spec = LISTS[kind]
    return t(f"{spec.section}.title", **spec.args(services, key))


def empty_text(services: Services, kind: ListKind, key: str) -> str:
    spec = LISTS[kind]
    return t(f"{spec.section}.empty", **spec.args(services, key))


async def send_list(
    target: Message, services: Services, kind: ListKind, key: str, page: int = 0
) -> None:
    """Answer in ``target``'s chat with page ``page`` of the list, buttons under it."""
    found = await fetch(services, kind, key, page)
    if found is None:
        await target.answer(t("card.expired"))
        return
    if not found.items:
        if page:
            await target.answer(t("list.no_more"))
            return
        options, subscribe = await nearest(services, kind, key)
        text = empty_text(services, kind, key)
        if subscribe:
            text += "\n" + t("list.subscribe_hint", command=esc(f"/subscribe {subscribe}"))
        if options:
            text += "\n" + t("list.nearest")
        await target.answer(text, reply_markup=suggestions_keyboard(options) if options else None)
        return
    first = page * services.articles.page_size + 1
    title = header(services, kind, key)
    if page:
        title += " · " + t("list.page", page=page + 1)
    more = ListCb(kind=kind, key=key, page=page + 1) if found.has_more else None
    back = ListCb(kind=kind, key=key, page=page - 1) if page else None
    pieces = split_html(
        article_list(title, found.items, first_number=first, snippets=found.snippets)
    )
    for piece in pieces[:-1]:
        await target.answer(piece)
    markup = list_keyboard(found.items, first_number=first, more=more, back=back)
    await target.answer(pieces[-1], reply_markup=markup)


async def nearest(
    services: Services, kind: ListKind, key: str
) -> tuple[list[tuple[str, ListCb]], str]:
    """For an empty list: the nearest lists that have articles (the city for its oblast and
    vice versa, the country, each part of a combined question alone, the question without its
    period) and the name to subscribe to so the first article is not missed."""
    articles, lang = services.articles, current_lang()
    candidates: list[tuple[str, ListKind, str]] = []
    subscribe = ""
    if kind is ListKind.REGION:
        twin = articles.twin(key)
        if twin:
            candidates.append((articles.region_name(twin, lang), ListKind.REGION, twin))
        country = key.split("-")[0]
        candidates.append((articles.country_name(country, lang), ListKind.QUESTION, country))
        subscribe = articles.region_name(key, "ru")
    elif kind is ListKind.QUESTION and (question := _question(services, key)) is not None:
        if question.period is not None:
            whole = replace(question, period=None)
            candidates.append((describe(services, whole), ListKind.QUESTION, encode(whole)))
        for place in question.places:
            solo = Question((place,))
            list_kind = ListKind.REGION if place.kind == "region" else ListKind.QUESTION
            candidates.append((describe(services, solo), list_kind, place.code))
        subscribe = " ".join(_russian_words(services, question))
    elif kind is ListKind.TOPIC:
        subscribe = topic_name(key, "ru")
    options = []
    for label, list_kind, list_key in candidates:
        keyed = _keyed(services, list_kind, list_key)
        page = await fetch(services, list_kind, keyed, 0)
        if page is not None and page.items:
            options.append((html.unescape(label), ListCb(kind=list_kind, key=keyed, page=0)))
    return options[:4], subscribe


def _keyed(services: Services, kind: ListKind, key: str) -> str:
    return services.queries.key_for(key) if kind is ListKind.QUESTION else key


def _russian_words(services: Services, question: Question) -> list[str]:
    """The question's names in Russian: what /subscribe reads back to the same terms."""
    words = [
        services.articles.region_name(p.code, "ru")
        if p.kind == "region"
        else services.articles.country_name(p.code, "ru")
        for p in question.places
    ]
    return words + [topic_name(slug, "ru") for slug in question.topics]


async def send_card(target: Message, services: Services, article_id: int) -> None:
    article = await services.articles.article(article_id)
    if article is None:
        await target.answer(t("card.gone"))
        return
    for piece in split_html(article_card(article)):
        await target.answer(piece)


async def on_list_page(query: CallbackQuery, callback_data: ListCb, services: Services) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_list(
            query.message,
            services,
            callback_data.kind,
            callback_data.key,
            max(callback_data.page, 0),
        )


async def on_card(query: CallbackQuery, callback_data: CardCb, services: Services) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, services, callback_data.id)


def build() -> Router:
    router = Router(name="lists")
    router.callback_query(ListCb.filter())(on_list_page)
    router.callback_query(CardCb.filter())(on_card)
    return router
