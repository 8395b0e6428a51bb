"""Topics of an article from the vocabulary in ``data/topics.toml``, and topic names for the bot.

The evidence rule is documented at the top of the TOML file. Topics come out main first. A
sentence that only passes by (a delegation's programme, a venue, background) counts little, and
so do goods only named in what is traded (labelling conventions, tests/data/labelled/README.md).
"""

from __future__ import annotations

import operator
from collections.abc import Container, Sequence
from itertools import chain as chain_lists
from itertools import compress, repeat

from storage.analysis.spans import GAP, chain, cut_at, fillers, listed_areas, match, named_positions
from storage.analysis.topic_goods import compound_terms, goods_positions
from storage.analysis.topic_names import (
    all_topics,
    resolve_topic,
    suggest_topics,
    topic_hashtag,
    topic_name,
)
from storage.analysis.topic_vocabulary import (
    Term,
    Topic,
    Vocabulary,
    load_vocabulary,
    vocabulary_bytes,
)

__all__ = [
    "Topic",
    "Vocabulary",
    "all_topics",
    "detect_topics",
    "headed",
    "load_vocabulary",
    "passing",
    "resolve_topic",
    "sentences_evidence",
    "suggest_topics",
    "topic_hashtag",
    "topic_name",
    "vocabulary_bytes",
]

THRESHOLD = 3.0  # an area named outright, a strong sign in the title or lead or twice...
LOW_THRESHOLD = 2.0  # ...or a strong sign with another, different term beside it
STRONG = 2.0  # a term of this weight is a strong sign on its own
MAX_MENTIONS = 3.0  # a term repeated ten times is still one term
TITLE_FACTOR = 2.0
LEAD_FACTOR = 1.5
BODY_FACTOR = 1.0
PASSING_FACTOR = 0.2  # a sentence describing a visit's programme or a venue (topicsG: was 0.25)
# A body of this many words is a long article's: its background and "earlier" sentences pass
# by (in a short note the one figure of trade is a good share of what it says).
LONG_BODY = 120
SHARE = 0.12  # of the main topic's weight: under it a long article's topic is minor...
# ...and under this if one sentence alone names it (topicsG): an area the article comes back to
# is discussed, one a single body sentence names is mostly a background figure or an aside
# ("foreign investment in the region rose by 70 percent" in a story of trade). 0.15 did better
# still on both halves of the tuned parts, but seed 002's investment (SPEC), named in one
# sentence, weighs 0.128 of its trade.
LONE_SHARE = 0.125
_AND = frozenset({"и", "или"})


# --- detection ------------------------------------------------------------------------------


def _studied(vocab: Vocabulary, lemmas: Sequence[str], i: int) -> bool:
    """Whether the term at ``i`` follows "<study noun> по", alone or as a later item of the
    same enumeration ("по энергетике и экологии"), the first item being a subject the
    vocabulary does not know ("магистратура по географии и экологии")."""
    j = i
    while j > 1:
        if lemmas[j - 1] == "по":
            return lemmas[j - 2] in vocab.study_nouns
        if lemmas[j - 1] not in _AND:
            return False
        if lemmas[j - 2] not in vocab.index:
            return j > 3 and lemmas[j - 3] == "по" and lemmas[j - 4] in vocab.study_nouns
        j -= 2
    return False


NOWHERE = 1 << 20  # the place of a topic no strong term of a sentence names


def _see(seen: dict[str, int], term: Term, at: int) -> None:
    """Notes the term's topic as seen in the sentence, at ``at`` if the term is strong."""
    if term.weight >= STRONG:
        if seen.get(term.slug, NOWHERE) > at:
            seen[term.slug] = at
    else:
        seen.setdefault(term.slug, NOWHERE)


def _scan_sentence(
    vocab: Vocabulary,
    lemmas: Sequence[str],
    factor: float,
    mentions: dict[Term, float],
    seen: dict[str, int],
    owned: set[Term],
    framed_areas: set[str] | None = None,
    latin: bool = False,  # a Russian article's: a word in Latin letters is a name's
    words: frozenset[str] | None = None,
) -> set[str]:
    """Adds the sentence's terms to ``mentions``, their slugs to ``seen`` (with where its first
    strong term is) and those outside a body's name to ``owned``; returns the
    topics it names in an enumeration of areas or after a frame ("в сфере"). A word inside a
    phrase of one topic does not count for another ("wind farm", "поставка нефтепродуктов").
    ``words``: the sentence's lemmas of ``vocab.watch``, if the caller has them."""
    framed_areas = set() if framed_areas is None else framed_areas
    area_hits: list[tuple[int, int, str]] = []
    term_hits: list[tuple[int, int, str]] = []  # strong signs, for frames
    words = vocab.watch.intersection(lemmas) if words is None else words
    # The few lemmas of the sentence the tests below look for (scan_words is part of watch).
    present = vocab.scan_words & words
    if present:
        edges = _frame_edges(vocab, lemmas) if not vocab.frame_anchors.isdisjoint(present) else []
        named = (
            named_positions(
                lemmas, vocab.names_after, vocab.names_before, vocab.portfolios, present
            )
            if not vocab.name_nouns.isdisjoint(present)
            else frozenset()
        )
        goods = goods_positions(vocab, lemmas, present)
        named = named | goods if goods else named
    else:  # most sentences: no frame, no body's name, no goods
        edges, named = [], frozenset()
    if edges and named:  # a frame ends a body's name: "ministries on cooperation in health"
        named = cut_at(named, [at for at, forward, _ in edges if forward])
    framed = bool(edges)
    # Word position -> the topics of the phrases covering it: a phrase speaks for its words.
    claimed: dict[int, set[str]] = {}
    muted: set[int] = set()  # the words of a phrase of weight 0: no item of a list either
    index = vocab.index
    # Most words are no term: C loops pick the positions worth a look.
    positions = range(len(lemmas))
    # Hyphenated words are rare: one search of the joined sentence spares the word loop
    # (joined with no separator: none to copy, and words put together make no hyphen).
    hyphens = "-" in "".join(lemmas)
    for i in compress(positions, map(operator.contains, lemmas, repeat("-")) if hyphens else ()):
        if lemmas[i] not in index:
            own = i not in named
            for term in compound_terms(vocab, lemmas[i]):
                mentions[term] = mentions.get(term, 0.0) + (
                    factor if own else factor * PASSING_FACTOR
                )
                if own:
                    _see(seen, term, i)
                    owned.add(term)
                    if framed and term.weight >= STRONG:
                        # "научно-техническое и социально-культурное сотрудничество"
                        term_hits.append((i, i + 1, term.slug))
    for i in compress(positions, map(index.__contains__, lemmas)):
        terms, phrases, areas, seconds = index[lemmas[i]]
        # spans.match's first step: the phrase's next word (unless a gap) is one of the next
        # two; most phrases fail here, so the test is made before the call.
        near = lemmas[i + 1 : i + 3] if phrases or areas else ()
        if seconds is not None and seconds.isdisjoint(near):
            if not terms and not areas:
                continue  # a word that only opens phrases, none of them here: "между", "проект"
            phrases = ()
        if (
            i > 1
            and (lemmas[i - 1] == "по" or lemmas[i - 1] in _AND)
            and _studied(vocab, lemmas, i)
        ):
            continue  # "дипломы по энергетике и экологии": subjects of study, not areas
        # A word of a body's name ("министр сельского хозяйства") passes by: a fifth, and
        # no sentence spent on the topic, no item of a list.
        own = i not in named and not (latin and lemmas[i].isascii())
        weight = factor if own else factor * PASSING_FACTOR
        # Claimed by a phrase that began before: "passenger trains" carrying engineers do not
        # "train engineers" (the phrases beginning here claim no word from each other).
        before = claimed.get(i, ()) if phrases else ()
        for phrase, term in phrases:
            if before and term.slug not in before:
                continue
            if len(phrase) > 1 and phrase[1] not in near and phrase[1] != GAP:
                continue
            end = match(lemmas, i, phrase)
            if end > 0 and term.weight:
                mentions[term] = mentions.get(term, 0.0) + weight
                if own:
                    _see(seen, term, i)
                    owned.add(term)
                    if framed and term.weight >= STRONG:
                        term_hits.append((i, end, term.slug))
            if end > 0:  # a phrase of weight 0 only speaks for its words ("grain terminal")
                # Its own words, not a stray one between them: the textile of "поставки
                # текстильного оборудования" is still industry's.
                for k in range(i, end) if end - i == len(phrase) else (i, end - 1):
                    claimed.setdefault(k, set()).add(term.slug)
                    if not term.weight:
                        muted.add(k)
        mine = claimed.get(i) if claimed else None  # the topics of phrases over this word
        for term in terms:
            if mine is not None and term.slug not in mine:
                continue  # a word of a phrase of another topic: "wind farm" is no farming
            mentions[term] = mentions.get(term, 0.0) + weight
            if own:
                _see(seen, term, i)
                owned.add(term)
                if framed and term.key not in vocab.verbs:
                    # A hint ("гуманитарной") names no area but keeps the list going: "в
                    # экологической, культурной, гуманитарной и других областях".
                    term_hits.append((i, i + 1, term.slug if term.weight >= STRONG else ""))
        if not own:
            continue
        for phrase, slug in areas:
            if i in muted and slug not in claimed[i]:
                continue  # "investment environments" list no ecology
            if len(phrase) > 1 and phrase[1] not in near and phrase[1] != GAP:
                continue  # as for the phrases above
            end = match(lemmas, i, phrase) if len(phrase) > 1 else i + 1
            if end > 0:
                area_hits.append((i, end, slug))
    listed = listed_areas(area_hits) if len(area_hits) >= 3 else set()
    if framed and term_hits and not vocab.list_fillers.isdisjoint(words):
        term_hits += fillers(lemmas, vocab.list_fillers, term_hits)  # "экономических связей"
    if term_hits:  # only gathered when the sentence holds a frame
        term_hits.sort()
        for at, forward, first_gap in edges:
            framed_areas |= chain(term_hits, at, forward=forward, first_gap=first_gap)
        framed_areas.discard("")
    return listed | framed_areas


def _frame_edges(vocab: Vocabulary, lemmas: Sequence[str]) -> list[tuple[int, bool, int]]:
    """Where the sentence's frames are, as (word, forward, the words the first item may stand
    away): the areas begin right after "в сфере", "cooperation in", "in the fields of"
    (forward) or end right before "сферах", "отрасли", "и других областях" (backward). A
    frame is its words in a row: "в Ташкентской области" is none."""
    edges: list[tuple[int, bool, int]] = []
    frames = vocab.frames
    for p in compress(range(len(lemmas)), map(vocab.frame_anchors.__contains__, lemmas)):
        lemma = lemmas[p]
        for anchor, frame, gap in frames.get(lemma, ()):
            start = p - anchor
            if start >= 0 and tuple(lemmas[start : start + len(frame)]) == frame:
                edges.append((start + len(frame), True, gap))
        if lemma in vocab.frames_before or lemma in vocab.frames_adjacent:
            end = p
            while end > 0 and lemmas[end - 1] in vocab.list_others:
                end -= 1  # "в торговой и других сферах"
            edges.append((end, False, 1 if lemma in vocab.frames_before else 0))
    return edges


def sentences_evidence(sentences: Sequence[Sequence[str]]) -> list[int]:
    """How many topic terms (words of weight 1 and more) each sentence holds: a sentence that
    names areas of cooperation tells more than one about the venue (used by the summary)."""
    evidence = load_vocabulary().evidence.__contains__
    return [sum(map(evidence, lemmas)) for lemmas in sentences]


def passing(lemmas: Sequence[str]) -> bool:
    """A sentence that only passes by: what a delegation was shown or visited, where a
    signing or a meeting took place (``passing_*`` rules of the vocabulary file)."""
    return load_vocabulary().kinds.passes_by(lemmas)


def _score_zones(
    zones: Sequence[tuple[float, Sequence[Sequence[str]]]],
    body_from: int | None = None,
    opens: Container[int] = (),
) -> tuple[dict[str, float], dict[str, float], dict[str, tuple[int, int, int]]]:
    """(evidence per slug over all zones, evidence per slug of the first zone alone, where
    the text first names each topic by a strong term outside passing sentences): the
    first zone's is the state after scanning it, so the title needs no second scan. Zones
    from ``body_from`` on are the body: asides there pass by too (title and lead never), and
    so does the rest of a paragraph an aside opens (``opens``: the numbers of the body
    zone's sentences that open a paragraph)."""
    vocab = load_vocabulary()
    body_from = len(zones) if body_from is None else body_from
    body_words = sum(map(len, chain_lists.from_iterable(s for _, s in zones[body_from:])))
    long_body = body_words >= LONG_BODY
    # Local news by its title (a bus overturned, an earthquake, a race): the hospital the
    # injured were taken to and the trains stopped are no topics of it.
    kinds = vocab.kinds
    local = body_from < len(zones) and kinds.local(zones[0][1])
    mentions: dict[Term, float] = {}
    listed: set[str] = set()
    # slug -> the sentences that speak of it, each by its zone's factor (a fifth of it when
    # the sentence passes by): two in the body, or one in the title or the lead, is an article
    # spending time on the topic.
    spread: dict[str, float] = {}
    # The terms met outside passing sentences and bodies' names: only they make a topic's
    # evidence "strong" or "two different signs" (a refinery the delegation was shown and
    # cement supplied are not two signs of industry).
    owned: set[Term] = set()
    first: dict[str, float] = {}
    headed: dict[str, float] = {}  # the title's and the lead's evidence
    places: dict[str, tuple[int, int, int]] = {}  # slug -> (zone, sentence, word)
    terms = vocab.terms
    # A Russian article by its title and lead: its Latin words name companies ("China Energy").
    heads = list(
        chain_lists.from_iterable(s for _, sentences in zones[:body_from] for s in sentences)
    )
    latin = sum(map(str.isascii, heads)) * 2 < len(heads)
    # A paragraph an aside opens is the aside's: "Ранее в области открылась больница. Она
    # принимает..." and "Провинция — одна из крупнейших промышленных. Здесь выпускаются..."
    in_aside = False
    watch = vocab.watch
    for number, (factor, sentence_lemmas) in enumerate(zones):
        body = long_body and number >= body_from
        paragraphs = body and number == body_from and bool(opens)
        for k, lemmas in enumerate(sentence_lemmas):
            # The sentence's words that any test below reads, found in one C pass: the tests
            # then read these few rather than the whole sentence each.
            words = watch.intersection(lemmas)
            opener = paragraphs and k in opens
            if opener:
                in_aside = kinds.aside(lemmas, words)
            aside = in_aside if opener else False  # else worked out below, if it has a term
            if terms.isdisjoint(words) and "-" not in "".join(lemmas):
                continue  # no term and no compound: nothing to count (a C test, no call)
            if in_aside and not aside and not vocab.resumes.isdisjoint(words):
                in_aside = False  # "Стороны договорились также...": the news again
            # An opener's own aside is known already (false: no second look).
            aside = aside or (body and (in_aside or (not opener and kinds.aside(lemmas, words))))
            aside = aside or (number >= body_from and kinds.portrays(words))
            # "Нас объединяют общая история, язык и культура": the sides' kinship, no area
            # of what they do (lead and body).
            aside = aside or (number > 0 and kinds.unites(words))
            # "Earlier this year the sides signed agreements worth..." is another story in a
            # short article too (labelling conventions: an "earlier" paragraph).
            aside = aside or (number >= body_from and lemmas[0] in kinds.story_openers)
            passes_any = None  # kinds.passes_any(lemmas), once asked
            if number == body_from - 1 and not vocab.lead_news.isdisjoint(words):
                # The lead's signing is the news, wherever it took place ("At the forum in
                # Chelyabinsk ... signed the Protocol on ... Cooperation").
                passes = passes_any = kinds.passes_any(words)
            else:
                passes = kinds.passes_by(words)
            weight = factor * PASSING_FACTOR if local or aside or passes else factor
            seen: dict[str, int] = {}
            own = owned if weight == factor else set()
            framed: set[str] = set()
            found = _scan_sentence(vocab, lemmas, weight, mentions, seen, own, framed, latin, words)
            if weight != factor:  # an enumeration in a passing sentence is a programme...
                if passes_any is None and passes and not (local or aside):
                    passes_any = kinds.passes_any(words)
                if passes and not (local or aside) and not passes_any:
                    # ...but where a visit or a signing took place, the agreement's subject
                    # is still the news ("соглашение о торгово-экономическом сотрудничестве
                    # подпишут, когда делегация посетит область").
                    listed |= framed
            else:
                listed |= found
                for slug, at in seen.items():
                    if at < NOWHERE and slug not in places:
                        places[slug] = (number, k, at)
            for slug in seen:  # a passing sentence spends a fifth of one on its topics
                spread[slug] = spread.get(slug, 0.0) + weight
        if number == 0 and mentions:
            first = _weigh(mentions, listed, spread, owned)
        if long_body and number == body_from - 1:
            headed = _weigh(mentions, listed, spread, owned)
    scores = _weigh(mentions, listed, spread, owned)
    if long_body and scores:
        _drop_minor(scores, headed, listed, owned, spread)
    return scores, first, places


def _drop_minor(
    scores: dict[str, float],
    headed: dict[str, float],
    listed: set[str],
    owned: set[Term],
    spread: dict[str, float],
) -> None:
    """A long article's topic no list of areas or phrase naming the area outright ("обучит
    агрономов", "trade turnover") names is a passing mention if its title and lead do not sign
    it and it weighs under SHARE of the main one (a long text piles terms of most topics; under
    LONE_SHARE when one sentence alone names it: ``spread``, the sentences per topic as
    _score_zones counts them), or if only goods name it (grain exported, tonnes by crop, the
    farmers who sold it)."""
    goods = load_vocabulary().goods_keys
    others = [t for t in owned if t.key not in goods]  # not goods
    phrased = {t.slug for t in others if t.weight >= THRESHOLD and " " in t.key}
    named, top = {t.slug for t in others}, max(scores.values())
    for slug, score in scores.items():
        if slug in listed or slug in phrased:
            continue
        floor = (LONE_SHARE if spread.get(slug, 0.0) <= BODY_FACTOR else SHARE) * top
        if slug not in named or (score < floor and headed.get(slug, 0.0) < STRONG):
            scores[slug] = min(score, THRESHOLD / 2)


def _weigh(
    mentions: dict[Term, float],
    listed: set[str],
    spread: dict[str, float],
    owned: set[Term],
) -> dict[str, float]:
    """Scores per slug from the terms' mention counts, the listed areas and the spread.
    (Conditionals rather than min() and max(): those builtins parse their keywords on every
    call, which cost this loop more than its arithmetic; equal values are the same number.)"""
    scores: dict[str, float] = {}
    terms: dict[str, int] = {}
    strongest: dict[str, float] = {}
    for term, count in mentions.items():
        slug, weight = term.slug, term.weight
        capped = count if count < MAX_MENTIONS else MAX_MENTIONS
        scores[slug] = scores.get(slug, 0.0) + weight * capped
        if term in owned:
            terms[slug] = terms.get(slug, 0) + 1
            strong = strongest.get(slug, 0.0)
            strongest[slug] = weight if weight > strong else strong
    for slug, score in scores.items():
        # One hint repeated ("маршрут" in the title and twice in the text) is not a topic:
        # the evidence needs a strong term or two different ones.
        if strongest.get(slug, 0.0) < STRONG and terms.get(slug, 0) < 2:
            scores[slug] = score if score < THRESHOLD / 2 else THRESHOLD / 2
        elif (
            strongest[slug] >= STRONG
            and terms[slug] >= 2
            and spread.get(slug, 0.0) >= 2 * BODY_FACTOR
            and score >= LOW_THRESHOLD
        ):
            # Two different signs, one strong, in two sentences: the article spends time on
            # it (a list of goods carried, all in one sentence, is not enough).
            scores[slug] = score if score > THRESHOLD else THRESHOLD
    for slug in listed:
        score = scores.get(slug, 0.0)
        scores[slug] = score if score > THRESHOLD else THRESHOLD
    return scores


def detect_topics(
    title: Sequence[Sequence[str]],
    lead: Sequence[Sequence[str]],
    body: Sequence[Sequence[str]],
    opens: Container[int] = (),
) -> tuple[str, ...]:
    """Slugs of every topic with enough evidence, the main topic first (the first the title
    signs, else the first the text names by a strong term, else the weightiest); arguments
    are lemma lists, ``opens`` the numbers of the body sentences that open a paragraph."""
    scores, headed, places = _score_zones(
        [(TITLE_FACTOR, title), (LEAD_FACTOR, lead), (BODY_FACTOR, body)], body_from=2, opens=opens
    )
    # A topic the heading names ("…сотрудничают в сфере туризма") is the main one whatever
    # the body spends on others; of several, the first the title names (labelling
    # conventions: main topic).
    order = _title_order(title[0]) if title and len(headed) > 1 else {}
    # The others by the title's weaker signs, then in the order the text first names them
    # by a strong term (the lead's "торгово-экономическое и культурное сотрудничество" is
    # trade first; labelling conventions: main topic), then by weight.
    far = (NOWHERE, 0, 0)  # named by weak terms only
    kept = [
        (
            headed.get(slug, 0.0) < THRESHOLD,
            order.get(slug, len(order)) if headed.get(slug, 0.0) >= THRESHOLD else 0,
            -headed.get(slug, 0.0),
            places.get(slug, far),
            -score,
            slug,
        )
        for slug, score in scores.items()
        if score >= THRESHOLD
    ]
    return tuple(slug for *_, slug in sorted(kept))


def headed(title: Sequence[Sequence[str]], lead: Sequence[Sequence[str]], slug: str) -> bool:
    """Whether the title or the lead gives ``slug`` any evidence: one side's own news is about
    what they say (a harvest, a flood); a topic only its body names (the doctors on duty in a
    flood, the investment in an official's instructions) is no subject of it."""
    scores = _score_zones([(TITLE_FACTOR, title), (LEAD_FACTOR, lead)])[0]
    return scores.get(slug, 0.0) > 0.0


def _title_order(lemmas: Sequence[str]) -> dict[str, int]:
    """slug -> where the title first names it (a word of the topic or a phrase's first). A
    topic it names only by who acts ("Chinese investors to open two plants") comes after the
    ones it names by what they do: the plant is the matter (``title_actors``)."""
    order: dict[str, int] = {}
    vocab = load_vocabulary()
    index = vocab.index
    actors: dict[str, int] = {}
    for i in compress(range(len(lemmas)), map(index.__contains__, lemmas)):
        terms, phrases, _, _ = index[lemmas[i]]
        for term in terms:
            if term.key in vocab.title_actors:
                actors.setdefault(term.slug, len(lemmas) + i)
            else:
                order.setdefault(term.slug, i)
        for phrase, term in phrases:
            if term.weight and match(lemmas, i, phrase) > 0:
                order.setdefault(term.slug, i)
    for slug, at in actors.items():
        order.setdefault(slug, at)
    return order
