"""Handler data every handler gets: ``services`` and the reader's ``lang``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.texts import pick_language

if TYPE_CHECKING:
    from bot.services.container import Services


class ServicesMiddleware(BaseMiddleware):
    """Outer middleware on updates: adds ``services`` and ``lang`` (from language_code).

    Registered after aiogram's own user-context middleware, so ``event_from_user`` is known;
    channel posts have no user and get the default language.
    """

    def __init__(self, services: Services) -> None:
        self.services = services

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        data["services"] = self.services
        data["lang"] = pick_language(user.language_code if user else None)
        return await handler(event, data)
