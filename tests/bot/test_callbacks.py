"""Every inline button's callback data stays within Telegram's 64 bytes, for the longest value
each field can carry; a kind the bot does not know does not unpack (a stale or forged button).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from aiogram.filters.callback_data import CallbackData

from bot.callbacks import (
    MAX_CALLBACK_BYTES,
    SEARCH_KEY_BYTES,
    CardCb,
    CountryCb,
    ListCb,
    ListKind,
)
from bot.callbacks_subs import FilterCode, SettingField, SettingsCb, SubscribeCb, UnsubscribeCb
from bot.services.queries import QueryTokens
from bot.services.zones import button_zones
from storage.analysis.topics import all_topics

GAZETTEER = Path(__file__).resolve().parents[2] / "storage" / "analysis" / "data" / "gazetteer"
CHAT = -(2**53)  # the longest chat id a button accepts (Telegram: at most 52 bits)
BIG = 2**53  # the largest row id a button accepts (bot.callbacks.RowId)
THREAD = 2**31 - 1


def region_codes() -> list[str]:
    codes = []
    for path in GAZETTEER.glob("*.toml"):
        with path.open("rb") as fh:
            codes += [region["code"] for region in tomllib.load(fh).get("region", [])]
    return codes


def longest(values: list[str]) -> str:
    return max(values, key=lambda v: len(v.encode()))


def size(data: CallbackData) -> int:
    return len(data.pack().encode("utf-8"))


def test_the_vocabularies_are_there() -> None:
    assert len(region_codes()) > 100 and len(all_topics()) >= 12


def test_list_buttons_fit_for_every_kind() -> None:
    slug = longest([slug for slug, _, _ in all_topics()])
    code = longest(region_codes())
    token = QueryTokens(SEARCH_KEY_BYTES).key_for("x" * 500)
    for kind, key in [
        (ListKind.REGION, code),
        (ListKind.TOPIC, slug),
        (ListKind.LATEST, ""),
        (ListKind.SEARCH, token),
    ]:
        assert size(ListCb(kind=kind, key=key, page=999)) <= MAX_CALLBACK_BYTES


@pytest.mark.parametrize("letter", ["a", "я", "漢", "😀"])
def test_a_search_query_goes_in_the_button_only_when_it_fits(letter: str) -> None:
    tokens = QueryTokens(SEARCH_KEY_BYTES)
    kept_as_is = 0
    for length in range(1, 80):
        query = letter * length
        key = tokens.key_for(query)
        assert size(ListCb(kind=ListKind.SEARCH, key=key, page=999)) <= MAX_CALLBACK_BYTES
        assert tokens.query_for(key) == query
        kept_as_is += key == query
    assert kept_as_is > 0  # short queries travel as themselves, not only as tokens


def test_subscription_and_settings_buttons_fit() -> None:
    values = [longest([s for s, _, _ in all_topics()]), longest(region_codes())]
    for code in FilterCode:
        for value in values:
            assert size(SubscribeCb(chat=CHAT, kind=code, value=value, thread=THREAD)) <= 64
    assert size(UnsubscribeCb(chat=CHAT, id=BIG)) <= MAX_CALLBACK_BYTES
    settings_values = [*button_zones(), "instant", "digest", "hours", "zones", "main", "23", "1"]
    for field in SettingField:
        for value in settings_values:
            assert size(SettingsCb(chat=CHAT, field=field, value=value)) <= MAX_CALLBACK_BYTES
    assert size(CardCb(id=BIG)) <= MAX_CALLBACK_BYTES
    assert size(CountryCb(code="KZ")) <= MAX_CALLBACK_BYTES


@pytest.mark.parametrize(
    ("cb", "data"),
    [(ListCb, "l:x:KZ-31:0"), (SubscribeCb, "ss:1:q:tourism:0"), (SettingsCb, "st:1:x:1")],
)
def test_an_unknown_kind_does_not_unpack(cb: type[CallbackData], data: str) -> None:
    with pytest.raises(ValueError):
        cb.unpack(data)


def test_kinds_pack_as_their_one_letter_codes() -> None:
    assert ListCb(kind=ListKind.SEARCH, key="q", page=1).pack() == "l:s:q:1"
    assert ListCb.unpack("l:r:KZ-31:0").kind is ListKind.REGION
    assert SettingsCb.unpack("st:5:m:digest").field is SettingField.MODE
