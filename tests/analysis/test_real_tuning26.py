"""Rules of session 7 (helper tuneG) from the errors on texts derived from real articles
(tests/data/labelled/tuning26.toml) and the labelling conventions of
tests/data/labelled/README.md: topics."""

from __future__ import annotations

from storage.analysis.analyze import analyze


def test_the_pandemic_backdrop_is_no_health() -> None:
    topics = analyze(
        "Омская область и Казахстан обсудили торговлю\n\n"
        "Товарооборот вырос до 300 млн долларов. "
        "Рост не остановила и непростая санитарно-эпидемиологическая обстановка."
    ).topics
    assert topics == ("trade",)


def test_a_copper_smelter_built_together_is_industry() -> None:
    topics = analyze(
        "Делегация области Абай посетила Синьцзян\n\n"
        "Стороны провели встречу ради договоренности о сухом порте и логистическом парке.\n\n"
        "Один из проектов — строительство медеплавильного завода, которое ведется вместе с "
        "китайским предприятием."
    ).topics
    assert "industry" in topics
