"""Word forms of the gazetteer's names: normalisation, case forms from pymorphy3 and the
grammatical questions the matcher asks of a word (is it an adjective agreeing with a noun, a
given name, a surname). Pure functions, memoised: the index and the matcher share them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from anyascii import anyascii

from storage.analysis import morph
from storage.analysis.wordcache import WordCache, lru

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʻʼ`´", "'"))
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
# The same words as morph.tokenize finds, written without a lookahead per character (about
# three times faster on a long article; find() runs on every article). Possessive: what ends
# a run of letters is no letter, so sre need not keep its backtracking points (a tenth less).
WORD_RE = re.compile(r"[^\W_]++(?:[-'’‘ʻʼ][^\W_]++)*+")
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")  # words at the odd indexes, gaps between
# The same split for text without "_" ("\w" takes "_" too), which sre runs faster.
_FAST_SPLIT_RE = re.compile(r"(\w++(?:[-'’‘ʻʼ]\w++)*+)")
STEM = 4  # letters of a name's lemma that gate the (slow) pymorphy3 fallback


def split_words(text: str) -> list[str]:
    """``text`` cut into its words (morph.tokenize's) at the odd indexes and the gaps between
    them at the even ones: one pass that the analysis shares with the region matcher.

    sre spends a few thousand instructions on every word it splits off (a match set up, its
    stack allocated and freed): the text is cut at its spaces in C instead, and only the
    pieces that are neither a word (str.isalnum is sre's ``\\w`` without "_") nor a word and
    one mark go to the regex. A word never holds a space, so each piece splits alone as it
    would inside the text."""
    if "_" in text:
        return _SPLIT_RE.split(text)
    out: list[str] = []
    gap = ""  # the gap before the next word, as far as it is known
    for piece in text.split(" "):
        if piece.isalnum():  # most pieces: one word
            out.append(gap)
            out.append(piece)
            gap = " "
            continue
        word = piece[:-1]
        if word.isalnum():  # a word and a mark that is none ("Ташкента,")
            out.append(gap)
            out.append(word)
            gap = piece[-1] + " "
            continue
        split = _FAST_SPLIT_RE.split(piece)
        if len(split) == 1:  # no word: all of it is gap
            gap += piece + " "
            continue
        out.append(gap + split[0])
        out += split[1:-1]
        gap = split[-1] + " "
    out.append(gap[:-1])  # no space follows the last piece
    return out


# Limits of the per-word caches (see morph's): the surface keys of text words; pymorphy3's
# answers about the capitalised words the matcher looks at more closely (a few in a text).
NORM_LIMIT = 5_000
ANSWER_LIMIT = 2_000


def _norm(word: str) -> str:
    found = morph.fold(word).translate(_APOSTROPHES)
    return word if found == word else found


# The surface key: lower case, ё -> е, one apostrophe for all of Uzbek's (memoised: the
# context rules normalise the same neighbouring words over and over).
norm: Callable[[str], str] = WordCache("forms.norm", _norm, NORM_LIMIT).__getitem__


# One spelling of a name's sounds for all the ways news spell it in Latin letters (and for its
# Cyrillic spelling, transliterated): Джизак, Dzhizak, Djizzak; Шымкент, Shimkent; Чуй, Tchuy;
# Навои, Navoiy; Андижан, Andizhan, Andijan. Longest first where one contains another.
_SPELLINGS = (
    ("'", ""),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("tch", "ch"),
    ("kh", "h"),
    ("x", "h"),
    ("q", "k"),
    ("gh", "g"),
    ("tsz", "c"),
    ("ts", "c"),
    ("cz", "c"),
    ("w", "v"),
    ("ou", "u"),
    ("yo", "e"),
    ("ye", "e"),
    ("y", "i"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")
SPELLING_MIN = 4  # letters of a spelling key: shorter ones are too alike (Osh, Ош, Oshi)


def skeleton(text: str) -> str:
    """Any spelling folded to one Latin skeleton, for fuzzy comparison across scripts ("did
    you mean"): the letters that spell one sound alike made one (dzh, dj, zh, j; kh, h, x; ts,
    c; y, i; yo, e)."""
    s = anyascii(norm(text)).lower()
    for a, b in _SPELLINGS:
        if a in s:
            s = s.replace(a, b)
    return "".join(ch for ch in s if ch.isalnum())


def spelling(word: str) -> str:
    """A word's transliteration-normalised key for the region names' lookup: its skeleton
    with doubled letters once (Djizzak, Andijjan)."""
    return _DOUBLE_RE.sub(r"\1", skeleton(word))


def _declined(word: str) -> set[str]:
    """Singular case forms of a noun pymorphy3 cannot inflect (Сатпаев, Семей, Байконыр):
    the regular endings of its last letter; names ending in other vowels (Актобе) do not
    decline."""
    stem, last = word[:-1], word[-1:]
    if last == "й":
        return {stem + e for e in ("я", "ю", "ем", "е")}
    if last == "а":
        soft = stem[-1:] in ("г", "к", "х", "ж", "ш", "ч", "щ")
        return {stem + e for e in ("и" if soft else "ы", "е", "у", "ой", "ою")}
    if last == "я":
        return {stem + e for e in ("и", "е", "ю", "ей")}
    if last.isalpha() and last not in "аеёиоуыэюяьъәіүұө":
        return {word + e for e in ("а", "у", "ом", "ем", "е")}
    return set()


# pymorphy3's parses of a word (morph keeps the last few thousand words' parses: building the
# index asks for the same word's parses up to three times, the matcher a few times a text).
parses = morph.parses


def is_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" or ch in "ёәғқңөұүһі" for ch in word)


@cache
def word_forms(word: str) -> tuple[frozenset[str], bool]:
    """Every surface form of one word of a name written in the nominative, and whether it is an
    adjective. Only parses that fit the word as written (nominative) give lexemes; nouns keep
    their number, so "Жамбыл" gives "Жамбыла" but not the plural "Жамбылов" (a surname)."""
    w = norm(word)
    forms = {w}
    is_adj = False
    if is_cyrillic(w):
        inflected = False
        for p in parses(w):
            # pymorphy3 gives back the ё it restores (орел -> орёл): compare folded.
            if norm(p.word) != w or "nomn" not in p.tag:
                continue
            if p.tag.POS == "ADJF":
                is_adj = inflected = True
                forms.update(norm(f.word) for f in p.lexeme)
            elif p.tag.POS == "NOUN":
                inflected = True
                forms.update(norm(f.word) for f in p.lexeme if f.tag.number == p.tag.number)
        if not inflected and "-" not in w:
            forms |= _declined(w)
        if "-" in w:
            # Hyphenated names inflect their last part: Алма-Ата -> Алма-Аты, Нур-Султане.
            head, _, last = w.rpartition("-")
            last_forms, last_adj = word_forms(last)
            forms.update(f"{head}-{f}" for f in last_forms)
            is_adj = is_adj or last_adj
    return frozenset(forms | {f.replace("'", "") for f in forms if "'" in f}), is_adj


def variants(alias: str) -> set[str]:
    """An alias as written plus its hyphen-free spellings (Нур-Султан: Нурсултан, Нур Султан)."""
    out = {alias}
    words = morph.tokenize(alias)
    if any("-" in w for w in words):
        out.add(" ".join(w.replace("-", "") for w in words))
        out.add(" ".join(w.replace("-", " ") for w in words))
    return out


@lru("forms.any_adjective", ANSWER_LIMIT)
def any_adjective(word: str) -> bool:
    """Whether ``word`` (folded) can be a full adjective in some case."""
    return is_cyrillic(word) and any(p.tag.POS == "ADJF" for p in parses(word))


def compound_stems(adjective: str) -> set[str]:
    """ "казахстанский" -> "казахстанско"; "туркменский" -> also "туркмено" (туркмено-узбекский)."""
    a = norm(adjective)
    if not a.endswith(("ий", "ый", "ой")):
        return set()
    out = {a[:-2] + "о"}
    if a.endswith("ский"):
        out.add(a[:-4] + "о")
    return {s for s in out if len(s) > 4}


def surfaces(words: Iterable[str]) -> frozenset[str]:
    return frozenset(noun_forms(words))


def noun_forms(words: Iterable[str]) -> dict[str, str]:
    """Every form, plural too ("областями"), of stop-list words -> the word as written."""
    out: dict[str, str] = {}
    for w in words:
        key = norm(w)
        for f in word_forms(w)[0]:
            out.setdefault(f, key)
        for p in parses(key):
            if norm(p.word) == key and "nomn" in p.tag and p.tag.POS == "NOUN":
                for f in p.lexeme:
                    out.setdefault(norm(f.word), key)
    return out


@lru("forms.cases", ANSWER_LIMIT)
def cases(word: str, grammeme: str) -> frozenset[str]:
    """Cases in which ``word`` can be a ``grammeme`` (Name, Surn) per pymorphy3."""
    return frozenset(c for p in parses(word) if grammeme in p.tag for c in CASES if c in p.tag)


@lru("forms.agrees", ANSWER_LIMIT)
def agrees_as_adjective(word: str, noun: str) -> bool:
    """Whether ``word`` can be an adjective agreeing with ``noun`` ("Каспийском море",
    "Георгиевском зале"): same case and number, and gender in the singular."""
    adjectives = [p.tag for p in parses(word) if p.tag.POS == "ADJF"]
    if not adjectives:
        return False
    for n in parses(noun):
        # The next word may be a second adjective of the same noun ("Уральском федеральном
        # округе").
        if n.tag.POS not in ("NOUN", "ADJF"):
            continue
        for a in adjectives:
            if (
                a.case == n.tag.case
                and a.number == n.tag.number
                and (a.number == "plur" or a.gender == n.tag.gender)
            ):
                return True
    return False


def sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a paragraph."""
    before = text[max(0, start - 4) : start].rstrip(' \t\xa0«"“')
    return not before or before[-1] in ".!?\n…"


@lru("forms.known_name_cases", ANSWER_LIMIT)
def known_name_cases(word: str) -> frozenset[str]:
    """Cases in which pymorphy3's dictionary (not its guesser) knows ``word`` as a given name
    in the singular: "Юрия" is genitive or accusative."""
    return frozenset(
        c
        for p in parses(word)
        if "Name" in p.tag and "sing" in p.tag and p.is_known
        for c in CASES
        if c in p.tag
    )


# Memoised like the other answers: the person rule asks it of the word next to every place
# name a capitalised unknown word follows, the same few words in every text.
@lru("forms.nominative_name", ANSWER_LIMIT)
def nominative_name(word: str) -> bool:
    """pymorphy3's dictionary (not its guesser, which calls "Таразе" a name) knows ``word``
    as a given name in its dictionary form (Нурсултан, Игорь)."""
    return any(
        "Name" in p.tag
        and "sing" in p.tag
        and "nomn" in p.tag
        and p.normal_form == p.word
        and p.is_known
        for p in parses(word)
    )
