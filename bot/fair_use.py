"""Fair use: one person cannot spend the whole bot's sending rate (FAIR_USE_PER_MINUTE).

Each user may send that many messages and button taps in any minute. The first one over it
gets one polite "slow down"; the rest of the burst is ignored without a word (answering each
would spend the rate the limit protects). Once the user's minute has room again, they are
answered as usual and a later burst gets its own notice.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.texts import pick_language, t

log = logging.getLogger(__name__)

Clock = Callable[[], float]
WINDOW = 60.0  # seconds
_MAX_TRACKED = 50_000  # users remembered before the idle ones are forgotten


class FairUseMiddleware(BaseMiddleware):
    """Outer middleware for messages and callback queries (one instance shared by both)."""

    def __init__(self, per_minute: int, *, clock: Clock = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self.ignored = 0  # events dropped past the limit (figures for tests and logs)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if self.per_minute <= 0 or user is None or self._allow(user.id):
            return await handler(event, data)
        self.ignored += 1
        if user.id not in self._warned:
            self._warned.add(user.id)
            log.info("user %s is over %d a minute: slowing down", user.id, self.per_minute)
            await self._notice(event, pick_language(user.language_code))
        return None

    def _allow(self, user_id: int) -> bool:
        now = self._clock()
        seen = self._seen.get(user_id)
        if seen is None:
            if len(self._seen) >= _MAX_TRACKED:
                self._forget(now)
            seen = self._seen[user_id] = deque()
        while seen and seen[0] <= now - WINDOW:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return False
        seen.append(now)
        self._warned.discard(user_id)
        return True

    def _forget(self, now: float) -> None:
        for user_id in [u for u, s in self._seen.items() if not s or s[-1] <= now - WINDOW]:
            del self._seen[user_id]
            self._warned.discard(user_id)

    @staticmethod
    async def _notice(event: TelegramObject, lang: str) -> None:
        text = t("fair_use.slow_down", lang)
        if isinstance(event, Message | CallbackQuery):
            await event.answer(text)
