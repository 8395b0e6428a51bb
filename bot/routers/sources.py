"""/sources and /sources add URL [NAME]: ADMIN_IDS only (SPEC: Chat commands).

The list shows each source's state (last success, new and relevant items of its last poll,
errors, next poll) with buttons to pause, resume and remove it; the buttons check the presser
against ADMIN_IDS too (a forwarded list must not let anyone else act on it).
"""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.formatting import MAX_MESSAGE, esc, shorten, visible_length
from bot.services.container import Services
from bot.services.sources import AddResult, SourceService
from bot.texts import t
from storage.sources import FILES_KIND, Source

SHOWN = 30  # sources listed in one message (the rest counted)


class SourceCb(CallbackData, prefix="src"):
    """A button on the /sources list: action p pause, r resume, d remove."""

    action: str
    id: int


def _service(user_id: int | None, services: Services) -> SourceService | None:
    if services.admin is None or not services.admin.is_admin(user_id):
        return None
    return SourceService(services.db, services.settings)


def _when(value: dt.datetime | None, lang: str) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else t("sources.never", lang)


def source_line(s: Source, lang: str) -> str:
    name = f"<b>{esc(shorten(s.name, 60))}</b>"
    if s.kind == FILES_KIND:
        return f"{name} — {t('sources.files', lang)}"
    head = f"{name} {'' if s.enabled else '⏸'}\n{esc(shorten(s.url, 120))}"
    state = t(
        "sources.state",
        lang,
        success=_when(s.last_success, lang),
        new=s.last_new,
        relevant=s.last_relevant,
        stored=s.items_stored,
        merged=s.items_merged,
        errors=s.consecutive_errors,
        next=_when(s.next_poll, lang) if s.enabled else t("sources.paused_state", lang),
    )
    lines = [head, state]
    if s.last_error:
        lines.append(t("sources.last_error", lang, error=esc(shorten(s.last_error, 150))))
    if not s.enabled and s.paused_reason:
        lines.append(t("sources.paused_why", lang, reason=esc(shorten(s.paused_reason, 150))))
    return "\n".join(lines)


def sources_view(sources: list[Source], lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    shown = sources[:SHOWN]
    blocks = [t("sources.title", lang, count=len(sources))]
    blocks += [source_line(s, lang) for s in shown]
    if len(sources) > SHOWN:
        blocks.append(t("sources.more", lang, count=len(sources) - SHOWN))
    blocks.append(t("sources.add_hint", lang))
    text = "\n\n".join(blocks)
    if visible_length(text) > MAX_MESSAGE:
        text = "\n\n".join([blocks[0], t("sources.too_long", lang)])
    rows = []
    for s in shown:
        if s.kind == FILES_KIND:
            continue
        toggle = SourceCb(action="p" if s.enabled else "r", id=s.id).pack()
        label = t("sources.pause" if s.enabled else "sources.resume", lang)
        rows.append(
            [
                InlineKeyboardButton(text=f"{label}: {shorten(s.name, 24)}", callback_data=toggle),
                InlineKeyboardButton(
                    text=t("sources.remove", lang),
                    callback_data=SourceCb(action="d", id=s.id).pack(),
                ),
            ]
        )
    return text, InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def add_text(result: AddResult, lang: str) -> str:
    lines = []
    if result.discovered:
        links = "\n".join(f"• {esc(shorten(u, 150))}" for u in result.discovered)
        lines.append(
            t("sources.add_discovered", lang, page=esc(result.page_url or ""), feeds=links)
        )
    if result.exists:
        lines.append(t("sources.add_exists", lang, url=esc(shorten(result.url, 150))))
    elif result.error:
        lines.append(t("sources.add_error", lang, error=esc(shorten(result.error, 200))))
    else:
        lines.append(
            t(
                "sources.add_ok",
                lang,
                url=esc(shorten(result.url, 150)),
                items=result.items,
                relevant=result.relevant,
            )
        )
    return "\n\n".join(lines)


async def on_sources(
    message: Message, command: CommandObject, services: Services, lang: str
) -> None:
    user_id = message.from_user.id if message.from_user else None
    service = _service(user_id, services)
    if service is None:
        await message.answer(t("admin.refused", lang))
        return
    words = (command.args or "").split(maxsplit=2)
    if words and words[0].lower() == "add":
        if len(words) < 2:
            await message.answer(t("sources.add_usage", lang))
            return
        name = words[2].strip()[:100] if len(words) > 2 else None
        await message.answer(t("sources.add_checking", lang, url=esc(shorten(words[1], 150))))
        result = await service.add(words[1], name)
        await message.answer(add_text(result, lang))
        return
    if words:
        await message.answer(t("sources.usage", lang))
        return
    text, markup = sources_view(await service.states(), lang)
    await message.answer(text, reply_markup=markup)


async def on_button(
    query: CallbackQuery, callback_data: SourceCb, services: Services, lang: str
) -> None:
    service = _service(query.from_user.id, services)
    if service is None:
        await query.answer(t("admin.refused", lang), show_alert=True)
        return
    act = {"p": service.pause, "r": service.resume, "d": service.remove}.get(callback_data.action)
    done = act is not None and await act(callback_data.id)
    await query.answer(t("sources.done" if done else "sources.gone", lang))
    if isinstance(query.message, Message):
        text, markup = sources_view(await service.states(), lang)
        await query.message.edit_text(text, reply_markup=markup)


def build() -> Router:
    router = Router(name="sources")
    router.message(Command("sources"))(on_sources)
    router.callback_query(SourceCb.filter(F.action.in_({"p", "r", "d"})))(on_button)
    return router
