"""/subscribe [@channel] [NAME], /unsubscribe [@channel] [NAME|all], /subscriptions [@channel].

NAME is resolved like /region and /topic (a topic in any form, or a region in any case, Latin,
old name or a city); an unknown NAME gets up to three nearest names as buttons that subscribe.
Who may act is checked first (:mod:`bot.services.permissions`); a refusal changes nothing.
Channel posts (``channel_post`` updates) are handled like messages: the post proves the rights.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from anyascii import anyascii
from rapidfuzz import fuzz

from bot.callbacks_subs import SubscribeCb, UnsubscribeCb
from bot.formatting import esc, html_to_text, shorten
from bot.services.articles import clean_query, topic_name
from bot.services.container import Services
from bot.services.permissions import (
    Refusal,
    Target,
    check_channel,
    check_message,
    check_user,
    here,
    is_channel_ref,
)
from bot.services.subscriptions import SubscriptionService
from bot.texts import t
from storage.analysis.morph import fold
from storage.subscriptions import Subscription

ALL_WORDS = frozenset({"all", "все", "всё", "*"})
KIND_CODES = {"region": "r", "topic": "t"}
KIND_NAMES = {code: kind for kind, code in KIND_CODES.items()}
BUTTON_LABEL = 40
MAX_SUBSCRIPTIONS = 30  # per chat: a forged button loop must not grow a chat without bound


@dataclass(frozen=True, slots=True)
class Filter:
    kind: str  # all, region, topic
    value: str  # ISO code, slug, "" for all


# --------------------------------------------------------------------------- shared helpers


def subs(services: Services) -> SubscriptionService:
    assert services.subscriptions is not None, "open_services builds the subscription service"
    return services.subscriptions


def thread_of(message: Message) -> int | None:
    """The forum topic a message was sent in (replies in plain groups have threads too)."""
    return message.message_thread_id if message.is_topic_message else None


def refusal_text(refusal: Refusal, lang: str) -> str:
    return t(refusal.key, lang, **refusal.args) if refusal.args else t(refusal.key, lang)


def split_channel(args: str | None) -> tuple[str | None, str]:
    """``@channel rest`` -> ("@channel", "rest"); anything else -> (None, args)."""
    text = (args or "").strip()
    first, _, rest = text.partition(" ")
    if first and is_channel_ref(first):
        return first, rest.strip()
    return None, text


async def command_target(
    message: Message, bot: Bot, args: str | None, lang: str
) -> tuple[Target, str] | None:
    """The chat a command manages and the rest of its arguments, or None after a refusal."""
    channel, rest = split_channel(args)
    if channel is not None:
        if message.chat.type != ChatType.PRIVATE or message.from_user is None:
            await message.answer(t("perm.channel_from_private", lang))
            return None
        checked = await check_channel(bot, channel, message.from_user.id)
        if isinstance(checked, Refusal):
            await message.answer(refusal_text(checked, lang))
            return None
        return checked, rest
    refusal = await check_message(bot, message)
    if refusal is not None:
        await message.answer(refusal_text(refusal, lang))
        return None
    return here(message), rest


async def button_target(query: CallbackQuery, bot: Bot, chat_id: int, lang: str) -> Target | None:
    """The chat a button manages, after checking the presser's rights (answers on refusal)."""
    message = query.message
    if not isinstance(message, Message):
        await query.answer(t("card.expired", lang))
        return None
    target: Target | None = None
    if chat_id == message.chat.id:
        target = here(message)
        refusal = await check_user(bot, message.chat, query.from_user.id)
    else:
        checked = await check_channel(bot, chat_id, query.from_user.id)
        target, refusal = (None, checked) if isinstance(checked, Refusal) else (checked, None)
    if refusal is not None or target is None:
        if chat_id != message.chat.id:
            # A button naming another chat (forgeable): one answer whether the chat is unknown
            # or not the presser's, so it never tells a stranger a title or who uses the bot.
            await query.answer(t("card.expired", lang), show_alert=True)
            return None
        text = html_to_text(refusal_text(refusal or Refusal("perm.not_admin"), lang))
        await query.answer(shorten(text, 190), show_alert=True)
        return None
    return target


def filter_label(services: Services, kind: str, value: str, lang: str) -> str:
    """A subscription's name for people (not escaped)."""
    if kind == "region":
        region = services.articles.region(value)
        return f"📍 {region.name if region else value}"
    if kind == "topic":
        return f"🏷 {topic_name(value, lang)}"
    return t("subs.everything", lang)


def where_label(target: Target, lang: str) -> str:
    if target.remote:
        return t("subs.where_channel", lang, channel=esc(target.title or str(target.chat_id)))
    return t("subs.where_here", lang)


# --------------------------------------------------------------------------- names


def resolve(services: Services, name: str) -> Filter | None:
    """A topic first (a closed list of words), then a region or a city."""
    slug = services.articles.find_topic(name).found
    if slug is not None:
        return Filter("topic", slug)
    region = services.articles.find_region(name).found
    return Filter("region", region.code) if region is not None else None


def _score(query: str, labels: list[str]) -> float:
    q = fold(query)
    return max(
        max(fuzz.WRatio(q, fold(label)), fuzz.WRatio(anyascii(q), anyascii(fold(label))))
        for label in labels
    )


def suggestions(services: Services, name: str, lang: str) -> list[tuple[Filter, str]]:
    """Up to three nearest regions or topics, best first, with their labels."""
    found: list[tuple[float, Filter, str]] = []
    for region in services.articles.find_region(name).suggestions:
        score = _score(name, [region.name])
        found.append((score, Filter("region", region.code), f"📍 {region.name}"))
    for slug in services.articles.find_topic(name).suggestions:
        score = _score(name, [topic_name(slug, "ru"), topic_name(slug, "en")])
        found.append((score, Filter("topic", slug), f"🏷 {topic_name(slug, lang)}"))
    found.sort(key=lambda item: -item[0])
    return [(f, label) for _, f, label in found[:3]]


# --------------------------------------------------------------------------- /subscribe


async def on_subscribe(
    message: Message, command: CommandObject, bot: Bot, services: Services, lang: str
) -> None:
    got = await command_target(message, bot, command.args, lang)
    if got is None:
        return
    target, name = got
    name = clean_query(name)
    thread = None if target.remote else thread_of(message)
    if not name:
        await message.answer(await subscribe(services, target, Filter("all", ""), thread, lang))
        return
    found = resolve(services, name)
    if found is not None:
        await message.answer(await subscribe(services, target, found, thread, lang))
        return
    text = t("subs.not_found", lang, query=esc(shorten(name, 60)))
    options = suggestions(services, name, lang)
    if not options:
        await message.answer(f"{text}\n{t('subs.no_suggest', lang)}")
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
    await message.answer(f"{text}\n{t('subs.suggest', lang)}", reply_markup=builder.as_markup())


async def subscribe(
    services: Services, target: Target, found: Filter, thread: int | None, lang: str
) -> str:
    """Subscribe and say what happened (new, already there, chat revived, too many)."""
    existing = await subs(services).list(target.chat_id)
    is_new = all((s.kind, s.value) != (found.kind, found.value) for s in existing)
    if is_new and len(existing) >= MAX_SUBSCRIPTIONS:
        return t("limits.too_many_subscriptions", lang, limit=str(MAX_SUBSCRIPTIONS))
    result = await subs(services).subscribe(
        target.chat_id,
        target.chat_type,
        found.kind,
        found.value or None,
        thread_id=thread,
        title=target.title,
        lang=lang,
    )
    what = esc(filter_label(services, found.kind, found.value, lang))
    where = where_label(target, lang)
    lines = [t("subs.done" if result.created else "subs.already", lang, what=what, where=where)]
    if result.created and thread is not None:
        lines.append(t("subs.in_topic", lang))
    if result.revived:
        lines.append(t("subs.revived", lang))
    return "\n".join(lines)


async def on_subscribe_button(
    query: CallbackQuery, callback_data: SubscribeCb, bot: Bot, services: Services, lang: str
) -> None:
    target = await button_target(query, bot, callback_data.chat, lang)
    kind = KIND_NAMES.get(callback_data.kind)
    if target is None:
        return
    if kind is None or not known_value(services, kind, callback_data.value):
        await query.answer(t("card.expired", lang))
        return
    await query.answer()
    text = await subscribe(
        services, target, Filter(kind, callback_data.value), callback_data.thread or None, lang
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


async def listing(
    services: Services, target: Target, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The chat's subscriptions, one remove button each (and "remove all" for several)."""
    found = await subs(services).list(target.chat_id)
    where = where_label(target, lang)
    if not found:
        return t("subs.none", lang, where=where), None
    lines = [t("subs.list_title", lang, where=where)]
    builder = InlineKeyboardBuilder()
    for number, sub in enumerate(found, 1):
        lines.append(f"{number}. {esc(label_of(services, sub, lang))}")
        button = t(
            "subs.remove_button", lang, what=shorten(label_of(services, sub, lang), BUTTON_LABEL)
        )
        builder.row(
            InlineKeyboardButton(
                text=button, callback_data=UnsubscribeCb(chat=target.chat_id, id=sub.id).pack()
            )
        )
    if len(found) > 1:
        builder.row(
            InlineKeyboardButton(
                text=t("subs.remove_all_button", lang),
                callback_data=UnsubscribeCb(chat=target.chat_id, id=0).pack(),
            )
        )
    lines += ["", t("subs.list_hint", lang)]
    return "\n".join(lines), builder.as_markup()


def label_of(services: Services, sub: Subscription, lang: str) -> str:
    label = filter_label(services, sub.kind, sub.value, lang)
    return label + t("subs.topic_mark", lang) if sub.thread_id is not None else label


async def on_subscriptions(
    message: Message, command: CommandObject, bot: Bot, services: Services, lang: str
) -> None:
    got = await command_target(message, bot, command.args, lang)
    if got is None:
        return
    text, markup = await listing(services, got[0], lang)
    await message.answer(text, reply_markup=markup)


# --------------------------------------------------------------------------- /unsubscribe


async def on_unsubscribe(
    message: Message, command: CommandObject, bot: Bot, services: Services, lang: str
) -> None:
    got = await command_target(message, bot, command.args, lang)
    if got is None:
        return
    target, name = got
    name = clean_query(name)
    service = subs(services)
    if not name:
        text, markup = await listing(services, target, lang)
        await message.answer(text, reply_markup=markup)
        return
    if name.lower() in ALL_WORDS:
        removed = await service.unsubscribe_all(target.chat_id)
        key = "subs.removed_all" if removed else "subs.none"
        await message.answer(t(key, lang, count=str(removed), where=where_label(target, lang)))
        return
    found = resolve(services, name)
    if found is not None and await service.unsubscribe(target.chat_id, found.kind, found.value):
        what = esc(filter_label(services, found.kind, found.value, lang))
        await message.answer(t("subs.removed", lang, what=what))
        return
    # Unknown name or not subscribed to it: say so and show what there is to remove.
    if found is None:
        head = t("subs.not_found", lang, query=esc(shorten(name, 60)))
    else:
        what = esc(filter_label(services, found.kind, found.value, lang))
        head = t("subs.not_subscribed", lang, what=what)
    text, markup = await listing(services, target, lang)
    await message.answer(f"{head}\n\n{text}", reply_markup=markup)


async def on_remove_button(
    query: CallbackQuery, callback_data: UnsubscribeCb, bot: Bot, services: Services, lang: str
) -> None:
    """A remove button: drop it (or all) and edit the list in place."""
    target = await button_target(query, bot, callback_data.chat, lang)
    if target is None:
        return
    service = subs(services)
    if callback_data.id == 0:
        removed = await service.unsubscribe_all(target.chat_id) > 0
    else:
        removed = await service.unsubscribe_id(target.chat_id, callback_data.id)
    await query.answer(t("subs.removed_toast" if removed else "subs.already_removed", lang))
    text, markup = await listing(services, target, lang)
    assert isinstance(query.message, Message)
    await edit(query.message, text, markup)


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit in place; a press that changes nothing (a double tap) is not an error."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise


def build() -> Router:
    router = Router(name="subscriptions")
    for observer in (router.message, router.channel_post):
        observer(Command("subscribe"))(on_subscribe)
        observer(Command("unsubscribe"))(on_unsubscribe)
        observer(Command("subscriptions"))(on_subscriptions)
    router.callback_query(SubscribeCb.filter())(on_subscribe_button)
    router.callback_query(UnsubscribeCb.filter(), F.message)(on_remove_button)
    return router
