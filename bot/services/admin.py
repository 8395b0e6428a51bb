"""Admin commands' services: /reload and /stats (SPEC: Chat commands, ADMIN_IDS only).

The handlers check the caller against ``ADMIN_IDS`` (:meth:`AdminService.is_admin`) before
calling anything here; nothing here changes state for anyone else.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.config import Settings
from storage.database import Database
from storage.ingest import SEEDS_ROOT, ingest_dir
from storage.models import IngestReport
from storage.subscriptions import SubscriptionStore

log = logging.getLogger(__name__)

# Queue new articles for their subscribers; returns how many deliveries were queued.
Plan = Callable[[Database], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    regions_covered: int  # distinct ISO 3166-2 codes with at least one article
    subscribers_active: int  # chats with a subscription that we can reach
    subscribers_inactive: int  # ... that blocked or removed the bot
    subscriptions: int
    deliveries_pending: int  # queued or in flight (digest chats' waiting rows included)
    deliveries_sent: int
    deliveries_failed: int
    articles_unlisted: int = 0  # kept but not about cooperation: never listed nor sent


class AdminService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        plan: Plan,
        wake_delivery: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.store = SubscriptionStore(db)
        # Injected by the app container: the planner (delivery's SQL, not ours) and the
        # scheduler's wake-up, so /reload's articles are queued and go out at once.
        self.plan = plan
        self.wake_delivery = wake_delivery

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids

    async def reload(self) -> IngestReport:
        """Re-read ``SEEDS_DIR`` exactly as ``python -m bot ingest`` does and queue what is new.

        New articles get higher ids than every watermark, so the planner picks them up; it
        runs here straight away (the counts are in the outbox at once) and the scheduler is
        woken so delivery does not wait for the next interval. Articles added by a
        ``python -m bot ingest`` beside the bot are planned by the scheduler's next run.
        """
        report = await ingest_dir(self.db, self.settings.seeds_dir, root=SEEDS_ROOT)
        queued = await self.plan(self.db)
        log.info(
            "reload: %d added, %d updated, %d removed, %d failed; %d deliveries queued",
            len(report.added),
            len(report.updated),
            len(report.removed),
            len(report.failed),
            queued,
        )
        if self.wake_delivery is not None:
            self.wake_delivery()
        return report

    async def stats(self) -> Stats:
        articles, regions, subscriptions, unlisted = await self._scalars(
            "SELECT count(*) FROM articles",
            "SELECT count(DISTINCT code) FROM article_regions",
            "SELECT count(*) FROM subscriptions",
            "SELECT count(*) FROM articles WHERE relevant = 0",
        )
        active, inactive = await self.store.subscriber_counts()
        outbox = await self.store.counts()
        return Stats(
            articles=articles,
            regions_covered=regions,
            subscribers_active=active,
            subscribers_inactive=inactive,
            subscriptions=subscriptions,
            deliveries_pending=outbox["pending"] + outbox["sending"],
            deliveries_sent=outbox["sent"],
            deliveries_failed=outbox["failed"],
            articles_unlisted=unlisted,
        )

    async def _scalars(self, *queries: str) -> list[int]:
        values = []
        for sql in queries:
            async with self.db.execute(sql) as cur:
                row = await cur.fetchone()
            values.append(int(row[0]) if row and row[0] is not None else 0)
        return values
