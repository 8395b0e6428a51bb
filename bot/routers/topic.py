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
from bot.services.names import suggest_names
from bot.texts import current_lang, t


async def on_topic(message: Message, command: CommandObject, services: Services) -> None:
    query = (command.args or "").strip()
    topics = services.articles.topics(current_lang())
    if not query:
        await message.answer(t("topic.pick"), reply_markup=topics_keyboard(topics))
        return
    if await answer_question(message, services, query):
        return
    found = suggest_names(services.articles, query, ("topic",))
    text = t("topic.not_found", query=esc(shorten(query, 60)))
    if found:
        buttons = [
            (topic_name(f.value, current_lang()), ListCb(kind=ListKind.TOPIC, key=f.value, page=0))
            for f in found
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
