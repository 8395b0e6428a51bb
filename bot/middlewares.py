"""The reader's language, resolved once per update (aiogram's i18n middleware is the model).

``services`` is not set here: the Dispatcher's workflow data carries it to every handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject, User

from bot.texts import pick_language, use_locale


class LocaleMiddleware(BaseMiddleware):
    """Outer middleware on updates: the catalogue for the user's ``language_code``.

    Registered after aiogram's own user-context middleware, so ``event_from_user`` is known;
    channel posts have no user and get the default language. The language is set as the
    current locale (what :func:`bot.texts.t` reads) for the whole update, and put in the data as
    ``lang`` for the error handler, which runs after this context has ended.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        lang = pick_language(user.language_code if user else None)
        data["lang"] = lang
        with use_locale(lang):
            return await handler(event, data)


class CommandCaseMiddleware(BaseMiddleware):
    """Outer middleware on messages and channel posts: "/Region Алматы" (a phone capitalises
    the first letter) is read as "/region Алматы". Only the command word changes; its
    arguments and the "@botname" part stay as typed."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message) and event.text and event.text.startswith("/"):
            head, sep, rest = event.text.partition(" ")
            command, at, bot_name = head.partition("@")
            if command != command.lower():
                text = command.lower() + at + bot_name + sep + rest
                event = event.model_copy(update={"text": text}).as_(event.bot)
        return await handler(event, data)
