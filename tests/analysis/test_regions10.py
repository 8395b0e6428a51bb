"""Regions and roles of session 10's kinds of error (the reserve made tuning data: tuning33,
tuning35, tuning18, tuning19 studied). One parametrized case per kind; the sentences are
written for the tests, not copied from the labelled texts."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.analysis.analyze import analyze

TODAY = dt.date(2026, 6, 1)


def roles(text: str) -> dict[str, str]:
    return {r.code: r.role for r in analyze(text, today=TODAY).regions}


# Regions: (text, a region it names, a region it does not name or "").
@pytest.mark.parametrize(
    ("text", "code", "absent"),
    [
        # Names the data lacked: another name of a Russian region, spellings of Uzbek,
        # Kyrgyz and Tajik places, the Turkic name of Xinjiang.
        ("Новости\n\nДонской регион вышел в лидеры по урожаю зерна.", "RU-ROS", ""),
        ("News\n\nTraders from Andizhan Oblast came to the fair.", "UZ-AN", ""),
        ("News\n\nFarmers of Talas and Jalalabat oblasts sowed wheat.", "KG-J", "KG-GO"),
        ("News\n\nA tremor was felt near the settlement of Murghob.", "TJ-GB", ""),
        ("News\n\nThe region, called East Turkestan by exiles, exported cotton.", "CN-XJ", "KZ-61"),
        # A site's address names the outlet, not the place.
        (
            "Новости\n\nАким Павлодарской области ушёл в отставку, сообщает Astana.tv.",
            "KZ-55",
            "KZ-71",
        ),
        # A village named like another region's place, right before the oblast it is in.
        ("Пожар\n\nВ селе Жамбыл Акмолинской области сгорел склад.", "KZ-11", "KZ-31"),
        # A region's adjective before "районный": the district's body, not the region.
        (
            "Больница\n\nГлавврач Жамбылской районной больницы Алматинской области рассказал о "
            "ремонте.",
            "KZ-19",
            "KZ-31",
        ),
        # A mahalla named like a town, of another region's district.
        (
            'School\n\nA school in the "Guliston" mahalla of Rishtan district reopened.',
            "UZ-FA",
            "UZ-SI",
        ),
        # A region's noun in the possessive: the region, not its capital.
        ("Land\n\nThe swap ended in Tashkent region's favour.", "UZ-TO", "UZ-TK"),
    ],
)
def test_regions(text: str, code: str, absent: str) -> None:
    found = roles(text)
    assert code in found
    assert absent not in found


# Roles: (text, region, its role).
@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        # A dateline with its outlet between slashes.
        (
            "Аким Павлодарской области встретился с послом Индии\n"
            "АСТАНА /Trend/ - 3 марта аким Павлодарской области провёл встречу с послом Индии.",
            "KZ-71",
            "mention",
        ),
        # A dateline in capitals opening the title.
        (
            "TASHKENT — Trade between Uzbekistan and China grew by a third\n\n"
            "Fergana region companies sent fruit to China, and Fergana region will build a "
            "cold store with Chinese partners.",
            "UZ-TK",
            "mention",
        ),
        # A venue after "in the <country's> city of".
        (
            "Forum of regions opens\n\n"
            "The third forum of Kazakh and Chinese regions was held in the Chinese city of "
            "Chengdu on May 5, with governors of Pavlodar region taking part.",
            "CN-SC",
            "mention",
        ),
        # A list of regions where the news happens: each is a place the item is about; not a
        # person's past posts.
        (
            "Снег в Астане\n\nВ Астане в середине апреля выпал снег, сообщили синоптики.\n\n"
            "Из-за гололёда движение ограничено в Павлодарской, Костанайской и Карагандинской "
            "областях. Синоптики Кыргызстана тоже ждут похолодания.",
            "KZ-39",
            "party",
        ),
        (
            "Новый аким Атырауской области\n\nАкимом Атырауской области назначен Иван Петров.\n\n"
            "Он родился в 1975 году, в разные годы работал в Павлодаре, Костанае и Караганде.",
            "KZ-39",
            "mention",
        ),
    ],
)
def test_roles(text: str, code: str, role: str) -> None:
    assert roles(text).get(code) == role
