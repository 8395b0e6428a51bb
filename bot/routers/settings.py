"""/settings [@channel] [words]: per-chat delivery settings (SPEC: Chat commands, Delivery).

Buttons: instant or a daily digest, the digest hour, the time zone (common ones; any IANA
zone by text: ``/settings tz Europe/Moscow``), silent messages. The text form also takes
``instant``, ``digest``, ``hour 8``, ``silent on|off``. Rights are checked as for /subscribe.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_subs import SettingField, SettingsCb
from bot.formatting import esc, shorten
from bot.keyboards import edit_in_place as edit
from bot.routers.targets import Target, button_target, command_target, where_label
from bot.services.container import Services
from bot.services.subscriptions import SettingsChange
from bot.texts import current_lang, t
from storage.subscriptions import Chat

# The zones offered as buttons: where the readers are (Kazakhstan, Central Asia, Russia's
# border regions, China). Any other IANA zone can be typed.
COMMON_ZONES = (
    "Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek", "Asia/Dushanbe", "Asia/Ashgabat",
    "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Shanghai",
)  # fmt: skip
TZ_MAX = 64  # the longest IANA name is 32 characters; longer input is not a zone
WORDS = {
    "tz": "tz", "zone": "tz", "timezone": "tz", "пояс": "tz",
    "hour": "hour", "час": "hour",
    "instant": "instant", "сразу": "instant",
    "digest": "digest", "дайджест": "digest",
    "silent": "silent", "тихо": "silent",
}  # fmt: skip
ON = frozenset({"on", "yes", "1", "да", "вкл"})
OFF = frozenset({"off", "no", "0", "нет", "выкл"})


@cache
def _zones_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def canonical_zone(text: str) -> str | None:
    """The IANA zone ``text`` names, in any letter case; None if it is not one."""
    if not text or len(text) > TZ_MAX:
        return None
    return _zones_by_lower().get(text.strip().lower())


# --------------------------------------------------------------------------- views


def hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def settings_text(chat: Chat, target: Target) -> str:
    mode = (
        t("settings.mode_digest", hour=hour_label(chat.digest_hour))
        if chat.mode == "digest"
        else t("settings.mode_instant")
    )
    silent = t("settings.silent_on" if chat.silent else "settings.silent_off")
    return "\n".join(
        [
            t("settings.title", where=where_label(target)),
            mode,
            t("settings.tz", tz=esc(chat.tz)),
            silent,
        ]
    )


def _button(text: str, chat_id: int, field: SettingField, value: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=SettingsCb(chat=chat_id, field=field, value=value).pack()
    )


def main_keyboard(chat: Chat) -> InlineKeyboardMarkup:
    def mark(on: bool, label: str) -> str:
        return f"✅ {label}" if on else label

    builder = InlineKeyboardBuilder()
    builder.row(
        _button(
            mark(chat.mode == "instant", t("settings.button_instant")),
            chat.id,
            SettingField.MODE,
            "instant",
        ),
        _button(
            mark(chat.mode == "digest", t("settings.button_digest")),
            chat.id,
            SettingField.MODE,
            "digest",
        ),
    )
    builder.row(
        _button(
            t("settings.button_hour", hour=hour_label(chat.digest_hour)),
            chat.id,
            SettingField.VIEW,
            "hours",
        )
    )
    builder.row(_button(t("settings.button_tz", tz=chat.tz), chat.id, SettingField.VIEW, "zones"))
    silent_key = "settings.button_silent_on" if chat.silent else "settings.button_silent_off"
    builder.row(_button(t(silent_key), chat.id, SettingField.SILENT, "0" if chat.silent else "1"))
    return builder.as_markup()


def hours_keyboard(chat: Chat) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hour in range(24):
        label = hour_label(hour)
        builder.add(
            _button(
                f"✅ {label}" if hour == chat.digest_hour else label,
                chat.id,
                SettingField.HOUR,
                str(hour),
            )
        )
    builder.adjust(6)
    builder.row(_button(t("settings.button_back"), chat.id, SettingField.VIEW, "main"))
    return builder.as_markup()


def zones_keyboard(chat: Chat) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for zone in COMMON_ZONES:
        builder.add(
            _button(f"✅ {zone}" if zone == chat.tz else zone, chat.id, SettingField.ZONE, zone)
        )
    builder.adjust(2)
    builder.row(_button(t("settings.button_back"), chat.id, SettingField.VIEW, "main"))
    return builder.as_markup()


async def current(services: Services, target: Target) -> Chat:
    """The chat's settings row, created (no subscriptions, no backlog) if it is new."""
    chat = await services.subscriptions.get_settings(target.chat_id)
    if chat is not None:
        return chat
    return await services.subscriptions.ensure_chat(
        target.chat_id, target.chat_type, title=target.title, lang=current_lang()
    )


# --------------------------------------------------------------------------- text form


def parse_change(words: list[str]) -> SettingsChange | str:
    """The settings ``words`` ask for, or the text explaining what is wrong."""
    what = WORDS.get(words[0].lower()) if words else None
    arg = words[1] if len(words) > 1 else ""
    if what == "instant":
        return {"mode": "instant"}
    if what == "digest" and not arg:
        return {"mode": "digest"}
    if what in ("hour", "digest"):
        hour = int(arg) if arg.isascii() and arg.isdigit() and len(arg) <= 2 else -1
        if not 0 <= hour <= 23:
            return t("settings.bad_hour")
        return (
            {"digest_hour": hour, "mode": "digest"} if what == "digest" else {"digest_hour": hour}
        )
    if what == "tz":
        zone = canonical_zone(arg)
        if zone is None:
            return t("settings.bad_tz", tz=esc(shorten(arg, 60)))
        return {"tz": zone}
    if what == "silent" and arg.lower() in ON | OFF:
        return {"silent": arg.lower() in ON}
    return t("settings.usage")


async def on_settings(
    message: Message, command: CommandObject, bot: Bot, services: Services
) -> None:
    got = await command_target(message, bot, command.args)
    if got is None:
        return
    target, rest = got
    chat = await current(services, target)
    words = rest.split()
    if words:
        change = parse_change(words)
        if isinstance(change, str):
            await message.answer(change)
            return
        chat = await services.subscriptions.update_settings(chat.id, **change)
    await message.answer(settings_text(chat, target), reply_markup=main_keyboard(chat))


# --------------------------------------------------------------------------- buttons


def button_change(field: SettingField, value: str) -> SettingsChange | None:
    """The change a settings button asks for; None for a stale or forged button."""
    if field is SettingField.MODE and value in ("instant", "digest"):
        return {"mode": "digest" if value == "digest" else "instant"}
    if field is SettingField.HOUR and value.isdigit() and 0 <= int(value) <= 23:
        return {"digest_hour": int(value)}
    if field is SettingField.ZONE and (zone := canonical_zone(value)) is not None:
        return {"tz": zone}
    if field is SettingField.SILENT and value in ("0", "1"):
        return {"silent": value == "1"}
    return None


async def on_settings_button(
    query: CallbackQuery, callback_data: SettingsCb, bot: Bot, services: Services
) -> None:
    target = await button_target(query, bot, callback_data.chat)
    if target is None:
        return
    assert isinstance(query.message, Message)
    chat = await current(services, target)
    if callback_data.field is SettingField.VIEW:
        await query.answer()
        if callback_data.value == "hours":
            await edit(
                query.message,
                t("settings.pick_hour", tz=esc(chat.tz)),
                hours_keyboard(chat),
            )
        elif callback_data.value == "zones":
            await edit(query.message, t("settings.pick_tz"), zones_keyboard(chat))
        else:
            await edit(query.message, settings_text(chat, target), main_keyboard(chat))
        return
    change = button_change(callback_data.field, callback_data.value)
    if change is None:
        await query.answer(t("card.expired"))
        return
    chat = await services.subscriptions.update_settings(chat.id, **change)
    await query.answer(t("settings.saved"))
    await edit(query.message, settings_text(chat, target), main_keyboard(chat))


def build() -> Router:
    router = Router(name="settings")
    router.message(Command("settings"))(on_settings)
    router.channel_post(Command("settings"))(on_settings)
    router.callback_query(SettingsCb.filter(), F.message)(on_settings_button)
    return router
