"""Sentences of wire text: lines broken mid-sentence joined, sentences glued without a space
("…году.Стороны…") taken apart, paragraphs split into sentences (razdel, with the
abbreviations and safe points wires need) and a sentence's identity for repeat detection."""

from __future__ import annotations

import re
from collections.abc import Iterable

import razdel
from razdel.rule import JOIN
from razdel.segmenters.sentenize import RULES, SentSplit

from storage.analysis.datelines import match_dateline
from storage.analysis.morph import wordset

TERMINAL = '.!?…:;»"”)'
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
    if prev[-1] in TERMINAL or match_dateline(nxt):
        return False
    if prev[-1] in "-—–,":
        return True
    last = prev.rsplit(" ", 1)[-1].lower()
    if last in _DANGLING:
        return True
    # A paragraph of several sentences whose last one runs on into a short line.
    return bool(_SENTENCE_INSIDE_RE.search(prev)) and len(nxt) < 80 and nxt[-1] in TERMINAL


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


# A site's name ends in its domain, written in Cyrillic too ("«Фергана.Ру» сообщает"): its
# dot is no sentence end. Only endings no Russian word is, followed by no further letter.
_DOMAINS = frozenset({"Ру", "РУ", "Рф", "РФ", "Кз", "КЗ", "Уз", "Кг", "Тж", "Инфо"})


def glue_points(text: str) -> list[int]:
    return [
        m.end()
        for m in (_GLUE_RE if _other_stops(text) else _GLUE_DOT_RE).finditer(text)
        if m.start() and text[m.start() - 1] in _GLUE_BEFORE and not _domain_at(text, m.end())
    ]


def _domain_at(text: str, at: int) -> bool:
    """Whether a domain ending ("Ру", "Инфо") starts at ``at``, ends the word and follows a
    capitalised name ("Фергана.Ру", not "в сообщении.РФ и Узбекистан…")."""
    for size in (2, 4):
        end = at + size
        if text[at:end] in _DOMAINS and (end == len(text) or not text[end].isalpha()):
            start = at - 1
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            return start < at - 1 and text[start].isupper()
    return False


def count_glue(text: str) -> int:
    return len(glue_points(text))


def unglue(text: str, points: list[int] | None = None) -> str:
    """``text`` with a space at every glued sentence end (``points`` if already found)."""
    if points is None:
        points = glue_points(text)
    if not points:
        return text
    parts = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    return " ".join(parts)


# Where a sentence surely ends: a lower-case word of 3+ letters, its full stop, a capitalised
# word (or a one-letter one: "В", "С"). Cutting there first leaves razdel only the pieces with
# quotes, initials or abbreviations.
# Or a full stop, a dash and a capitalised word ("– отмечают в дипмиссии. – Члены комиссии"):
# razdel cuts there too unless the word before the stop is one of its abbreviations, which
# its own rules are asked (``_razdel_cuts``).
_SAFE_END_RE = re.compile(r"[.!?]\s+(?=[А-ЯЁ][а-яё ])|\. (?=[–—] [А-ЯЁ])")
_SAFE_DOT_RE = re.compile(r"\.\s+(?=[А-ЯЁ][а-яё ])|\. (?=[–—] [А-ЯЁ])")  # no "!" or "?"
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_ABBREVIATIONS = wordset(
    "тыс млн млрд трлн руб долл обл стр тел ул пер просп корп кв пос гос акад проф доц тов "
    "ген кол мин зам рис табл прим англ рус каз узб"
)


# A closing quote or a per cent sign right before the stop ("агентство «Дунё». Об этом",
# "вырос на 15%. Как"): razdel's left token is then that sign (or, before "..", a dot), which
# no abbreviation, initial or list-item rule of its joins after, so it cuts there.
_SAFE_SIGNS = frozenset('»”"%')


_DASHES = frozenset("–—")


def _razdel_cuts(paragraph: str, start: int, end: int) -> bool:
    """Whether razdel, given the chunk from ``start`` on, cuts at the full stop at ``end``:
    its rules read ten characters on either side and the chunk's text before."""
    split = SentSplit(
        paragraph[max(start, end - 10) : end],
        ".",
        paragraph[end + 1 : end + 11],
        paragraph[start:end],
    )
    return not any(rule(split) == JOIN for rule in RULES)


def _safe_chunks(paragraph: str) -> tuple[list[str], set[int]]:
    """The paragraph cut where a sentence surely ends, and the numbers of the chunks on either
    side of a cut before a dash: razdel would have read those two as one chunk, which the
    shortcut for a chunk without a full stop never took (it overlooks ";")."""
    chunks: list[str] = []
    dashed: set[int] = set()
    start = 0
    ends = _SAFE_END_RE if "!" in paragraph or "?" in paragraph else _SAFE_DOT_RE
    for m in ends.finditer(paragraph):
        end = m.start()  # the full stop
        # Before "..." or "..": the text before the dots decides, as before a full stop.
        word_end = end
        while word_end and paragraph[word_end - 1] == ".":
            word_end -= 1
        if not word_end or paragraph[word_end - 1] not in _SAFE_SIGNS:
            if word_end < 3 or not _LOWER.issuperset(paragraph[word_end - 3 : word_end]):
                continue  # after a word of 3+ lower-case letters, one of razdel's splits
            word = paragraph[max(0, word_end - 8) : word_end].rsplit(" ", 1)[-1]
            if word in _ABBREVIATIONS:
                continue
            if paragraph[m.end()] in _DASHES and not _razdel_cuts(paragraph, start, end):
                continue  # "т.д. – ...": an abbreviation of razdel's before the dash
        if paragraph[m.end()] in _DASHES:
            dashed.update((len(chunks), len(chunks) + 1))
        chunks.append(paragraph[start : end + 1])
        start = m.end()
    chunks.append(paragraph[start:])
    return chunks, dashed


# razdel's delimiters (its ENDINGS, ";", quotes, closing brackets; smileys apart), the first
# token after one as razdel reads it (ten characters on), and its smileys.
_RAZDEL_DELIMITER_RE = re.compile(r"[.?!…;\"„'»”’)\]}]")
_RAZDEL_FIRST_TOKEN_RE = re.compile(r"\s*([^\W\d]+|\d+|[^\w\s])")
_RAZDEL_SMILE_RE = re.compile(r"[=:;]-?[)(]")


_RAZDEL_CLOSING = frozenset("»”’)]}\"„'")  # closing quotes and brackets, generic quotes
_RAZDEL_GENERIC_QUOTES = frozenset("\"„'")
_RAZDEL_ENDINGS = frozenset(".?!…")


def _razdel_keeps_whole(chunk: str) -> bool:
    """Whether razdel would keep ``chunk`` one sentence, by the rules it applies first: after
    every delimiter nothing, no space ("1.5", "gov.kz") or a lower-case word ("тыс. тенге"),
    and a closing quote or bracket with no sentence end before it ("компании «X» Имя"), a
    generic quote after a space (an opening one). Saves razdel's pure-Python rule chain on
    most chunks; the rest go to razdel."""
    if _RAZDEL_SMILE_RE.search(chunk):
        return False
    for m in _RAZDEL_DELIMITER_RE.finditer(chunk):
        right = chunk[m.end() : m.end() + 10]
        if not right[:1].isspace():
            continue  # razdel: no space after it (or nothing), join
        token = _RAZDEL_FIRST_TOKEN_RE.match(right)
        if token is None or (token[1].isalpha() and token[1].islower()):
            continue  # nothing after it, or a lower-case word: join
        at = m.start()
        if chunk[at] in _RAZDEL_CLOSING:
            left = chunk[max(0, at - 10) : at]
            if chunk[at] in _RAZDEL_GENERIC_QUOTES and left[-1:].isspace():
                continue  # an opening quote: join
            left = left.rstrip()
            if not left or left[-1] not in _RAZDEL_ENDINGS:
                continue  # no sentence end inside the quotes or brackets: join
        return False  # razdel's later rules decide: ask it
    return True


def sentences(paragraph: str, glue: list[int] | None = None) -> tuple[str, ...]:
    """The sentences of one paragraph (razdel), glued sentence ends (``glue``: where, if
    already found) split first."""
    out: list[str] = []
    chunks, dashed = _safe_chunks(unglue(paragraph, glue))
    for k, chunk in enumerate(chunks):
        # No full stop, "!", "?" or "…" before the closing punctuation: one sentence.
        inner = chunk.rstrip(' .!?…»”")')
        plain = "." not in inner and not _other_stops(inner) and k not in dashed
        if plain or _razdel_keeps_whole(chunk):
            if chunk.strip():
                out.append(chunk.strip())  # one plain sentence: nothing for razdel to decide
        else:
            out.extend(_with_dates(s.text for s in razdel.sentenize(chunk) if s.text.strip()))
    return tuple(out)


# An English month's abbreviation before the day ("resumed on Sept. 11", "Sept. 24, 2023")
# ends no sentence, though razdel cuts there.
_MONTH_ABBREVIATION_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")


def _with_dates(pieces: Iterable[str]) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        if out and piece[:1].isdigit() and _MONTH_ABBREVIATION_RE.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentence_key(sentence: str) -> str:
    """Identity of a sentence for repeat detection: its words, folded, spacing ignored."""
    key = sentence.lower().replace("ё", "е")
    # Split sentences are single-spaced already: only other spacing needs the re-join
    # (isprintable is false for every white space but " ").
    if "  " in key or key[:1] == " " or key[-1:] == " " or not key.isprintable():
        return " ".join(key.split())
    return key


# --- the article -----------------------------------------------------------------------------
