"""The speed shortcuts give what the long way gives: a number's lemma without pymorphy3, repeats
found by sentence length, razdel's cut before a dash decided before razdel."""

from __future__ import annotations

import random

import razdel

from storage.analysis import morph
from storage.analysis.clean import _dedupe, clean_article
from storage.analysis.sentences import sentences


def test_a_number_is_its_own_lemma_as_pymorphy3_says() -> None:
    for word in ["0", "7", "20", "820", "2024", "007", "1000000", "12345678901234567890"]:
        assert morph.lemma(word) == word
        assert [p.normal_form for p in morph._morph.parse(word)] == [word]


def test_repeats_differing_in_case_or_yo_are_found_by_their_length() -> None:
    rng = random.Random(3)
    words = ["Ёж", "ёж", "еж", "Да", "да", "нет", "Нет", "бб", "İ", "i"]
    for _ in range(3000):
        pool = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + "." for _ in "abcd"]
        paragraphs = [tuple(rng.choice(pool) for _ in range(rng.randint(1, 3))) for _ in "ab"]
        lead = tuple(rng.choice(pool) for _ in range(rng.randint(0, 1)))
        text = " ".join([*lead, *(s for p in paragraphs for s in p)])
        glue = [rng.randint(0, 1) for _ in paragraphs]
        # the length shortcut (exact) against every sentence's key (not exact)
        expected = _dedupe(paragraphs, glue, lead, exact=False)
        assert _dedupe(paragraphs, glue, lead, exact="İ" not in text) == expected


def test_a_repeat_in_another_case_goes() -> None:
    raw = (
        "Заголовок\nПервое предложение текста здесь. Второе предложение.\n"
        "ПЕРВОЕ предложение текста здесь."
    )
    assert "ПЕРВОЕ" not in " ".join(s for p in clean_article(raw).paragraphs for s in p)


def test_a_cut_before_a_dash_is_razdels() -> None:
    for text in [
        "Об этом говорят в дипмиссии. – Члены комиссии рассмотрели вопрос.",
        "Это было и т.д. – Члены комиссии рассмотрели вопрос.",
        "Итог встречи; – Члены комиссии. – Стороны договорились.",
        "Рост составил 15%. – Члены комиссии рассмотрели вопрос.",
    ]:
        assert list(sentences(text)) == [s.text for s in razdel.sentenize(text)]
