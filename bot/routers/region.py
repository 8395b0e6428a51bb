"""/region NAME: newest articles of a region; unknown names get suggestions; no name a picker."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import CountryCb, ListCb
from bot.formatting import esc, shorten
from bot.keyboards import countries_keyboard, regions_keyboard, suggestions_keyboard
from bot.routers.lists import send_list
from bot.services.container import Services
from bot.texts import t


async def on_region(
    message: Message, command: CommandObject, services: Services, lang: str
) -> None:
    query = (command.args or "").strip()
    if not query:
        countries = await services.articles.countries(lang)
        await message.answer(
            t("region.pick_country", lang), reply_markup=countries_keyboard(countries)
        )
        return
    lookup = services.articles.find_region(query)
    if lookup.found is not None:
        await send_list(message, services, lang, "r", lookup.found.code)
        return
    text = t("region.not_found", lang, query=esc(shorten(query, 60)))
    if not lookup.suggestions:
        await message.answer(f"{text}\n{t('region.no_suggest', lang)}")
        return
    buttons = [(r.name, ListCb(kind="r", key=r.code, page=0)) for r in lookup.suggestions]
    await message.answer(
        f"{text}\n{t('region.suggest', lang)}", reply_markup=suggestions_keyboard(buttons)
    )


async def on_country(
    query: CallbackQuery, callback_data: CountryCb, services: Services, lang: str
) -> None:
    """Picker step: a country's regions with articles (edits the picker in place)."""
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if not callback_data.code:
        countries = await services.articles.countries(lang)
        await query.message.edit_text(
            t("region.pick_country", lang), reply_markup=countries_keyboard(countries)
        )
        return
    regions = await services.articles.regions_with_articles(callback_data.code)
    name = esc(services.articles.country_name(callback_data.code, lang))
    text = t("region.pick_region", lang, country=name) if regions else t("region.no_regions", lang)
    await query.message.edit_text(text, reply_markup=regions_keyboard(regions, lang))


def build() -> Router:
    router = Router(name="region")
    router.message(Command("region"))(on_region)
    router.callback_query(CountryCb.filter())(on_country)
    return router
