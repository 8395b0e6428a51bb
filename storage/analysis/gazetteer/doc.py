"""A text as the matcher sees it: its distinct words (each built once) and their gaps, and
the hits found in it."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from storage.analysis.gazetteer.index import Step, Target


class Word:
    """A distinct word of the text with what the matcher asks of it, built once per word and
    shared by all its occurrences (so scanning a text creates no object per token). A class
    with slots, not a named tuple: the matcher reads its fields a few hundred times a text,
    and Python reads a slot at once where it looks a tuple's field up by name."""

    __slots__ = ("adjective", "capital", "first", "keys", "norm", "pieces", "starts", "text")

    def __init__(
        self,
        text: str,
        norm: str,
        capital: bool,
        keys: frozenset[str],
        adjective: bool,
        starts: bool,
        first: Step,
        pieces: tuple[Word, ...],
    ) -> None:
        self.text = text
        self.norm = norm
        self.capital = capital
        self.keys = keys  # the gazetteer words it can be
        self.adjective = adjective  # whether one of them is an adjective (the index's adj_keys)
        self.starts = starts  # whether it can begin a match
        self.first = first  # the phrase table's step from nothing to this word
        self.pieces = pieces  # the names a hyphenated word may be split into, or ()


TEXT = operator.attrgetter("text")  # as a C function for map()
STARTS = operator.attrgetter("starts")
PIECES = operator.attrgetter("pieces")


class Doc:
    """A scanned text: token i is toks[i] with gaps[i] before it (gaps[0] is the text before
    the first word); gaps and token texts concatenated give the text back."""

    __slots__ = ("_parts", "_shared", "_starts", "gaps", "text", "toks")

    def __init__(
        self,
        text: str,
        toks: list[Word],
        gaps: list[str],
        parts: list[str] | None = None,
        starts: list[int] | None = None,
    ) -> None:
        self.text, self.toks, self.gaps = text, toks, gaps
        # ``starts``: the caller's running sums over ``parts`` (the analysis has them already).
        self._starts: list[int] | None = starts
        self._shared = starts is not None  # the caller's list: never changed in place
        # The split text (gaps and words in turn) the tokens came from, while they are still
        # its words one for one: running sums over it are the starts in one C pass.
        self._parts = parts

    def start(self, i: int) -> int:
        """Where token i begins. The positions are counted on the first question (only a few
        rules ask, so most texts never pay for them) and kept until the tokens change."""
        return self.starts()[i]

    def starts(self) -> list[int]:
        """Where every token begins (see ``start``)."""
        if self._starts is None and self._parts is not None:
            self._starts = list(accumulate(map(len, self._parts)))[0::2]
        if self._starts is None:
            lengths = [0] * (2 * len(self.toks) + 1)
            lengths[0::2] = map(len, self.gaps)
            lengths[1::2] = map(len, map(TEXT, self.toks))
            self._starts = list(accumulate(lengths))[0::2]
        return self._starts

    def end(self, i: int) -> int:
        return self.start(i) + len(self.toks[i].text)

    def split(self, i: int, pieces: tuple[Word, ...]) -> None:
        """Token i replaced by the parts of its hyphenated word."""
        self.toks[i : i + 1] = pieces
        self.gaps[i + 1 : i + 1] = ["-"] * (len(pieces) - 1)
        self._parts = None
        if self._starts is not None:
            # The text stays as it was: the pieces begin inside the word, one hyphen apart,
            # and every other token where it began (counting all positions again cost a tenth
            # of the matcher).
            at = self._starts[i]
            inside = [at]
            for piece in pieces[:-1]:
                at += len(piece.text) + 1
                inside.append(at)
            if self._shared:  # the caller's list: changed on a copy, once
                self._starts = list(self._starts)
                self._shared = False
            self._starts[i : i + 1] = inside


@dataclass(slots=True)
class Hit:
    pos: int  # the token's index: hits are ordered by it
    targets: tuple[Target, ...]
    hint: str = ""  # "region" / "city": the noun after a shared adjective


class Spot(NamedTuple):
    """Where a region is named: its code and the characters [start, end) of the text."""

    code: str
    start: int
    end: int
