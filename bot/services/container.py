"""The services every handler gets (as ``services``), built by :func:`bot.container.open_app`.

A bundle, not a factory: it holds what handlers call and nothing that runs in the background
(delivery, polling live in :mod:`bot.container`). Every field is built before the first update.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.services.admin import AdminService
from bot.services.articles import ArticleService
from bot.services.partners import PartnerService
from bot.services.queries import QueryTokens
from bot.services.subscriptions import SubscriptionService
from storage.database import Database


@dataclass(slots=True)
class Services:
    settings: Settings
    db: Database
    articles: ArticleService
    partners: PartnerService
    subscriptions: SubscriptionService
    admin: AdminService
    queries: QueryTokens
    bot_username: str = ""  # filled at start from getMe (help text, inline hints)
