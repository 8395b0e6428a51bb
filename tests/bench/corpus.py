"""A synthetic corpus of raw wire articles built from the seeds, for the benchmarks.

Each article is a seed with its title varied, body paragraphs shuffled and some dropped, its
dates moved (header date, dateline day and month), its numbers changed, a sentence with new
names added (so the per-word lemma cache sees new words, as it would on real news) and, now
and then, wire debris (photo credits, "Комментарии", a body repeated glued together).
Deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "янв",
    "фев",
    "мар",
    "апр",
    "июн",
    "июл",
    "авг",
    "сент",
    "окт",
    "нояб",
    "дек",
]
_CITIES = ["ТАШКЕНТ", "АСТАНА", "АЛМАТЫ", "БИШКЕК", "ДУШАНБЕ", "МОСКВА", "САМАРКАНД", "ШЫМКЕНТ"]
_TITLE_PREFIXES = ["", "", "Новости: ", "Регионы: ", "Итоги визита: ", "Официально: "]
_TITLE_SUFFIXES = ["", "", " — итоги встречи", " в новом году", " до 2030 года", " (обновлено)"]
_SYLLABLES = [
    "бек",
    "мур",
    "ат",
    "ер",
    "жан",
    "кан",
    "нур",
    "сул",
    "тан",
    "ай",
    "гуль",
    "да",
    "ра",
    "ли",
    "ма",
    "сай",
    "тим",
    "ур",
    "ха",
    "зи",
    "ол",
    "ес",
    "ке",
    "то",
]
_COMPANIES = ["Агро", "Транс", "Пром", "Энерго", "Тур", "Инвест", "Текстиль", "Логистик"]
_DEBRIS = [
    "Фото: пресс-служба акимата",
    "Источник: Sputnik",
    "Поделиться",
    "Подписывайтесь на наш Telegram-канал",
    "Комментарии",
]
_NUMBER_RE = re.compile(r"(?<![\d-])\d{1,3}(?=[ %]|\s?(?:млн|млрд|тыс))")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _fresh_sentence(rng: random.Random) -> str:
    person = f"{_name(rng, 2)} {_name(rng, 3)}ов"
    company = f"{rng.choice(_COMPANIES)}{_name(rng, 2).lower()}"
    amount = f"{rng.randint(2, 999)} {rng.choice(['млн', 'млрд', 'тыс.'])}"
    currency = rng.choice(["тенге", "долларов", "рублей", "сумов"])
    return (
        f"По словам директора компании «{company}» {person}, объем совместных проектов "
        f"составит {amount} {currency}, а число участников вырастет на {rng.randint(5, 60)}%."
    )


def _title(rng: random.Random, title: str) -> str:
    words = title.split()
    if len(words) > 4 and rng.random() < 0.3:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return rng.choice(_TITLE_PREFIXES) + " ".join(words) + rng.choice(_TITLE_SUFFIXES)


def _redate(rng: random.Random, text: str) -> str:
    year = rng.randint(2019, 2026)
    text = re.sub(
        r"date \d{4}-\d{2}-\d{2}",
        f"date {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        text,
    )
    return re.sub(
        r"([А-ЯЁ-]{4,}), \d{1,2}\s(?:[а-яё]+)",
        lambda m: f"{rng.choice(_CITIES)}, {rng.randint(1, 28)} {rng.choice(_MONTHS)}",
        text,
        count=1,
    )


def make_article(rng: random.Random, base: str) -> str:
    lines = base.split("\n")
    header = [lines.pop(0)] if lines and lines[0].startswith(" date") else []
    title, rest = lines[0], lines[1:]
    paragraphs = [ln for ln in rest if ln.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    body = [p for p in body if rng.random() > 0.2] or body[:1]
    body.insert(rng.randrange(len(body) + 1), _fresh_sentence(rng))
    if rng.random() < 0.15:
        body.insert(rng.randrange(len(body) + 1), rng.choice(_DEBRIS))
    if rng.random() < 0.05:
        body.insert(0, "".join(body))  # the wire's glued repeat of the whole body
    text = "\n".join([*header, _title(rng, title), *head, *body])
    text = _NUMBER_RE.sub(lambda m: str(rng.randint(1, 999)), text)
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    return _redate(rng, text)


def build_corpus(count: int, seed: int = 2025) -> list[str]:
    """``count`` raw article texts, deterministic for ``seed``."""
    rng = random.Random(seed)
    bases = seed_texts()
    return [make_article(rng, rng.choice(bases)) for _ in range(count)]


def dictionary_words(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct word forms from pymorphy3's dictionary (an even sample of its five
    million, shuffled), 4 in 5 of them, and made-up names (unknown to it, so its guesser runs)
    for the rest: the vocabulary of a long stream of news."""
    from storage.analysis import morph

    known = morph._morph.dictionary.words.keys()
    rng = random.Random(seed)
    names = count // 5
    step = max(1, len(known) // (count - names))
    out = list(dict.fromkeys(w for w in known[::step] if "-" not in w))[: count - names]
    out += list(dict.fromkeys(_name(rng, rng.randint(2, 4)) + "ов" for _ in range(names)))
    rng.shuffle(out)
    return out


def news_stream(
    count: int, vocabulary: int = 400_000, words: int = 200, seed: int = 2025
) -> list[str]:
    """``count`` articles of the corpus, each with a paragraph of ``words`` words drawn from
    ``vocabulary`` dictionary forms with Zipf's law (frequency ~ 1 / rank, as words of text
    are): over many articles the per-word caches meet the rare words of days of news, the
    same few common words over and over. Deterministic for ``seed``."""
    import numpy as np

    rng = random.Random(seed)
    vocab = dictionary_words(vocabulary, seed)
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    zipf = weights / weights.sum()
    drawn = np.random.default_rng(seed).choice(len(vocab), size=(count, words), p=zipf)
    bases = seed_texts()
    out = []
    for row in drawn:
        picked = [vocab[i] for i in row]
        sentences = [" ".join(picked[i : i + 12]) + "." for i in range(0, words, 12)]
        sentences = [s[:1].upper() + s[1:] for s in sentences]
        out.append(make_article(rng, rng.choice(bases)) + "\n" + " ".join(sentences))
    return out
