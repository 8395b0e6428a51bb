"""From a raw wire article to clean parts: header, title, lead, dateline, paragraphs.

Wire files are messy (see the seeds): a metadata header line, whitespace of every kind, sentences
broken over lines, datelines split from their text, the whole body repeated once glued together,
photo credits, "Комментарии", share buttons. This module removes the debris and keeps the words.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import razdel

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

_URL_RE = re.compile(r"https?://[^\s<>\"'«»“”]+")
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
    r"автор|авторы|author|корреспондент|редактор|текст|теги|тэги|метки|tags)\s*[:—–-].{0,200}"
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
_SOCIAL_WORDS = wordset(
    "facebook twitter x vk вконтакте telegram телеграм whatsapp viber одноклассники ok "
    "instagram youtube tiktok linkedin email e-mail почта скопировать ссылку"
)


_LETTER_RE = re.compile(r"[^\W\d_]")
_DEBRIS_MAX = 260  # credits and prompts are short; a paragraph is never debris


def is_debris(line: str) -> bool:
    """Photo credits, share and subscribe prompts, social-network button rows, bare links."""
    if len(line) > _DEBRIS_MAX:
        return False
    if _CREDIT_RE.fullmatch(line) or _SHARE_RE.fullmatch(line) or _URL_RE.fullmatch(line):
        return True
    words = line.lower().replace(",", " ").replace("|", " ").split()
    if words and all(w in _SOCIAL_WORDS for w in words):
        return True
    # Only punctuation, digits or ornaments: no words to keep.
    return _LETTER_RE.search(line) is None


def is_comments_marker(line: str) -> bool:
    return bool(_COMMENTS_RE.fullmatch(line))


# --- datelines -------------------------------------------------------------------------------

_CITY = r"[A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё'’]+(?:[ -][A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё'’]+){0,2}"
_AGENCY_WORD = r"/?[A-ZА-ЯЁ«“\"][\w«»“”\"'’/-]*(?:\.(?=\w)[\w/-]+)*/?"
_AGENCY = rf"{_AGENCY_WORD}(?:\s{_AGENCY_WORD}){{0,2}}"
_DATELINE_PREFIX_RE = re.compile(
    rf"(?P<city>{_CITY})\s*[,.]\s*"
    rf"(?P<date>\d{{1,2}}\s+{MONTH_WORD}\.?(?:\s+\d{{4}}(?:\s*(?:года|г\.))?)?)"
    r"(?:\s*[,.]\s*\d{1,2}:\d{2})?"
)
# After the date: an agency and its closing dot or dash ("— Sputnik.", ". /ТАСС/.", "- Kapital.kz.")
_AGENCY_TAIL_RE = re.compile(rf"\s*[,.]?\s*(?:[—–-]+\s*)?(?P<agency>{_AGENCY})\s*(?:[.—–-]+|$)")
# or no agency, only a dot or a dash closing the dateline.
_BARE_TAIL_RE = re.compile(r"\s*[.—–-]+|\s*$|(?<=\.)(?=\s)")
# A dateline without a date: the city in capitals and an agency ("АСТАНА. КАЗИНФОРМ –").
_DATELESS_RE = re.compile(
    rf"(?P<city>[A-ZА-ЯЁ]{{3,}}(?:[ -][A-ZА-ЯЁ]{{2,}}){{0,2}})\s*[,.]\s*(?:{_AGENCY})\s*[—–-]+"
)

# Shorter datelines, only before a paragraph of real text (a title is never one):
# the city alone, in capitals ("ЧЕЛЯБИНСК. Аграрии…") or not ("Ашхабад. В Лебапском…"), maybe
# with its country and the outlet in brackets ("Самарканд, Узбекистан (podrobno.uz). …");
_CITY_ONLY_RE = re.compile(
    rf"(?P<city>{_CITY})(?:,\s*[A-ZА-ЯЁ][а-яё]+)?(?:\s*\([^()\n]{{2,30}}\))?\.\s+"
    r"(?=[«“\"A-ZА-ЯЁ])"
)
# or the outlet alone ("Podrobno.uz. АО…", "АКИpress - Туристический…").
_OUTLET_ONLY_RE = re.compile(
    r"(?:[A-Za-z][\w-]*\.(?:uz|kz|kg|tj|tm|ru|com|net|org|info)|[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]*press)"
    r"\s*(?:\.|[—–-]+)\s+(?=[«“\"A-ZА-ЯЁ])"
)
_DATELINE_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_SHORT_DATELINE_REST = 60  # characters of text that must follow a short dateline


@dataclass(frozen=True, slots=True)
class Dateline:
    text: str  # as written, without the text that follows it
    city: str  # title-cased: "Ташкент", "Нур-Султан"
    date_text: str  # "28 дек", "7 марта 2025 года" or ""


def _title_case(city: str) -> str:
    parts = re.split(r"([ -])", city)
    return "".join(p if p in " -" else p[:1].upper() + p[1:].lower() for p in parts)


def _dateline_end(paragraph: str) -> tuple[int, str, str] | None:
    """Where a dateline opening ``paragraph`` ends, its city and its date text."""
    m = _DATELINE_PREFIX_RE.match(paragraph)
    if m:
        tail = _AGENCY_TAIL_RE.match(paragraph, m.end()) or _BARE_TAIL_RE.match(paragraph, m.end())
        if tail:
            return tail.end(), m["city"], m["date"].rstrip(".")
        return None
    m = _DATELESS_RE.match(paragraph)
    if m:
        return m.end(), m["city"], ""
    if len(paragraph) < _SHORT_DATELINE_REST or paragraph[0] not in _DATELINE_OPENERS:
        return None
    m = _CITY_ONLY_RE.match(paragraph) or _OUTLET_ONLY_RE.match(paragraph)
    if m is None or len(paragraph) - m.end() < _SHORT_DATELINE_REST:
        return None
    return m.end(), m.groupdict().get("city") or "", ""


def match_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """A dateline opening ``paragraph`` and the rest of it, or None."""
    found = _dateline_end(paragraph)
    if found is None:
        return None
    end, city, date_text = found
    rest = paragraph[end:].lstrip(" .,;:—–-")
    if rest[:1].islower():
        return None  # an ordinary sentence that starts with a place and a date
    line = paragraph[:end].rstrip(" .—–-")
    return Dateline(text=line, city=_title_case(city), date_text=date_text), rest


# --- joining lines broken mid-sentence -------------------------------------------------------

_TERMINAL = '.!?…:;»"”)'
# Words a sentence cannot end on: prepositions, conjunctions, and the reporting verbs wires break
# after ("Об этом сообщает\nИА "Дунё".").
_DANGLING = wordset(
    "в во на с со к ко по о об обо от до из у за для при про через между и а но или что "
    "как чтобы также сообщает сообщил сообщила сообщили передает передаёт пишет отметил "
    "отметила заявил заявила сказал сказала сообщается говорится информирует"
)
_SENTENCE_INSIDE_RE = re.compile(r"[.!?…][»”\"]?\s+[А-ЯЁA-Z«“\"]")


def _should_join(prev: str, nxt: str) -> bool:
    if not prev or not nxt:
        return False
    if nxt[0] in ".,;:)»”!?" or nxt[0].islower():
        return True
    if prev[-1] in _TERMINAL or match_dateline(nxt):
        return False
    if prev[-1] in "-—–,":
        return True
    last = prev.rsplit(" ", 1)[-1].lower()
    if last in _DANGLING:
        return True
    # A paragraph of several sentences whose last one runs on into a short line.
    return bool(_SENTENCE_INSIDE_RE.search(prev)) and len(nxt) < 80 and nxt[-1] in _TERMINAL


def join_broken_lines(lines: list[str]) -> list[str]:
    """Glue lines that continue the previous line's sentence."""
    out: list[str] = []
    for line in lines:
        if out and _should_join(out[-1], line):
            prev = out[-1]
            if prev.endswith("-") and line[0].islower() and not prev.endswith(" -"):
                out[-1] = prev[:-1] + line  # a word hyphenated over the break
            elif line[0] in ".,;:)»”!?":
                out[-1] = prev + line
            else:
                out[-1] = prev + " " + line
        else:
            out.append(line)
    return out


# --- sentences -------------------------------------------------------------------------------

# "сотрудничества.Об этом": a sentence end with no space after it, which razdel does not split.
# The pattern starts at the rare punctuation so the scan is quick; what stands before it (a
# lower-case letter, a digit, a closing quote) is checked by hand.
_GLUE_RE = re.compile(r"[.!?…](?=[«“\"]?[А-ЯЁ])")
# The same for text whose only stop is ".": sre scans for one literal character several times
# faster than for a set, and most paragraphs have no "!", "?" or "…".
_GLUE_DOT_RE = re.compile(r"\.(?=[«“\"]?[А-ЯЁ])")
_GLUE_BEFORE = frozenset(
    '.…»”"%)0123456789abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя'
)


def _other_stops(text: str) -> bool:
    """Whether ``text`` holds a sentence stop other than "." (C searches, no regex)."""
    return "!" in text or "?" in text or "…" in text


def _glue_points(text: str) -> list[int]:
    return [
        m.end()
        for m in (_GLUE_RE if _other_stops(text) else _GLUE_DOT_RE).finditer(text)
        if m.start() and text[m.start() - 1] in _GLUE_BEFORE
    ]


def count_glue(text: str) -> int:
    return len(_glue_points(text))


def unglue(text: str, points: list[int] | None = None) -> str:
    """``text`` with a space at every glued sentence end (``points`` if already found)."""
    if points is None:
        points = _glue_points(text)
    if not points:
        return text
    parts = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    return " ".join(parts)


# Where a sentence surely ends: a lower-case word of 3+ letters, its full stop, a capitalised
# word (or a one-letter one: "В", "С"). Cutting there first leaves razdel only the pieces with
# quotes, initials or abbreviations.
_SAFE_END_RE = re.compile(r"[.!?]\s+(?=[А-ЯЁ][а-яё ])")
_SAFE_DOT_RE = re.compile(r"\.\s+(?=[А-ЯЁ][а-яё ])")  # for text with no "!" or "?"
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_ABBREVIATIONS = wordset(
    "тыс млн млрд трлн руб долл обл стр тел ул пер просп корп кв пос гос акад проф доц тов "
    "ген кол мин зам рис табл прим англ рус каз узб"
)


def _safe_chunks(paragraph: str) -> list[str]:
    chunks: list[str] = []
    start = 0
    ends = _SAFE_END_RE if "!" in paragraph or "?" in paragraph else _SAFE_DOT_RE
    for m in ends.finditer(paragraph):
        end = m.start()  # the full stop
        if end < 3 or not _LOWER.issuperset(paragraph[end - 3 : end]):
            continue
        word = paragraph[max(0, end - 8) : end].rsplit(" ", 1)[-1]
        if word in _ABBREVIATIONS:
            continue
        chunks.append(paragraph[start : end + 1])
        start = m.end()
    chunks.append(paragraph[start:])
    return chunks


def sentences(paragraph: str, glue: list[int] | None = None) -> tuple[str, ...]:
    """The sentences of one paragraph (razdel), glued sentence ends (``glue``: where, if
    already found) split first."""
    out: list[str] = []
    for chunk in _safe_chunks(unglue(paragraph, glue)):
        # No full stop, "!", "?" or "…" before the closing punctuation: one sentence.
        inner = chunk.rstrip(' .!?…»”")')
        if "." not in inner and not _other_stops(inner):
            if chunk.strip():
                out.append(chunk.strip())  # one plain sentence: nothing for razdel to decide
        else:
            out.extend(s.text for s in razdel.sentenize(chunk) if s.text.strip())
    return tuple(out)


def sentence_key(sentence: str) -> str:
    """Identity of a sentence for repeat detection: its words, folded, spacing ignored."""
    return " ".join(sentence.lower().replace("ё", "е").split())


# --- the article -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CleanArticle:
    header: str  # metadata lines joined ("date 2025-09-21 https://…")
    url: str | None
    title: str
    lead: str
    dateline: Dateline | None
    paragraphs: tuple[tuple[str, ...], ...]  # body paragraphs as their sentences
    lead_sentences: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


_TITLE_MAX = 250


def _short_title(text: str) -> str:
    """A title from a paragraph: its first sentence, cut at a word if it is still too long."""
    first = sentences(text)[0] if text else ""
    if len(first) <= _TITLE_MAX:
        return first
    return first[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"


def _split_top(lines: list[str]) -> tuple[list[str], list[str]]:
    """Metadata lines (header, byline dates, bare links) among the first lines, and the rest."""
    meta: list[str] = []
    rest: list[str] = []
    for i, line in enumerate(lines):
        if i < 4 and (is_meta_line(line) or is_dated_rubric(line)):
            meta.append(line)
        else:
            rest.append(line)
    return meta, rest


_READ_ALSO_RE = re.compile(r"(?:читайте|читать|смотрите)\s+(?:также|еще|ещё)\s*:?", re.I)


def _drop_debris(lines: list[str]) -> list[str]:
    kept: list[str] = []
    after_prompt = False
    for line in lines:
        if is_comments_marker(line):
            break  # what follows "Комментарии" is the comment thread, not the article
        if after_prompt and line[-1] not in _TERMINAL:
            after_prompt = False
            continue  # the headline a "Читайте также:" prompt links to
        after_prompt = bool(_READ_ALSO_RE.fullmatch(line))
        if not is_debris(line):
            kept.append(line)
    return kept


# A source line at the end of the file: a bare link or a labelled one ("Источник: https://…").
_SOURCE_LINE_RE = re.compile(
    r"(?:(?:источник|ссылка|оригинал|url|link|source)\s*[:—–-]?\s*)?(https?://\S+)",
    re.IGNORECASE,
)


def _find_url(meta: list[str], lines: list[str]) -> str | None:
    for line in [*meta, *lines[:5]]:
        m = _URL_RE.search(line)
        if m:
            return m.group().rstrip(".,;)")
    for line in reversed(lines[-4:]):
        m = _SOURCE_LINE_RE.fullmatch(line)
        if m:
            return m[1].rstrip(".,;)")
    return None


# A scraper's labelled fields at the top ("Заголовок: …", "Текст:"): the label goes.
_LABEL_RE = re.compile(
    r"(?P<label>заголовок|title|headline|лид|анонс|lead|текст|text|body)\s*:\s*(?P<value>.*)",
    re.IGNORECASE,
)
_TITLE_LABELS = frozenset({"заголовок", "title", "headline"})


def _take_labels(lines: list[str]) -> tuple[str, list[str]]:
    """A labelled title among the first lines, and the lines with their labels removed."""
    title = ""
    out: list[str] = []
    for i, line in enumerate(lines):
        m = _LABEL_RE.fullmatch(line) if i < 6 else None
        if m is None:
            out.append(line)
        elif m["label"].lower() in _TITLE_LABELS and not title:
            title = m["value"].strip()
        elif m["value"].strip():
            out.append(m["value"].strip())
    return (title, out) if title else ("", lines)


# A dateline after the lead's sentence in the same paragraph, as a scraper that flattens the
# page gives it ("Лид. ТАШКЕНТ, 3 апр — Podrobno.uz. Текст"): only the dated form.
# One search for a sentence end followed by "City, <day> " finds the candidates in C.
_INNER_START_RE = re.compile(rf"[.!?…»]\s+(?={_CITY}\s*[,.]\s*\d{{1,2}}\s)")
_INNER_SEARCH = 600  # characters: a dateline sits after the first sentence or two


def _split_inner_dateline(paragraph: str) -> list[str]:
    for m in _INNER_START_RE.finditer(paragraph, 0, _INNER_SEARCH):
        tail = paragraph[m.end() :]
        if match_dateline(tail):
            return [paragraph[: m.start() + 1], tail]
    return [paragraph]


def _is_lead(paragraph: str, has_more: bool) -> bool:
    """A standalone summary paragraph right after the title, before the dateline and body."""
    if not has_more or match_dateline(paragraph):
        return False
    if paragraph[:1] in '«“"„-—–':
        return False  # a quotation opens the body, it does not sum it up
    return 40 <= len(paragraph) <= 700


def _strip_datelines(paragraphs: list[str]) -> tuple[Dateline | None, list[str]]:
    """Find the dateline among the first paragraphs; cut it (and its repeats) from the text."""
    found: Dateline | None = None
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        hit = match_dateline(para) if (i < 3 or found is not None) else None
        if hit and (found is None or hit[0].city == found.city):
            if found is None:
                found = hit[0]
            if hit[1]:
                out.append(hit[1])
            continue
        out.append(para)
    return found, out


def _dedupe(
    paragraphs: list[tuple[str, ...]], glue: list[int], lead_keys: set[str]
) -> list[tuple[str, ...]]:
    """Keep one copy of every sentence, in its best-formatted paragraph.

    Better formatted: no glued sentence ends, then fewer sentences (a paragraph holding the
    whole body run together loses to the proper paragraphs), then earlier.
    """
    keys = [[sentence_key(sent) for sent in para] for para in paragraphs]
    owner: dict[str, tuple[int, int, int]] = {}
    for idx, para_keys in enumerate(keys):
        rank = (glue[idx], len(para_keys), idx)
        for key in para_keys:
            best = owner.get(key)
            if best is None or rank < best:
                owner[key] = rank
    out: list[tuple[str, ...]] = []
    for idx, para in enumerate(paragraphs):
        kept: list[str] = []
        for sent, key in zip(para, keys[idx], strict=True):
            best = owner.get(key)
            if key in lead_keys or best is None or best[2] != idx:
                continue
            del owner[key]  # a repeat inside the same paragraph goes too
            kept.append(sent)
        if kept:
            out.append(tuple(kept))
    return out


def _take_title(lines: list[str]) -> tuple[str, list[str]]:
    """The title and the lines after it.

    A dateline standing alone on the first line ("Ташкент, 5 марта 2025 г. — УзА") is moved
    after the title line; a first line that is a dateline paragraph or too long for a title
    gives its first sentence as the title and stays in the text.
    """
    if not lines:
        return "", lines
    first = lines[0]
    hit = match_dateline(first)
    if hit and not hit[1] and len(lines) > 1 and not match_dateline(lines[1]):
        return _headline(lines[1]), [first, *lines[2:]]
    if hit or len(first) > _TITLE_MAX:
        return _short_title(hit[1] if hit else first), lines
    return _headline(first), lines[1:]


def _headline(line: str) -> str:
    """A headline line without the full stop some sites put after it (a title taken from a
    sentence of the text keeps its stop: it is quoted from the text)."""
    return line[:-1] if line.endswith(".") and not line.endswith("..") else line


def clean_article(raw: str) -> CleanArticle:
    """Parse a raw article file's text into its clean parts."""
    lines = [ln.strip() for ln in normalize(raw).split("\n")]
    lines = [ln for ln in lines if ln]
    meta, lines = _split_top(lines)
    url = _find_url(meta, lines)
    lines = _drop_debris(lines)
    header = " ".join(meta)

    title, lines = _take_labels(lines)
    title, lines = (_headline(title), lines) if title else _take_title(lines)
    lines = join_broken_lines(lines)
    lines = [*(p for para in lines[:2] for p in _split_inner_dateline(para)), *lines[2:]]

    lead = ""
    if lines and _is_lead(lines[0], has_more=len(lines) > 1):
        lead, lines = lines[0], lines[1:]

    dateline, lines = _strip_datelines(lines)

    points = [_glue_points(p) for p in lines]
    glue = [len(p) for p in points]
    split = [sentences(p, g) for p, g in zip(lines, points, strict=True)]
    lead_split = sentences(lead) if lead else ()
    paragraphs = _dedupe(split, glue, {sentence_key(s) for s in lead_split})
    return CleanArticle(
        header=header,
        url=url,
        title=title,
        lead=unglue(lead),
        dateline=dateline,
        paragraphs=tuple(paragraphs),
        lead_sentences=lead_split,
    )
