"""Webhook mode (``WEBHOOK_URL``): Telegram POSTs each update to the bot through a reverse proxy.

aiogram's aiohttp integration on one listener (``WEBHOOK_LISTEN``):

- ``POST <path of WEBHOOK_URL>``: an update. aiogram's ``SimpleRequestHandler`` refuses a
  request whose ``X-Telegram-Bot-Api-Secret-Token`` header is not ``WEBHOOK_SECRET`` (401,
  nothing handled). The update is handled before the answer (not in the background), so a
  replica that dies mid-update leaves it unanswered and Telegram sends it again, to a replica
  the proxy still has. Replies go out as ordinary Bot API calls through the bot's session, so
  Telegram's limits and the retry policy apply as in polling mode.
- ``GET /healthz``: :class:`~bot.services.health.HealthService`'s report, 200 or 503.

Start: the port taken -> ``setWebhook`` (every replica sets the same URL; a repeat changes
nothing) -> dispatcher start-up (getMe, menus, background parts) -> serving.
Stop (SIGTERM/SIGINT): no new connections, background parts stopped, requests in flight
finished, then the Bot session is closed. The webhook stays set: the other replicas keep
receiving through the proxy.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import signal
import socket
from typing import TYPE_CHECKING

from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import HEALTH_PATH
from bot.services.health import HealthService

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from bot.config import Settings
    from bot.container import App

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 30.0  # seconds for the updates in flight to finish at stop


class WebhookError(Exception):
    """Webhook mode cannot start; ``str()`` is the one line for the operator."""


def build_web_app(dp: Dispatcher, bot: Bot, app: App) -> web.Application:
    """The aiohttp application: the update route, /healthz, the dispatcher's start and stop."""
    settings = app.settings
    web_app = web.Application()
    # start-up and shutdown of the dispatcher (menus, delivery, sources) with the web app
    setup_application(web_app, dp, bot=bot)
    handler = SimpleRequestHandler(
        dispatcher=dp,
        bot=bot,
        handle_in_background=False,
        secret_token=settings.webhook_secret.get_secret_value(),
    )
    # the route by hand, not handler.register(): that closes the Bot session in on_shutdown,
    # before the updates in flight have sent their replies (run_webhook closes it after)
    web_app.router.add_post(settings.webhook_path, handler.handle)
    health = HealthService(app.db, lambda: app.delivery)

    async def healthz(request: web.Request) -> web.Response:
        report = await health.check()
        return web.json_response(report.parts, status=200 if report.ok else 503)

    web_app.router.add_get(HEALTH_PATH, healthz)
    return web_app


async def run_webhook(dp: Dispatcher, bot: Bot, app: App) -> None:
    """Serve updates and /healthz until SIGTERM or SIGINT; the Bot session is closed at the end.

    The port is taken and the webhook set before anything starts, so either failing is one line
    with nothing half-started; updates Telegram sends meanwhile wait in the socket's backlog."""
    settings = app.settings
    try:
        sock = _listen(settings)
        try:
            await set_webhook(bot, dp, settings)
            await _serve(dp, bot, app, sock)
        finally:
            sock.close()
    finally:
        await bot.session.close()


async def _serve(dp: Dispatcher, bot: Bot, app: App, sock: socket.socket) -> None:
    runner = web.AppRunner(
        build_web_app(dp, bot, app),
        handle_signals=False,
        access_log=None,  # a line per update: the bot logs what matters itself
        shutdown_timeout=SHUTDOWN_GRACE,
    )
    try:
        await runner.setup()  # the dispatcher's start-up: getMe, menus, background parts
        await web.SockSite(runner, sock).start()
        settings = app.settings
        log.info("webhook %s: listening on %s", settings.webhook_url, settings.webhook_listen)
        await _until_signal()
        log.info("stopping: no new updates; finishing those in flight")
    finally:
        await runner.cleanup()  # stops the dispatcher, then waits for the requests in flight


def _listen(settings: Settings) -> socket.socket:
    """The listening socket of WEBHOOK_LISTEN (``::`` takes IPv4 too where the system can)."""
    host, port = settings.listen_address
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    dual = host == "::" and socket.has_dualstack_ipv6()
    try:
        return socket.create_server((host, port), family=family, dualstack_ipv6=dual)
    except OSError as exc:
        raise WebhookError(
            f"WEBHOOK_LISTEN {settings.webhook_listen}: cannot listen "
            f"({exc.strerror or exc}): {_listen_hint(exc)}"
        ) from None


def _listen_hint(exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return "stop what uses the port or choose another host:port"
    if exc.errno == errno.EACCES:
        return "ports below 1024 need privileges: listen on e.g. 0.0.0.0:8080 behind the proxy"
    # a name that does not resolve, an address this machine does not have
    return "use 0.0.0.0, :: or an address of this machine"


async def set_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Point Telegram at WEBHOOK_URL with the secret and the update types the routers use.

    ``drop_pending_updates=False``: updates queued during a deploy are kept for the replicas."""
    try:
        await bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
    except TelegramBadRequest as exc:
        raise WebhookError(
            f"Telegram refused WEBHOOK_URL {settings.webhook_url} ({exc.message}): it must be "
            "a public https:// address with a valid certificate on port 443, 80, 88 or 8443"
        ) from None
    except TelegramAPIError as exc:  # retried already (bot.outgoing); getMe worked moments ago
        raise WebhookError(
            f"setWebhook failed ({exc.message}): check the network and TELEGRAM_API_URL, "
            "then start again"
        ) from None


async def _until_signal() -> None:
    """Wait for SIGTERM (docker stop, systemctl stop) or SIGINT (Ctrl-C).

    The handlers are removed at once: a second Ctrl-C during shutdown interrupts it."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
