"""Extractive summary: two or three of the article's own sentences, the most informative ones.

Method: centrality in a graph of sentences weighted by shared content lemmas (TextRank), mixed
with a position prior (wire news puts the gist first: the lead opens the summary when it can
stand alone) and bonuses for the key facts a reader wants (figures, agreements, next steps).
Not summary material: greetings, colour quotes, lists of attendees, source attributions, what
a delegation was shown, an older story ("Ранее...", "Напомним..."), a sentence whose
demonstrative points back ("данного района"), the title again. The chosen sentences keep
their article order, never exceed the length limit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple

from storage.analysis.morph import lemma, wordset
from storage.analysis.summary_debris import DEBRIS_MARKS, debris_marks, not_the_text
from storage.analysis.wordcache import WordCache

LIMIT = 600  # characters, the whole summary (SPEC: under 600)
MAX_SENTENCES = 3
MAX_CANDIDATES = 25  # later sentences rarely carry the gist; keeps the graph small
_NEAR_DUPLICATE = 0.6  # share of the smaller sentence's content lemmas found in the other


_STOP = wordset(
    "это этот тот который такой также быть весь свой она они оно его их ее год "
    "сторона отметить сообщить сказать заявить отмечать говориться сообщение однако "
    "кроме между рамка ход время область регион страна"
)
# Sentences opening with a word that points back ("Он рассказал…", "Это позволит…") do not
# stand alone in a summary.
_ANAPHORIC = wordset("он она оно они его ее их это этот эта эти этим там тогда также")
_ANAPHORA_PENALTY = 0.4
_EVIDENCE_BONUS = 0.1  # per topic term, up to three
_AGREEMENT = wordset(
    "договоренность соглашение меморандум договор договориться подписать подписание "
    "контракт протокол"
) | frozenset(map(lemma, wordset("agreement agreed signed memorandum contract protocol deal")))
# A figure: a number with its unit or a dollar sum. ASCII digits: see figures._START_RE. The
# pattern opens with one class (the digit or the "$") so sre skips to one in C; a branch at
# the top made it try the whole pattern at every character of the sentence.
_FIGURE_RE = re.compile(
    r"[0-9$](?:(?<=[0-9])[0-9 ,.]*\s?(?:%|млн|млрд|милли|тыс|трлн|процент|тенге|долл|рубл|сум"
    r"|юан|тонн|million|billion|percent|per cent|dollar|yuan|tenge|ton)|(?<=\$)\s?[0-9])"
)
_TERMINAL = (".", "!", "?", "…", "»", "”", '"')
# A line this short with no full stop is a heading ("Визит депутатов Свердловской области в
# хокимият Ташкента", a page's headline again in other words); a long one is a lead whose
# closing dot the page lost.
_HEADING = 120
_LEAD_BONUS = 0.8  # the wire's first sentence says who did what with whom
# Sentences a reader does not want in a summary, by their lemmas (one of the set suffices, or
# every lemma of one group). English words are Snowball stems (morph.lemma).
_NOT_SUMMARY_ANY = frozenset(
    map(
        lemma,
        wordset("поздравлять поздравить поздравление приветственный уважаемый дорогой желать")
        # not "hospitality": its stem is the hospital's ("China hands mobile hospitals…")
        | wordset("congratulate greet ознакомиться wish"),
    )
)
_NOT_SUMMARY_ALL = tuple(
    frozenset(map(lemma, wordset(group)))
    for group in (
        "принять участие встреча",  # lists of attendees
        "принять участие церемония",
        "принять участие заседание",
        "также принять участие",
        "took part",
        "также присутствовать",
        "took place",  # the venue
        "пройти здание",
        "показать гость",  # what a delegation was shown
        "delegation shown",
        "присутствовать встреча",  # "На встрече присутствовали мэр…, полпред…"
        "присутствовать церемония",
        "attended ceremony",
        "attended meeting",
        "attended event",  # "Officials of … and representatives of … attended the event."
        "по данные",  # background figures of one side, a remark aside
        "стоит отметить",
    )
)
# Source attributions ("Об этом сообщила пресс-служба акимата"): not the news when that is all
# the sentence says; a wire lead often ends with one ("…провел встречу с губернатором…,
# сообщила пресс-служба"), and the lead is the summary's best first sentence.
_ATTRIBUTION = tuple(
    frozenset(map(lemma, wordset(group)))
    for group in (
        "сообщить пресс-служба",
        "сообщать источник",
        "об это сообщить",
        "об это рассказать",
        "press service reported",  # "The press service of the Representative reported."
        "press service said",
    )
)
_ATTRIBUTION_ONLY = 12  # words: a sentence this short is the attribution itself
# What a delegation visited (a plant, a museum) — but in the lead, the visit is the news
# ("Делегация Лебапской области посетит Бухарскую область").
_VISITS = tuple(
    frozenset(map(lemma, wordset(group)))
    for group in (
        "посетить делегация",
        "побывать делегация",  # "Гости побывали на предприятиях…"
        "побывать гость",
        "осмотреть делегация",  # "…делегация осмотрела ряд промышленных объектов"
        "осмотреть гость",
        "delegation toured",  # not "visited": "after a visit of a delegation…" is news
        "guests toured",
    )
)
_DELEGATION = frozenset(map(lemma, wordset("делегация delegation")))
_LEAD_SENTENCES = 2  # the first two candidates: the lead (or a subtitle and the lead)
# The groups by a lemma of each, its longest (the rarest, as a rule: "участие", not "также"):
# a sentence is tested against the groups it can complete.
_NOT_SUMMARY_BY_WORD: dict[str, tuple[frozenset[str], ...]] = {}
for _group in _NOT_SUMMARY_ALL:
    _key = max(sorted(_group), key=len)
    _NOT_SUMMARY_BY_WORD[_key] = (*_NOT_SUMMARY_BY_WORD.get(_key, ()), _group)
# Every lemma the tests below look for (one per group suffices: a group needs all of its
# lemmas): most sentences hold none and pass at once.
_WATCHED = (
    _NOT_SUMMARY_ANY
    | frozenset(_NOT_SUMMARY_BY_WORD)
    | frozenset(max(sorted(group), key=len) for group in _ATTRIBUTION)
    | frozenset(max(sorted(group), key=len) for group in _VISITS)
    | frozenset(map(lemma, wordset("данный указанный вышеупомянутый упомянутый этот")))
)
# A body paragraph opening with one of these tells another, older story ("Ранее в области
# открылась больница", "Напомним, в 2023 году...", "Earlier this month..."): background, not
# the news, down to its last sentence ("Эксперты ожидают, что ее запуск...").
_ASIDE_OPENERS = frozenset(map(lemma, wordset("ранее напомнить earlier previously recall")))
# A demonstrative with no antecedent in a summary: "данного района", "этот регион".
_BACK_REFERENCE = frozenset(map(lemma, wordset("данный указанный вышеупомянутый упомянутый")))
_THIS = lemma("этот")
_PLACE_NOUNS = frozenset(map(lemma, wordset("регион район область город страна край")))
# A person's words quoted whole: "«…», — отметил он".
_SPOKEN_RE = re.compile(
    r"[»”\"][\s,—–-]*(?:сказал|отметил|подчеркнул|заявил|добавил|said|noted|added)", re.I
)
# A sentence opening with words that point back to the one before it ("При этом…", "Кроме
# того…", "Об этом сообщила…", "Его сопровождал…", "This was said at a briefing…") stands in a
# summary only right after that sentence: alone it refers to nothing (issue 11: joined with
# what it needs or skipped). Time words are no reference: "This year…", "Этим летом…".
_POINTS_BACK_RE = re.compile(
    r"(?:Он|Она|Оно|Они|Его|Её|Ее|Их|Им|Ему|Ей|Это|Этот|Эта|Эти|Этим|Этому|Там|Здесь|Тогда"
    r"|Также|Так,|При этом|Кроме того|Кроме этого|Помимо этого|Помимо того|Об этом|О нём|О нем"
    r"|В связи с этим|В этой связи|Вместе с тем|В свою очередь|Тем не менее|Таким образом"
    r"|Поэтому|Однако|Впрочем|He|She|They|His|Her|Their|Its|This|These|Those|Also|However"
    r"|Meanwhile|Besides|Moreover|Furthermore|In addition|At the same time"
    # a conjunction goes on from the sentence before; "we" is a speaker named before it
    r"|И|А|Но|Ведь|And|But|Мы|Нам|Наш|Наша|Наше|Наши|We|Our"
    r"|It (?:was|will be|is being) (?:held|organi[sz]ed|signed|attended|opened)|So"
    # a part of what the sentence before named: "Two of them are airports", "Часть из них…"
    r"|\w++(?: \w++)? (?:of them|of these|of those|из них|из которых))"
    r"(?!\s+(?:year|week|month|spring|summer|autumn|fall|winter|time|morning|evening|году"
    r"|летом|весной|осенью|зимой|году)\b)(?=[\s,])"
)
# The event a sentence before named, now placed in time or space ("Встреча состоялась в
# понедельник…", "Мероприятие проходит в…", "The talks were held in…"): it points back like
# "При этом" — but as the article's first sentence it points at the title, which readers see.
_EVENT_BACK_RE = re.compile(
    r"(?:Встреча|Переговоры|Мероприятие|Церемония|Заседание|Совещание|Беседа)"
    r" (?:состоял|прош|проход|пройд)\w*"
    r"|The (?:meeting|talks|event|ceremony) (?:(?:was|were|is|will be) held|took place)"
)
# An English wire dateline left at a sentence's start: "KHUJAND, June 21 (Asia-Plus) -- ".
_EN_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-—–]+\s*"
)


# An English title or place-name abbreviation before a name ("the Government of St.
# Petersburg", "Maj. Gen. Ivanov"): never a sentence's end, though the splitter may cut there
# (the summary mends the cut; other analyses do not care where a sentence ends).
_TITLE_ABBREVIATIONS = frozenset(
    {"St.", "Mt.", "Ft.", "Maj.", "Gen.", "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Brig."}
    | {"Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Gov.", "Sen."}
)


class Candidate(NamedTuple):
    """A sentence the summary may take. A tuple: an article builds up to 25, and a frozen
    dataclass sets each field through object.__setattr__."""

    text: str
    lemmas: Sequence[str]
    evidence: int = 0  # topic terms in the sentence (topics.sentences_evidence)
    aside: bool = False  # in a paragraph of another, older story (``aside_paragraphs``)


def aside_paragraphs(sizes: Sequence[int], lemmas: Sequence[Sequence[str]]) -> list[bool]:
    """For each sentence of paragraphs of ``sizes`` sentences (``lemmas``: every sentence's):
    whether its paragraph opens with an aside opener."""
    flags: list[bool] = []
    start = 0
    for size in sizes:
        first = lemmas[start] if start < len(lemmas) else ()
        flags += [bool(first) and first[0] in _ASIDE_OPENERS] * size
        start += size
    return flags


def _content_word(lemma: str) -> bool:
    return len(lemma) > 2 and not lemma.isdigit() and lemma not in _STOP


# Whether a lemma carries content (not a stop word, a number or a short word), decided once
# per lemma (bounded: storage/analysis/wordcache.py): ``filter`` then runs in C over a sentence.
CONTENT_LIMIT = 10_000
_CONTENT_WORDS = WordCache("summary.content", _content_word, CONTENT_LIMIT)


def _content(lemmas: Sequence[str]) -> frozenset[str]:
    # (a set of the lemmas first would cost more than the look-ups of their repeats)
    return frozenset(filter(_CONTENT_WORDS.__getitem__, lemmas))


def _balanced_quotes(text: str) -> bool:
    # Most sentences hold no quotes: a search for a mark (C, memchr) costs a fraction of
    # counting it, and a pair neither of whose marks is there is balanced.
    return (
        (("«" not in text and "»" not in text) or text.count("«") == text.count("»"))
        and (("“" not in text and "”" not in text) or text.count("“") == text.count("”"))
        and ('"' not in text or text.count('"') % 2 == 0)
        and ("„" not in text or text.count("„") <= text.count("“"))
    )


def eligible(text: str, words: int) -> bool:
    """A sentence that can stand alone in a summary."""
    if len(text) < _HEADING and not text.endswith(_TERMINAL):
        return False  # a heading: the page's headline again, a subheading, a caption
    return _shaped(text, words)


def _shaped(text: str, words: int) -> bool:
    """A sentence of a summary's length and shape (``eligible`` but for headings)."""
    if not 40 <= len(text) <= 400 or words < 6:
        return False
    if text[0].islower() or text[0] in "-—–,.;:)»”<[…":
        return False  # the tail of a quote or of a sentence broken elsewhere ("<…> Last year")
    if not _balanced_quotes(text):
        return False  # a fragment of a quotation split by the sentence splitter
    return not text.endswith((":", ",", ";"))


def _centrality(sets: list[frozenset[str]]) -> list[float]:
    """Weighted degree in the sentence graph, edges weighted by shared lemmas as in TextRank
    (Mihalcea & Tarau); on graphs this small PageRank orders sentences the same way."""
    n = len(sets)
    logs = [math.log(len(s) + 1) or 1.0 for s in sets]
    degree = [0.0] * n
    for i in range(n):
        si, li = sets[i], logs[i]
        # The row's shared counts in C loops; Python only weighs the pairs that share some.
        for j, shared in enumerate(map(len, map(si.intersection, sets[i + 1 :])), i + 1):
            if shared:
                w = shared / (li + logs[j])
                degree[i] += w
                degree[j] += w
    return degree


def _finish(text: str) -> str:
    """A lead written without its closing dot gets one, so sentences do not run together."""
    return text if text.endswith(_TERMINAL) else text + "."


def complete(text: str, words: int) -> bool:
    """A whole sentence, however short: capital first, a full stop last, quotes closed.

    The fallback when an article has fewer than two sentences ``eligible`` ones (short
    articles, list-heavy ones): SPEC wants two sentences where the article has them."""
    return (
        words >= 3
        and text[:1].isupper()
        and text.endswith((".", "!", "?", "…", ".»", ".”"))
        and _balanced_quotes(text)
    )


def _colour_quote(text: str, lemmas: Sequence[str]) -> bool:
    """A person's words quoted whole ("«Виноград и гранат путешествовали…», — отметил он")
    with no figure and no agreement in them: colour, not the news."""
    return (
        text[:1] in '«“"'
        and bool(_SPOKEN_RE.search(text))
        and not _FIGURE_RE.search(text)
        and not _AGREEMENT.intersection(lemmas)
    )


def summary_material(
    text: str,
    lemmas: Sequence[str],
    content: frozenset[str],
    title: frozenset[str],
    lead: bool = False,
    first: bool = False,
    marks: Sequence[str] = DEBRIS_MARKS,
) -> bool:
    """Whether a sentence may stand in a summary at all (see the module's docstring);
    ``content``: its content lemmas, ``title``: the title's; ``lead``: one of the lead's
    sentences (a visit there is the news; "этой страны" points inside it: "…встречу с
    делегацией Республики Узбекистан, которую возглавил советник премьер-министра этой
    страны"); ``first``: the lead's first, where a delegation's taking part is the news
    ("Rector…, as a member of the Penza Region delegation, took part in the IX conference")."""
    if (
        title
        and content
        and not title.isdisjoint(content)
        and len(content - title) <= len(content) // 10
    ):
        return False  # the title again (a long title repeated as the first sentence)
    if text[:1] in '«“"' and _colour_quote(text, lemmas):
        return False
    if not_the_text(text, marks):
        return False
    if _WATCHED.isdisjoint(lemmas):
        return True
    present = set(lemmas)
    if present & _NOT_SUMMARY_ANY or present & _BACK_REFERENCE:
        return False
    if len(lemmas) <= _ATTRIBUTION_ONLY and any(group <= present for group in _ATTRIBUTION):
        return False
    if not lead and any(group <= present for group in _VISITS):
        return False
    if not lead and _THIS in present and present & _PLACE_NOUNS and _this_place(lemmas):
        return False  # "этот регион": which one, the summary does not say
    if first and not _DELEGATION.isdisjoint(present):
        return True  # a delegation took part in a forum: in the lead, that is the news
    return not any(
        group <= present
        for key in present.intersection(_NOT_SUMMARY_BY_WORD)
        for group in _NOT_SUMMARY_BY_WORD[key]
    )


def _this_place(lemmas: Sequence[str]) -> bool:
    """Whether "этот" points at a place ("этого района", "в этом же регионе"): the place noun
    follows it within two words. Not "Этот шаг… Северо-Казахстанской области", "в эти дни
    пройдут… в Самаркандской области": there the place is named."""
    return any(
        word == _THIS and not _PLACE_NOUNS.isdisjoint(lemmas[at + 1 : at + 3])
        for at, word in enumerate(lemmas)
    )


def _clean(candidate: Candidate) -> Candidate:
    """The sentence without an English dateline left at its start."""
    match = _EN_DATELINE_RE.match(candidate.text)
    if not match:
        return candidate
    text = candidate.text[match.end() :]
    return Candidate(
        text[:1].upper() + text[1:], candidate.lemmas, candidate.evidence, candidate.aside
    )


# A sentence's last word is one of them when the sentence is one or ends with a space and one.
_CUT_ENDINGS = tuple(" " + word for word in sorted(_TITLE_ABBREVIATIONS))


def _cut_at_title(text: str) -> bool:
    """Whether the sentence ends with a title abbreviation (its last word, "St.")."""
    return text.endswith(_CUT_ENDINGS) or text in _TITLE_ABBREVIATIONS


def _mend(candidates: Sequence[Candidate]) -> Sequence[Candidate]:
    """The candidates with a sentence cut at a title abbreviation ("Maj. | Gen. Aliyev") whole."""
    texts = [c.text for c in candidates]
    # _cut_at_title over all of them in C loops (a Python call per sentence cost more)
    if _TITLE_ABBREVIATIONS.isdisjoint(texts) and not any(
        map(str.endswith, texts, repeat(_CUT_ENDINGS))
    ):
        return candidates
    out: list[Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        if prev and "A" <= cand.text[:1] <= "Z" and _cut_at_title(prev.text):
            out[-1] = Candidate(
                f"{prev.text} {cand.text}",
                (*prev.lemmas, *cand.lemmas),
                prev.evidence + cand.evidence,
                prev.aside,
            )
        else:
            out.append(cand)
    return out


def summarize(candidates: Sequence[Candidate], title: Sequence[str] = (), lead_at: int = 0) -> str:
    """Two or three sentences of ``candidates`` (article order), under ``LIMIT`` characters;
    ``title``: the title's lemmas (never repeated); ``lead_at``: where the wire's lead is (a
    standfirst may come before it)."""
    heading = _content(title)
    # Only the first sentence can open with a dateline.
    mended = _mend(candidates[:MAX_CANDIDATES])
    cleaned = [_clean(c) if i == 0 else c for i, c in enumerate(mended)]
    content_word = _CONTENT_WORDS.__getitem__  # _content inlined: 25 calls an article
    contents = [frozenset(filter(content_word, c.lemmas)) for c in cleaned]
    fit = [eligible(c.text, len(c.lemmas)) for c in cleaned]  # once: four uses below
    # The lead's sentences: the first two from ``lead_at`` that can stand alone; headings and
    # page debris before them ("UZS – 0,03%", "Поиск") do not push the lead out of the window.
    opening = [pos for pos in range(lead_at, len(cleaned)) if fit[pos]][:_LEAD_SENTENCES]
    leading = opening[-1] + 1 if opening else _LEAD_SENTENCES + lead_at
    first = opening[0] if opening else -1
    marks = debris_marks(c.text for c in cleaned)
    material = [
        (pos, c, content)
        for pos, (c, content) in enumerate(zip(cleaned, contents, strict=True))
        if summary_material(c.text, c.lemmas, content, heading, pos < leading, pos == first, marks)
    ]
    # The lead: the first sentence of the summary material that can stand alone (not a heading
    # or page debris before it: "Визит депутатов… в хокимият Ташкента", "Кабар/.").
    lead = next((c for pos, c, _ in material if pos >= lead_at and fit[pos]), None)
    # (the sentence's rank among the summary material, for the position prior; its position)
    pool = [(k, pos, c, content) for k, (pos, c, content) in enumerate(material) if fit[pos]]
    if len(pool) < 2:
        pool = [
            (k, pos, c, _content(c.lemmas))
            for k, (pos, c, _) in enumerate(material)
            if _shaped(c.text, len(c.lemmas)) or complete(c.text, len(c.lemmas))
        ]
    if not pool:
        return ""
    ranks = _centrality([s for *_, s in pool])
    top = max(ranks) or 1.0
    scored: list[tuple[float, int, Candidate, frozenset[str]]] = []
    for (idx, pos, cand, content), rank in zip(pool, ranks, strict=True):
        score = rank / top + 0.6 / (1 + 0.5 * idx) + (_LEAD_BONUS if cand is lead else 0.0)
        if _FIGURE_RE.search(cand.text):
            score += 0.3
        if _AGREEMENT & content:
            score += 0.3
        score += _EVIDENCE_BONUS * min(cand.evidence, 3)
        if cand.lemmas and cand.lemmas[0] in _ANAPHORIC:
            score -= _ANAPHORA_PENALTY
        scored.append((score, pos, cand, content))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen = _choose(scored, first, standalone=True) or _choose(scored, first, standalone=False)
    return " ".join(text for _, text, _ in chosen)


def _choose(
    scored: Sequence[tuple[float, int, Candidate, frozenset[str]]],
    first: int,
    *,
    standalone: bool,
) -> list[tuple[int, str, frozenset[str]]]:
    """The best sentences of ``scored`` (score, article position, sentence, content lemmas;
    best first) that fit the limit, in article order. ``standalone``: a sentence that points
    back waits until the sentence before it in the article is taken, and is then taken next if
    it fits ("…вложит 40 млн долларов. Кроме того, в Казани пройдут стажировку…"); ``first``:
    the lead's position (an event named there is the title's)."""
    chosen: list[tuple[int, str, frozenset[str]]] = []
    waiting: dict[int, tuple[Candidate, frozenset[str]]] = {}  # by the position it follows
    queue = [(pos, cand, content) for _, pos, cand, content in scored if not cand.aside]
    # (an aside is ranked with the rest, for it shares their words, and never chosen)
    while queue and len(chosen) < MAX_SENTENCES:
        pos, cand, content = queue.pop(0)
        alone = not any(at == pos - 1 for at, _, _ in chosen)
        back = _POINTS_BACK_RE.match(cand.text) or (pos > first and _EVENT_BACK_RE.match(cand.text))
        if standalone and alone and back:
            waiting[pos - 1] = (cand, content)
            continue
        if _fits(chosen, cand.text, content):
            chosen.append((pos, _finish(cand.text), content))
            if pos in waiting:  # the sentence that follows it and needs it comes next
                queue.insert(0, (pos + 1, *waiting.pop(pos)))
    chosen.sort(key=lambda item: item[0])
    return chosen


def _fits(
    chosen: Sequence[tuple[int, str, frozenset[str]]], text: str, content: frozenset[str]
) -> bool:
    """Whether a sentence still fits the limit and says something the chosen ones do not."""
    # the chosen ones, the spaces between them and this one
    if sum(len(t) for _, t, _ in chosen) + len(chosen) + len(_finish(text)) >= LIMIT:
        return False
    return all(_overlap(content, other) < _NEAR_DUPLICATE for _, _, other in chosen)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the smaller sentence the other one already says."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
