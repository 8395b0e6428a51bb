"""Rules of session 10 (helper topicsP10) against topics an article only passes by, from the
false topics on tuning33/35/18/19 (texts derived from real articles), each a construction of
news language checked on variants written here (other places, other goods, both languages)
and the labelling conventions of tests/data/labelled/README.md."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze


def _topics(text: str) -> tuple[str, ...]:
    return analyze(text).topics


# --- goods named by their branch: "продукция химической промышленности" is trade's ---


_RU = (
    "Омская область и Бухара наращивают товарооборот\n\n"
    "Губернатор Омской области и хоким Бухарской области обсудили рост взаимной торговли.\n\n"
)
_EN = (
    "Omsk and Bukhara step up trade\n\n"
    "The governor of Omsk region and the khokim of Bukhara region discussed the growth of "
    "mutual trade.\n\n"
)


@pytest.mark.parametrize(
    "goods",
    [
        _RU + "В Бухару поставляется продукция машиностроительного комплекса и химической "
        "промышленности, а также изделия из чёрного металла.",
        _RU + "Из области экспортируются изделия лёгкой промышленности и продукция животноводства.",
        _EN + "Exports to Bukhara consist mainly of machine-building products and products of "
        "the chemical industry.",
        _EN + "Among the items on display were machinery, agricultural products and products "
        "of the pharmaceutical industry.",
    ],
)
def test_goods_named_by_their_branch_are_trade(goods: str) -> None:
    assert _topics(goods) == ("trade",)


@pytest.mark.parametrize(
    "sentence",
    [
        # a plant's products: the plant is industry's ("экспорт продукции фабрики")
        "Стороны обсудили рост экспорта текстильной продукции новой швейной фабрики.",
        # a list of areas after the goods ("поставки продукции, сотрудничество в ...")
        "Стороны обсудили поставки продукции, сотрудничество в машиностроении и "
        "промышленную кооперацию.",
    ],
)
def test_a_plant_or_an_area_after_the_goods_stays_a_topic(sentence: str) -> None:
    topics = _topics(
        "Омская область и Бухара наращивают товарооборот\n\n"
        "Губернатор Омской области и хоким Бухарской области обсудили рост взаимной "
        f"торговли.\n\n{sentence}"
    )
    assert "industry" in topics
