"""The bot's own membership and chat migrations (SPEC: Delivery).

- ``my_chat_member``: blocked, kicked or removed -> the chat is marked inactive (kept, no more
  deliveries, nothing queued for it); unblocked or added back -> revived from the newest
  article on (no backlog).
- A group upgraded to a supergroup: the service messages ``migrate_to_chat_id`` (in the old
  group) and ``migrate_from_chat_id`` (in the new one) move its subscriptions to the new id.
- ``/start`` in a known inactive chat revives it, then /start is answered as usual.

This router goes first so that /start passes through it; everything else it handles is
nobody else's.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.enums import ChatMemberStatus
from aiogram.filters import CommandStart
from aiogram.types import ChatMemberUpdated, Message

from bot.services.container import Services

log = logging.getLogger(__name__)

GONE = frozenset({ChatMemberStatus.KICKED, ChatMemberStatus.LEFT})


async def on_my_chat_member(event: ChatMemberUpdated, services: Services) -> None:
    service = services.subscriptions
    chat_id = event.chat.id
    if event.new_chat_member.status in GONE:
        reason = "kicked" if event.new_chat_member.status == ChatMemberStatus.KICKED else "left"
        if await service.mark_inactive(chat_id, reason):
            log.info("chat %s: bot %s, marked inactive", chat_id, event.new_chat_member.status)
    elif event.old_chat_member.status in GONE and await service.revive(chat_id):
        log.info("chat %s: bot is back, revived", chat_id)


async def on_migrate_to(message: Message, services: Services) -> None:
    new_id = message.migrate_to_chat_id
    if new_id is not None:
        await services.subscriptions.migrate_chat(message.chat.id, new_id)
        log.info("chat %s migrated to %s", message.chat.id, new_id)


async def on_migrate_from(message: Message, services: Services) -> None:
    old_id = message.migrate_from_chat_id
    if old_id is not None:
        await services.subscriptions.migrate_chat(old_id, message.chat.id)
        log.info("chat %s migrated from %s", message.chat.id, old_id)


async def revive_on_start(message: Message, services: Services) -> None:
    """A /start proves the chat hears us again; the start router still answers it."""
    service = services.subscriptions
    chat = await service.get_chat(message.chat.id)
    if chat is not None and not chat.active:
        await service.revive(chat.id)
        log.info("chat %s revived by /start", chat.id)
    raise SkipHandler


def build() -> Router:
    router = Router(name="chat_member")
    router.my_chat_member()(on_my_chat_member)
    router.message(F.migrate_to_chat_id)(on_migrate_to)
    router.message(F.migrate_from_chat_id)(on_migrate_from)
    router.message(CommandStart())(revive_on_start)
    return router
