"""Telegram's webhook side for the fake Bot API (plugs into :class:`FakeTelegram`).

Once a test does ``async with FakeWebhook(fake) as hook``, the fake answers ``setWebhook``,
``deleteWebhook`` and ``getWebhookInfo`` as Telegram does, and while a webhook is set:

- ``getUpdates`` fails with 409 Conflict ("can't use getUpdates method while webhook is active");
- every update the test injects (``fake.ask``, ``fake.press``...) is POSTed as JSON to the URL,
  with the secret in ``X-Telegram-Bot-Api-Secret-Token``, one update per request; an answer
  other than 2xx, or no answer, leaves the update queued and it is sent again a moment later;
- updates of one chat go one at a time, in order (a retried one before the next); different
  chats go in parallel, up to ``max_connections``;
- update types outside the webhook's ``allowed_updates`` are dropped, as Telegram drops them.

``hook.targets = [url1, url2]`` stands in for a load balancer in front of several replicas:
the POSTs go to these URLs in turn (whatever URL the bots set), a retry to the next one.

Deviation from Telegram, for tests: an ``http://`` URL is accepted on 127.0.0.1 and localhost.
Telegram's sending limits (fake_telegram) are untouched: they apply to what the bot sends.
"""

# ruff: noqa: ASYNC109  (timeouts are the point of a test helper's wait_* API)
from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from tests.support.fake_telegram import FakeTelegram, TelegramError

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PORTS = {80, 88, 443, 8443}
_LOOPBACK = {"127.0.0.1", "localhost"}
# Telegram's default when allowed_updates is not given: everything but these
_NOT_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}


@dataclass(slots=True)
class Post:
    """One POST of an update to a webhook target, and how it was answered."""

    target: str
    update_id: int
    status: int | None  # None: no HTTP answer (connection refused, timeout)
    error: str = ""


def update_type(update: dict[str, Any]) -> str:
    return next(k for k in update if k != "update_id")


def chat_key(update: dict[str, Any]) -> int:
    """Updates of one chat are delivered in order; the chat (or user) they belong to."""
    body = update[update_type(update)]
    chat = body.get("chat") or (body.get("message") or {}).get("chat")
    if chat:
        return int(chat["id"])
    sender = body.get("from")
    return int(sender["id"]) if sender else -int(update["update_id"])


class FakeWebhook:
    def __init__(
        self,
        fake: FakeTelegram,
        *,
        retry_delay: float = 0.2,
        post_timeout: float = 60.0,
    ) -> None:
        self.fake = fake
        self.retry_delay = retry_delay  # Telegram waits longer; tests should not
        self.post_timeout = post_timeout  # Telegram gives a webhook about a minute
        self.url = ""
        self.secret = ""
        self.allowed_updates: list[str] = []
        self.max_connections = 40
        self.targets: list[str] | None = None  # a load balancer: POST to these in turn
        # setWebhook answers 400 with this, as Telegram does when it cannot reach the URL
        self.refuse: str | None = None
        self.posts: list[Post] = []
        self.set_calls: list[dict[str, Any]] = []  # every setWebhook's parameters
        self.replies_in_response: list[Any] = []  # a method in a webhook's answer (recorded)
        self.last_error_message = ""
        self.last_error_date = 0
        self._turn = itertools.count()
        self._busy: set[int] = set()  # chats with an update in flight
        self._not_before: dict[int, float] = {}  # chat -> monotonic time of the next try
        self._tasks: set[asyncio.Task[None]] = set()
        self._pump: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    # -- lifecycle ---------------------------------------------------------------------

    async def __aenter__(self) -> FakeWebhook:
        self._session = aiohttp.ClientSession()
        self.fake.methods.update(
            setwebhook=self._set_webhook,
            deletewebhook=self._delete_webhook,
            getwebhookinfo=self._get_webhook_info,
            getupdates=self._get_updates,
        )
        self._pump = asyncio.create_task(self._run_pump())
        return self

    async def __aexit__(self, *exc: object) -> None:
        for name in ("setwebhook", "deletewebhook", "getwebhookinfo", "getupdates"):
            self.fake.methods.pop(name, None)
        tasks = [t for t in (self._pump, *self._tasks) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    # -- Bot API methods ---------------------------------------------------------------

    async def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.set_calls.append(dict(params))
        url = str(params.get("url") or "")
        if not url:  # Telegram: an empty URL removes the webhook
            return await self._delete_webhook(params)
        _check_url(url)
        if self.refuse:
            raise TelegramError(400, f"Bad Request: bad webhook: {self.refuse}")
        secret = str(params.get("secret_token") or "")
        if secret and not _SECRET_RE.fullmatch(secret):
            raise TelegramError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.fake._updates.clear()
        self.url, self.secret = url, secret
        self.allowed_updates = list(params.get("allowed_updates") or [])
        self.max_connections = int(params.get("max_connections") or 40)
        await self.fake._notify()
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self.fake._updates.clear()
        self.url = self.secret = ""
        self.allowed_updates = []
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.fake._updates),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if self.allowed_updates:
                info["allowed_updates"] = self.allowed_updates
        if self.last_error_message:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.url:
            raise TelegramError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        return await self.fake._api_getupdates(params)

    # -- delivery ----------------------------------------------------------------------

    def _allowed(self, update: dict[str, Any]) -> bool:
        kind = update_type(update)
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in _NOT_BY_DEFAULT

    def _due(self) -> list[dict[str, Any]]:
        """The first queued update of each chat that may be sent now (none in flight)."""
        if not self.url:
            return []
        self.fake._updates[:] = [u for u in self.fake._updates if self._allowed(u)]
        now = time.monotonic()
        due: list[dict[str, Any]] = []
        seen: set[int] = set()
        for update in self.fake._updates:
            key = chat_key(update)
            if key in seen:
                continue
            seen.add(key)
            free = len(self._busy) + len(due) < self.max_connections
            if key not in self._busy and self._not_before.get(key, 0) <= now and free:
                due.append(update)
        return due

    async def _run_pump(self) -> None:
        changed = self.fake._changed
        while True:
            for update in self._due():
                self._busy.add(chat_key(update))
                task = asyncio.create_task(self._deliver(update))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            async with changed:
                # a retry waits for its time even if nothing else changes
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), self.retry_delay)

    async def _deliver(self, update: dict[str, Any]) -> None:
        key = chat_key(update)
        try:
            if await self._post(update):
                self._not_before.pop(key, None)
                with contextlib.suppress(ValueError):
                    self.fake._updates.remove(update)
            else:
                self._not_before[key] = time.monotonic() + self.retry_delay
        finally:
            self._busy.discard(key)
            await self.fake._notify()

    async def _post(self, update: dict[str, Any]) -> bool:
        """One POST of ``update`` to the next target; True when it was answered 2xx."""
        targets = self.targets or [self.url]
        target = targets[next(self._turn) % len(targets)]
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        post = Post(target, int(update["update_id"]), None)
        self.posts.append(post)
        assert self._session is not None
        try:
            async with self._session.post(
                target,
                json=update,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.post_timeout),
            ) as answer:
                post.status = answer.status
                body = await answer.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            post.error = type(exc).__name__
            self._failed(f"Connection failed: {post.error}")
            return False
        if not 200 <= answer.status < 300:
            self._failed(f"Wrong response from the webhook: {answer.status} {answer.reason}")
            return False
        self._record_reply(body)
        return True

    def _failed(self, message: str) -> None:
        self.last_error_message = message
        self.last_error_date = int(time.time())

    def _record_reply(self, body: bytes) -> None:
        """Telegram runs a method a webhook answers with; the bot must not rely on it."""
        with contextlib.suppress(ValueError):
            data = json.loads(body or b"{}")
            if isinstance(data, dict) and data.get("method"):
                self.replies_in_response.append(data)

    # -- waiting -----------------------------------------------------------------------

    async def wait_until_set(self, timeout: float = 30.0) -> str:
        """Wait until a bot has set the webhook; its URL."""
        result: str = await self.fake.wait_until(lambda: self.url, timeout)
        return result


def _check_url(url: str) -> None:
    """Telegram's checks on setWebhook's URL (http allowed on loopback: see the module doc)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TelegramError(400, "Bad Request: bad webhook: invalid URL") from None
    local = parts.hostname in _LOOPBACK
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise TelegramError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
    if not local and port not in _PORTS:
        raise TelegramError(
            400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
        )
