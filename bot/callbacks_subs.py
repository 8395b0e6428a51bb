"""Callback data of the subscription, settings and admin buttons (64 bytes at most).

``chat`` is the chat whose subscriptions the button manages. It is usually the chat the button
is in, but a channel managed from a private chat (``/subscribe @channel``) has its buttons in
that private chat; the presser's rights are checked again for ``chat`` on every press.
The longest pack, ``ss:-1001234567890:t:agriculture:2147483647``, is 43 bytes.
"""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.callbacks import ChatId, ThreadId


class SubscribeCb(CallbackData, prefix="ss"):
    """Subscribe ``chat`` to a suggested name. kind: r region (ISO code), t topic (slug)."""

    chat: ChatId
    kind: str
    value: str
    thread: ThreadId  # forum topic the /subscribe came from; 0 = none


class UnsubscribeCb(CallbackData, prefix="su"):
    """Remove one subscription of ``chat`` by id; id 0 removes them all."""

    chat: ChatId
    id: Annotated[int, Field(ge=0, le=2**53)]  # 0: all


class SettingsCb(CallbackData, prefix="st"):
    """A settings button. field: m mode, h digest hour, z time zone, s silent, v view."""

    chat: ChatId
    field: str
    value: str
