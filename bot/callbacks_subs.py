"""Callback data of the subscription, settings and admin buttons (64 bytes at most).

``chat`` is the chat whose subscriptions the button manages. It is usually the chat the button
is in, but a channel managed from a private chat (``/subscribe @channel``) has its buttons in
that private chat; the presser's rights are checked again for ``chat`` on every press.
The longest pack, ``ss:-1001234567890:t:agriculture:2147483647``, is 43 bytes.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class SubscribeCb(CallbackData, prefix="ss"):
    """Subscribe ``chat`` to a suggested name. kind: r region (ISO code), t topic (slug)."""

    chat: int
    kind: str
    value: str
    thread: int  # forum topic the /subscribe came from; 0 = none


class UnsubscribeCb(CallbackData, prefix="su"):
    """Remove one subscription of ``chat`` by id; id 0 removes them all."""

    chat: int
    id: int


class SettingsCb(CallbackData, prefix="st"):
    """A settings button. field: m mode, h digest hour, z time zone, s silent, v view."""

    chat: int
    field: str
    value: str
