"""Questions as people ask them: "/region Алматы Ташкент", "туризм в Самарканде за неделю",
"/region Казахстан" and plain words in a private chat (in a group, when addressed to the bot).

Every entry point reads the text with :mod:`bot.services.asking` and answers the same way: one
region or one topic alone is that list; anything combined is the list of articles matching all
of it. Words not understood are named in a second line with the nearest names as buttons.
"""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Message

from bot.callbacks import ListCb, ListKind
from bot.formatting import esc, shorten
from bot.keyboards import suggestions_keyboard
from bot.routers.lists import send_list
from bot.services.articles import topic_name
from bot.services.asking import Question, encode, reader
from bot.services.container import Services
from bot.services.names import suggest_names
from bot.texts import current_lang, t


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def list_of(question: Question) -> tuple[ListKind, str]:
    """The list that answers ``question``: a plain region or topic list when that is all."""
    alone = not question.period and len(question.places) + len(question.topics) == 1
    if alone and question.places and question.places[0].kind == "region":
        return ListKind.REGION, question.places[0].code
    if alone and question.topics:
        return ListKind.TOPIC, question.topics[0]
    return ListKind.QUESTION, encode(question)


async def answer_question(message: Message, services: Services, text: str) -> bool:
    """Answer ``text`` as a question; False when nothing in it was understood (nothing sent)."""
    question = reader().read(text, today())
    if not question.understood:
        return False
    kind, key = list_of(question)
    if kind is ListKind.QUESTION:
        key = services.queries.key_for(key)
    await send_list(message, services, kind, key)
    if question.unknown:
        await send_not_understood(message, services, question.unknown)
    return True


async def send_not_understood(message: Message, services: Services, words: tuple[str, ...]) -> None:
    """Name the words not understood and offer the nearest names for them."""
    shown = ", ".join(f"«{esc(shorten(w, 40))}»" for w in words[:5])
    found = suggest_names(services.articles, " ".join(words))
    lang = current_lang()
    buttons = [
        (
            services.articles.region_name(f.value, lang)
            if f.kind == "region"
            else topic_name(f.value, lang),
            ListCb(
                kind=ListKind.REGION if f.kind == "region" else ListKind.TOPIC, key=f.value, page=0
            ),
        )
        for f in found
    ]
    text = t("ask.not_understood", words=shown)
    if buttons:
        await message.answer(
            f"{text}\n{t('region.suggest')}", reply_markup=suggestions_keyboard(buttons)
        )
    else:
        await message.answer(f"{text}\n{t('ask.hint')}")


class Addressed(Filter):
    """Plain text for us: any text in a private chat; in a group, a mention of the bot or a
    reply to one of its messages (other talk in the group is not ours to answer)."""

    async def __call__(self, message: Message, services: Services) -> bool | dict[str, str]:
        text = message.text or ""
        if not text or text.startswith("/"):
            return False
        if message.chat.type == ChatType.PRIVATE:
            return {"question": text}
        mention = "@" + services.bot_username if services.bot_username else ""
        if mention and mention.lower() in text.lower():
            start = text.lower().index(mention.lower())
            return {"question": text[:start] + text[start + len(mention) :]}
        reply = message.reply_to_message
        author = reply.from_user if reply is not None else None
        if author is not None and author.is_bot and author.username == services.bot_username:
            return {"question": text}
        return False


async def on_plain_words(message: Message, services: Services, question: str) -> None:
    if not await answer_question(message, services, question):
        words = reader().read(question, today()).unknown
        if words:
            await send_not_understood(message, services, words)
        else:
            await message.answer(t("fallback.text"))


def build() -> Router:
    router = Router(name="asking")
    router.message(Addressed())(on_plain_words)
    return router
