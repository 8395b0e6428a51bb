"""``python -m bot console``: talk to the bot in a terminal, no Telegram and no token.

The same Dispatcher and handlers as ``run``: typed lines become Telegram updates fed to the
Dispatcher, and the Bot's session (:class:`ConsoleSession`) answers the Bot API calls locally,
printing messages as plain text. Buttons of the last answer are numbered; typing a number
presses one. ``@ words`` asks the inline mode. The store is the real one at ``DATABASE_PATH``
(seeded from ``SEEDS_DIR`` on first start), so an admin can try new article files here first.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import sys
from collections.abc import AsyncGenerator
from typing import IO, TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    InlineQuery,
    InputTextMessageContent,
    Message,
    Update,
    User,
)

from bot.config import ConfigError, load_settings
from bot.formatting import html_to_text

if TYPE_CHECKING:
    from aiogram import Dispatcher

CONSOLE_USER_ID = 1
BOT_USER = User(id=42, is_bot=True, first_name="Regional News", username="regional_news_bot")
PROMPT = "> "


class ConsoleSession(BaseSession):
    """A Bot API 'server' in the process: prints what the bot sends, remembers the buttons."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__()
        self.out = out
        self.message_ids = itertools.count(1)
        self.buttons: list[tuple[Message, str]] = []  # (message, callback_data) by number
        self.messages: dict[int, Message] = {}

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("no files in the console")
        yield b""  # pragma: no cover

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's API)
    ) -> TelegramType:
        result: Any = True
        if isinstance(method, GetMe):
            result = BOT_USER
        elif isinstance(method, SendMessage):
            result = self._show(method.text, method.reply_markup, chat_id=int(method.chat_id))
        elif isinstance(method, EditMessageText):
            result = self._show(
                method.text or "",
                method.reply_markup,
                chat_id=int(method.chat_id or 0),
                message_id=method.message_id,
            )
        elif isinstance(method, EditMessageReplyMarkup):
            old = self.messages.get(method.message_id or 0)
            result = self._show(
                (old.text or "") if old else "",
                method.reply_markup,
                chat_id=int(method.chat_id or 0),
                message_id=method.message_id,
            )
        elif isinstance(method, AnswerCallbackQuery):
            if method.text:
                self._print(f"[{method.text}]")
        elif isinstance(method, AnswerInlineQuery):
            self._show_inline(method)
        elif isinstance(method, SendPhoto):  # /partners' chart: a terminal shows no picture
            caption = f"[picture] {method.caption or ''}".rstrip()
            result = self._show(caption, method.reply_markup, chat_id=int(method.chat_id))
        elif method.__returning__ is not bool:
            # getChat, getChatMember...: the console has no other chats or members, so it
            # answers as Telegram does for a chat it does not know (a True here would reach
            # the handler as the chat itself).
            raise TelegramBadRequest(method, "Bad Request: chat not found")
        return result  # type: ignore[no-any-return]

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _show(
        self, text: str, markup: Any, *, chat_id: int, message_id: int | None = None
    ) -> Message:
        keyboard = markup if isinstance(markup, InlineKeyboardMarkup) else None
        message = Message(
            message_id=message_id or next(self.message_ids),
            date=dt.datetime.now(dt.UTC),
            chat=Chat(id=chat_id, type="private"),
            from_user=BOT_USER,
            text=html_to_text(text),
            reply_markup=keyboard,
        )
        self.messages[message.message_id] = message
        self._print(("(edited)\n" if message_id else "") + html_to_text(text))
        if keyboard is not None:
            self.buttons = []
            for row in keyboard.inline_keyboard:
                for button in row:
                    if button.callback_data:
                        self.buttons.append((message, button.callback_data))
                        self._print(f"  [{len(self.buttons)}] {button.text}")
        self._print("")
        return message

    def _show_inline(self, method: AnswerInlineQuery) -> None:
        for i, result in enumerate(method.results, 1):
            title = getattr(result, "title", "")
            self._print(f"  ({i}) {title}")
            content = getattr(result, "input_message_content", None)
            if i == 1 and isinstance(content, InputTextMessageContent):
                self._print("      " + html_to_text(content.message_text).replace("\n", "\n      "))
        if not method.results:
            self._print("  (no results)")
        self._print("")


def inline_query_text(line: str) -> str:
    """The query of a typed inline line: "@ words" or "@botname words" -> "words"."""
    rest = line.removeprefix("@")
    if rest[:1] and not rest[:1].isspace():  # "@botname ...": the name is not the query
        rest = rest.partition(" ")[2]
    return rest.strip()


class Console:
    """Turns typed lines into updates for the Dispatcher."""

    def __init__(
        self, dp: Dispatcher, bot: Bot, session: ConsoleSession, language_code: str = "ru"
    ) -> None:
        self.dp, self.bot, self.session = dp, bot, session
        self.user = User(
            id=CONSOLE_USER_ID, is_bot=False, first_name="Console", language_code=language_code
        )
        self.chat = Chat(id=CONSOLE_USER_ID, type="private")
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1_000_000)

    async def handle_line(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        if line.isdigit() and self.session.buttons:
            await self.press(int(line))
        elif line.startswith("@"):
            query = InlineQuery(
                id=str(next(self.update_ids)),
                from_user=self.user,
                query=inline_query_text(line),
                offset="",
            )
            await self._feed(inline_query=query)
        else:
            message = Message(
                message_id=next(self.message_ids),
                date=dt.datetime.now(dt.UTC),
                chat=self.chat,
                from_user=self.user,
                text=line,
            )
            await self._feed(message=message)

    async def press(self, number: int) -> None:
        if not 1 <= number <= len(self.session.buttons):
            self.session._print(f"(no button {number})\n")
            return
        message, data = self.session.buttons[number - 1]
        query = CallbackQuery(
            id=str(next(self.update_ids)),
            from_user=self.user,
            chat_instance="console",
            message=message,
            data=data,
        )
        await self._feed(callback_query=query)

    async def _feed(self, **event: Any) -> None:
        update = Update(update_id=next(self.update_ids), **event)
        await self.dp.feed_update(self.bot, update)


async def _read_lines(stream: IO[str]) -> AsyncGenerator[str, None]:
    while True:
        line = await asyncio.to_thread(stream.readline)
        if not line:
            return
        yield line


async def console_main(stdin: IO[str], out: IO[str], language_code: str = "ru") -> None:
    from bot.app import build_bot, build_dispatcher
    from bot.container import open_app

    settings = load_settings(bot_token="42:console")
    # No scheduler here: the console is for reading, and deliveries must not be marked sent
    # for chats that only exist in this terminal.
    app = await open_app(settings, deliver=False)
    services = app.services
    session = ConsoleSession(out)
    try:
        bot = build_bot(settings, session=session)
        dp = build_dispatcher(app)
        await dp.emit_startup(bot=bot, **dp.workflow_data)
        console = Console(dp, bot, session, language_code)
        count = await services.articles.store.count()
        print(
            f"{count} articles in {settings.database_path}. Type /help, a number to press a "
            "button, '@ words' for inline mode, Ctrl-D to quit.",
            file=out,
            flush=True,
        )
        interactive = stdin.isatty()
        if interactive:
            print(PROMPT, end="", file=out, flush=True)
        async for line in _read_lines(stdin):
            await console.handle_line(line)
            if interactive:
                print(PROMPT, end="", file=out, flush=True)
        await dp.emit_shutdown(bot=bot, **dp.workflow_data)
    finally:
        await app.close()


def run_console() -> int:
    try:
        load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        asyncio.run(console_main(sys.stdin, sys.stdout))
    except KeyboardInterrupt:
        return 0
    return 0
