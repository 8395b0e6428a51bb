"""Whether a place-shaped word is a person: a given name with a surname (Нурсултан
Назарбаев, Д. Конаев, Кунаев Динмухамед) or a surname shaped like a place adjective (Сергей
Брянский)."""

from __future__ import annotations

import re

from storage.analysis.gazetteer.doc import Doc, Word
from storage.analysis.gazetteer.forms import CASES, cases, known_name_cases, nominative_name

# Surnames of the region (Назарбаев, Сатпаева, Жумагалиевой, Абайулы): when pymorphy3 does not
# know one, its ending still tells (nominative forms only, to keep the case check honest).
SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|улы|уулу|кызы|ұлы|қызы)$")
# A patronymic in any case (Абишевича, Мирзиёевичем, Ильиничне): the word before it is a given
# name ("Нурсултана Абишевича Назарбаева" is a person, not Nur-Sultan).
PATRONYMIC = re.compile(r"(?:[оеё]вич|[оеё]вн|ичн)(?:а|у|ем|е|ы|ой|ою)?$")
# Surnames of the region in Latin letters (Ahmedova, Karimov, Aliyev, Rahmonzoda): after a
# place-shaped word they make it a given name ("Navbahor Ahmedova", "Bakhtiyor Karimov").
LATIN_SURNAME_END = re.compile(r"[a-z](?:ov|ev|yev|ova|eva|yeva|uulu|kyzy|zoda)$")


def is_person(doc: Doc, i: int, given: frozenset[str], heads: dict[str, set[str]]) -> bool:
    """A given name followed by a surname in the same case (Нурсултан Назарбаев), or a
    surname after a given name or an initial (Динмухамед Конаев, Д. Конаев); ``heads``: the
    index's one-word names (see ``unknown_given_name``). It runs on every one-word place a
    text names: the rules that need a capitalised unknown word right after it are asked only
    when there is one, and a lower-case word before it that is no listed name ("в
    Узбекистане") leaves no rule that could say yes."""
    toks, gaps = doc.toks, doc.gaps
    if i + 1 < len(toks) and not gaps[i + 1].strip():
        nxt = toks[i + 1]
        if nxt.capital and not nxt.keys and _person_before(toks[i], nxt, given, heads):
            return True
    if i == 0:
        return False
    prev = toks[i - 1]
    if not prev.capital and prev.norm not in given:
        return False  # every rule below needs a capital or a listed name before
    # A listed given name after a surname (Назарбаев Нурсултан: not Нур-Султан).
    if (
        toks[i].norm in given
        and prev.capital
        and not prev.keys
        and not gaps[i].strip()
        and _surname_cases(prev.norm)
    ):
        return True
    return _after_name(prev, gaps[i].strip(), toks[i].norm, given)


def _person_before(tok: Word, nxt: Word, given: frozenset[str], heads: dict[str, set[str]]) -> bool:
    """Whether ``tok`` and the capitalised word no table knows right after it (``nxt``) are
    a person's names: a given name and its surname or patronymic, either way round."""
    if unknown_given_name(tok, nxt, heads):
        return True
    if PATRONYMIC.search(nxt.norm) or (
        nxt.norm.isascii() and tok.norm.isascii() and LATIN_SURNAME_END.search(nxt.norm)
    ):
        return True
    surname = cases(nxt.norm, "Surn")
    if SURNAME_END.search(nxt.norm):
        surname |= {"nomn"}
    if _name_cases(tok.norm, given) & surname:
        return True
    # Surname first, as in lists and official style: "Кунаев Динмухамед".
    return bool(_name_cases(nxt.norm, given) & _surname_cases(tok.norm))


def unknown_given_name(tok: Word, nxt: Word, heads: dict[str, set[str]]) -> bool:
    """A village written as it is listed (``tok``), right before a capitalised word
    (``nxt``) with a surname's nominative ending that no table knows, is a given name the
    dictionary lacks ("Актилек Мусаева", "Айдаркен Садыров"): not a region's or country's own
    name (Ош, Хатлон)."""
    return (
        not nxt.keys
        and tok.norm in tok.keys
        and "" not in heads.get(tok.norm, ())
        and bool(SURNAME_END.search(nxt.norm))
    )


def _after_name(prev: Word, gap: str, word: str, given: frozenset[str]) -> bool:
    """Whether ``word`` is a surname after ``prev`` (``gap`` between them, stripped). The
    word's own surname cases are looked up last: most places follow a lower-case word."""
    if not gap and prev.norm in given:
        return True  # Мирзо Турсунзаде, Алишер Навои: a listed given name, any surname
    if not prev.capital:
        return False
    initial = len(prev.text) == 1 and gap == "."
    if not initial and (gap or prev.keys):
        return False
    surname = cases(word, "Surn") or (frozenset(CASES) if SURNAME_END.search(word) else frozenset())
    if not surname:
        return False
    # A given name the dictionary knows agrees in any case: "Юрия Петухова" (Petukhov, not
    # Kurgan's Петухово), "с Игорем Брянским".
    return initial or bool((_name_cases(prev.norm, given) | known_name_cases(prev.norm)) & surname)


def _surname_cases(word: str) -> frozenset[str]:
    """Cases in which ``word`` is a surname: pymorphy3's Surn parses, or the nominative of
    a word with a surname ending (Кунаев, Сатпаев) that it does not know as one."""
    found = cases(word, "Surn")
    return found | {"nomn"} if SURNAME_END.search(word) else found


def adjective_surname(doc: Doc, i: int, given: frozenset[str]) -> bool:
    """A capitalised adjective right after a given name (Сергей Брянский, Анна
    Тамбовская) is a surname; a place adjective there is written in lower case or
    belongs to a name (Ташкентская область is caught as a phrase before)."""
    toks = doc.toks
    if i == 0 or not toks[i].capital or doc.gaps[i].strip():
        return False
    prev = toks[i - 1]
    return prev.capital and not prev.keys and bool(prev.norm in given or cases(prev.norm, "Name"))


def _name_cases(word: str, given: frozenset[str]) -> frozenset[str]:
    """Cases in which ``word`` is a given name: any for the stop list's names (and their
    forms); for pymorphy3's Name parses only the nominative, as its guesses are noisy
    (it reads "Таразе" as a name)."""
    if word in given:
        return frozenset(CASES)
    return frozenset({"nomn"}) if nominative_name(word) else frozenset()
