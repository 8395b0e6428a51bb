"""/settings [@channel] [words]: per-chat delivery settings (SPEC: Chat commands, Delivery).

Buttons: instant or a daily digest, the digest hour, the time zone (cities with their UTC
offsets; by text a city in Russian or English, an offset or an IANA name: ``/settings tz
Москва``, ``/settings пояс UTC+5``), silent messages. The text form also takes ``instant``,
``digest``, ``hour 8``, ``silent on|off`` and their Russian words (``мгновенно``, ``дайджест``,
``час 8``, ``тихо вкл``). Rights are checked as for /subscribe.
"""

from __future__ import annotations

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
from bot.services.zones import button_zones, resolve_zone, settings_words, zone_label
from bot.texts import current_lang, t
from storage.analysis.morph import fold
from storage.subscriptions import Chat

# Time zones (cities, offsets, IANA names) and the words of the text form are data:
# bot/services/data/zones.toml and settings_words.toml, read by bot.services.zones.


def canonical_zone(text: str) -> str | None:
    """The IANA zone ``text`` names: a city (Москва, Tashkent), UTC+5, or Asia/Almaty."""
    return resolve_zone(text)


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
            t("settings.tz", tz=esc(zone_label(chat.tz, current_lang()))),
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
    zone = zone_label(chat.tz, current_lang())
    builder.row(_button(t("settings.button_tz", tz=zone), chat.id, SettingField.VIEW, "zones"))
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
    for zone in button_zones():
        label = zone_label(zone, current_lang())
        builder.add(
            _button(f"✅ {label}" if zone == chat.tz else label, chat.id, SettingField.ZONE, zone)
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
    names, on, off = settings_words()
    what = names.get(fold(words[0])) if words else None
    arg = " ".join(words[1:]) if what == "tz" else (words[1] if len(words) > 1 else "")
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
    if what == "silent" and arg.lower() in on | off:
        return {"silent": arg.lower() in on}
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
                t("settings.pick_hour", tz=esc(zone_label(chat.tz, current_lang()))),
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
