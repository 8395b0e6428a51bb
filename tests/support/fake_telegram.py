"""A fake Telegram Bot API server for the tests: real HTTP on 127.0.0.1, Telegram's rules.

The bot under test talks to it exactly as to api.telegram.org (``TELEGRAM_API_URL``), through
aiogram's real session: ``POST /bot{token}/{method}`` with form or JSON bodies. The fake keeps
the update queue (``getUpdates`` long polling with offsets), records everything the bot sends,
checks HTML the way Telegram does (unknown tags, unbalanced tags, unescaped ``<``/``&``, the
4096-character limit) and can be told to misbehave like Telegram does under load: 429 with
``retry_after``, 403 for a user who blocked the bot, 400 for an unknown or migrated chat, and a
seeded fraction of random 429/502 answers.

Typical test::

    user = fake.new_user(language_code="en")
    replies = await fake.ask(user, "/region Алматы")      # private chat, waits for 1 reply
    await fake.press(replies[0], text="Ещё")              # a callback_query on a button
    more = await fake.wait_for_messages(user.id, 2)
"""

# ruff: noqa: ASYNC109  (timeouts are the point of a test helper's wait_* API)
from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Self

from aiohttp import web

MAX_TEXT = 4096
BOT_ID = 777000111
BOT_USERNAME = "regional_news_test_bot"

# Telegram's HTML parse mode: the only tags it accepts, and the attributes each may carry.
ALLOWED_TAGS: dict[str, set[str]] = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "span": {"class"}, "tg-spoiler": set(),
    "a": {"href"}, "code": {"class"}, "pre": set(), "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}  # fmt: skip
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")

# Fields that aiogram JSON-encodes in form bodies (everything else is a plain string).
_JSON_FIELDS = {
    "reply_markup", "commands", "scope", "results", "allowed_updates", "entities",
    "link_preview_options", "reply_parameters", "button", "disable_notification",
    "show_alert", "cache_time", "is_personal", "offset", "limit", "timeout", "message_id",
    "message_thread_id", "user_id", "drop_pending_updates", "protect_content",
    "disable_web_page_preview",
}  # fmt: skip


class TelegramError(Exception):
    """An error answer: HTTP status, Telegram's description, optional ``parameters``."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


# --------------------------------------------------------------------------- HTML validation


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    """Parses like Telegram's HTML mode; raises TelegramError on what Telegram rejects."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.stack: list[str] = []
        self.text: list[str] = []

    def _fail(self, why: str) -> None:
        raise TelegramError(400, f"Bad Request: can't parse entities: {why}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._fail(f'Unsupported start tag "{tag}" at byte offset {self._offset()}')
        for name, _ in attrs:
            if name not in ALLOWED_TAGS[tag]:
                self._fail(f'Unsupported attribute "{name}" in tag "{tag}"')
        if tag == "a" and "a" in self.stack:
            self._fail("Nested links are not allowed")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fail(f'Unsupported start tag "{tag}/" at byte offset {self._offset()}')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self._fail(
                f'Unmatched end tag at byte offset {self._offset()}, expected "</'
                f'{self.stack[-1] if self.stack else ""}>", found "</{tag}>"'
            )
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self._fail(f"Unexpected character at byte offset {self._offset()}")
        if "&" in data:
            self._fail(f'Character "&" is not part of an entity at byte offset {self._offset()}')
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            self._fail(f'Unsupported HTML entity "&{name};" at byte offset {self._offset()}')
        self.text.append(NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        self.text.append(chr(code))

    def handle_comment(self, data: str) -> None:
        self._fail("Unsupported HTML comment")

    def handle_decl(self, decl: str) -> None:
        self._fail("Unsupported HTML declaration")

    def handle_pi(self, data: str) -> None:
        self._fail("Unsupported processing instruction")

    def unknown_decl(self, data: str) -> None:
        self._fail("Unsupported HTML declaration")

    def _offset(self) -> int:
        line, col = self.getpos()
        lines = self.source.split("\n")
        prefix = "\n".join(lines[: line - 1]) + ("\n" if line > 1 else "") + lines[line - 1][:col]
        return len(prefix.encode("utf-8"))


def parse_html(text: str) -> str:
    """The visible text of a Telegram HTML message; TelegramError if Telegram would refuse it."""
    # A bare "&" the parser would silently keep as text: Telegram refuses it.
    for match in re.finditer(r"&", text):
        if not _ENTITY_RE.match(text, match.start()):
            raise TelegramError(
                400,
                'Bad Request: can\'t parse entities: Character "&" is not part of an entity '
                f"at byte offset {len(text[: match.start()].encode())}",
            )
    parser = _TelegramHTML(text)
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser._fail(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"')
    return "".join(parser.text)


def visible_text(text: str, parse_mode: str | None) -> str:
    """What the user would see: HTML parsed (and validated) or the text itself."""
    if parse_mode is None:
        return text
    if parse_mode.upper() != "HTML":
        raise TelegramError(400, f"Bad Request: unsupported parse_mode {parse_mode!r} in the fake")
    return parse_html(text)


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class User:
    id: int
    first_name: str
    language_code: str | None = "ru"
    username: str | None = None

    def api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        return data


@dataclass(slots=True)
class Chat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    admins: set[int] = field(default_factory=set)  # user ids; the first one added is creator
    creator: int | None = None
    bot_status: str = "administrator"  # the bot's own status in groups and channels
    member_count: int = 3

    def api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.username:
            data["username"] = self.username
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass(slots=True)
class SentMessage:
    """A message the bot sent (and its later edits)."""

    message_id: int
    chat_id: int
    text: str  # as sent (HTML source when parse_mode is HTML)
    plain: str  # the visible text
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    message_thread_id: int | None
    disable_notification: bool
    time: float
    edits: int = 0
    photo: bytes | None = None  # sendPhoto: the uploaded file

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline buttons, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button_texts(self) -> list[str]:
        return [b["text"] for b in self.buttons]


@dataclass(slots=True)
class _Window:
    """Sliding-window rate limiter: at most ``limit`` events per ``period`` seconds."""

    limit: int
    period: float
    events: deque[float] = field(default_factory=deque)

    def retry_after(self, now: float) -> int:
        while self.events and now - self.events[0] >= self.period:
            self.events.popleft()
        if len(self.events) >= self.limit:
            return max(1, int(self.period - (now - self.events[0]) + 0.999))
        self.events.append(now)
        return 0


@dataclass(slots=True)
class _Burst:
    """Token bucket: a burst of ``capacity`` messages, then ``rate`` a second."""

    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = 0.0

    def retry_after(self, now: float) -> int:
        if self.tokens < 0:
            self.tokens, self.stamp = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0
        return max(1, int((1 - self.tokens) / self.rate + 0.999))


# Telegram's limits, ON unless a test switches them off: 30 messages a second overall; into a
# private chat a burst of 3, then 1 a second; 20 a minute into a group or channel.
OVERALL_PER_SECOND = 30
PRIVATE_BURST = 3
GROUP_PER_MINUTE = 20


# --------------------------------------------------------------------------- the server


class FakeTelegram:
    """The fake Bot API. ``await start()``, point the bot at ``base_url``, ``await stop()``."""

    def __init__(
        self, token: str = "123456:TEST-token", *, seed: int = 0, limits: bool = True
    ) -> None:
        self.token = token
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, User] = {}
        self.sent: list[SentMessage] = []
        self._sent_by_chat: dict[int, list[SentMessage]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.errors: list[tuple[str, int, str]] = []  # (method, status, description) answered
        self.get_updates_calls = 0
        # methods a plug-in answers instead of this class (tests/support/fake_webhook.py),
        # by lower-case name
        self.methods: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {}
        self.first_get_updates_at: float | None = None
        # misbehaviour, all off by default
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}
        self._global_window: _Window | None = _Window(OVERALL_PER_SECOND, 1.0) if limits else None
        self._chat_windows: dict[int, _Window] = {}
        self.per_chat_limit: tuple[int, float] | None = None
        self.telegram_chat_limits = limits  # private burst of 3 then 1/s, 20/min per group
        self._bursts: dict[int, _Burst] = {}
        self._group_windows: dict[int, _Window] = {}
        self.hang_seconds = 0.0  # sendMessage answers this late (the message is still sent)
        self.hang_chats: set[int] = set()
        self._unhang = asyncio.Event()
        self.fail_429 = 0.0
        self.fail_502 = 0.0
        self.retry_after_seconds = 1
        self._rng = random.Random(seed)

    # -- lifecycle ---------------------------------------------------------------------

    async def start(self) -> Self:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._unhang.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- configuration of misbehaviour -------------------------------------------------

    def set_rate_limit(self, per_second: int | None, *, period: float = 1.0) -> None:
        """At most ``per_second`` sendMessage calls per ``period`` overall, else 429."""
        self._global_window = _Window(per_second, period) if per_second else None

    def set_per_chat_limit(self, limit: int | None, period: float = 1.0) -> None:
        """At most ``limit`` messages per ``period`` into any one chat, else 429 (replaces
        Telegram's per-chat limits)."""
        self.per_chat_limit = (limit, period) if limit else None
        self.telegram_chat_limits = False
        self._chat_windows.clear()

    def hang(self, chat_id: int, seconds: float) -> None:
        """sendMessage into ``chat_id`` takes ``seconds`` to answer (it is delivered at once,
        as Telegram does when only the answer is slow)."""
        self.hang_chats.add(chat_id)
        self.hang_seconds = seconds

    def inject_failures(self, *, p429: float = 0.0, p502: float = 0.0, seed: int = 0) -> None:
        """Answer that fraction of sendMessage calls with 429 / 502, reproducibly."""
        self.fail_429, self.fail_502 = p429, p502
        self._rng = random.Random(seed)

    def block(self, chat_id: int) -> None:
        self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        """The chat no longer exists for the bot: sends get 400 chat not found."""
        self.chats.pop(chat_id, None)

    def migrate(self, group_id: int, supergroup_id: int) -> Chat:
        """The group became a supergroup: the old id answers 400 with migrate_to_chat_id."""
        old = self.chats.pop(group_id)
        new = Chat(
            supergroup_id,
            "supergroup",
            old.title,
            old.username,
            admins=set(old.admins),
            creator=old.creator,
            bot_status=old.bot_status,
        )
        self.chats[supergroup_id] = new
        self.migrated[group_id] = supergroup_id
        return new

    def reset_records(self) -> None:
        self.sent.clear()
        self._sent_by_chat.clear()
        self.calls.clear()
        self.errors.clear()

    # -- people and chats --------------------------------------------------------------

    def new_user(
        self,
        language_code: str | None = "ru",
        first_name: str = "Test",
        username: str | None = None,
    ) -> User:
        """A new user and their private chat with the bot (chat id == user id)."""
        user = User(100_000 + next(self._ids), first_name, language_code, username)
        self.users[user.id] = user
        self.chats[user.id] = Chat(user.id, "private")
        return user

    def private_chat(self, user: User) -> Chat:
        return self.chats.setdefault(user.id, Chat(user.id, "private"))

    def new_group(
        self,
        *,
        admins: Iterable[User] = (),
        title: str = "Test group",
        supergroup: bool = False,
        forum: bool = False,
    ) -> Chat:
        chat_id = -(1_000_000_000_000 if supergroup else 0) - 5000 - next(self._ids)
        kind = "supergroup" if supergroup or forum else "group"
        return self._add_chat(Chat(chat_id, kind, title, is_forum=forum), admins)

    def new_channel(
        self,
        *,
        admins: Iterable[User] = (),
        username: str | None = None,
        title: str = "Test channel",
        bot_status: str = "administrator",
    ) -> Chat:
        chat_id = -1_000_000_000_000 - 9000 - next(self._ids)
        return self._add_chat(
            Chat(chat_id, "channel", title, username, bot_status=bot_status), admins
        )

    def _add_chat(self, chat: Chat, admins: Iterable[User]) -> Chat:
        for admin in admins:
            chat.admins.add(admin.id)
            chat.creator = chat.creator or admin.id
            self.users[admin.id] = admin
        self.chats[chat.id] = chat
        return chat

    # -- injecting updates -------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    async def push_update(self, payload: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` added); returns its id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        await self._notify()
        return update_id

    async def send_text(
        self, chat: Chat | User | int, user: User | None, text: str, *, thread_id: int | None = None
    ) -> int:
        """A text message from ``user`` in ``chat`` (a User means their private chat)."""
        chat_obj = self._chat_of(chat)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_obj.id),
            "date": int(time.time()),
            "chat": chat_obj.api(),
            "text": text,
        }
        if user is not None:
            message["from"] = user.api()
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        key = "channel_post" if chat_obj.type == "channel" else "message"
        if key == "channel_post":
            message.pop("from", None)
            message["sender_chat"] = chat_obj.api()
        return await self.push_update({key: message})

    async def channel_post(self, channel: Chat, text: str) -> int:
        return await self.send_text(channel, None, text)

    async def press(
        self,
        message: SentMessage,
        *,
        text: str | None = None,
        index: int | None = None,
        data: str | None = None,
        user: User | None = None,
    ) -> str:
        """Press an inline button of a recorded message; returns the callback query id."""
        button = self._find_button(message, text, index, data)
        presser = user or self.users.get(message.chat_id) or self.new_user()
        query_id = str(next(self._ids))
        bot_message = {
            "message_id": message.message_id,
            "date": int(message.time),
            "chat": self._chat_of(message.chat_id).api(),
            "from": self.bot_user(),
            "text": message.plain,
        }
        if message.reply_markup:
            bot_message["reply_markup"] = message.reply_markup
        await self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": presser.api(),
                    "message": bot_message,
                    "chat_instance": str(message.chat_id),
                    "data": button["callback_data"],
                }
            }
        )
        return query_id

    @staticmethod
    def _find_button(
        message: SentMessage, text: str | None, index: int | None, data: str | None
    ) -> dict[str, Any]:
        buttons = message.buttons
        for i, button in enumerate(buttons):
            if (
                (text is not None and text in button["text"])
                or index == i
                or (data is not None and button.get("callback_data") == data)
            ):
                if "callback_data" not in button:
                    raise AssertionError(f"button {button['text']!r} has no callback_data")
                return button
        raise AssertionError(f"no button {text or index or data!r} in {message.button_texts()}")

    async def inline_query(
        self, user: User, query: str, *, offset: str = "", chat_type: str = "sender"
    ) -> str:
        query_id = str(next(self._ids))
        await self.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user.api(),
                    "query": query,
                    "offset": offset,
                    "chat_type": chat_type,
                }
            }
        )
        return query_id

    async def my_chat_member(
        self, chat: Chat | User, user: User, *, old: str = "member", new: str = "kicked"
    ) -> int:
        """The bot's status changed in ``chat`` (blocked = "kicked" in a private chat)."""
        chat_obj = self._chat_of(chat)
        if new in {"kicked", "left"}:
            self.blocked.add(chat_obj.id)
        else:
            self.blocked.discard(chat_obj.id)
        now = int(time.time())
        return await self.push_update(
            {
                "my_chat_member": {
                    "chat": chat_obj.api(),
                    "from": user.api(),
                    "date": now,
                    "old_chat_member": self._member(self.bot_user(), old, now),
                    "new_chat_member": self._member(self.bot_user(), new, now),
                }
            }
        )

    def _chat_of(self, chat: Chat | User | int) -> Chat:
        if isinstance(chat, Chat):
            return chat
        if isinstance(chat, User):
            return self.private_chat(chat)
        return self.chats.get(chat) or Chat(chat, "private")

    # -- waiting -----------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked on every change); return it."""

        async def _wait() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result

        return await asyncio.wait_for(_wait(), timeout)

    def messages_to(self, chat_id: int, *, thread_id: int | None = None) -> list[SentMessage]:
        found = self._sent_by_chat.get(chat_id, [])
        if thread_id is None:
            return list(found)
        return [m for m in found if m.message_thread_id == thread_id]

    def count_to(self, chat_id: int) -> int:
        """How many messages the bot has sent to ``chat_id`` (cheap, for wait predicates)."""
        return len(self._sent_by_chat.get(chat_id, ()))

    async def wait_for_messages(
        self, chat_id: int, n: int = 1, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Wait until the bot has sent at least ``n`` messages to ``chat_id``; all of them."""

        def ready() -> list[SentMessage] | None:
            return self.messages_to(chat_id) if self.count_to(chat_id) >= n else None

        try:
            result: list[SentMessage] = await self.wait_until(ready, timeout)
        except TimeoutError:
            got = [m.plain[:80] for m in self.messages_to(chat_id)]
            raise AssertionError(f"expected {n} messages to {chat_id}, got {got}") from None
        return result

    async def ask(
        self,
        chat: Chat | User,
        text: str,
        n: int = 1,
        *,
        user: User | None = None,
        thread_id: int | None = None,
        timeout: float = 5.0,
    ) -> list[SentMessage]:
        """Send ``text`` and return the ``n`` new messages the bot answers in that chat."""
        chat_obj = self._chat_of(chat)
        sender = user if user is not None else (chat if isinstance(chat, User) else None)
        before = len(self.messages_to(chat_obj.id))
        await self.send_text(chat_obj, sender, text, thread_id=thread_id)
        found = await self.wait_for_messages(chat_obj.id, before + n, timeout)
        return found[before:]

    async def wait_for_edit(
        self, message: SentMessage, edits: int = 1, timeout: float = 5.0
    ) -> SentMessage:
        await self.wait_until(lambda: message.edits >= edits, timeout)
        return message

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        result: dict[str, Any] = await self.wait_until(
            lambda: self.callback_answers.get(query_id), timeout
        )
        return result

    async def wait_for_inline_answer(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        result: dict[str, Any] = await self.wait_until(
            lambda: self.inline_answers.get(query_id), timeout
        )
        return result

    def commands_for(self, language_code: str = "", scope: str = "default") -> list[str]:
        return [c["command"] for c in self.commands.get((scope, language_code), [])]

    # -- HTTP --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error_response(TelegramError(401, "Unauthorized"), "?")
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        handler = self.methods.get(method.lower()) or getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return self._error_response(TelegramError(404, "Not Found: method not found"), method)
        try:
            result = await handler(params)
        except TelegramError as exc:
            return self._error_response(exc, method)
        except (KeyError, ValueError, TypeError) as exc:
            err = TelegramError(400, f"Bad Request: invalid parameters ({exc!r})")
            return self._error_response(err, method)
        return web.json_response({"ok": True, "result": result})

    def _error_response(self, exc: TelegramError, method: str) -> web.Response:
        self.errors.append((method, exc.status, exc.description))
        body: dict[str, Any] = {
            "ok": False,
            "error_code": exc.status,
            "description": exc.description,
        }
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.status)

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, bytes] = {}
        if request.can_read_body:
            form = await request.post()
            raw.update({k: v for k, v in form.items() if isinstance(v, str)})
            # multipart uploads (sendPhoto): the file's bytes, as Telegram would store them
            files = {k: v.file.read() for k, v in form.items() if isinstance(v, web.FileField)}
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if key in _JSON_FIELDS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            elif key in {"chat_id", "from_chat_id"} and re.fullmatch(r"-?\d+", value):
                value = int(value)
            params[key] = value
        for key, value in list(params.items()):  # "attach://name" points at an uploaded part
            if isinstance(value, str) and value.startswith("attach://"):
                params[key] = files.get(value.removeprefix("attach://"), value)
        for key, data in files.items():
            params.setdefault(key, data)
        return params

    @property
    def bot_id(self) -> int:
        """The bot's user id: the token's number, as Telegram does."""
        head = self.token.split(":", 1)[0]
        return int(head) if head.isdigit() else BOT_ID

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Regional News",
            "username": BOT_USERNAME,
        }

    # -- Bot API methods ---------------------------------------------------------------

    async def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _api_deletewebhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_close(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.get_updates_calls += 1
        if self.first_get_updates_at is None:
            self.first_get_updates_at = time.monotonic()
        await self._notify()
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            # An offset confirms every update below it: Telegram forgets them.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

        def pending() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] >= offset][:limit]

        if not pending() and timeout > 0:
            with contextlib.suppress(TimeoutError):
                await self.wait_until(pending, timeout)
        return pending()

    async def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[(scope, params.get("language_code") or "")] = list(params["commands"])
        return True

    async def _api_getmycommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        scope = (params.get("scope") or {}).get("type", "default")
        return self.commands.get((scope, params.get("language_code") or ""), [])

    async def _api_deletemycommands(self, params: dict[str, Any]) -> bool:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands.pop((scope, params.get("language_code") or ""), None)
        return True

    def _target_chat(self, chat_ref: Any) -> Chat:
        """The chat a send goes to, with Telegram's errors for blocked/unknown/migrated."""
        if isinstance(chat_ref, str):
            found = next(
                (
                    c
                    for c in self.chats.values()
                    if c.username and f"@{c.username}".lower() == chat_ref.lower()
                ),
                None,
            )
            if found is None:
                raise TelegramError(400, "Bad Request: chat not found")
            chat_ref = found.id
        chat_id = int(chat_ref)
        if chat_id in self.migrated:
            raise TelegramError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated[chat_id]},
            )
        chat = self.chats.get(chat_id)
        if chat is None:
            raise TelegramError(400, "Bad Request: chat not found")
        if chat_id in self.blocked:
            if chat.type == "private":
                raise TelegramError(403, "Forbidden: bot was blocked by the user")
            raise TelegramError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        return chat

    def _throttle(self, chat_id: int) -> None:
        now = time.monotonic()
        roll = self._rng.random()
        if roll < self.fail_429:
            raise TelegramError(
                429,
                f"Too Many Requests: retry after {self.retry_after_seconds}",
                {"retry_after": self.retry_after_seconds},
            )
        if roll < self.fail_429 + self.fail_502:
            raise TelegramError(502, "Bad Gateway")
        if self.per_chat_limit is not None:
            window = self._chat_windows.setdefault(chat_id, _Window(*self.per_chat_limit))
            if wait := window.retry_after(now):
                raise TelegramError(
                    429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
                )
        if self.telegram_chat_limits:
            if chat_id < 0:
                window = self._group_windows.setdefault(chat_id, _Window(GROUP_PER_MINUTE, 60.0))
                wait = window.retry_after(now)
            else:
                bucket = self._bursts.setdefault(chat_id, _Burst(PRIVATE_BURST, 1.0))
                wait = bucket.retry_after(now)
            if wait:
                raise TelegramError(
                    429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
                )
        if self._global_window is not None and (wait := self._global_window.retry_after(now)):
            raise TelegramError(
                429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
            )

    @staticmethod
    def _checked_text(params: dict[str, Any]) -> tuple[str, str]:
        text = params.get("text", "")
        if not isinstance(text, str) or not text.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        plain = visible_text(text, params.get("parse_mode"))
        if not plain.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        if _utf16_len(plain) > MAX_TEXT:
            raise TelegramError(400, "Bad Request: message is too long")
        return text, plain

    @staticmethod
    def _checked_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(data.encode()) > 64:
                    raise TelegramError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise TelegramError(400, "Bad Request: text buttons are unallowed")
        return dict(markup)

    async def _api_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        """A picture (uploaded as multipart) with an optional caption of up to 1024 chars."""
        chat = self._target_chat(params["chat_id"])
        photo = params.get("photo")
        if not isinstance(photo, bytes) or not photo.startswith(b"\x89PNG\r\n\x1a\n"):
            raise TelegramError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = params.get("caption", "")
        plain = visible_text(caption, params.get("parse_mode")) if caption else ""
        if _utf16_len(plain) > 1024:
            raise TelegramError(400, "Bad Request: message caption is too long")
        markup = self._checked_markup(params)
        self._throttle(chat.id)
        message = SentMessage(
            message_id=self._next_message_id(chat.id),
            chat_id=chat.id,
            text=caption,
            plain=plain,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            message_thread_id=None,
            disable_notification=bool(params.get("disable_notification")),
            time=time.time(),
            photo=photo,
        )
        self.sent.append(message)
        self._sent_by_chat.setdefault(chat.id, []).append(message)
        await self._notify()
        return self._message_api(message, chat)

    async def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target_chat(params["chat_id"])
        text, plain = self._checked_text(params)
        markup = self._checked_markup(params)
        self._throttle(chat.id)
        thread = params.get("message_thread_id")
        message = SentMessage(
            message_id=self._next_message_id(chat.id),
            chat_id=chat.id,
            text=text,
            plain=plain,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            message_thread_id=int(thread) if thread is not None else None,
            disable_notification=bool(params.get("disable_notification")),
            time=time.time(),
        )
        self.sent.append(message)
        self._sent_by_chat.setdefault(chat.id, []).append(message)
        await self._notify()
        if chat.id in self.hang_chats:
            with contextlib.suppress(TimeoutError):  # stop() ends the hang early
                await asyncio.wait_for(self._unhang.wait(), self.hang_seconds)
        return self._message_api(message, chat)

    def _message_api(self, message: SentMessage, chat: Chat) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(message.time),
            "chat": chat.api(),
            "from": self.bot_user(),
            "text": message.plain,
        }
        if message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.message_thread_id is not None:
            data["message_thread_id"] = message.message_thread_id
        if chat.type == "channel":
            data.pop("from")
            data["sender_chat"] = chat.api()
        return data

    def _message_to_edit(self, params: dict[str, Any]) -> tuple[SentMessage, Chat]:
        chat = self._target_chat(params["chat_id"])
        message_id = int(params["message_id"])
        message = next(
            (m for m in self._sent_by_chat.get(chat.id, []) if m.message_id == message_id), None
        )
        if message is None:
            raise TelegramError(400, "Bad Request: message to edit not found")
        return message, chat

    async def _api_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        message, chat = self._message_to_edit(params)
        text, plain = self._checked_text(params)
        markup = self._checked_markup(params)
        if text == message.text and markup == message.reply_markup:
            raise TelegramError(
                400,
                "Bad Request: message is not modified: specified new "
                "message content and reply markup are exactly the same "
                "as a current content and reply markup of the message",
            )
        message.text, message.plain, message.reply_markup = text, plain, markup
        message.parse_mode = params.get("parse_mode")
        message.edits += 1
        await self._notify()
        return self._message_api(message, chat)

    async def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message, chat = self._message_to_edit(params)
        message.reply_markup = self._checked_markup(params)
        message.edits += 1
        await self._notify()
        return self._message_api(message, chat)

    async def _api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        text = params.get("text") or ""
        if len(text) > 200:
            raise TelegramError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[str(params["callback_query_id"])] = params
        await self._notify()
        return True

    async def _api_answerinlinequery(self, params: dict[str, Any]) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise TelegramError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id") for r in results]
        if len(set(ids)) != len(ids):
            raise TelegramError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            if len(str(result.get("id", "")).encode()) > 64:
                raise TelegramError(400, "Bad Request: RESULT_ID_INVALID")
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                self._checked_text(
                    {"text": content["message_text"], "parse_mode": content.get("parse_mode")}
                )
        self.inline_answers[str(params["inline_query_id"])] = params
        await self._notify()
        return True

    async def _api_getchat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._known_chat(params["chat_id"])
        return {
            **chat.api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _known_chat(self, chat_ref: Any) -> Chat:
        if isinstance(chat_ref, str) and not re.fullmatch(r"-?\d+", chat_ref):
            found = next(
                (
                    c
                    for c in self.chats.values()
                    if c.username and f"@{c.username}".lower() == chat_ref.lower()
                ),
                None,
            )
        else:
            found = self.chats.get(int(chat_ref))
        if found is None:
            raise TelegramError(400, "Bad Request: chat not found")
        return found

    def _member(self, user: dict[str, Any], status: str, now: int | None = None) -> dict[str, Any]:
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "administrator":
            rights = [
                "can_be_edited",
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_promote_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
                "can_post_messages",
                "can_edit_messages",
                "can_pin_messages",
                "can_send_welcome_messages",
            ]
            member.update({r: r != "can_be_edited" for r in rights})
            member["is_anonymous"] = False
        elif status == "creator":
            member["is_anonymous"] = False
        elif status == "kicked":
            member["until_date"] = 0
        elif status == "restricted":
            raise ValueError("restricted members are not modelled")
        return member

    async def _api_getchatmember(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._known_chat(params["chat_id"])
        user_id = int(params["user_id"])
        if user_id == self.bot_id:
            status = "member" if chat.type == "private" else chat.bot_status
            return self._member(self.bot_user(), status)
        user = self.users.get(user_id) or User(user_id, "Someone")
        if chat.type == "private":
            status = "member" if user_id == chat.id else "left"
        elif user_id == chat.creator:
            status = "creator"
        elif user_id in chat.admins:
            status = "administrator"
        else:
            status = "member"
        return self._member(user.api(), status)

    async def _api_getchatadministrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat = self._known_chat(params["chat_id"])
        admins = []
        for user_id in sorted(chat.admins):
            user = self.users.get(user_id) or User(user_id, "Someone")
            admins.append(
                self._member(user.api(), "creator" if user_id == chat.creator else "administrator")
            )
        if chat.bot_status == "administrator" and chat.type != "private":
            admins.append(self._member(self.bot_user(), "administrator"))
        return admins

    async def _api_getchatmembercount(self, params: dict[str, Any]) -> int:
        return self._known_chat(params["chat_id"]).member_count

    async def _api_deletemessage(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_sendchataction(self, params: dict[str, Any]) -> bool:
        self._target_chat(params["chat_id"])
        return True
