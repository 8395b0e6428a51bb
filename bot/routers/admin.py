"""/reload and /stats: ADMIN_IDS only (SPEC: Chat commands; Bad input: refused, nothing changes).

A channel post has no sender, so it is never an admin's; everyone else gets a polite refusal
before anything runs.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.formatting import MAX_MESSAGE, esc, shorten, visible_length
from bot.services.admin import AdminService
from bot.services.container import Services
from bot.texts import t
from storage.models import IngestReport

log = logging.getLogger(__name__)

FAILURES_SHOWN = 20  # the rest are counted: the reply stays one message
REASON_MAX = 150


def admin_of(message: Message, services: Services) -> AdminService | None:
    """The admin service if the sender is in ADMIN_IDS, else None."""
    user_id = message.from_user.id if message.from_user else None
    if not services.admin.is_admin(user_id):
        return None
    return services.admin


def reload_text(report: IngestReport) -> str:
    counts = t(
        "admin.reload_counts",
        added=len(report.added),
        updated=len(report.updated),
        unchanged=len(report.unchanged),
        removed=len(report.removed),
        failed=len(report.failed),
        retagged=report.retagged,
    )
    lines = [t("admin.reload_title"), counts]
    if report.failed:
        lines += ["", t("admin.reload_failed")]
        for name, reason in report.failed[:FAILURES_SHOWN]:
            lines.append(f"• {esc(shorten(name, 80))} — {esc(shorten(reason, REASON_MAX))}")
        if len(report.failed) > FAILURES_SHOWN:
            lines.append(t("admin.reload_more", count=len(report.failed) - FAILURES_SHOWN))
    new = len(report.new_article_ids)
    lines += [
        "",
        t("admin.reload_queued", count=new) if new else t("admin.reload_nothing_new"),
    ]
    text = "\n".join(lines)
    # 20 failures of 230 characters fit; a pathological report still must not be refused.
    return text if visible_length(text) <= MAX_MESSAGE else "\n".join(lines[:2])


async def on_reload(message: Message, services: Services) -> None:
    admin = admin_of(message, services)
    if admin is None:
        await message.answer(t("admin.refused"))
        return
    try:
        report = await admin.reload()
    except OSError as exc:  # SEEDS_DIR missing or unreadable: say so, keep running
        log.exception("reload failed")
        await message.answer(t("admin.reload_error", error=esc(shorten(str(exc), 300))))
        return
    services.articles.invalidate()  # listings must show the new articles now, not in 30 s
    await message.answer(reload_text(report))


async def on_stats(message: Message, services: Services) -> None:
    admin = admin_of(message, services)
    if admin is None:
        await message.answer(t("admin.refused"))
        return
    s = await admin.stats()
    body = t(
        "admin.stats_body",
        articles=s.articles,
        unlisted=s.articles_unlisted,
        regions=s.regions_covered,
        active=t("admin.subscribers_active", count=s.subscribers_active),
        inactive=t("admin.subscribers_inactive", count=s.subscribers_inactive),
        subscriptions=s.subscriptions,
        pending=s.deliveries_pending,
        sent=s.deliveries_sent,
        failed=s.deliveries_failed,
    )
    await message.answer(f"{t('admin.stats_title')}\n{body}")


def build() -> Router:
    router = Router(name="admin")
    for observer in (router.message, router.channel_post):
        observer(Command("reload"))(on_reload)
        observer(Command("stats"))(on_stats)
    return router
