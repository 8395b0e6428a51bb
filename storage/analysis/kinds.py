"""Kinds of sentence whose topic terms count a fifth (rules of ``data/topics.toml``):

- passing: what a delegation was shown or visited, where a signing or a meeting took place,
  local news (an outage, an accident, a tournament);
- a long article's asides, in its body: background figures ("товарооборот за прошлый год
  составил..."), another story ("Ранее...", "Earlier..."), a roster of who took part, what a
  region is ("один из крупнейших промышленных центров");
- in any article's body: a portrait of a region ("рассказал о потенциале провинции", "known
  for its textile industry"), what it has rather than what the sides do;
- local news by its title (an accident, a disaster, a race, an election): every sentence.

Word groups are kept by their rarest lemma: a sentence is tested against the groups it can
complete, and most sentences hold no key at all (one C disjointness test).

The tests take a sentence's words as ``words``: its lemmas, or the set of its lemmas that are
in ``Kinds.words`` (every lemma a test reads), which answers the same and is a few words long
(the topic detector builds it once per sentence for all its tests).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

Groups = dict[str, tuple[frozenset[str], ...]]


@dataclass(frozen=True, slots=True)
class Kinds:
    passing_any: frozenset[str] = frozenset()  # one of these lemmas: a passing sentence...
    passing_kept: frozenset[str] = frozenset()  # ...unless it names cooperation too
    passing: Groups = field(default_factory=dict)  # all lemmas of one group: passing too
    passing_words: frozenset[str] = frozenset()  # the keys of ``passing`` (a quick test)
    passing_seen: frozenset[str] = frozenset()  # ``passing_any`` and ``passing_words``
    local_news: frozenset[str] = frozenset()  # a title with one: the article passes by...
    local_kept: frozenset[str] = frozenset()  # ...unless it has one of these (joint action)
    # A body sentence of figures with a background group ("в прошлом году", "по данным"), one
    # with a description group, one opening with an aside opener ("Ранее") and one opening
    # with a roster opener ("В форуме приняли участие...") are asides of a long article.
    background: Groups = field(default_factory=dict)
    description: Groups = field(default_factory=dict)
    # A description inside a sentence of what the sides did ("we discussed drawing investment
    # ..., because Guangzhou is China's third largest city") leaves it the news.
    description_kept: frozenset[str] = frozenset()
    portrait: Groups = field(default_factory=dict)  # an aside in a short article too
    portrait_words: frozenset[str] = frozenset()  # the keys of ``portrait``
    kinship: Groups = field(default_factory=dict)  # what unites the sides: an aside anywhere
    kinship_words: frozenset[str] = frozenset()  # the keys of ``kinship``
    # "не только торговые отношения, но и история": ties named beside the kinship are news
    kinship_kept: frozenset[str] = frozenset()
    roster: Groups = field(default_factory=dict)
    roster_openers: frozenset[str] = frozenset()
    aside_openers: frozenset[str] = frozenset()
    story_openers: frozenset[str] = frozenset()  # an aside in a short article's body too
    aside_words: frozenset[str] = frozenset()  # the keys of the four groups
    words: frozenset[str] = frozenset()  # every lemma the tests below read (module docstring)

    def passes_any(self, words: Collection[str]) -> bool:
        """A word of ``passing_any`` and none of ``passing_kept``: joint fire fighting is no
        fire in the news ("взаимодействие сторон при тушении лесных пожаров")."""
        return not self.passing_any.isdisjoint(words) and self.passing_kept.isdisjoint(words)

    def passes_by(self, words: Collection[str]) -> bool:
        """What a delegation was shown, where a signing took place, local news."""
        if self.passing_seen.isdisjoint(words):  # most sentences: one pass over the words
            return False
        if self.passes_any(words):
            return True
        if self.passing_words.isdisjoint(words):  # most sentences: no word of any group
            return False
        return _holds(self.passing, _as_set(words))

    def portrays(self, words: Collection[str]) -> bool:
        """A body sentence telling what a region is known for or what it has."""
        return not self.portrait_words.isdisjoint(words) and _holds(self.portrait, _as_set(words))

    def unites(self, words: Collection[str]) -> bool:
        """A sentence telling what unites the sides ("нас объединяют общая история, язык и
        культура", "historical roots and cultural ties"): kinship, no area of cooperation."""
        if self.kinship_words.isdisjoint(words) or not self.kinship_kept.isdisjoint(words):
            return False
        return _holds(self.kinship, _as_set(words))

    def aside(self, lemmas: Sequence[str], words: Collection[str] | None = None) -> bool:
        """A long article's body sentence that is not about its matter: long articles carry
        several, and their terms tagged topics the article does not discuss. ``words``: the
        sentence's words as the module docstring says, when the caller has them."""
        if not lemmas:
            return False
        if lemmas[0] in self.aside_openers:
            return True
        if words is None:
            words = lemmas
        if self.aside_words.isdisjoint(words):  # most sentences: no word of any group
            return False
        present = _as_set(words)  # one set for the four kinds of group
        if lemmas[0] in self.roster_openers and _holds(self.roster, present):
            return True  # "В форуме приняли участие...", not a wish "чтобы принять участие"
        if _holds(self.portrait, present):
            return True
        if _holds(self.description, present) and self.description_kept.isdisjoint(present):
            return True
        return any(map(str.isdigit, lemmas)) and _holds(self.background, present)

    def local(self, title: Iterable[Collection[str]]) -> bool:
        """Local news by its title: a bus overturned, an earthquake, a race."""
        return any(
            not self.local_news.isdisjoint(lemmas) and self.local_kept.isdisjoint(lemmas)
            for lemmas in title
        )


def build_kinds(rules: Mapping[str, Any], lemma: Callable[[str], str]) -> Kinds:
    def words(key: str) -> frozenset[str]:
        return frozenset(lemma(w) for w in rules.get(key, ()))

    def groups(key: str) -> Groups:
        found: Groups = {}
        for raw in rules.get(key, ()):
            group = frozenset(lemma(w) for w in raw)
            rarest = max(sorted(group), key=len)  # the longest (ties alphabetically)
            found[rarest] = (*found.get(rarest, ()), group)
        return found

    passing, background, description, portrait, roster, kinship = (
        groups(k)
        for k in ("passing_all", "background", "description", "portrait", "roster", "kinship")
    )
    kinds = Kinds(
        passing_any=words("passing_any"),
        passing_kept=words("passing_kept"),
        passing=passing,
        passing_words=frozenset(passing),
        passing_seen=words("passing_any") | frozenset(passing),
        local_news=words("local_news"),
        local_kept=words("local_kept"),
        background=background,
        description=description,
        description_kept=words("description_kept"),
        portrait=portrait,
        portrait_words=frozenset(portrait),
        kinship=kinship,
        kinship_words=frozenset(kinship),
        kinship_kept=words("kinship_kept"),
        roster=roster,
        roster_openers=frozenset(rules.get("roster_openers", ())),
        aside_openers=words("aside_openers"),
        story_openers=words("story_openers"),
        aside_words=frozenset([*background, *description, *portrait, *roster]),
    )
    read = [kinds.passing_seen, kinds.passing_kept, kinds.local_news, kinds.local_kept]
    read += [kinds.description_kept, kinds.kinship_kept]
    for table in (passing, background, description, portrait, roster, kinship):
        read.extend(group for found in table.values() for group in found)
    return replace(kinds, words=frozenset().union(*read))


def _as_set(words: Collection[str]) -> AbstractSet[str]:
    """The words as a set, for the subset tests of ``_holds`` (a set given is no copy)."""
    return words if isinstance(words, (set, frozenset)) else set(words)


def _holds(groups: Groups, present: AbstractSet[str]) -> bool:
    """Whether the words ``present`` complete a group (the smaller side of keys and words is
    the one walked)."""
    # A plain loop: most calls find no key, and a generator for any() cost more than the test.
    for key in groups.keys() & present:
        for group in groups[key]:
            if group <= present:
                return True
    return False
