"""/topic NAME: newest articles on a topic (Russian or English name, any word form)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.callbacks import ListCb
from bot.formatting import esc, shorten
from bot.keyboards import suggestions_keyboard, topics_keyboard
from bot.routers.lists import send_list
from bot.services.articles import topic_name
from bot.services.container import Services
from bot.texts import t


async def on_topic(message: Message, command: CommandObject, services: Services, lang: str) -> None:
    query = (command.args or "").strip()
    topics = services.articles.topics(lang)
    if not query:
        await message.answer(t("topic.pick", lang), reply_markup=topics_keyboard(topics))
        return
    lookup = services.articles.find_topic(query)
    if lookup.found is not None:
        await send_list(message, services, lang, "t", lookup.found)
        return
    text = t("topic.not_found", lang, query=esc(shorten(query, 60)))
    if lookup.suggestions:
        buttons = [
            (topic_name(s, lang), ListCb(kind="t", key=s, page=0)) for s in lookup.suggestions
        ]
        await message.answer(
            f"{text}\n{t('topic.suggest', lang)}", reply_markup=suggestions_keyboard(buttons)
        )
        return
    names = ", ".join(esc(name) for _, name in topics)
    await message.answer(
        f"{text}\n{t('topic.no_suggest', lang, topics=names)}", reply_markup=topics_keyboard(topics)
    )


def build() -> Router:
    router = Router(name="topic")
    router.message(Command("topic"))(on_topic)
    return router
