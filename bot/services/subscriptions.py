"""Subscriptions and per-chat settings: what the chat handlers call (SPEC: Chat commands).

Handlers resolve NAME to a region code or topic slug (the same way as /region and /topic) and
check who may act (private user, group admin, channel admin); this layer stores the result.
A chat that subscribes, re-subscribes or comes back never receives the backlog it missed: its
watermark jumps to the newest article and each subscription only matches articles after it.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from typing import TypedDict

from storage.database import Database
from storage.db import transaction
from storage.subscriptions import (
    CHAT_TYPES,
    KINDS,
    MODES,
    Chat,
    ChatType,
    Kind,
    Mode,
    Subscription,
    SubscriptionStore,
    max_article_id,
)

DEFAULT_TZ = "Asia/Almaty"


class SettingsChange(TypedDict, total=False):
    """What /settings may change (the keywords of :meth:`SubscriptionService.update_settings`)."""

    mode: Mode
    digest_hour: int
    silent: bool
    tz: str


class SubscriptionError(ValueError):
    """A request this layer refuses (bad kind, hour, time zone...); the message says why."""


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    subscription: Subscription
    created: bool  # False: the chat already had it (its thread may have moved)
    revived: bool  # the chat was inactive and is active again


class SubscriptionService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.store = SubscriptionStore(db)

    # -- chats ---------------------------------------------------------------------------

    async def get_chat(self, chat_id: int) -> Chat | None:
        return await self.store.get_chat(chat_id)

    async def ensure_chat(
        self,
        chat_id: int,
        chat_type: ChatType,
        *,
        title: str | None = None,
        lang: str | None = None,
    ) -> Chat:
        """Known chat with its current type and title (created with no backlog, revived if it
        was inactive: any message from it proves it can hear us again)."""
        _check_type(chat_type)
        async with transaction(self.db):
            chat, _ = await self.store.upsert_chat_tx(
                chat_id, chat_type, title, lang, await max_article_id(self.db)
            )
        return chat

    async def mark_inactive(self, chat_id: int, reason: str = "blocked") -> bool:
        """The bot was blocked, kicked or the chat is gone: stop delivering, keep the chat.
        Returns whether it was active."""
        async with transaction(self.db):
            return await self.store.deactivate_tx(chat_id, reason)

    async def revive(self, chat_id: int) -> bool:
        """The chat is reachable again (/start, /subscribe, the bot re-added): deliver from the
        newest article on. Returns whether it was inactive."""
        async with transaction(self.db):
            return await self.store.revive_tx(chat_id, await max_article_id(self.db))

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: everything of ``old_id`` now belongs to ``new_id``."""
        async with transaction(self.db):
            await self.store.migrate_tx(old_id, new_id)

    # -- subscriptions -------------------------------------------------------------------

    async def subscribe(
        self,
        chat_id: int,
        chat_type: ChatType,
        kind: Kind = "all",
        value: str | None = None,
        *,
        thread_id: int | None = None,
        title: str | None = None,
        lang: str | None = None,
    ) -> SubscribeResult:
        """Subscribe the chat to everything (kind "all"), a region code or a topic slug.
        ``thread_id``: the forum topic the /subscribe came from; deliveries go there."""
        _check_type(chat_type)
        kind, value = _check_filter(kind, value)
        async with transaction(self.db):
            top = await max_article_id(self.db)
            _, revived = await self.store.upsert_chat_tx(chat_id, chat_type, title, lang, top)
            sub, created = await self.store.add_subscription_tx(
                chat_id, kind, value, thread_id, top
            )
        return SubscribeResult(subscription=sub, created=created, revived=revived)

    async def unsubscribe(self, chat_id: int, kind: Kind = "all", value: str | None = None) -> bool:
        """Remove one subscription by its filter. Returns whether it existed."""
        kind, value = _check_filter(kind, value)
        sub = await self.store.find_subscription(chat_id, kind, value)
        return sub is not None and await self.unsubscribe_id(chat_id, sub.id)

    async def unsubscribe_id(self, chat_id: int, subscription_id: int) -> bool:
        """Remove one subscription by id (the remove buttons); only the chat's own."""
        async with transaction(self.db):
            return await self.store.remove_subscriptions_tx(chat_id, [subscription_id]) > 0

    async def unsubscribe_all(self, chat_id: int) -> int:
        """Remove every subscription of the chat. Returns how many there were."""
        async with transaction(self.db):
            return await self.store.remove_subscriptions_tx(chat_id, None)

    async def list(self, chat_id: int) -> list[Subscription]:
        return await self.store.subscriptions(chat_id)

    # -- settings ------------------------------------------------------------------------

    async def get_settings(self, chat_id: int) -> Chat | None:
        """The chat with its settings (mode, digest_hour, tz, silent, lang), None if unknown."""
        return await self.store.get_chat(chat_id)

    async def update_settings(
        self,
        chat_id: int,
        *,
        mode: Mode | None = None,
        digest_hour: int | None = None,
        silent: bool | None = None,
        tz: str | None = None,
        lang: str | None = None,
    ) -> Chat:
        """Change what is given; the chat must exist (call :meth:`ensure_chat` first)."""
        fields: dict[str, object] = {}
        if mode is not None:
            if mode not in MODES:
                raise SubscriptionError(f"mode must be instant or digest, not {mode!r}")
            fields["mode"] = mode
            # A new digest starts from the next due hour, not from an old date.
            fields["last_digest_on"] = None
        if digest_hour is not None:
            if not 0 <= digest_hour <= 23:
                raise SubscriptionError("digest hour must be 0..23")
            fields["digest_hour"] = digest_hour
        if silent is not None:
            fields["silent"] = int(silent)
        if tz is not None:
            fields["tz"] = check_timezone(tz)
        if lang is not None:
            fields["lang"] = lang
        async with transaction(self.db):
            if await self.store.get_chat(chat_id) is None:
                raise SubscriptionError(f"unknown chat {chat_id}")
            await self.store.update_chat_tx(chat_id, fields)
        chat = await self.store.get_chat(chat_id)
        assert chat is not None
        return chat


def check_timezone(name: str) -> str:
    """An IANA zone name such as Asia/Tashkent, or SubscriptionError."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SubscriptionError(f"unknown time zone {name!r}") from None
    return name


def _check_type(chat_type: str) -> None:
    if chat_type not in CHAT_TYPES:
        raise SubscriptionError(f"unknown chat type {chat_type!r}")


def _check_filter(kind: Kind, value: str | None) -> tuple[Kind, str]:
    if kind not in KINDS:
        raise SubscriptionError(f"kind must be all, region or topic, not {kind!r}")
    if kind == "all":
        return kind, ""
    if not value:
        raise SubscriptionError(f"a {kind} subscription needs a value")
    return kind, value
