"""The services one running bot shares, built once at start and closed once at stop.

Extending: a feature adds a field here (with a default, after the existing ones), builds it in
:func:`open_services`, and if it runs something in the background (the delivery scheduler)
appends a :class:`Lifecycle` to ``services.lifecycle``: ``start(bot)`` runs after the command
menu is set, before the first update; ``stop()`` runs in reverse order at shutdown, before the
store is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import aiosqlite

from bot.config import Settings
from bot.services.admin import AdminService
from bot.services.articles import ArticleService
from bot.services.queries import QueryTokens
from bot.services.subscriptions import SubscriptionService
from storage.articles import ArticleStore
from storage.db import open_db

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.delivery.scheduler import DeliveryScheduler

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Lifecycle:
    """A background part of the bot: started with the bot, stopped before the store closes."""

    name: str
    start: Callable[[Bot], Awaitable[None]] | None = None
    stop: Callable[[], Awaitable[None]] | None = None


@dataclass(slots=True)
class Services:
    settings: Settings
    db: aiosqlite.Connection
    articles: ArticleService
    queries: QueryTokens = field(default_factory=QueryTokens)
    lifecycle: list[Lifecycle] = field(default_factory=list)
    bot_username: str = ""  # filled at start from getMe (help text, inline hints)
    subscriptions: SubscriptionService | None = None  # built by open_services
    admin: AdminService | None = None  # built by open_services
    delivery: DeliveryScheduler | None = None  # built when the bot starts (needs the Bot)
    _started: list[Lifecycle] = field(default_factory=list)

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


async def open_services(settings: Settings, *, seed: bool = True, deliver: bool = True) -> Services:
    """Open (create, migrate, and on first start seed) the store and build the services.

    ``deliver``: start the delivery scheduler with the bot (off for the console).
    """
    from storage.ingest import ensure_seeded

    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    db = await open_db(settings.database_path)
    try:
        if seed:
            await ensure_seeded(db, settings.seeds_dir)
        articles = ArticleService(ArticleStore(db))
    except BaseException:
        await db.close()
        raise
    services = Services(
        settings=settings,
        db=db,
        articles=articles,
        subscriptions=SubscriptionService(db),
        admin=AdminService(db, settings),
    )
    if deliver:
        from bot.delivery.scheduler import delivery_lifecycle

        services.lifecycle.append(delivery_lifecycle(services))
        from bot.sources.poller import sources_lifecycle

        services.lifecycle.append(sources_lifecycle(services))
    return services
