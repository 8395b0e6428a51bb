"""The HTTP session to the Bot API and the one path every outgoing request takes.

``JsonAiohttpSession``: aiogram's aiohttp session, sending JSON bodies. aiogram sends every
call as a form, percent-encoding each byte of the (Cyrillic) text and of the JSON-encoded
keyboard: about 1 ms per list message, and the server parses it back. The Bot API accepts
``application/json`` for any call without a file upload, which costs a tenth of that. Its
network errors never carry the request URL (it holds the token).

``OutgoingMiddleware`` (an aiogram session middleware, so replies, edits, callback and inline
answers and deliveries all pass it): waits for the request's turn in the shared ``Limiter``
(``bot.outgoing.limits``); a 429 is waited out and the same request sent again; 5xx and network
errors are retried with bounded exponential backoff. A ``send*`` call that timed out or lost
its connection after it went out is NOT sent again (Telegram may have delivered it): it raises
``UnconfirmedSend`` and the caller records it. At most once for those, at least once for all
else: a reader seeing a news card twice is worse than the rare card a hung request lost.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientConnectorError, ClientError, InvalidURL

from bot.outgoing.limits import DELIVERY, INTERACTIVE, Limiter

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

REQUEST_TIMEOUT = 15  # seconds for one API call (long polling adds its own wait)

# Who is sending: the delivery worker sets DELIVERY around its calls; everything else is a
# reply to a person and goes first.
priority: contextvars.ContextVar[int] = contextvars.ContextVar("priority", default=INTERACTIVE)


class ConnectFailed(TelegramNetworkError):
    """The request never left: no connection could be made. Safe to send again."""


class RequestTimeout(TelegramNetworkError):
    """No answer in time: Telegram may or may not have acted on the request."""


class UnconfirmedSend(TelegramNetworkError):
    """A message went out but no answer came back; it is not sent again (see the module)."""


def _redacted(text: str, token: str) -> str:
    return text.replace(token, "<token>") if token else text


class JsonAiohttpSession(AiohttpSession):
    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        files: dict[str, Any] = {}
        payload: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is not None:
                payload[key] = prepared
        if files:
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        # ``from None`` everywhere: aiohttp's exceptions name the URL, and the URL holds the token.
        try:
            async with session.post(
                url,
                data=self.json_dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=self.timeout if timeout is None else timeout,  # type: ignore[arg-type]
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError:
            raise RequestTimeout(method=method, message="Request timeout error") from None
        except (ClientConnectorError, InvalidURL) as e:
            message = _redacted(f"{type(e).__name__}: {e}", bot.token)
            raise ConnectFailed(method=method, message=message) from None
        except ClientError as e:
            message = _redacted(f"{type(e).__name__}: {e}", bot.token)
            raise TelegramNetworkError(method=method, message=message) from None
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast(TelegramType, response.result)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 4  # 5xx / network errors, per request
    backoff_base: float = 0.5  # seconds; doubles each time
    backoff_cap: float = 8.0
    max_retry_after: int = 30  # 429s waited out for one request before it is given up


# Requests that count against Telegram's sending limits: these wait for their turn and are
# retried; the rest (getUpdates, getMe, getChat...) pass as they are.
_LIMITED_PREFIXES = ("send", "edit", "answer", "copy", "forward")


class OutgoingMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        limiter: Limiter,
        policy: RetryPolicy | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.limiter = limiter
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self.retries_after = 0  # 429s met (figures for the benchmarks and tests)
        self.retried_errors = 0  # 5xx / network errors retried

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        name = method.__api_method__
        limited = name.startswith(_LIMITED_PREFIXES)
        if not limited:  # getUpdates (aiogram backs off on its own), getMe, getChat...: as is
            return await make_request(bot, method)
        sends = name.startswith(("send", "copy", "forward"))
        chat_id = _chat_of(method)
        level = priority.get()
        policy = self.policy
        too_many = errors = 0
        while True:
            await self.limiter.acquire(chat_id, level)
            try:
                return await make_request(bot, method)
            except TelegramBadRequest as exc:
                # an edit that changes nothing (a double tap): the message already is as asked
                if name.startswith("edit") and "message is not modified" in exc.message:
                    return cast(Response[TelegramType], True)
                raise
            except TelegramRetryAfter as exc:
                too_many += 1
                self.retries_after += 1
                if too_many > policy.max_retry_after:
                    raise
                self.limiter.penalise(chat_id, float(exc.retry_after))
                await self._sleep(float(exc.retry_after))
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as exc:
                # went out and no usable answer came back (a timeout, a dropped connection,
                # an answer we could not read): Telegram may have delivered it
                went_out = isinstance(exc, ClientDecodeError) or (
                    isinstance(exc, TelegramNetworkError) and not isinstance(exc, ConnectFailed)
                )
                if sends and went_out:
                    raise UnconfirmedSend(method=method, message=_describe(exc)) from None
                errors += 1
                if errors > policy.max_retries:
                    raise
                self.retried_errors += 1
                delay = min(policy.backoff_cap, policy.backoff_base * 2 ** (errors - 1))
                log.info("%s: %s; retrying in %.2f s", name, _describe(exc), delay)
                await self._sleep(delay)


def _chat_of(method: TelegramMethod[Any]) -> int | None:
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int) else None


def _describe(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return f"{type(exc).__name__}: {message}"


def outgoing(bot: Bot) -> OutgoingMiddleware:
    """The bot's outgoing middleware (its counters are the benchmarks' and tests' figures)."""
    for middleware in bot.session.middleware[:]:
        if isinstance(middleware, OutgoingMiddleware):
            return middleware
    raise LookupError("this Bot was not built by bot.app.build_bot")


def delivering() -> contextvars.Token[int]:
    """Mark the calls of the current task as deliveries (``priority.reset`` undoes it)."""
    return priority.set(DELIVERY)
