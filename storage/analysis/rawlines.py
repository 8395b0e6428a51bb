"""Characters and whole lines of a raw wire file: every kind of space and dash normalised,
markup removed, metadata header lines ("date 2025-09-21 https://…"), dated rubrics, and the
debris wires leave between paragraphs (photo credits, "Комментарии", share buttons).
Used by ``clean`` (the article) and ``datelines``."""

from __future__ import annotations

import html
import re

from storage.analysis.datelines import match_dateline
from storage.analysis.dates import MONTH_WORD
from storage.analysis.morph import wordset

# --- normalising characters -------------------------------------------------------------------


# Every character-level fix: spaces of every kind (NBSP, thin, tab) become a plain space,
# invisible characters go, odd dashes become the usual ones, old newlines become "\n".
_FIXES: dict[str, str] = {
    **dict.fromkeys("\t\u00a0\u1680\u202f\u205f\u3000\f\v", " "),
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    **dict.fromkeys("\ufeff\u200b\u200c\u200d\u2060\u00ad", ""),
    **dict.fromkeys("\r\u2028\u2029\x85", "\n"),
    "\u2015": "—",
    "\u2212": "-",
}
_RUNS_RE = re.compile(r" {2,}")


# Markup a scraper left in: known HTML tags only (a "<" in prose stays); block tags and <br>
# break the line, inline tags go. Entities (&nbsp; &laquo; &quot;) become their characters.
_BLOCK_TAGS = (
    "p|br|div|li|ul|ol|h[1-6]|blockquote|figure|figcaption|table|tr|td|th|section|article|hr"
)
_INLINE_TAGS = "span|a|b|i|u|em|strong|small|sub|sup|font|img|time|picture|source|tbody|thead|mark"
_BLOCK_TAG_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)
_INLINE_TAG_RE = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^<>]*>", re.IGNORECASE)


def _unmarkup(text: str) -> str:
    if "<" in text:
        text = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    return text


def normalize(text: str) -> str:
    """One kind of newline, one kind of space, no invisible characters, no markup; words
    untouched."""
    text = _unmarkup(text.replace("\r\n", "\n"))
    # One C search per odd character is several times faster than a regex or str.translate
    # over Cyrillic text; no fix produces a character another one replaces, so the order of
    # the replacements does not matter.
    for odd, fixed in _FIXES.items():
        if odd in text:
            text = text.replace(odd, fixed)
    return _RUNS_RE.sub(" ", text) if "  " in text else text


# --- header and metadata lines ---------------------------------------------------------------

URL_RE = re.compile(r"https?://[^\s<>\"'«»“”]+")
_DATE_TOKEN = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
    rf"|\d{{1,2}}\s+{MONTH_WORD}\.?\s+\d{{4}}(?:\s*(?:года|г\.))?"
    r"|\d{1,2}:\d{2}"
)
# A line made only of metadata: keywords, dates, times and URLs ("date 2025-09-21 https://…").
_META_LINE_RE = re.compile(
    r"(?:(?:date|дата(?: и время)?(?: публикации| обновления)?|время(?: публикации)?|url|link|"
    r"ссылка|source|published|posted|опубликовано|обновлено|изменено|updated)\s*[:=]?"
    rf"|{_DATE_TOKEN}|https?://\S+|[|,;·•/\s-])+",
    re.IGNORECASE,
)
_META_PAYLOAD_RE = re.compile(rf"https?://|{_DATE_TOKEN}", re.IGNORECASE)
_DATE_WITH_YEAR_RE = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|\d{{1,2}}\s+{MONTH_WORD}\.?\s+\d{{4}}"
)
_LETTERS_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def is_meta_line(line: str) -> bool:
    """A header or byline line holding only a date, a time and/or a link."""
    return bool(_META_LINE_RE.fullmatch(line) and _META_PAYLOAD_RE.search(line))


_RUBRIC_MAX = 60  # "Новости | 12:30, 5 марта 2024": a rubric and a date, no sentence
_RUBRIC_WORDS = 3


def is_dated_rubric(line: str) -> bool:
    """A short header line of a rubric name or two and a full date (with its year)."""
    if len(line) > _RUBRIC_MAX or not _DATE_WITH_YEAR_RE.search(line):
        return False
    rest = _META_PAYLOAD_RE.sub(" ", line)
    if len(_LETTERS_WORD_RE.findall(rest)) > _RUBRIC_WORDS:
        return False
    return match_dateline(line) is None  # "Ташкент, 5 марта 2025 г. — УзА" names its city


# --- debris ----------------------------------------------------------------------------------

_COMMENTS_RE = re.compile(r"(?:комментари[йияев]+|comments?)\s*(?:\(\d+\)|:?\s*\d+)?", re.I)
_CREDIT_RE = re.compile(
    r"(?:источник|источник фото|фото|фотография|фото и видео|видео|photo|автор фото|"
    r"иллюстративное фото|"
    r"иллюстрация|коллаж|скриншот|кадр из видео|инфографика|на фото|на снимке|"
    r"автор|авторы|author|корреспондент|редактор|текст|теги|тэги|метки|tags|caption|"
    r"подпись к фото)\s*[:—–-].{0,200}"
    # a byline with its agency: "By Fakhri Vakilov - Trend:"
    r"|by\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2}\s*[—–-]+\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?:?"
    # a byline with its date and no colon: "Автор Olga_Gafurova Monday, 07 March 2022 3:13 PM"
    r"|(?:автор|author)\s+\S+(?:\s+\S+){0,2}\s*,?\s+\D{0,30}\d{1,2}\D{1,12}\d{4}.{0,20}"
    # a caption with no colon: "Иллюстративное фото", "Фото с сайта gov.kz"
    r"|(?:иллюстративное |архивное )?(?:фото|фотография|снимок)"
    r"(?:\s+(?:с сайта|из открытых источников|из архива|предоставлено|пресс-службы|автора)"
    r"\b.{0,120})?",
    re.IGNORECASE,
)
_SHARE_RE = re.compile(
    r"(?:поделиться|поделитесь|подпис(?:ывайтесь|аться|ывайся|житесь)|читайте\s+(?:также|нас|новости)|"
    r"читать также|смотрите также|следите за|присоединяйтесь|теги|тэги|метки|share|tweet|"
    r"распечатать|версия для печати|нашли ошибку|выделите (?:её|ее) и нажмите|"
    r"новости (?:партнеров|партнёров)|реклама|advertisement)\b.{0,200}",
    re.IGNORECASE,
)
_SOCIAL_WORDS = wordset(  # each under 20 letters: is_debris reads a line's first 20 first
    "facebook twitter x vk вконтакте telegram телеграм whatsapp viber одноклассники ok "
    "instagram youtube tiktok linkedin email e-mail почта скопировать ссылку"
)


_LETTER_RE = re.compile(r"[^\W\d_]")
_CONTACTS_RE = re.compile(  # e-mail addresses, alone or after a label ("E-mail: a@b.kz")
    r"(?:(?:e-?mail|почта|эл\.\s?почта)\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"(?:[\s,;]+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*",
    re.IGNORECASE,
)
_DEBRIS_MAX = 260  # credits and prompts are short; a paragraph is never debris


# Xinhua's caption: "This picture, taken on Aug. 9, 2023, shows…", "An aerial drone photo taken
# on May 5 shows…".
_CAPTION_RE = re.compile(
    r"(?:This|These|An?|The)(?: aerial| drone| undated| file)* (?:photos?|pictures?|images?)"
    r",? taken\b"
)


def is_credit(sentence: str) -> bool:
    """A photo credit or caption run into a paragraph as its own sentence ("Photo: the media
    holding OTV. The forum opened today…", "This picture, taken on Aug. 9, shows…")."""
    if sentence[:1] in "TA" and _CAPTION_RE.match(sentence):
        return True
    return (
        ":" in sentence[:25]
        and len(sentence) <= _DEBRIS_MAX
        and bool(_CREDIT_RE.fullmatch(sentence))
    )


def is_debris(line: str) -> bool:
    """Photo credits, share and subscribe prompts, social-network button rows, bare links."""
    if len(line) > _DEBRIS_MAX:
        return False
    if (
        _CREDIT_RE.fullmatch(line)
        or _SHARE_RE.fullmatch(line)
        or (line.startswith("http") and URL_RE.fullmatch(line))
    ):
        return True
    # A row of buttons opens with one: the first word (every one is under 20 letters) decides
    # whether the whole line is worth lower-casing and splitting.
    head = line[:20].lower().replace(",", " ").replace("|", " ").split()
    if head and head[0] in _SOCIAL_WORDS:
        words = line.lower().replace(",", " ").replace("|", " ").split()
        if all(w in _SOCIAL_WORDS for w in words):
            return True
    if "@" in line and _CONTACTS_RE.fullmatch(line):
        return True  # "niiural@mail.osu.ru avenali@mail.ru": a page's contacts
    # Only punctuation, digits or ornaments: no words to keep.
    return _LETTER_RE.search(line) is None


# A page's chrome above the headline: a rubric of one word ("Новости", "Власть", "Бишкек-24"),
# a currency rate ("USD 86.45"), a site notice ("Войти в почту", "Breaking News"), a byline
# ("Опубликовано 6 марта 2019 | Редакция"). Real pages open so; taken for the title, it hid
# the headline from the topics and showed "Войти в почту" on the card.
_CHROME_RE = re.compile(
    r"[^\W\d_][\w-]*\w"
    r"|[A-Z]{3}\s*[\d.,]+\s*[↑↓▲▼+-]?[\d.,%]*"
    r"|(?:войти|вход|регистрация|версия для слабовидящих|сайт работает в тестовом режиме|"
    r"главная|ссылки для входа|найти тему|срочные новости|последние новости|лента новостей|"
    r"sign in|log in|main menu|breaking news|latest news)\b.{0,50}"
    r"|(?:опубликовано|published|updated)\b.{0,50}\d.{0,20}"  # a byline holds its date
    r"|go to the main site|перейти на главную|на главную"
    r"|(?:сюжет|рубрика|тема|section)\s*:.{1,40}"  # "Сюжет: COVID-19"
    r"|(?:источник\s*:?\s*)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,4}"  # "mfa.gov.kg"
    # the day in two calendars: "20 Май, 2025 | 22 Зулькада, 1446"
    r"|\d{1,2}\s+[^\W\d_]+,?\s+\d{4}(?:\s*\|\s*\d{1,2}\s+[^\W\d_]+,?\s+\d{4})+",
    re.IGNORECASE,
)
_CHROME_MAX = 60
_TICKER_RE = re.compile(r"(?:сегодня на сайте|top stories|today on the site)\s*:", re.IGNORECASE)
_CRUMB_RE = re.compile(r"\s+(?:[|>»/]|&gt;)\s+")  # "Home > News", "Главная | ПОЛИТИКА | …"
_SHOUT_WORDS = 4  # "ПОСЛЕДНИЕ НОВОСТИ", "US EUROPE AFRICA ASIA": a menu, not a headline


def is_chrome(line: str) -> bool:
    """A line of the page's own (a rubric, a rate, a notice, a menu, a breadcrumb trail) seen
    above the headline."""
    if line[:1] in "СсTt" and _TICKER_RE.match(line):
        return True  # a ticker of the site's other headlines, however long
    if len(line) > _CHROME_MAX * 2:
        return False
    crumbs = _CRUMB_RE.split(line)
    if len(crumbs) > 1 and all(len(c.split()) <= 2 for c in crumbs[:2]):
        return True  # a trail, its last item the headline repeated: "Главная | ПОЛИТИКА | Мэр…"
    if len(line) > _CHROME_MAX:
        return False
    words = line.split()
    if line.isupper() and len(words) <= _SHOUT_WORDS and min(map(len, words)) > 1:
        return True  # a row of nouns; a one-letter preposition makes it a phrase ("В ОШЕ ЖАРА")
    return bool(_CHROME_RE.fullmatch(line))


_COMMENTS_FIRST = frozenset("кКcC")  # the letters a marker opens with: most lines stop here


def is_comments_marker(line: str) -> bool:
    return line[:1] in _COMMENTS_FIRST and bool(_COMMENTS_RE.fullmatch(line))
