"""/latest: the newest articles."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.callbacks import ListKind
from bot.routers.lists import send_list
from bot.services.container import Services


async def on_latest(message: Message, services: Services) -> None:
    await send_list(message, services, ListKind.LATEST, "")


def build() -> Router:
    router = Router(name="latest")
    router.message(Command("latest"))(on_latest)
    return router
