"""The daily digest: when a chat's digest is due, and what it says (SPEC: Delivery).

A digest chat's outbox rows wait (status pending) until its hour in its time zone; then the
worker sends one message listing them all, several only where one would pass Telegram's 4096
characters. "Due" means: the local time has reached the hour and no digest has gone out on
this local date, so a bot that was down at the hour catches up later the same day instead of
skipping a day. Pure functions: no I/O, the clock is an argument.
"""

from __future__ import annotations

import datetime as dt
import html
import zoneinfo
from collections.abc import Sequence

from storage.models import StoredArticle
from storage.subscriptions import Chat

MESSAGE_LIMIT = 4096
GIST_LIMIT = 300

_HEADER = {
    "ru": "<b>Дайджест за {date}</b>: новых статей — {count}",
    "en": "<b>Digest for {date}</b>: {count} new articles",
}
_CONTINUED = {
    "ru": "<b>Дайджест за {date}</b> (продолжение)",
    "en": "<b>Digest for {date}</b> (cont.)",
}
_SOURCE = {"ru": "источник", "en": "source"}


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


def render_digest(
    articles: Sequence[StoredArticle], lang: str, day: dt.date
) -> list[str]:
    """The digest as HTML messages, each at most 4096 characters, articles never split."""
    lang = lang if lang in _HEADER else "ru"
    date = day.strftime("%d.%m.%Y")
    entries = [_entry(i, a, lang) for i, a in enumerate(articles, start=1)]
    messages: list[str] = []
    current = _HEADER[lang].format(date=date, count=len(articles))
    for entry in entries:
        if len(current) + 2 + len(entry) > MESSAGE_LIMIT:
            messages.append(current)
            current = _CONTINUED[lang].format(date=date)
        current += "\n\n" + entry
    messages.append(current)
    return messages


def _entry(number: int, article: StoredArticle, lang: str) -> str:
    title = html.escape(_shorten(article.title, GIST_LIMIT))
    lines = [f"{number}. <b>{title}</b>"]
    facts = []
    if article.date is not None:
        facts.append(article.date.strftime("%d.%m.%Y"))
    if article.topics:
        facts.append(" ".join(f"#{t}" for t in article.topics))
    if facts:
        lines.append(" · ".join(facts))
    gist = _shorten(article.gist, GIST_LIMIT)
    if gist:
        lines.append(html.escape(gist))
    if article.url:
        lines.append(f'<a href="{html.escape(article.url, quote=True)}">{_SOURCE[lang]}</a>')
    return "\n".join(lines)


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"
