"""From a raw wire article to clean parts: header, title, lead, dateline, paragraphs.

Wire files are messy (see the seeds): a metadata header line, whitespace of every kind, sentences
broken over lines, datelines split from their text, the whole body repeated once glued together,
photo credits, "Комментарии", share buttons. This module puts the article together from the
rules of ``rawlines`` (characters, metadata and debris lines), ``datelines`` and ``sentences``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from storage.analysis.datelines import CITY, Dateline, match_dateline
from storage.analysis.rawlines import (
    URL_RE,
    is_chrome,
    is_comments_marker,
    is_credit,
    is_dated_rubric,
    is_debris,
    is_meta_line,
    normalize,
)
from storage.analysis.sentences import (
    TERMINAL,
    glue_points,
    join_broken_lines,
    sentence_key,
    sentences,
    unglue,
)

# The article is this module's; the line, dateline and sentence rules live in their own modules
# and stay importable from here, where callers found them before the split.
__all__ = [
    "CleanArticle",
    "Dateline",
    "clean_article",
    "join_broken_lines",
    "match_dateline",
    "normalize",
    "sentence_key",
    "sentences",
]


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


# A page's date stamp glued before the headline ("2025-10-26 Пожар начался…", "10.09.2018 |
# President…"): the date is metadata, the rest the title.
_STAMPED_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"\s*[|—–.-]?\s+(?=\S.{14})"  # "2018-11-08. PAVLODAR. KAZINFORM …": a dot may close it
)


def _split_top(lines: list[str]) -> tuple[list[str], list[str]]:
    """Metadata lines (header, byline dates, bare links) among the first lines, and the rest."""
    meta: list[str] = []
    rest: list[str] = []
    for i, line in enumerate(lines):
        stamp = _STAMPED_RE.match(line) if i < 4 and not rest else None
        if i < 4 and (is_meta_line(line) or is_dated_rubric(line)):
            meta.append(line)
        elif stamp:
            meta.append(stamp[1])
            rest.append(line[stamp.end() :])
        else:
            rest.append(line)
    return meta, rest


_READ_ALSO_RE = re.compile(r"(?:читайте|читать|смотрите)\s+(?:также|еще|ещё)\s*:?", re.I)
_READ_ALSO_FIRST = frozenset("чЧсС")  # the letters it can open with: most lines skip the regex


def _drop_debris(lines: list[str]) -> list[str]:
    kept: list[str] = []
    after_prompt = False
    text = False  # whether a line of the article's text (a sentence) came yet
    for line in lines:
        if is_comments_marker(line):
            if text:
                break  # what follows "Комментарии" is the comment thread, not the article
            continue  # the page's link to its comments above the text (date, source, link)
        text = text or line[-1] in ".!?…"  # a sentence, not a date, source or headline
        if after_prompt and line[-1] not in TERMINAL:
            after_prompt = False
            continue  # the headline a "Читайте также:" prompt links to
        after_prompt = line[0] in _READ_ALSO_FIRST and bool(_READ_ALSO_RE.fullmatch(line))
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
        m = URL_RE.search(line)
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
_INNER_START_RE = re.compile(rf"[.!?…»]\s+(?={CITY}\s*[,.]\s*\d{{1,2}}\s)")
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
        if found is None:
            hit = match_dateline(para) if i < 3 else None
        else:
            # A repeat names the same city first (title-cased, so compared in lower case):
            # the other paragraphs need no dateline match.
            city = found.city.lower()
            hit = match_dateline(para) if para[: len(city)].lower() == city else None
        if hit and (found is None or hit[0].city == found.city):
            if found is None:
                found = hit[0]
            if hit[1]:
                out.append(hit[1])
            continue
        out.append(para)
    return found, out


# Characters that give a sentence's key (sentence_key) another length than the sentence's:
# "İ" lower-cases to two, and these separators are white space that normalize() leaves.
_KEY_LENGTH_CHANGERS = ("\u0130", "\x1c", "\x1d", "\x1e", "\x1f")


def _may_repeat(sentences: list[str], lead: tuple[str, ...]) -> bool:
    """Whether two sentences, or one and a lead sentence, may share a key, in a text without
    ``_KEY_LENGTH_CHANGERS``: a key is then as long as its sentence, so only sentences of one
    length need theirs (lower-casing every sentence was a tenth of the cleaning). For the
    sentences ``_length_keys`` cannot stand in for."""
    lengths = list(map(len, sentences))
    lead_lengths = set(map(len, lead))
    if len(set(lengths)) == len(lengths) and lead_lengths.isdisjoint(lengths):
        return False  # most articles
    counts = Counter(lengths)
    counts.update(lead_lengths)
    shared = [sentence_key(s) for s, n in zip(sentences, lengths, strict=True) if counts[n] > 1]
    if len(set(shared)) < len(shared):
        return True
    return not {sentence_key(s) for s in lead if counts[len(s)] > 1}.isdisjoint(shared)


def _unique_lengths(sentences: list[str], lead: tuple[str, ...]) -> bool:
    """Whether no two sentences, and no sentence and lead sentence, are of one length."""
    lengths = list(map(len, sentences))
    return len(set(lengths)) == len(lengths) and set(map(len, lead)).isdisjoint(lengths)


def _sizes_are_lengths(sentences: list[str]) -> bool:
    """Whether every key of ``sentences``, of a text without ``_KEY_LENGTH_CHANGERS``, is as
    long as its sentence and lower-cased from it alone: no line break, no run of spaces, no
    space at either end for sentence_key to mend (normalize() leaves no other white space).
    Joined by spaces, a space at the end of one shows as a run."""
    joined = " ".join(sentences)
    return "  " not in joined and "\n" not in joined and joined[:1] != " " and joined[-1:] != " "


def _length_keys(
    paragraphs: list[tuple[str, ...]], lead: tuple[str, ...]
) -> tuple[list[list[str]], set[str]]:
    """The keys of every paragraph's and the lead's sentences, or what stands for them, where
    ``_sizes_are_lengths``: sentences of different lengths then have different keys, so of a
    length only one string has (a sentence and its exact repeats), the string stands for its
    own key — no other key is as long, and none other is that string. Only the sentences of a
    length several strings share are lower-cased (lower-casing every sentence was a tenth of
    the cleaning)."""
    sentences = [*lead, *chain.from_iterable(paragraphs)]
    strings: dict[int, str | None] = {}  # length -> its one string, None if several
    for sent in sentences:
        n = len(sent)
        if strings.setdefault(n, sent) != sent:
            strings[n] = None

    def key(sentence: str) -> str:
        return sentence if strings[len(sentence)] is not None else sentence_key(sentence)

    return [list(map(key, para)) for para in paragraphs], set(map(key, lead))


def _dedupe(
    paragraphs: list[tuple[str, ...]], glue: list[int], lead: tuple[str, ...], exact: bool
) -> list[tuple[str, ...]]:
    """Keep one copy of every sentence, in its best-formatted paragraph, and none of a lead
    sentence (``lead``); ``exact``: the text holds no ``_KEY_LENGTH_CHANGERS``.

    Better formatted: no glued sentence ends, then fewer sentences (a paragraph holding the
    whole body run together loses to the proper paragraphs), then earlier.
    """
    body = [s for para in paragraphs for s in para]
    if exact and _unique_lengths(body, lead):
        return [para for para in paragraphs if para]  # no repeats (most articles): all stay
    if exact and _sizes_are_lengths([*lead, *body]):
        keys, lead_keys = _length_keys(paragraphs, lead)
    elif exact and not _may_repeat(body, lead):
        return [para for para in paragraphs if para]
    else:
        lead_keys = {sentence_key(s) for s in lead}
        keys = [[sentence_key(sent) for sent in para] for para in paragraphs]
    every = [key for para_keys in keys for key in para_keys]
    if len(set(every)) == len(every) and lead_keys.isdisjoint(every):
        return [para for para in paragraphs if para]  # no repeats: all stay
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


def _without_credits(split: tuple[str, ...], paragraph: str) -> tuple[str, ...]:
    """The sentences that are no photo credit: one has a colon or opens "This/An… photo"; a
    paragraph with neither (most) is kept without a look at each sentence."""
    if ":" in paragraph or "T" in paragraph or "A" in paragraph:
        return tuple(s for s in split if not is_credit(s))
    return split


def _take_title(lines: list[str]) -> tuple[str, list[str]]:
    """The title and the lines after it.

    A dateline standing alone on the first line ("Ташкент, 5 марта 2025 г. — УзА") is moved
    after the title line; a first line that is a dateline paragraph or too long for a title
    gives its first sentence as the title and stays in the text.
    """
    lines = _without_chrome(lines)
    if not lines:
        return "", lines
    first = lines[0]
    hit = match_dateline(first)
    if hit and not hit[1] and len(lines) > 1 and not match_dateline(lines[1]):
        return _headline(lines[1]), [first, *lines[2:]]
    if hit or len(first) > _TITLE_MAX:
        return _short_title(hit[1] if hit else first), lines
    return _headline(first), lines[1:]


_CHROME_LINES = 6  # a rubric, a notice, three currency rates: the chrome a page opens with


def _without_chrome(lines: list[str]) -> list[str]:
    """The lines from the headline on, when the page opens with its chrome (a rubric, rates, a
    notice) and a headline follows: a line that is no sentence of the text, with the body
    after it (one word alone before the text is a one-word headline, kept)."""
    k = 0
    while k < min(len(lines) - 2, _CHROME_LINES) and is_chrome(lines[k]):
        k += 1
    if k and len(lines[k]) <= _TITLE_MAX and not lines[k].endswith("."):
        return lines[k:]
    if k and not any(_ONE_WORD_RE.fullmatch(line) for line in lines[:k]):
        return lines[k:]  # no headline: the text's first sentence will be the title
    return lines


_ONE_WORD_RE = re.compile(r"[^\W\d_][\w-]*")  # "Новости", "Экономика": maybe a headline


def _headline(line: str) -> str:
    """A headline line without the full stop some sites put after it (a title taken from a
    sentence of the text keeps its stop: it is quoted from the text)."""
    return line[:-1] if line.endswith(".") and not line.endswith("..") else line


def clean_article(raw: str) -> CleanArticle:
    """Parse a raw article file's text into its clean parts."""
    text = normalize(raw)
    exact = not any(map(text.__contains__, _KEY_LENGTH_CHANGERS))
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    meta, lines = _split_top(lines)
    url = _find_url(meta, lines)
    lines = _drop_debris(lines)

    title, lines = _take_labels(lines)
    title, lines = (_headline(title), lines) if title else _take_title(lines)
    stamp = _STAMPED_RE.match(lines[0]) if lines else None
    if stamp:  # "2025-08-28 Туркестанская область и…": the lead's date stamp, as the title's
        meta.append(stamp[1])
        lines = [lines[0][stamp.end() :], *lines[1:]]
    header = " ".join(meta)
    lines = join_broken_lines(lines)
    lines = [*(p for para in lines[:2] for p in _split_inner_dateline(para)), *lines[2:]]

    lead = ""
    if lines and _is_lead(lines[0], has_more=len(lines) > 1):
        lead, lines = lines[0], lines[1:]

    dateline, lines = _strip_datelines(lines)

    points = [glue_points(p) for p in lines]
    glue = [len(p) for p in points]
    split = [_without_credits(sentences(p, g), p) for p, g in zip(lines, points, strict=True)]
    lead_split = sentences(lead) if lead else ()
    if any(map(is_credit, lead_split)):  # a caption that opens the standfirst
        lead_split = tuple(s for s in lead_split if not is_credit(s))
        lead = " ".join(lead_split)
    paragraphs = _dedupe(split, glue, lead_split, exact)
    return CleanArticle(
        header=header,
        url=url,
        title=title,
        lead=unglue(lead),
        dateline=dateline,
        paragraphs=tuple(paragraphs),
        lead_sentences=lead_split,
    )
