"""Send one message to one chat within the limits, the way Telegram wants to be treated.

- 429 (``TelegramRetryAfter``): wait ``retry_after`` (the chat's bucket is held that long) and
  try again; Telegram asks for it, so these retries are not counted against the backoff budget
  (up to a generous cap, against a server that never stops saying 429).
- 5xx, network errors, undecodable answers: retry with exponential backoff, a bounded number of
  times; then the outcome is ``retry`` and the caller tries again on a later run.
- 403 (blocked, kicked) and "chat not found" and friends: ``gone``, never retried.
- ``migrate_to_chat_id``: ``migrated``; the caller moves the chat and calls again with the new id.
- a topic that no longer exists: sent to the chat's main thread instead.
- other 400s: ``failed`` (retrying the same request would fail the same way).

Texts over Telegram's limit are split by the caller-supplied splitter (never inside a tag).
The sender knows nothing about the store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.delivery.ratelimit import RateLimiter

log = logging.getLogger(__name__)

Splitter = Callable[[str], list[str]]
Sleep = Callable[[float], Awaitable[None]]

# 400 descriptions that mean the chat cannot receive anything from us: treat like 403.
_GONE_MARKERS = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "bot was blocked",
    "not enough rights to send",
    "need administrator rights",
    "have no rights to send",
    "chat_write_forbidden",
    "peer_id_invalid",
)
_THREAD_MARKERS = ("message thread not found", "topic_deleted", "topic_closed")


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # deactivate the chat
    MIGRATED = "migrated"  # resend to new_chat_id
    RETRY = "retry"  # transient trouble outlasted the backoff; try on a later run
    FAILED = "failed"  # this message can never be sent as it is


@dataclass(slots=True)
class SendResult:
    outcome: Outcome
    message_ids: list[int] = field(default_factory=list)
    new_chat_id: int | None = None
    error: str | None = None
    retries_after: int = 0  # 429s met on the way
    server_errors: int = 0  # 5xx / network errors met on the way

    @property
    def message_id(self) -> int | None:
        return self.message_ids[0] if self.message_ids else None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_backoff_retries: int = 5
    backoff_base: float = 0.5  # seconds; doubles each time
    backoff_cap: float = 30.0
    max_retry_after: int = 50  # 429s tolerated for one message before giving up for this run


def _plain_split(text: str) -> list[str]:
    return [text]


class Sender:
    def __init__(
        self,
        bot: Bot,
        limiter: RateLimiter,
        *,
        splitter: Splitter = _plain_split,
        policy: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.limiter = limiter
        self.splitter = splitter
        self.policy = policy or RetryPolicy()
        self._sleep = sleep

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        broadcast: bool = False,
        thread_id: int | None = None,
        silent: bool = False,
    ) -> SendResult:
        """Send ``text`` (HTML) in as many parts as it needs; ``broadcast``: a group or channel.

        On anything but SENT after a first part went out, the ids of the parts sent so far
        are in the result, and the caller treats the whole as not sent (parts may repeat).
        """
        result = SendResult(Outcome.SENT)
        for part in self.splitter(text):
            one = await self._send_part(chat_id, part, broadcast, thread_id, silent, result)
            if one is None:
                return result
            result.message_ids.append(one)
        return result

    async def _send_part(
        self,
        chat_id: int,
        text: str,
        broadcast: bool,
        thread_id: int | None,
        silent: bool,
        result: SendResult,
    ) -> int | None:
        """One API call with its retries; the message id, or None with ``result`` filled in."""
        policy = self.policy
        while True:
            await self.limiter.acquire(chat_id, broadcast=broadcast)
            try:
                message = await self.bot.send_message(
                    chat_id=chat_id,
                    text=text,
                    parse_mode="HTML",
                    message_thread_id=thread_id,
                    disable_notification=silent,
                )
                return message.message_id
            except TelegramRetryAfter as exc:
                result.retries_after += 1
                if result.retries_after > policy.max_retry_after:
                    _fail(result, Outcome.RETRY, exc)
                    return None
                self.limiter.penalise(chat_id, float(exc.retry_after))
            except TelegramMigrateToChat as exc:
                result.new_chat_id = exc.migrate_to_chat_id
                _fail(result, Outcome.MIGRATED, exc)
                return None
            except TelegramForbiddenError as exc:
                _fail(result, Outcome.GONE, exc)
                return None
            except (TelegramBadRequest, TelegramNotFound) as exc:
                lowered = exc.message.lower()
                if thread_id is not None and any(m in lowered for m in _THREAD_MARKERS):
                    thread_id = None  # the topic is gone: the main thread still reaches them
                    continue
                gone = any(m in lowered for m in _GONE_MARKERS)
                _fail(result, Outcome.GONE if gone else Outcome.FAILED, exc)
                return None
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as exc:
                result.server_errors += 1
                if result.server_errors > policy.max_backoff_retries:
                    _fail(result, Outcome.RETRY, exc)
                    return None
                delay = min(
                    policy.backoff_cap, policy.backoff_base * 2 ** (result.server_errors - 1)
                )
                log.info("chat %s: %s; retrying in %.2f s", chat_id, _describe(exc), delay)
                await self._sleep(delay)
            except TelegramAPIError as exc:  # 401, 409 and the like: not this message's fault
                _fail(result, Outcome.RETRY, exc)
                return None


def _describe(exc: Exception) -> str:
    if isinstance(exc, TelegramAPIError):
        return f"{type(exc).__name__}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def _fail(result: SendResult, outcome: Outcome, exc: Exception) -> None:
    result.outcome = outcome
    result.error = _describe(exc)[:500]
