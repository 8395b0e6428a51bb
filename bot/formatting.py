"""HTML for Telegram: escaping, the article card, list items, splitting at 4096 characters.

Everything that comes from an article or a user goes through :func:`esc` before it is put
into a message; the templates in the catalogues are trusted HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser

from bot.texts import t
from storage.models import StoredArticle

MAX_MESSAGE = 4096
CARD_HASHTAGS = 4
TITLE_MAX = 300  # a wire title is short; a broken file's "title" may be a whole paragraph
GIST_MAX = 220
SUMMARY_MAX = 1500

_TOKEN_RE = re.compile(r"(<[^>]*>)")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def esc(text: str) -> str:
    """Text made safe for Telegram's HTML mode (<, >, & and quotes)."""
    return html.escape(text, quote=True)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—-") + "…"


def format_date(date: dt.date | None, lang: str | None = None) -> str:
    return date.strftime("%d.%m.%Y") if date else t("list.no_date", lang)


def hashtag(name: str) -> str:
    """A readable hashtag from a topic's Russian name: its own tag ("транспорт и логистика"
    -> ``#транспорт``), else words joined by "_" (``#сельское_хозяйство``); hashtags stop at
    spaces and punctuation, "_" is part of them."""
    from storage.analysis.topics import all_topics, topic_hashtag

    for slug, ru, _ in all_topics():
        if ru == name:
            return topic_hashtag(slug)
    return "#" + "_".join(re.sub(r"[^\w]", "", w, flags=re.UNICODE) for w in name.split())


def topic_label(slug: str, lang: str) -> str:
    from storage.analysis.topics import topic_name

    return topic_name(slug, lang)


def article_card(article: StoredArticle, lang: str | None = None) -> str:
    """The full summary card: title, date, regions, topics as hashtags, summary, source link.

    Used by the card button (in the reader's language, the current locale) and by delivery
    (in the chat's ``lang``) for pushed messages; always under 4096 characters.
    """
    lines = [f"<b>{esc(shorten(article.title, TITLE_MAX))}</b>"]
    lines.append(f"{t('card.date', lang)} {format_date(article.date, lang)}")
    if article.regions:
        from bot.services.articles import region_label
        from bot.texts import current_lang

        shown = lang or current_lang()
        names = ", ".join(esc(region_label(r.code, r.name, shown)) for r in article.regions)
        lines.append(f"{t('card.regions', lang)} {names}")
    if article.topics:
        # Hashtags stay Russian whatever the reader's language: they are for searching the chat.
        # The main topics only (the analysis puts them first): a row of eight says nothing.
        tags = article.topics[:CARD_HASHTAGS]
        lines.append(" ".join(esc(hashtag(topic_label(s, "ru"))) for s in tags))
    summary = article.summary or article.lead
    if summary:
        lines.append("")
        lines.append(esc(_cut(summary, SUMMARY_MAX)))
    if article.sources:  # every agency that reported the story (news sources)
        lines.append("")
        lines.append(t("sources.card", lang, names=_source_links(article.sources)))
    elif article.url:
        lines.append("")
        lines.append(f'<a href="{esc(article.url)}">{esc(t("card.source", lang))}</a>')
    return "\n".join(lines)


def _source_links(sources: Sequence[tuple[str, str]], most: int = 8) -> str:
    links = [f'<a href="{esc(url)}">{esc(shorten(name, 60))}</a>' for name, url in sources[:most]]
    more = len(sources) - most
    return ", ".join(links) + (f" +{more}" if more > 0 else "")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else shorten(text, limit)


def list_item(
    number: int,
    article: StoredArticle,
    lang: str | None = None,
    snippet: tuple[tuple[str, bool], ...] = (),
) -> str:
    """One entry of a list: number, full title, date and a one-line gist (for a search, the
    passage that matched, its matching words bold)."""
    title = esc(shorten(article.title, TITLE_MAX))
    when = format_date(article.date, lang)
    if article.date is None and article.ingested_at is not None:
        # listed by the day it was loaded: say so, so it is not read as the news's own date
        when = t("list.loaded", lang, day=article.ingested_at.strftime("%d.%m.%Y"))
    head = f"<b>{number}. {title}</b> — {when}"
    if snippet:
        return f"{head}\n" + "".join(
            f"<b>{esc(text)}</b>" if bold else esc(text) for text, bold in snippet
        )
    gist = shorten(article.gist, GIST_MAX)
    return f"{head}\n{esc(gist)}" if gist else head


def article_list(
    header: str,
    articles: Sequence[StoredArticle],
    lang: str | None = None,
    first_number: int = 1,
    snippets: Sequence[tuple[tuple[str, bool], ...]] = (),
) -> str:
    """A header line and numbered items, blank line between items."""
    items = [
        list_item(first_number + i, a, lang, snippets[i] if i < len(snippets) else ())
        for i, a in enumerate(articles)
    ]
    return "\n\n".join([header, *items])


# --------------------------------------------------------------------------- splitting


def visible_length(html_text: str) -> int:
    """Length of what Telegram shows (tags removed, entities as one character)."""
    text = _TOKEN_RE.sub("", html_text)
    return len(_ENTITY_RE.sub("x", text))


def _tag_name(tag: str) -> str:
    return tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """``text`` in pieces of at most ``limit`` visible characters, never cut inside a tag.

    Pieces end at a paragraph or line break where one is close enough; a tag open at a cut is
    closed at the end of the piece and reopened at the start of the next, so each piece is
    valid on its own.
    """
    if visible_length(text) <= limit:
        return [text]
    pieces: list[str] = []
    stack: list[str] = []  # open tags as written, e.g. '<a href="...">'
    current: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal current, size
        closing = "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))
        piece = ("".join(current) + closing).strip()
        if visible_length(piece):
            pieces.append(piece)
        current = list(stack)
        size = 0

    for token in _TOKEN_RE.split(text):
        if not token:
            continue
        if token.startswith("<"):
            if token.startswith("</"):
                if stack:
                    stack.pop()
            else:
                stack.append(token)
            current.append(token)
            continue
        for chunk in _text_chunks(token):
            length = visible_length(chunk)
            if size and size + length > limit and length <= limit:
                flush()  # the line fits a fresh piece whole: cut at the line break
            while size + length > limit:
                head, chunk = _split_text(chunk, limit - size)
                current.append(head)
                flush()
                length = visible_length(chunk)
            current.append(chunk)
            size += length
    flush()
    return pieces


def _text_chunks(text: str) -> Iterable[str]:
    """Text cut after each newline, so a cut tends to land on a line break."""
    return re.split(r"(?<=\n)", text)


def _split_text(text: str, room: int) -> tuple[str, str]:
    """Split escaped ``text`` so the head shows at most ``room`` characters.

    Prefer a space in the second half; never cut inside an entity like ``&amp;``.
    """
    positions: list[int] = []  # raw index of each visible character
    i = 0
    while i < len(text) and len(positions) <= room:
        positions.append(i)
        match = _ENTITY_RE.match(text, i)
        i = match.end() if match else i + 1
    if len(positions) <= room:
        return text, ""
    cut = positions[room]
    space = text.rfind(" ", 0, cut)
    if space > cut // 2:
        cut = space + 1
    return text[:cut], text[cut:]


# --------------------------------------------------------------------------- plain text


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def html_to_text(text: str) -> str:
    """What a reader sees, as plain text: tags dropped, links shown after their words."""
    parser = _Plain()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)
