"""/partners NAME: whom a region or a country works with (articles where both are sides) and on
what, as text with a button per partner ("between NAME and the partner") and as a chart."""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import ListCb, ListKind
from bot.formatting import esc
from bot.routers.asking import send_not_understood, today
from bot.services.articles import topic_name
from bot.services.asking import Period, Question, encode, reader
from bot.services.container import Services
from bot.services.partners import PartnerView
from bot.texts import current_lang, t

DEFAULT_DAYS = 365


async def on_partners(message: Message, command: CommandObject, services: Services) -> None:
    text = " ".join((command.args or "").split())
    if not text:
        await message.answer(t("partners.usage"))
        return
    question = reader().read(text, today())
    if not question.places:
        if question.unknown:
            await send_not_understood(message, services, question.unknown)
        else:
            await message.answer(t("partners.usage"))
        return
    place = question.places[0]
    topic = question.topics[0] if question.topics else None
    period = question.period
    since = period.since if period and period.since else today() - dt.timedelta(DEFAULT_DAYS)
    lang = current_lang()
    name = services.partners.name(place, lang)
    what = name if topic is None else f"{name} · {topic_name(topic, lang)}"
    day = since.strftime("%d.%m.%Y")
    found = services.partners.view(await services.partners.partners(place, since, topic), lang)
    if not found:
        await message.answer(t("partners.none", name=esc(what), since=day))
    else:
        await send_partners(message, services, question, found, what, since, topic)
    # nothing typed is dropped: what /partners cannot use is said
    unused = [services.partners.name(p, lang) for p in question.places[1:]]
    unused += [topic_name(s, lang) for s in question.topics[1:]]
    if unused:
        await message.answer(t("partners.unused", words=esc(", ".join(unused))))
    if question.unknown:
        await send_not_understood(message, services, question.unknown)


# A period reaching back before this is "all time" (asking.toml: за всё время = 36,500 days).
ALL_TIME_BEFORE = dt.date(1950, 1, 1)


async def send_partners(
    message: Message,
    services: Services,
    question: Question,
    found: list[PartnerView],
    what: str,
    since: dt.date,
    topic: str | None,
) -> None:
    """The partners as numbered lines, a button each ("between"), then the chart."""
    place, lang = question.places[0], current_lang()
    if since < ALL_TIME_BEFORE:  # "за всё время": no date to show
        lines = [t("partners.title_all", name=esc(what))]
    else:
        lines = [t("partners.title", name=esc(what), since=since.strftime("%d.%m.%Y"))]
    buttons = []
    for number, partner in enumerate(found, 1):
        topics = f" ({esc(', '.join(partner.topics))})" if partner.topics else ""
        count = t("partners.articles", count=partner.articles)
        lines.append(f"{number}. <b>{esc(partner.name)}</b> — {count}{topics}")
        pair = Question((place, partner.place), (topic,) if topic else (), Period(since, None))
        key = services.queries.key_for(encode(pair))
        data = ListCb(kind=ListKind.QUESTION, key=key, page=0).pack()
        label = f"{number}. {services.partners.name(place, lang)} ↔ {partner.name}"
        buttons.append([InlineKeyboardButton(text=label[:60], callback_data=data)])
    await message.answer(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons)
    )
    title = t("partners.chart", name=what)
    png = await services.partners.chart(place, since, title, lang, topic)
    await message.answer_photo(BufferedInputFile(png, "partners.png"))


def build() -> Router:
    router = Router(name="partners")
    router.message(Command("partners"))(on_partners)
    return router
