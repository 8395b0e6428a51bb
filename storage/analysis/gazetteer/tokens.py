"""The tokenizer: a text cut into words, each looked up in the tables once (a per-word cache),
hyphenated compounds split into names, and the first step of the phrase table per word."""

from __future__ import annotations

from itertools import compress

from rapidfuzz import fuzz, process

from storage.analysis.gazetteer.doc import PIECES, STARTS, Doc, Word
from storage.analysis.gazetteer.forms import (
    SPELLING_MIN,
    STEM,
    WORD_RE,
    any_adjective,
    is_cyrillic,
    norm,
    parses,
    spelling,
    split_words,
)
from storage.analysis.gazetteer.index import Frontier, Index, Step, Stop, Target
from storage.analysis.wordcache import WordCache

# Uzbek and Kazakh case endings a Latin name takes (locative, ablative, dative, genitive...),
# longest first so "dagi" is tried before "da".
_LATIN_SUFFIXES = (
    "gacha",
    "dagi",
    "ning",
    "dan",
    "den",
    "tan",
    "ten",
    "ga",
    "ka",
    "qa",
    "ge",
    "ke",
    "da",
    "de",
    "ta",
    "te",
    "ni",
    "di",
    "ti",
)
WORD_LIMIT = 10_000
# Steps through the phrase table past the first word, by (prefixes, the next word's keys):
# both come from the tables, so the distinct steps are few (a few hundred over the bench).
STEP_LIMIT = 4_000
PHRASE_LIMIT = 4_000  # pairs of key sets, as few as the steps
NEAR_LIMIT = 1_000  # capitalised words before a region noun
# rapidfuzz ratio (0-100) of spelling keys a word before a region noun needs to be a region's
# name: one letter left out or changed in seven ("Namagan" 93, "Ciangsu" 86).
_NEAR_CUTOFF = 85
_NEAR_MIN = 5  # letters of its spelling key: shorter words are too near too many names
_LIST_REACH = 12  # words back from a region noun over a list of names
_LIST_JOINS = frozenset({"and", "or", "va", "&"})
_SAME_FIRST = frozenset({"c", "j"})  # first letters that spell one sound (Ciangsu, Jiangsu)
# Most words are no gazetteer word: one empty key set and one empty first step for all of them
# (an empty frozenset is a new 200-byte object each time).
_NO_KEYS: frozenset[str] = frozenset()
_NO_STEP: Step = ((), (), ())
# Letters of a spelling key from which a Latin word may be a name listed in Cyrillic letters
# only ("Chilanzar", "Przhevalsk"): shorter ones are too often a word or a given name.
SPELLING_LONG = 5
# rapidfuzz ratio (0-100) a suggestion needs: one or two wrong letters in a name score 80+
# ("Шымкен" 93, "Тараc" 80), random words at most about 73 against some place ("qwerty").


class Tokenizer:
    """Words of a text with what the matcher asks of each, computed once per distinct word."""

    def __init__(self, ix: Index, stop: Stop) -> None:
        self._ix = ix
        self._stop = stop
        # One Word per distinct text word (bounded: storage/analysis/wordcache.py).
        self._words = WordCache("gazetteer.word", self._new_word, WORD_LIMIT)
        self._word = self._words.__getitem__
        # The matcher asks for the same steps in every text that names a place in two words
        # ("Туркестанской области"): each is worked out once.
        self.steps = WordCache("gazetteer.step", self._step, STEP_LIMIT)
        # The targets of a name joined with the next word (an adjective and its noun: "с
        # Джизакской ... областями"), by the two words' keys: the same pairs recur.
        self.phrases = WordCache("gazetteer.phrase", self._phrase, PHRASE_LIMIT)
        # The region name a word before a region noun is a misspelling of, if any.
        self._near = WordCache("gazetteer.near", self._nearest, NEAR_LIMIT)
        self._pool: list[str] = []  # the spelling keys the nearest name is chosen from

    # Kept on disk with the gazetteer (cache.py) without its words: a loaded one starts empty
    # and registered like a built one.
    def __getstate__(self) -> tuple[Index, Stop]:
        return self._ix, self._stop

    def __setstate__(self, state: tuple[Index, Stop]) -> None:
        Tokenizer.__init__(self, *state)

    def _new_word(self, word: str) -> Word:
        """What the matcher needs of a text word, computed once per distinct word (news
        repeats words): its key, case, gazetteer keys and whether it can begin a match."""
        keys = self._lookup(word) or _NO_KEYS
        # Most words with keys ("области", "на") only continue a phrase.
        starts = word in self._ix.abbrev or not keys.isdisjoint(self._ix.firsts)
        return Word(
            word,
            norm(word),
            word[:1].isupper(),
            keys,
            not keys.isdisjoint(self._ix.adj_keys),
            starts,
            self.step(((),), keys) if keys else _NO_STEP,
            self._pieces(word, keys),
        )

    def _keys(self, word: str) -> frozenset[str]:
        """The gazetteer words a text token can be."""
        return self._word(word).keys

    def _lookup(self, word: str) -> frozenset[str]:
        """Its surface first, then pymorphy3's singular non-person parses (for forms a name's
        own lexeme lacks)."""
        s = norm(word)
        found = self._ix.surface.get(s)
        if found:
            # A possessive listed as written ("Kazakhstan's") still ends a longer name
            # ("East Kazakhstan's").
            return found | self._latin_suffixed(s) if s.endswith("'s") else found
        if not word[:1].isupper():
            # "in Tashkent region's favour": a name's lower-case last word, possessive.
            return self._ix.surface.get(s[:-2], frozenset()) if s.endswith("'s") else frozenset()
        if not is_cyrillic(s):
            return self._latin_suffixed(s) or self._spelled(s)
        if s[:STEM] not in self._ix.stems:  # no name starts like this: skip pymorphy3
            return frozenset()
        keys: set[str] = set()
        for p in parses(s):
            if "plur" in p.tag or "Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag:
                continue
            keys |= self._ix.lemma_keys.get(norm(p.normal_form), set())
        return frozenset(keys)

    def _spelled(self, s: str) -> frozenset[str]:
        """A capitalised Latin word no table knows, spelled as a region's name is in another
        transliteration ("Djizzak", "Shimkent", "Tchuy"): that name's words. Not Cyrillic
        words: Russian spellings are fixed, and their look-alikes are other places."""
        key = spelling(s)
        if len(key) < SPELLING_MIN:
            return frozenset()
        keys = self._ix.spelled.get(key, _NO_KEYS)
        if len(key) < SPELLING_LONG:
            # A short Latin word is only another Latin spelling ("Tchuy", "Navoiy"): "Ural",
            # "Kant", "Zhanna" spell Russian words and names as well as places.
            return frozenset(k for k in keys if not is_cyrillic(k))
        return keys

    def _latin_suffixed(self, s: str) -> frozenset[str]:
        """Uzbek (and Kazakh Latin) case suffixes on a name: Toshkentda, Samarqanddan,
        Farg'onaga, Namanganning; and the English possessive ("Xinjiang's", "Moscow's",
        "Inner Mongolia's" through its last word). Only when the rest is a known Latin name."""
        if s.endswith("'s"):
            return self._ix.surface.get(s[:-2], frozenset())
        for suffix in _LATIN_SUFFIXES:
            stem = s[: -len(suffix)]
            if s.endswith(suffix) and len(stem) > 2 and not is_cyrillic(stem):
                found = self._ix.surface.get(stem.rstrip("'"))
                if found:
                    return found
        return frozenset()

    def scan(
        self, text: str, parts: list[str] | None = None, starts: list[int] | None = None
    ) -> tuple[Doc, list[int]]:
        """The words of ``text`` and the indexes of those that can begin a match. It runs over
        every word of every article, so the per-word work is done by C loops: one regex split
        gives the words and the gaps, running sums of their lengths the positions, one cached
        dict lookup per word its Word; Python only sees the few words not cached yet and the
        hyphenated ones."""
        if parts is None:
            parts = split_words(text)
        words = parts[1::2]
        if not words:
            return Doc(text, [], [text]), []
        # Words not seen before (names, numbers) are looked up as the cache misses them.
        toks: list[Word] = list(map(self._word, words))
        doc = Doc(text, toks, parts[0::2], parts, starts)
        if not self._stop.spelling_nouns.isdisjoint(words):
            self._before_nouns(doc, words)
        if "-" in text:
            self._split_compounds(doc)
        return doc, list(compress(range(len(doc.toks)), map(STARTS, doc.toks)))

    def _before_nouns(self, doc: Doc, words: list[str]) -> None:
        """A capitalised Latin word no table knows right before a region noun, or listed before
        one ("Namagan region", "Andijan, Namagan and Fergana regions"): the region whose name is
        spelled nearest, when one is near enough."""
        toks, gaps = doc.toks, doc.gaps
        for k in compress(range(len(words)), map(self._stop.spelling_nouns.__contains__, words)):
            j = k - 1
            while j >= 0 and gaps[j + 1].strip() in ("", ",") and k - j <= _LIST_REACH:
                tok = toks[j]
                if tok.norm in _LIST_JOINS and j + 1 < k:
                    j -= 1
                    continue
                if not tok.capital:
                    break
                if not tok.keys:
                    near = self._near[tok.text]
                    if near is None:
                        break
                    toks[j] = near
                j -= 1

    def _nearest(self, word: str) -> Word | None:
        """The Word of a region name spelled near ``word`` (rapidfuzz ratio), or None: a
        Latin word of 5 letters or more, not an acronym nor hyphenated, with one nearest name
        of one word."""
        key = spelling(word)
        if len(key) < _NEAR_MIN or is_cyrillic(norm(word)) or word.isupper() or "-" in word:
            return None
        if not self._pool:
            # One-word names and the first words of "<name> <region noun>" ("Namangan
            # Region"): a word of a longer name ("Special Administrative Region") is none.
            nouns = {norm(n) for n in self._stop.spelling_nouns}
            heads = self._ix.heads
            named = [k for k, after in heads.items() if "" in after or not after.isdisjoint(nouns)]
            self._pool = sorted({s for s in map(spelling, named) if len(s) >= _NEAR_MIN})
        near = process.extract(
            key, self._pool, scorer=fuzz.ratio, limit=2, score_cutoff=_NEAR_CUTOFF
        )
        if not near or (len(near) > 1 and near[1][1] == near[0][1]):
            return None
        # The first sound kept ("Namagan"; "Ciangsu" for Jiangsu): "Yashnabad" (a district of
        # Tashkent) is no Ashkhabad, "West-Kazakhstan" no East Kazakhstan.
        if near[0][0][0] != key[0] and {near[0][0][0], key[0]} != _SAME_FIRST:
            return None
        keys = self._ix.spelled[near[0][0]]
        return Word(
            word,
            norm(word),
            True,
            keys,
            not keys.isdisjoint(self._ix.adj_keys),
            not keys.isdisjoint(self._ix.firsts),
            self.step(((),), keys),
            (),
        )

    def _split_compounds(self, doc: Doc) -> None:
        """An unknown hyphenated word: its parts may be names ("Алматы-Ташкент"), unless one
        is an unknown capitalised name of its own (Петропавловск-Камчатский)."""
        toks = doc.toks
        found = list(compress(range(len(toks)), map(PIECES, toks)))
        # Where each word ends, counted before any split: each split moves the positions
        # after it, and counting them again per split costs more than the whole scan.
        ends = [doc.end(i) for i in found]
        for i, end in reversed(list(zip(found, ends, strict=True))):
            pieces = toks[i].pieces
            if not self._compound_blocked(pieces[-1].text, doc.text, end):
                doc.split(i, pieces)

    def _pieces(self, word: str, keys: frozenset[str]) -> tuple[Word, ...]:
        """The parts a hyphenated word may be split into, () when it stays whole (it has keys
        of its own, or a part is an unknown name, unless two of three parts or more are
        names)."""
        if "-" not in word or keys or word in self._ix.abbrev:
            return ()
        # The word pattern puts letters on both sides of a hyphen: no part is empty.
        parts = word.split("-")
        known = [bool(self._keys(p)) for p in parts]
        if (
            any(
                p[:1].isupper() and not k and not p.endswith("о")
                for p, k in zip(parts, known, strict=True)
            )
            and (len(parts) < 3 or sum(known) < 2)
            and not self._names_region(parts[-1])
        ):
            # A route of three towns or more names its known ones whatever the others are
            # ("трасса Караганда-Аягоз-Богаз", "автодорога Суусамыр-Талас-Тараз"); a
            # region's or country's own one-word name last is that place after any unknown
            # part ("Амузанг-Хатлон", a firm of Khatlon), where a name first may begin a name
            # of its own (Петропавловск-Камчатский, the Akhal-Teke horse).
            return ()
        return tuple(map(self._word, parts))

    def _names_region(self, part: str) -> bool:
        """Whether a part of a hyphenated word is a region's or a country's one-word name
        (Хатлон, Согд, Казахстан) as written."""
        heads = self._ix.heads
        return any("" in heads.get(k, ()) for k in self._keys(part))

    def _compound_blocked(self, last: str, text: str, end: int) -> bool:
        """ "Цинхай-Тибетское нагорье": a compound adjective before a stop noun (mountains,
        a battle...) names no place with any of its parts."""
        nxt = WORD_RE.search(text, end, end + 40)
        return (
            nxt is not None
            and not text[end : nxt.start()].strip()
            and norm(nxt.group()) in self._stop.block_after
            and any_adjective(norm(last))
        )

    def _phrase(self, pair: tuple[tuple[str, ...], tuple[str, ...] | None]) -> tuple[Target, ...]:
        """The targets of the phrases of a word of keys ``first`` alone (``second`` None) or
        followed by a word of keys ``second``, each once, in the order of the keys (the
        callers' sets in their order: equal sets may iterate differently)."""
        first, second = pair
        phrases = self._ix.phrases
        out: list[Target] = []
        for a in first:
            for b in second if second is not None else [None]:
                for t in phrases.get((a,) if b is None else (a, b), []):
                    if t not in out:
                        out.append(t)
        return tuple(out)

    def _step(self, at: tuple[Frontier, frozenset[str]]) -> Step:
        return self.step(*at)

    def step(self, frontier: Frontier, keys: frozenset[str]) -> Step:
        """One word further into the phrase table from the phrase prefixes in ``frontier``:
        (the prefixes that continue, targets of the phrases they complete, the first such
        phrase or ())."""
        prefixes, phrases = self._ix.prefixes, self._ix.phrases
        ahead = tuple((*p, k) for p in frontier for k in keys if (*p, k) in prefixes)
        found = [p for p in ahead if p in phrases]
        targets: list[Target] = []
        for p in found:
            targets.extend(t for t in phrases[p] if t not in targets)
        return ahead, tuple(targets), (found[0] if found else ())
