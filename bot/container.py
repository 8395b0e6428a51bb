"""The application container: everything one running bot is made of, wired in one place.

``open_app`` opens the store and builds, in this order and in one direction (nothing it builds
imports this module or reaches back into another part):

    store -> services (what handlers call) -> background parts (delivery, the source poller)

Handlers get :class:`~bot.services.container.Services` only; the background parts are
:class:`Lifecycle` entries of :attr:`App.lifecycle`: ``start(bot)`` runs after the command menu
is set, before the first update; ``stop()`` runs in reverse order at shutdown, before the store
is closed. Extending (a source poller): build it in :func:`open_app` and append its
``Lifecycle``; a service that must nudge it gets a callback, as /reload gets ``wake_delivery``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.callbacks import SEARCH_KEY_BYTES
from bot.config import Settings
from bot.delivery.planner import plan
from bot.delivery.scheduler import DeliveryScheduler, build_scheduler
from bot.formatting import esc
from bot.leader_gate import LeaderGate
from bot.services.admin import AdminService
from bot.services.articles import ArticleService
from bot.services.container import Services
from bot.services.partners import PartnerService
from bot.services.queries import QueryTokens
from bot.services.subscriptions import SubscriptionService
from bot.sources.poller import RunningSources, start_sources
from bot.store import open_settings_store
from bot.texts import t
from storage.articles import ArticleStore
from storage.database import Database
from storage.ingest import ensure_seeded

if TYPE_CHECKING:
    from aiogram import Bot

    from storage.leader import Leadership

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Lifecycle:
    """A background part of the bot: started with the bot, stopped before the store closes."""

    name: str
    start: Callable[[Bot], Awaitable[None]] | None = None
    stop: Callable[[], Awaitable[None]] | None = None


@dataclass(slots=True)
class App:
    settings: Settings
    db: Database
    services: Services
    lifecycle: list[Lifecycle] = field(default_factory=list)
    delivery: DeliveryScheduler | None = None  # built when the bot starts (it needs the Bot)
    leader: LeaderGate | None = None  # with a Leadership: is this replica the one delivering
    _started: list[Lifecycle] = field(default_factory=list)

    def wake_delivery(self) -> None:
        """Deliver now rather than at the next interval (after /reload); no-op if not running.
        A standby replica asks the leading one instead."""
        if self.delivery is not None:
            self.delivery.wake()
        if self.leader is not None:
            self.leader.nudge_leader()

    async def on_startup(self, bot: Bot) -> None:
        for part in self.lifecycle:
            if part.start is not None:
                log.info("starting %s", part.name)
                await part.start(bot)
            self._started.append(part)

    async def on_shutdown(self) -> None:
        """Stop what was started (newest first); a failing stop does not skip the others."""
        while self._started:
            part = self._started.pop()
            if part.stop is None:
                continue
            log.info("stopping %s", part.name)
            try:
                await part.stop()
            except Exception:
                log.exception("stopping %s failed", part.name)

    async def close(self) -> None:
        await self.on_shutdown()
        await self.db.close()


async def open_app(
    settings: Settings,
    *,
    seed: bool = True,
    deliver: bool = True,
    leadership: Leadership | None = None,
) -> App:
    """Open (create, migrate, and on first start seed) the store and build the bot's parts.

    ``deliver``: start the delivery scheduler with the bot (off for the console, whose chats
    exist only in the terminal and must not have deliveries marked sent). ``leadership``:
    delivery and the sources run only while it is held (``bot.leader_gate``); None: always.
    """
    db = await open_settings_store(settings)
    try:
        if seed:
            await ensure_seeded(db, settings.seeds_dir)
    except BaseException:
        await db.close()
        raise
    app: App
    articles = ArticleService(ArticleStore(db))
    services = Services(
        settings=settings,
        db=db,
        articles=articles,
        partners=PartnerService(articles),
        subscriptions=SubscriptionService(db),
        queries=QueryTokens(SEARCH_KEY_BYTES),
        # a lambda: the scheduler is built only when the bot starts
        admin=AdminService(db, settings, plan=queue_new, wake_delivery=lambda: app.wake_delivery()),
    )
    app = App(settings=settings, db=db, services=services)
    if deliver:
        leader_only = [_delivery(app), _sources(app)]
        if leadership is None:
            app.lifecycle += leader_only
        else:
            app.leader = gate = LeaderGate(
                leadership, leader_only, retry=settings.delivery_interval, wake=app.wake_delivery
            )
            app.lifecycle.append(Lifecycle("leader", start=gate.start, stop=gate.stop))
    return app


async def queue_new(db: Database) -> int:
    """/reload queues what it added at once (the planner is delivery's SQL)."""
    return (await plan(db)).queued


def _delivery(app: App) -> Lifecycle:
    """Delivery starts with the bot (it sends through the Bot) and stops before the store."""

    async def start(bot: Bot) -> None:
        app.delivery = build_scheduler(app.db, bot, app.settings)
        await app.delivery.start()

    async def stop() -> None:
        if app.delivery is not None:
            await app.delivery.stop()

    return Lifecycle("delivery", start=start, stop=stop)


def _sources(app: App) -> Lifecycle:
    """News sources are polled while the bot runs (it tells admins through the Bot); new
    relevant articles wake the delivery at once."""
    running: list[RunningSources] = []

    async def start(bot: Bot) -> None:
        async def notify(text: str) -> None:
            for admin in app.settings.admin_ids:
                await bot.send_message(admin, t("sources.paused", "ru", text=esc(text)))

        running.append(
            await start_sources(app.db, app.settings, wake=app.wake_delivery, notify=notify)
        )

    async def stop() -> None:
        while running:
            await running.pop().stop()

    return Lifecycle("sources", start=start, stop=stop)
