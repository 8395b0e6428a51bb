"""Inline keyboards: list pages, suggestion and picker buttons; editing a keyboard in place."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCb, CountryCb, ListCb, ListKind
from bot.services.articles import region_label
from bot.texts import current_lang, t
from storage.analysis.model import RegionRef
from storage.models import StoredArticle

NUMBERS_PER_ROW = 5


def list_keyboard(
    articles: Sequence[StoredArticle],
    *,
    first_number: int,
    more: ListCb | None,
    back: ListCb | None = None,
) -> InlineKeyboardMarkup | None:
    """A numbered button per article (its card; the full titles are in the message), five to a
    row, then ◀ and ▶ for the previous and next pages.

    Built directly rather than with InlineKeyboardBuilder: its export deep-copies every
    button, which was the costliest step of answering /region in the bot benchmark.
    """
    numbers = [
        InlineKeyboardButton(text=str(first_number + i), callback_data=CardCb(id=a.id).pack())
        for i, a in enumerate(articles)
    ]
    rows = [numbers[i : i + NUMBERS_PER_ROW] for i in range(0, len(numbers), NUMBERS_PER_ROW)]
    nav = []
    if back is not None:
        nav.append(InlineKeyboardButton(text=t("list.back"), callback_data=back.pack()))
    if more is not None:
        nav.append(InlineKeyboardButton(text=t("list.more"), callback_data=more.pack()))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def suggestions_keyboard(items: Sequence[tuple[str, ListCb]]) -> InlineKeyboardMarkup:
    """A button per suggested name, each opening that region's or topic's list."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=data.pack())] for label, data in items
        ]
    )


def countries_keyboard(countries: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in countries:
        builder.button(text=name, callback_data=CountryCb(code=code).pack())
    builder.adjust(2)
    return builder.as_markup()


def regions_keyboard(regions: Sequence[tuple[RegionRef, int]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for region, count in regions:
        data = ListCb(kind=ListKind.REGION, key=region.code, page=0)
        name = region_label(region.code, region.name, current_lang())
        builder.button(text=f"{name} ({count})", callback_data=data.pack())
    builder.adjust(2)
    builder.row(
        InlineKeyboardButton(text=t("region.back"), callback_data=CountryCb(code="").pack())
    )
    return builder.as_markup()


def topics_keyboard(topics: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for slug, name in topics:
        builder.button(
            text=name, callback_data=ListCb(kind=ListKind.TOPIC, key=slug, page=0).pack()
        )
    builder.adjust(2)
    return builder.as_markup()


async def edit_in_place(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit in place; a press that changes nothing (a double tap) is not an error."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise
