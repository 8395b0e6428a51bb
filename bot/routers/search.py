"""/search WORDS: full text, any word form; the words are never read as FTS syntax."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.callbacks import ListKind
from bot.routers.lists import send_list
from bot.services.articles import SEARCH_MAX, clean_query
from bot.services.container import Services
from bot.texts import t


async def on_search(message: Message, command: CommandObject, services: Services) -> None:
    query = clean_query(command.args, SEARCH_MAX)
    if not query:
        await message.answer(t("search.usage"))
        return
    await send_list(message, services, ListKind.SEARCH, services.queries.key_for(query))


def build() -> Router:
    router = Router(name="search")
    router.message(Command("search"))(on_search)
    return router
