"""/start and /help: what the bot does and every command with an example."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.services.container import Services
from bot.texts import catalogue, current_lang, t


def help_text(bot_username: str) -> str:
    """The intro, one line per command (features add theirs under ``help.commands``), outro."""
    lines = [t("help.intro")]
    keys = [k for k in catalogue("ru") if k.startswith("help.commands.")]
    keys += [
        k for k in catalogue(current_lang()) if k.startswith("help.commands.") and k not in keys
    ]
    lines += [t(key) for key in keys]
    lines += ["", t("help.outro", bot=bot_username or "bot")]
    return "\n".join(lines)


async def on_help(message: Message, services: Services) -> None:
    await message.answer(help_text(services.bot_username))


def build() -> Router:
    router = Router(name="start")
    router.message(CommandStart())(on_help)
    router.message(Command("help"))(on_help)
    return router
