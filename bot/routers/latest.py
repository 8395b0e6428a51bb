"""/latest [question]: the newest articles; with words, read as any question
("/latest за неделю", "/latest Алматы"), words not understood named."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.callbacks import ListKind
from bot.routers.asking import answer_question, send_not_understood, today
from bot.routers.lists import send_list
from bot.services.asking import reader
from bot.services.container import Services


async def on_latest(message: Message, command: CommandObject, services: Services) -> None:
    words = " ".join((command.args or "").split())
    if words and await answer_question(message, services, words):
        return
    await send_list(message, services, ListKind.LATEST, "")
    if words:  # nothing in them understood ("/latest 10"): say so under the newest articles
        unknown = reader().read(words, today()).unknown
        if unknown:
            await send_not_understood(message, services, unknown)


def build() -> Router:
    router = Router(name="latest")
    router.message(Command("latest"))(on_latest)
    return router
