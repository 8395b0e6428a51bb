"""Send one message to one chat and say what came of it (SPEC: Delivery).

Limits, 429s and retries of 5xx and network errors are the session middleware's
(``bot.outgoing.session.OutgoingMiddleware``): this module marks its calls as deliveries (they
yield to replies) and turns what is left into an outcome:

- sent; a 429 or transient trouble that outlasted the middleware's retries: ``retry`` (the
  caller tries again on a later run);
- a request that went out but got no answer: ``unconfirmed`` (not sent again: at most once);
- 403 (blocked, kicked) and "chat not found" and friends: ``gone``, never retried;
- ``migrate_to_chat_id``: ``migrated``; the caller moves the chat and calls again with the new id;
- a topic that no longer exists: sent to the chat's main thread instead;
- other 400s: ``failed`` (retrying the same request would fail the same way).

Texts over Telegram's limit are split by the caller-supplied splitter (never inside a tag).
The sender knows nothing about the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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

from bot.outgoing.session import UnconfirmedSend, delivering, priority

log = logging.getLogger(__name__)

Splitter = Callable[[str], list[str]]

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
    UNCONFIRMED = "unconfirmed"  # went out, no answer: maybe delivered, never sent again
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


def _plain_split(text: str) -> list[str]:
    return [text]


class Sender:
    def __init__(self, bot: Bot, *, splitter: Splitter = _plain_split) -> None:
        self.bot = bot
        self.splitter = splitter

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        thread_id: int | None = None,
        silent: bool = False,
    ) -> SendResult:
        """Send ``text`` (HTML) in as many parts as it needs.

        On anything but SENT after a first part went out, the ids of the parts sent so far
        are in the result, and the caller treats the whole as not sent (parts may repeat).
        """
        result = SendResult(Outcome.SENT)
        mark = delivering()
        try:
            for part in self.splitter(text):
                one = await self._send_part(chat_id, part, thread_id, silent, result)
                if one is None:
                    return result
                result.message_ids.append(one)
        finally:
            priority.reset(mark)
        return result

    async def _send_part(
        self, chat_id: int, text: str, thread_id: int | None, silent: bool, result: SendResult
    ) -> int | None:
        """One API call; the message id, or None with ``result`` filled in."""
        while True:
            try:
                message = await self.bot.send_message(
                    chat_id=chat_id,
                    text=text,
                    parse_mode="HTML",
                    message_thread_id=thread_id,
                    disable_notification=silent,
                )
                return message.message_id
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
            except UnconfirmedSend as exc:
                _fail(result, Outcome.UNCONFIRMED, exc)
                return None
            except TelegramRetryAfter as exc:
                result.retries_after += 1
                _fail(result, Outcome.RETRY, exc)
                return None
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as exc:
                result.server_errors += 1
                _fail(result, Outcome.RETRY, exc)
                return None
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
