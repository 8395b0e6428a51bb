"""English possessives take the word's own lemma (session 7): "the delegation's programme" is
the delegation's, for the vocabularies and the passing rules alike."""

from __future__ import annotations

import pytest

from storage.analysis.morph import lemma


@pytest.mark.parametrize(
    ("word", "plain"),
    [("delegation's", "delegation"), ("region’s", "region"), ("Kyrgyzstan's", "Kyrgyzstan")],
)
def test_a_possessive_has_the_words_lemma(word: str, plain: str) -> None:
    assert lemma(word) == lemma(plain)


def test_a_russian_word_is_untouched() -> None:
    assert lemma("делегации") == "делегация"
