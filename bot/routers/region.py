"""/region NAME: newest articles of a region; unknown names get suggestions; no name a picker."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import CountryCb, ListCb, ListKind
from bot.formatting import esc, shorten
from bot.keyboards import countries_keyboard, regions_keyboard, suggestions_keyboard
from bot.routers.asking import answer_question
from bot.services.container import Services
from bot.services.names import suggest_names
from bot.texts import current_lang, t


async def on_region(message: Message, command: CommandObject, services: Services) -> None:
    query = (command.args or "").strip()
    if not query:
        countries = await services.articles.countries(current_lang())
        await message.answer(t("region.pick_country"), reply_markup=countries_keyboard(countries))
        return
    if await answer_question(message, services, query):
        return
    found = suggest_names(services.articles, query, ("region",))
    text = t("region.not_found", query=esc(shorten(query, 60)))
    if not found:
        await message.answer(f"{text}\n{t('region.no_suggest')}")
        return
    buttons = [
        (
            services.articles.region_name(f.value, current_lang()),
            ListCb(kind=ListKind.REGION, key=f.value, page=0),
        )
        for f in found
    ]
    await message.answer(
        f"{text}\n{t('region.suggest')}", reply_markup=suggestions_keyboard(buttons)
    )


async def on_country(query: CallbackQuery, callback_data: CountryCb, services: Services) -> None:
    """Picker step: a country's regions with articles (edits the picker in place)."""
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if not callback_data.code:
        countries = await services.articles.countries(current_lang())
        await query.message.edit_text(
            t("region.pick_country"), reply_markup=countries_keyboard(countries)
        )
        return
    regions = await services.articles.regions_with_articles(callback_data.code)
    name = esc(services.articles.country_name(callback_data.code, current_lang()))
    text = t("region.pick_region", country=name) if regions else t("region.no_regions")
    await query.message.edit_text(text, reply_markup=regions_keyboard(regions))


def build() -> Router:
    router = Router(name="region")
    router.message(Command("region"))(on_region)
    router.callback_query(CountryCb.filter())(on_country)
    return router
