"""Which chat a command acts on, and may this user do it (SPEC: Chat commands, "who").

Used by /subscribe, /unsubscribe, /subscriptions and /settings and their buttons. It asks the
Bot API (getChat, getChatMember), so it lives with the routers, not in the services.

- a private chat: its user;
- a group or supergroup: its administrators (getChatMember: creator or administrator); an
  anonymous administrator posts as the group itself (``sender_chat`` is the group): allowed;
- a channel: a post in it (only its admins can post there);
- a channel managed from a private chat (``/subscribe @channel``): the user must administer
  the channel and the bot must be an administrator there allowed to post messages.

Every refusal is a text key (``perm.*``) with its arguments, so the handler can say politely
what is wrong; nothing is changed before a check passes.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from aiogram import Bot
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import CallbackQuery, Chat, ChatMemberAdministrator, Message

from bot.formatting import esc, html_to_text, shorten
from bot.texts import t
from storage.subscriptions import ChatType as StoredChatType
from storage.subscriptions import chat_type_of

log = logging.getLogger(__name__)

MANAGERS = frozenset({ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR})
# Telegram usernames: 5..32 letters, digits and underscores, starting with a letter.
_USERNAME_RE = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,31}")


@dataclass(frozen=True, slots=True)
class Refusal:
    key: str  # text key under perm.*
    args: dict[str, str] = field(default_factory=dict)  # already HTML-escaped


@dataclass(frozen=True, slots=True)
class Target:
    """The chat whose subscriptions a command manages."""

    chat_id: int
    chat_type: StoredChatType
    title: str | None
    remote: bool = False  # a channel managed from a private chat


def is_channel_ref(word: str) -> bool:
    """``@something``: the user means a channel, whether or not the name is valid."""
    return word.startswith("@")


def valid_username(ref: str) -> bool:
    return _USERNAME_RE.fullmatch(ref) is not None


def here(message: Message) -> Target:
    chat = message.chat
    return Target(chat.id, chat_type_of(chat.type), chat.title)


async def check_message(bot: Bot, message: Message) -> Refusal | None:
    """May the sender of ``message`` manage the subscriptions of the chat it was sent in?"""
    chat = message.chat
    if chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
        # A private chat belongs to its user; in a channel only admins can post at all.
        return None
    sender_chat = message.sender_chat
    if sender_chat is not None:
        # An anonymous admin writes as the group itself; a linked channel or a user writing
        # "as a channel" is not an admin of the group.
        return None if sender_chat.id == chat.id else Refusal("perm.not_admin")
    if message.from_user is None:
        return Refusal("perm.not_admin")
    return await check_user(bot, chat, message.from_user.id)


async def check_user(bot: Bot, chat: Chat | Target, user_id: int) -> Refusal | None:
    """May user ``user_id`` manage ``chat`` (a button press, a command)?"""
    chat_id = chat.id if isinstance(chat, Chat) else chat.chat_id
    chat_type = chat.type if isinstance(chat, Chat) else chat.chat_type
    if chat_type == ChatType.PRIVATE:
        return None if user_id == chat_id else Refusal("perm.not_admin")
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramAPIError as exc:
        log.warning("getChatMember(%s, %s) failed: %s", chat_id, user_id, exc)
        return Refusal("perm.check_failed")
    if member.status in MANAGERS:
        return None
    key = "perm.not_channel_admin" if chat_type == ChatType.CHANNEL else "perm.not_admin"
    return Refusal(key)


async def check_channel(bot: Bot, ref: str | int, user_id: int) -> Target | Refusal:
    """The channel ``ref`` (``@username`` or id) if ``user_id`` administers it and the bot may
    post there; otherwise why not."""
    shown = esc(str(ref)[:40])
    if isinstance(ref, str) and not valid_username(ref):
        return Refusal("perm.bad_channel", {"channel": shown})
    try:
        chat = await bot.get_chat(ref)
    except TelegramBadRequest:
        return Refusal("perm.channel_not_found", {"channel": shown})
    except TelegramAPIError as exc:
        log.warning("getChat(%s) failed: %s", ref, exc)
        return Refusal("perm.check_failed")
    if chat.type != ChatType.CHANNEL:
        return Refusal("perm.not_a_channel", {"channel": shown})
    target = Target(chat.id, chat_type_of(chat.type), chat.title, remote=True)
    args = {"channel": esc(chat.title or str(ref))}
    try:
        user = await bot.get_chat_member(chat.id, user_id)
        me = await bot.get_chat_member(chat.id, bot.id)
    except TelegramAPIError as exc:
        # Telegram hides a channel's members from a bot that is not its administrator.
        log.info("channel %s members not visible: %s", chat.id, exc)
        return Refusal("perm.bot_cannot_post", args)
    if user.status not in MANAGERS:
        return Refusal("perm.not_channel_admin", args)
    if not (isinstance(me, ChatMemberAdministrator) and me.can_post_messages):
        return Refusal("perm.bot_cannot_post", args)
    return target


# --------------------------------------------------------------------------- for handlers


def refusal_text(refusal: Refusal) -> str:
    return t(refusal.key, **refusal.args) if refusal.args else t(refusal.key)


def where_label(target: Target) -> str:
    if target.remote:
        return t("subs.where_channel", channel=esc(target.title or str(target.chat_id)))
    return t("subs.where_here")


def split_channel(args: str | None) -> tuple[str | None, str]:
    """``@channel rest`` -> ("@channel", "rest"); anything else -> (None, args)."""
    text = (args or "").strip()
    first, _, rest = text.partition(" ")
    if first and is_channel_ref(first):
        return first, rest.strip()
    return None, text


async def command_target(message: Message, bot: Bot, args: str | None) -> tuple[Target, str] | None:
    """The chat a command manages and the rest of its arguments, or None after a refusal."""
    channel, rest = split_channel(args)
    if channel is not None:
        if message.chat.type != ChatType.PRIVATE or message.from_user is None:
            await message.answer(t("perm.channel_from_private"))
            return None
        checked = await check_channel(bot, channel, message.from_user.id)
        if isinstance(checked, Refusal):
            await message.answer(refusal_text(checked))
            return None
        return checked, rest
    refusal = await check_message(bot, message)
    if refusal is not None:
        await message.answer(refusal_text(refusal))
        return None
    return here(message), rest


async def button_target(query: CallbackQuery, bot: Bot, chat_id: int) -> Target | None:
    """The chat a button manages, after checking the presser's rights (answers on refusal)."""
    message = query.message
    if not isinstance(message, Message):
        await query.answer(t("card.expired"))
        return None
    target: Target | None = None
    if chat_id == message.chat.id:
        target = here(message)
        refusal = await check_user(bot, message.chat, query.from_user.id)
    else:
        checked = await check_channel(bot, chat_id, query.from_user.id)
        target, refusal = (None, checked) if isinstance(checked, Refusal) else (checked, None)
    if refusal is not None or target is None:
        if chat_id != message.chat.id:
            # A button naming another chat (forgeable): one answer whether the chat is unknown
            # or not the presser's, so it never tells a stranger a title or who uses the bot.
            await query.answer(t("card.expired"), show_alert=True)
            return None
        text = html_to_text(refusal_text(refusal or Refusal("perm.not_admin")))
        await query.answer(shorten(text, 190), show_alert=True)
        return None
    return target
