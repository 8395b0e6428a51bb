"""The daily digest: when a chat's digest is due, and what it says (SPEC: Delivery).

A digest chat's outbox rows wait (status pending) until its hour in its time zone; then the
worker sends one message listing them all, several only where one would pass Telegram's 4096
characters. "Due" means: the local time has reached the hour and no digest has gone out on
this local date, so a bot that was down at the hour catches up later the same day instead of
skipping a day. Pure functions: no I/O, the clock is an argument.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from bot.formatting import esc, format_date, hashtag, shorten, topic_label
from bot.texts import t
from storage.models import StoredArticle
from storage.subscriptions import Chat

MESSAGE_LIMIT = 4096
GIST_LIMIT = 300


def local_now(chat: Chat, now_utc: dt.datetime) -> dt.datetime:
    """``now_utc`` in the chat's zone (UTC if the stored zone is unknown to this system)."""
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(chat.tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    return now_utc.astimezone(zone)


def due_date(chat: Chat, now_utc: dt.datetime) -> dt.date | None:
    """The local date a digest is due for now, or None if it is not due."""
    if chat.mode != "digest" or not chat.active:
        return None
    local = local_now(chat, now_utc)
    if local.hour < chat.digest_hour:
        return None
    if chat.last_digest_on is not None and chat.last_digest_on >= local.date().isoformat():
        return None
    return local.date()


def render_digest(articles: Sequence[StoredArticle], lang: str, day: dt.date) -> list[str]:
    """The digest as HTML messages, each at most 4096 characters, articles never split."""
    date = day.strftime("%d.%m.%Y")
    entries = [_entry(i, a, lang) for i, a in enumerate(articles, start=1)]
    messages: list[str] = []
    current = t("digest.header", lang, date=date, count=len(articles))
    for entry in entries:
        if len(current) + 2 + len(entry) > MESSAGE_LIMIT:
            messages.append(current)
            current = t("digest.continued", lang, date=date)
        current += "\n\n" + entry
    messages.append(current)
    return messages


def _entry(number: int, article: StoredArticle, lang: str) -> str:
    """Number and title, date and topic hashtags (as on the article card), gist, source."""
    lines = [f"{number}. <b>{esc(shorten(article.title, GIST_LIMIT))}</b>"]
    date = format_date(article.date, lang) if article.date else ""
    tags = " ".join(esc(hashtag(topic_label(slug, "ru"))) for slug in article.topics)
    facts = [part for part in (date, tags) if part]
    if facts:
        lines.append(" · ".join(facts))
    gist = shorten(article.gist, GIST_LIMIT)
    if gist:
        lines.append(esc(gist))
    if article.url:
        lines.append(f'<a href="{esc(article.url)}">{esc(t("card.source", lang))}</a>')
    return "\n".join(lines)
