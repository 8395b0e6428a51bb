"""Callback data of inline buttons (aiogram CallbackData factories).

Telegram allows 64 bytes of callback data. Prefixes are one letter and values short codes
(``KZ-31``, ``tourism``, article ids); a search query goes in only when it fits, otherwise a
token for a server-side copy of it (:mod:`bot.services.queries`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

MAX_CALLBACK_BYTES = 64

# Numbers in buttons are bounded: a forged "page 2**63" fails to unpack (the button is then
# "unknown", answered by the fallback) instead of overflowing SQLite's integers.
Page = Annotated[int, Field(ge=0, le=100_000)]
RowId = Annotated[int, Field(ge=1, le=2**53)]
ChatId = Annotated[int, Field(ge=-(2**53), le=2**53)]  # Telegram: at most 52 bits
ThreadId = Annotated[int, Field(ge=0, le=2**31)]


class ListKind(StrEnum):
    """Which list a page belongs to; one letter, as it travels in the button."""

    REGION = "r"  # key: ISO 3166-2 code
    TOPIC = "t"  # key: topic slug
    LATEST = "n"  # key: ""
    SEARCH = "s"  # key: the query, or a #token for it (bot.services.queries)
    QUESTION = "q"  # key: a read question (bot.services.asking.encode), or a #token for it


class ListCb(CallbackData, prefix="l"):
    """A page of a list; an unknown kind does not unpack (the button is stale or forged)."""

    kind: ListKind
    key: str
    page: Page


class CardCb(CallbackData, prefix="c"):
    """The full summary card of one article."""

    id: RowId


class CountryCb(CallbackData, prefix="k"):
    """Region picker: the regions of a country with articles; empty code = the country list."""

    code: str


# The longest search query (UTF-8 bytes) a "more" button can carry as itself: the packed
# ``l:s:<query>:<page>`` with a three-digit page must stay within the limit.
SEARCH_KEY_BYTES = MAX_CALLBACK_BYTES - len(f"{ListCb.__prefix__}:s::999")


def fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
