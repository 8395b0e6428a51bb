"""The region matcher: which first-level subdivisions and countries a text names.

The data (``data/gazetteer/*.toml``, format in its README) lists each region's names, adjectives
and the places inside it. At load time every word of every name is expanded into all its case
forms (pymorphy3 lexemes), so matching a text is one dict lookup per token plus a walk over a
small phrase table: no regex per alias, no parsing of ordinary words.

Why not lemmatise the text and compare lemmas: pymorphy3's top parse is wrong for many place
names (Атырауской -> атырауска, Семей -> семья), while the lexeme of the name as written in the
data is right, so the data's own forms are the index and lemmas are only a fallback.

The modules, in the order of their imports (none imports one after it):
``forms`` (word forms and grammar questions), ``index`` (tables built from the data files),
``doc`` (a scanned text), ``tokens`` (words looked up once each), ``persons`` (a place-shaped
word that is a person), ``match`` (the matcher and queries), ``cache`` (the built index on disk).
"""

from storage.analysis.gazetteer.cache import STALE_CACHE_SECONDS, data_files, load_gazetteer
from storage.analysis.gazetteer.forms import norm, skeleton, split_words, word_forms
from storage.analysis.gazetteer.match import Gazetteer

__all__ = [
    "STALE_CACHE_SECONDS",
    "Gazetteer",
    "data_files",
    "load_gazetteer",
    "norm",
    "skeleton",
    "split_words",
    "word_forms",
]
