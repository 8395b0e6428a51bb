"""Inline keyboards: list pages, suggestion and picker buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCb, CountryCb, ListCb
from bot.formatting import shorten
from bot.texts import t
from storage.analysis.model import RegionRef
from storage.models import StoredArticle

BUTTON_TITLE = 40


def list_keyboard(articles: Sequence[StoredArticle], *, first_number: int, more: ListCb | None,
                  lang: str) -> InlineKeyboardMarkup | None:
    """One button per article (its card), then "more" when a next page exists."""
    builder = InlineKeyboardBuilder()
    for i, article in enumerate(articles):
        label = f"{first_number + i}. {shorten(article.title, BUTTON_TITLE)}"
        builder.row(InlineKeyboardButton(text=label,
                                         callback_data=CardCb(id=article.id).pack()))
    if more is not None:
        builder.row(InlineKeyboardButton(text=t("list.more", lang), callback_data=more.pack()))
    return builder.as_markup() if articles or more else None


def suggestions_keyboard(items: Sequence[tuple[str, ListCb]]) -> InlineKeyboardMarkup:
    """A button per suggested name, each opening that region's or topic's list."""
    builder = InlineKeyboardBuilder()
    for label, data in items:
        builder.row(InlineKeyboardButton(text=label, callback_data=data.pack()))
    return builder.as_markup()


def countries_keyboard(countries: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in countries:
        builder.button(text=name, callback_data=CountryCb(code=code).pack())
    builder.adjust(2)
    return builder.as_markup()


def regions_keyboard(regions: Sequence[tuple[RegionRef, int]], lang: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for region, count in regions:
        data = ListCb(kind="r", key=region.code, page=0)
        builder.button(text=f"{region.name} ({count})", callback_data=data.pack())
    builder.adjust(2)
    builder.row(InlineKeyboardButton(text=t("region.back", lang),
                                     callback_data=CountryCb(code="").pack()))
    return builder.as_markup()


def topics_keyboard(topics: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for slug, name in topics:
        builder.button(text=name, callback_data=ListCb(kind="t", key=slug, page=0).pack())
    builder.adjust(2)
    return builder.as_markup()
