"""/topic NAME: newest articles on a topic (Russian or English name, any word form)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.callbacks import ListCb, ListKind
from bot.formatting import esc, shorten
from bot.keyboards import suggestions_keyboard, topics_keyboard
from bot.routers.asking import answer_question
from bot.services.articles import topic_name
from bot.services.container import Services
from bot.texts import current_lang, t


async def on_topic(message: Message, command: CommandObject, services: Services) -> None:
    query = (command.args or "").strip()
    topics = services.articles.topics(current_lang())
    if not query:
        await message.answer(t("topic.pick"), reply_markup=topics_keyboard(topics))
        return
    if await answer_question(message, services, query):
        return
    lookup = services.articles.find_topic(query)
    text = t("topic.not_found", query=esc(shorten(query, 60)))
    if lookup.suggestions:
        buttons = [
            (topic_name(s, current_lang()), ListCb(kind=ListKind.TOPIC, key=s, page=0))
            for s in lookup.suggestions
        ]
        await message.answer(
            f"{text}\n{t('topic.suggest')}", reply_markup=suggestions_keyboard(buttons)
        )
        return
    names = ", ".join(esc(name) for _, name in topics)
    await message.answer(
        f"{text}\n{t('topic.no_suggest', topics=names)}", reply_markup=topics_keyboard(topics)
    )


def build() -> Router:
    router = Router(name="topic")
    router.message(Command("topic"))(on_topic)
    return router
