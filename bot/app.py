"""``python -m bot run``: the bot on long polling (SPEC: Command line, Configuration).

Start: settings -> store opened (created, migrated, seeded on first start) -> Dispatcher ->
getMe, command menu in Russian and English, services' lifecycle hooks -> polling.
Stop (SIGINT/SIGTERM, handled by aiogram's polling): lifecycle hooks stopped newest first,
the HTTP session closed, then the store; a write in progress finishes in its transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, load_settings
from bot.texts import catalogue, languages, t

# aiogram and the store are imported inside the functions: importing aiogram costs a second or
# more (its pydantic models), and a missing token or a bad setting must be reported at once.
if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.base import BaseSession
    from aiogram.types import BotCommand, ErrorEvent

    from bot.container import App
    from bot.services.container import Services

log = logging.getLogger("bot")


def bot_defaults() -> DefaultBotProperties:
    from aiogram.client.default import DefaultBotProperties
    from aiogram.enums import ParseMode
    from aiogram.types import LinkPreviewOptions

    return DefaultBotProperties(
        parse_mode=ParseMode.HTML, link_preview=LinkPreviewOptions(is_disabled=True)
    )


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """The Bot talking to ``TELEGRAM_API_URL`` (Telegram, a self-hosted server, or a fake)."""
    from aiogram import Bot
    from aiogram.client.telegram import TelegramAPIServer

    from bot.telegram_session import JsonAiohttpSession

    if session is None:
        session = JsonAiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token=settings.bot_token, session=session, default=bot_defaults())


def build_dispatcher(app: App) -> Dispatcher:
    """The Dispatcher with every feature router; handlers get ``services`` (workflow data,
    set once here) and ``lang`` (the locale middleware)."""
    from aiogram import Dispatcher

    from bot.middlewares import CommandCaseMiddleware, LocaleMiddleware
    from bot.routers import feature_routers

    dp = Dispatcher()
    dp.update.outer_middleware(LocaleMiddleware())
    dp.message.outer_middleware(CommandCaseMiddleware())
    dp.channel_post.outer_middleware(CommandCaseMiddleware())
    dp.include_routers(*feature_routers())
    dp.errors.register(_on_error)
    dp.startup.register(_on_startup)
    dp.shutdown.register(_on_shutdown)
    dp["services"] = app.services
    dp["app"] = app
    return dp


def menu_commands(lang: str) -> list[BotCommand]:
    """The command menu of ``lang``: every ``menu.*`` key, in catalogue order."""
    from aiogram.types import BotCommand

    keys = [k for k in catalogue("ru") if k.startswith("menu.")]
    return [BotCommand(command=k.removeprefix("menu."), description=t(k, lang)[:256]) for k in keys]


async def _on_startup(bot: Bot, app: App, services: Services) -> None:
    me = await bot.get_me()
    services.bot_username = me.username or ""
    # the menus are independent: one round trip to Telegram instead of one per language
    await asyncio.gather(
        bot.set_my_commands(menu_commands("ru")),
        *(bot.set_my_commands(menu_commands(lang), language_code=lang) for lang in languages()),
    )
    await app.on_startup(bot)
    log.info("bot @%s ready", services.bot_username)


async def _on_shutdown(app: App) -> None:
    await app.on_shutdown()


async def _on_error(event: ErrorEvent, lang: str = "ru") -> bool:
    """A handler failed: log it, tell the user if there is one to tell; polling goes on.

    ``lang`` comes from the handler data: the locale middleware's context has already ended
    when aiogram's error middleware (outside it) calls this.
    """
    log.error(
        "handler failed on update %s: %r",
        event.update.update_id,
        event.exception,
        exc_info=event.exception,
    )
    update = event.update
    try:
        if update.message is not None:
            await update.message.answer(t("error.generic", lang))
        elif update.callback_query is not None:
            await update.callback_query.answer(t("error.generic", lang))
    except Exception as exc:  # Telegram refusing the apology is not worth another traceback
        log.warning("could not report the failure to the chat: %r", exc)
    return True


class _RedactToken(logging.Filter):
    """Logs never show the token, whatever a library puts in a message (e.g. a URL)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token and self.token in record.getMessage():
            record.msg = record.getMessage().replace(self.token, "<token>")
            record.args = ()
        return True


def setup_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactToken(settings.bot_token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # per-update and per-run chatter: a line for every update and every delivery tick
    for chatty in ("aiogram.event", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))


async def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; the store is closed however polling ends."""
    from bot.container import open_app

    app = await open_app(settings)
    try:
        bot = build_bot(settings)
        dp = build_dispatcher(app)
        log.info(
            "store %s: %d articles; polling %s",
            settings.database_path,
            await app.services.articles.store.count(),
            settings.telegram_api_url,
        )
        await dp.start_polling(bot, handle_signals=True, close_bot_session=True)
    finally:
        await app.close()
        log.info("stopped")


def run_bot() -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if not settings.bot_token.strip():
        print(
            "BOT_TOKEN is not set: get a token from @BotFather and put it in the environment "
            "or .env (python -m bot console works without one)",
            file=sys.stderr,
        )
        return 2
    setup_logging(settings)
    with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C during shutdown
        asyncio.run(serve(settings))
    return 0
