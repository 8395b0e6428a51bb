"""Callback data of the subscription, settings and admin buttons (64 bytes at most).

``chat`` is the chat whose subscriptions the button manages. It is usually the chat the button
is in, but a channel managed from a private chat (``/subscribe @channel``) has its buttons in
that private chat; the presser's rights are checked again for ``chat`` on every press.
The longest pack, ``ss:-1001234567890:t:agriculture:2147483647``, is 43 bytes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.callbacks import ChatId, ThreadId


class FilterCode(StrEnum):
    """A subscription's kind in a button (``storage.subscriptions.Kind``, one letter)."""

    REGION = "r"  # value: ISO 3166-2 code
    TOPIC = "t"  # value: topic slug


class SettingField(StrEnum):
    """What a settings button changes (or, for VIEW, which keyboard it shows)."""

    MODE = "m"  # value: instant | digest
    HOUR = "h"  # value: 0..23
    ZONE = "z"  # value: an IANA zone
    SILENT = "s"  # value: 0 | 1
    VIEW = "v"  # value: main | hours | zones


class SubscribeCb(CallbackData, prefix="ss"):
    """Subscribe ``chat`` to a suggested name."""

    chat: ChatId
    kind: FilterCode
    value: str
    thread: ThreadId  # forum topic the /subscribe came from; 0 = none


class UnsubscribeCb(CallbackData, prefix="su"):
    """Remove one subscription of ``chat`` by id; id 0 removes them all."""

    chat: ChatId
    id: Annotated[int, Field(ge=0, le=2**53)]  # 0: all


class SettingsCb(CallbackData, prefix="st"):
    """A settings button: ``field`` with ``value``."""

    chat: ChatId
    field: SettingField
    value: str
