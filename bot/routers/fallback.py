"""Last router: unknown commands and plain text get a short hint; nothing goes unanswered
in a private chat, and a group is not spammed with answers to others' messages."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message

from bot.services.container import Services
from bot.texts import t


def _addressed_to_us(message: Message, bot_username: str) -> bool:
    """In a group, only "/cmd@ourbot" is surely for us: other bots' commands are not."""
    command = (message.text or "").split(maxsplit=1)[0]
    return bool(bot_username) and command.lower().endswith("@" + bot_username.lower())


async def on_unknown_command(message: Message, services: Services) -> None:
    if message.chat.type == ChatType.PRIVATE or _addressed_to_us(message, services.bot_username):
        await message.answer(t("fallback.unknown_command"))


async def on_text(message: Message) -> None:
    await message.answer(t("fallback.text"))


async def on_stale_button(query: CallbackQuery) -> None:
    """A button no router knows (from an old version): say so instead of spinning."""
    await query.answer(t("card.expired"))


def build() -> Router:
    router = Router(name="fallback")
    router.message(F.text.startswith("/"))(on_unknown_command)
    router.message(F.chat.type == ChatType.PRIVATE)(on_text)
    router.callback_query()(on_stale_button)
    return router
