"""/subscribe [@channel] [NAME], /unsubscribe [@channel] [NAME|all], /subscriptions [@channel].

NAME is resolved like /region and /topic (a topic in any form, or a region in any case, Latin,
old name or a city); an unknown NAME gets up to three nearest names as buttons that subscribe.
Who may act is checked first (:mod:`bot.routers.targets`); a refusal changes nothing.
Channel posts (``channel_post`` updates) are handled like messages: the post proves the rights.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_subs import FilterCode, SubscribeCb, UnsubscribeCb
from bot.formatting import esc, shorten
from bot.keyboards import edit_in_place as edit
from bot.routers.targets import Target, button_target, command_target, where_label
from bot.services.articles import clean_query, topic_name
from bot.services.container import Services
from bot.services.names import EVERYTHING, Filter, resolve_name, suggest_names
from bot.texts import current_lang, t
from storage.queries import terms_of
from storage.subscriptions import Kind, Subscription

ALL_WORDS = frozenset({"all", "все", "всё", "*"})
KIND_CODES: dict[Kind, FilterCode] = {"region": FilterCode.REGION, "topic": FilterCode.TOPIC}
KIND_NAMES: dict[FilterCode, Kind] = {code: kind for kind, code in KIND_CODES.items()}
BUTTON_LABEL = 40
MAX_SUBSCRIPTIONS = 30  # per chat: a forged button loop must not grow a chat without bound


# --------------------------------------------------------------------------- shared helpers


def thread_of(message: Message) -> int | None:
    """The forum topic a message was sent in (replies in plain groups have threads too)."""
    return message.message_thread_id if message.is_topic_message else None


def filter_label(services: Services, kind: Kind, value: str) -> str:
    """A subscription's name for people (not escaped)."""
    if kind == "region":
        return f"📍 {services.articles.region_name(value, current_lang())}"
    if kind == "topic":
        return f"🏷 {topic_name(value, current_lang())}"
    if kind == "query":
        return "🔎 " + query_label(services, value)
    return t("subs.everything")


def query_label(services: Services, value: str) -> str:
    """A combined subscription as read: "Алматы ↔ Ташкент · туризм"."""
    lang = current_lang()
    terms = terms_of(value)
    names = [
        services.articles.region_name(x.value, lang)
        if x.kind == "region"
        else services.articles.country_name(x.value, lang)
        for x in terms
        if x.kind != "topic"
    ]
    topics = [topic_name(x.value, lang) for x in terms if x.kind == "topic"]
    return " · ".join(([" ↔ ".join(names)] if names else []) + topics)


def suggestions(services: Services, name: str) -> list[tuple[Filter, str]]:
    """Up to three nearest regions or topics, best first, with their labels."""
    return [
        (found, filter_label(services, found.kind, found.value))
        for found in suggest_names(services.articles, name)
    ]


# --------------------------------------------------------------------------- /subscribe


async def on_subscribe(
    message: Message, command: CommandObject, bot: Bot, services: Services
) -> None:
    got = await command_target(message, bot, command.args)
    if got is None:
        return
    target, name = got
    name = clean_query(name)
    thread = None if target.remote else thread_of(message)
    if not name:
        await message.answer(await subscribe(services, target, EVERYTHING, thread))
        return
    found = resolve_name(services.articles, name)
    if found is not None:
        await message.answer(await subscribe(services, target, found, thread))
        return
    text = t("subs.not_found", query=esc(shorten(name, 60)))
    options = suggestions(services, name)
    if not options:
        await message.answer(f"{text}\n{t('subs.no_suggest')}")
        return
    builder = InlineKeyboardBuilder()
    for option, label in options:
        data = SubscribeCb(
            chat=target.chat_id,
            kind=KIND_CODES[option.kind],
            value=option.value,
            thread=thread or 0,
        )
        builder.row(InlineKeyboardButton(text=label, callback_data=data.pack()))
    await message.answer(f"{text}\n{t('subs.suggest')}", reply_markup=builder.as_markup())


async def subscribe(services: Services, target: Target, found: Filter, thread: int | None) -> str:
    """Subscribe and say what happened (new, already there, chat revived, too many)."""
    existing = await services.subscriptions.list(target.chat_id)
    is_new = all((s.kind, s.value) != (found.kind, found.value) for s in existing)
    if is_new and len(existing) >= MAX_SUBSCRIPTIONS:
        return t("limits.too_many_subscriptions", limit=str(MAX_SUBSCRIPTIONS))
    result = await services.subscriptions.subscribe(
        target.chat_id,
        target.chat_type,
        found.kind,
        found.value or None,
        thread_id=thread,
        title=target.title,
        lang=current_lang(),
    )
    what = esc(filter_label(services, found.kind, found.value))
    where = where_label(target)
    lines = [t("subs.done" if result.created else "subs.already", what=what, where=where)]
    if result.created and thread is not None:
        lines.append(t("subs.in_topic"))
    if result.revived:
        lines.append(t("subs.revived"))
    return "\n".join(lines)


async def on_subscribe_button(
    query: CallbackQuery, callback_data: SubscribeCb, bot: Bot, services: Services
) -> None:
    target = await button_target(query, bot, callback_data.chat)
    kind = KIND_NAMES.get(callback_data.kind)
    if target is None:
        return
    if kind is None or not known_value(services, kind, callback_data.value):
        await query.answer(t("card.expired"))
        return
    await query.answer()
    text = await subscribe(
        services, target, Filter(kind, callback_data.value), callback_data.thread or None
    )
    assert isinstance(query.message, Message)
    await edit(query.message, text)


def known_value(services: Services, kind: str, value: str) -> bool:
    """A button's value checked like a typed name: a gazetteer region or a listed topic."""
    if kind == "region":
        return services.articles.region(value) is not None
    if kind == "topic":
        return any(slug == value for slug, _ in services.articles.topics("ru"))
    return False


# --------------------------------------------------------------------------- listing


async def listing(services: Services, target: Target) -> tuple[str, InlineKeyboardMarkup | None]:
    """The chat's subscriptions, one remove button each (and "remove all" for several)."""
    found = await services.subscriptions.list(target.chat_id)
    where = where_label(target)
    if not found:
        return t("subs.none", where=where), None
    lines = [t("subs.list_title", where=where)]
    builder = InlineKeyboardBuilder()
    for number, sub in enumerate(found, 1):
        lines.append(f"{number}. {esc(label_of(services, sub))}")
        button = t("subs.remove_button", what=shorten(label_of(services, sub), BUTTON_LABEL))
        builder.row(
            InlineKeyboardButton(
                text=button, callback_data=UnsubscribeCb(chat=target.chat_id, id=sub.id).pack()
            )
        )
    if len(found) > 1:
        builder.row(
            InlineKeyboardButton(
                text=t("subs.remove_all_button"),
                callback_data=UnsubscribeCb(chat=target.chat_id, id=0).pack(),
            )
        )
    lines += ["", t("subs.list_hint")]
    return "\n".join(lines), builder.as_markup()


def label_of(services: Services, sub: Subscription) -> str:
    label = filter_label(services, sub.kind, sub.value)
    return label + t("subs.topic_mark") if sub.thread_id is not None else label


async def on_subscriptions(
    message: Message, command: CommandObject, bot: Bot, services: Services
) -> None:
    got = await command_target(message, bot, command.args)
    if got is None:
        return
    text, markup = await listing(services, got[0])
    await message.answer(text, reply_markup=markup)


# --------------------------------------------------------------------------- /unsubscribe


async def on_unsubscribe(
    message: Message, command: CommandObject, bot: Bot, services: Services
) -> None:
    got = await command_target(message, bot, command.args)
    if got is None:
        return
    target, name = got
    name = clean_query(name)
    service = services.subscriptions
    if not name:
        text, markup = await listing(services, target)
        await message.answer(text, reply_markup=markup)
        return
    if name.lower() in ALL_WORDS:
        removed = await service.unsubscribe_all(target.chat_id)
        key = "subs.removed_all" if removed else "subs.none"
        await message.answer(t(key, count=str(removed), where=where_label(target)))
        return
    found = resolve_name(services.articles, name)
    if found is not None and await service.unsubscribe(target.chat_id, found.kind, found.value):
        what = esc(filter_label(services, found.kind, found.value))
        await message.answer(t("subs.removed", what=what))
        return
    # Unknown name or not subscribed to it: say so and show what there is to remove.
    if found is None:
        head = t("subs.not_found", query=esc(shorten(name, 60)))
    else:
        what = esc(filter_label(services, found.kind, found.value))
        head = t("subs.not_subscribed", what=what)
    text, markup = await listing(services, target)
    await message.answer(f"{head}\n\n{text}", reply_markup=markup)


async def on_remove_button(
    query: CallbackQuery, callback_data: UnsubscribeCb, bot: Bot, services: Services
) -> None:
    """A remove button: drop it (or all) and edit the list in place."""
    target = await button_target(query, bot, callback_data.chat)
    if target is None:
        return
    service = services.subscriptions
    if callback_data.id == 0:
        removed = await service.unsubscribe_all(target.chat_id) > 0
    else:
        removed = await service.unsubscribe_id(target.chat_id, callback_data.id)
    await query.answer(t("subs.removed_toast" if removed else "subs.already_removed"))
    text, markup = await listing(services, target)
    assert isinstance(query.message, Message)
    await edit(query.message, text, markup)


def build() -> Router:
    router = Router(name="subscriptions")
    for observer in (router.message, router.channel_post):
        observer(Command("subscribe"))(on_subscribe)
        observer(Command("unsubscribe"))(on_unsubscribe)
        observer(Command("subscriptions"))(on_subscriptions)
    router.callback_query(SubscribeCb.filter())(on_subscribe_button)
    router.callback_query(UnsubscribeCb.filter(), F.message)(on_remove_button)
    return router
