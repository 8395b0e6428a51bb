"""``python -m bot run``: the bot on long polling, or by webhook when WEBHOOK_URL is set
(bot/webhook.py) (SPEC: Command line, Configuration).

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
    from bot.outgoing.limits import Limits
    from bot.outgoing.session import RetryPolicy
    from bot.services.container import Services

log = logging.getLogger("bot")


def bot_defaults() -> DefaultBotProperties:
    from aiogram.client.default import DefaultBotProperties
    from aiogram.enums import ParseMode
    from aiogram.types import LinkPreviewOptions

    return DefaultBotProperties(
        parse_mode=ParseMode.HTML, link_preview=LinkPreviewOptions(is_disabled=True)
    )


def build_bot(
    settings: Settings,
    session: BaseSession | None = None,
    *,
    limits: Limits | None = None,
    policy: RetryPolicy | None = None,
    database_url: str = "",
) -> Bot:
    """The Bot talking to ``TELEGRAM_API_URL`` (Telegram, a self-hosted server, or a fake).

    Every request it makes passes one ``OutgoingMiddleware``: Telegram's limits (``limits``,
    the real ones by default, deliveries capped at BROADCAST_RATE; with ``database_url``, kept
    by all replicas together in the store), 429s waited out, errors retried."""
    from aiogram import Bot
    from aiogram.client.telegram import TelegramAPIServer

    from bot.outgoing.limits import Limits
    from bot.outgoing.session import JsonAiohttpSession, OutgoingMiddleware
    from bot.outgoing.shared import limiter_for

    if session is None:  # a session passed in (the console's) talks to no Telegram: no limits
        session = JsonAiohttpSession(
            api=TelegramAPIServer.from_base(settings.telegram_api_url),
            timeout=settings.request_timeout,
        )
        limits = limits or Limits(deliveries=settings.broadcast_rate)
    if limits is not None:
        session.middleware(OutgoingMiddleware(limiter_for(limits, database_url), policy))
    return Bot(token=settings.token, session=session, default=bot_defaults())


def build_dispatcher(app: App) -> Dispatcher:
    """The Dispatcher with every feature router; handlers get ``services`` (workflow data,
    set once here) and ``lang`` (the locale middleware)."""
    from aiogram import Dispatcher

    from bot.fair_use import FairUseMiddleware
    from bot.middlewares import CommandCaseMiddleware, LocaleMiddleware
    from bot.routers import feature_routers

    dp = Dispatcher()
    dp.update.outer_middleware(LocaleMiddleware())
    fair_use = FairUseMiddleware(app.settings.fair_use_per_minute)
    dp.message.outer_middleware(fair_use)
    dp.callback_query.outer_middleware(fair_use)
    # after fair use: a refused message is not worth rewriting
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


class _RedactingFormatter(logging.Formatter):
    """Log lines never show the token, wherever a library put it: the message, its arguments
    or a traceback (the whole formatted line is cleaned, not just the message)."""

    def __init__(self, fmt: str, token: str) -> None:
        super().__init__(fmt)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        return line.replace(self.token, "<token>") if self.token else line


def setup_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        _RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", settings.token)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # per-update and per-run chatter: a line for every update and every delivery tick
    for chatty in ("aiogram.event", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))


# Exit codes of ``python -m bot run`` (README: Troubleshooting).
EXIT_CONFIG = 2  # a setting is missing or wrong (BOT_TOKEN unset, a bad URL, ...)
EXIT_TOKEN = 3  # Telegram rejected the token (401)
EXIT_UNREACHABLE = 4  # the Bot API did not answer for STARTUP_WAIT seconds
EXIT_STORE = 5  # the store file is corrupt, read-only or locked
EXIT_RUNNING = 6  # another bot already runs on this store


class StartupError(Exception):
    """Start-up cannot go on; ``str()`` is the one line for the operator."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


async def check_telegram(bot: Bot, settings: Settings) -> str:
    """getMe, retried with backoff for ``STARTUP_WAIT`` seconds; the bot's username."""
    from aiogram.exceptions import (
        TelegramNetworkError,
        TelegramServerError,
        TelegramUnauthorizedError,
    )

    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.startup_wait
    delay = 1.0
    while True:
        try:
            me = await bot.get_me()
            return me.username or ""
        except TelegramUnauthorizedError:
            raise StartupError(
                "Telegram rejected BOT_TOKEN (401 Unauthorized): copy the token again from "
                "@BotFather (/mybots -> API Token)",
                EXIT_TOKEN,
            ) from None
        except (TelegramNetworkError, TelegramServerError) as exc:
            if loop.time() + delay > deadline:
                raise StartupError(
                    f"the Bot API at {settings.telegram_api_url} did not answer for "
                    f"{settings.startup_wait:g} s ({exc.message}): check the network and "
                    "TELEGRAM_API_URL",
                    EXIT_UNREACHABLE,
                ) from None
            log.warning("Bot API not reachable (%s); retrying in %.0f s", exc.message, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15.0)


async def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; the store is closed however polling ends.

    Holds the store's instance lock for the whole run: a second bot on the same store stops
    at once with one line (InstanceLocked) instead of delivering beside this one."""
    from bot.container import open_app
    from bot.leader_gate import take_leadership
    from bot.store import database_url, store_place

    # DATABASE_URL: replicas on one PostgreSQL store (the advisory-lock leader, the shared
    # send budget); else the SQLite file's lock
    url = database_url(settings) or ""
    leadership = await take_leadership(settings.database_path, url, settings.delivery_interval)
    try:
        app = await open_app(settings, leadership=leadership)
        try:
            bot = build_bot(settings, database_url=url)
            try:
                await check_telegram(bot, settings)
            except BaseException:
                await bot.session.close()
                raise
            dp = build_dispatcher(app)
            log.info(
                "store %s: %d articles; %s %s",
                store_place(settings),  # host:port/db for PostgreSQL, never the password
                await app.services.articles.store.count(),
                "webhook mode, Bot API" if settings.webhook else "polling",
                settings.telegram_api_url,
            )
            if settings.webhook:
                await _serve_webhook(dp, bot, app)
            else:
                # a webhook left from webhook mode would make every getUpdates a 409 Conflict
                await bot.delete_webhook(drop_pending_updates=False)
                await dp.start_polling(bot, handle_signals=True, close_bot_session=True)
        finally:
            await app.close()
            log.info("stopped")
    finally:
        await leadership.release()


async def _serve_webhook(dp: Dispatcher, bot: Bot, app: App) -> None:
    """Webhook mode (bot/webhook.py); its start-up problems are one line, like the others."""
    from bot.webhook import WebhookError, run_webhook

    try:
        await run_webhook(dp, bot, app)
    except WebhookError as exc:
        raise StartupError(str(exc), EXIT_CONFIG) from None


def run_bot() -> int:
    from storage.db import StoreError
    from storage.instance import InstanceLocked

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if not settings.token.strip():
        print(
            "BOT_TOKEN is not set: get a token from @BotFather and put it in the environment "
            "or .env (python -m bot console works without one)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    setup_logging(settings)
    try:
        with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C during shutdown
            asyncio.run(serve(settings))
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(f"store error: {exc}", file=sys.stderr)
        return EXIT_STORE
    except InstanceLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    except NotADirectoryError as exc:  # first start: the store is seeded from SEEDS_DIR
        print(f"configuration error: SEEDS_DIR: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return 0
