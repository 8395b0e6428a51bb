"""The analysis of one article (SPEC: Understanding an article): pure, no I/O beyond data files.

Used by ingestion and by ``python -m bot analyze``. ``fingerprint()`` names the code version and
the data (topic vocabulary, gazetteer) so the store knows when articles need re-tagging.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from functools import cache
from itertools import accumulate, chain

from storage.analysis import morph
from storage.analysis.clean import CleanArticle, clean_article
from storage.analysis.dates import article_date
from storage.analysis.figures import find_figures
from storage.analysis.gazetteer import load_gazetteer, split_words
from storage.analysis.model import Analysis
from storage.analysis.relevance import is_relevant
from storage.analysis.relevance import vocabulary_bytes as relevance_bytes
from storage.analysis.roles import Sentences, Zones, assign_roles
from storage.analysis.summary import MAX_CANDIDATES, Candidate, aside_paragraphs, summarize
from storage.analysis.topics import detect_topics, headed, sentences_evidence, vocabulary_bytes

# Bump on any change to the analysis code that can change its output.
# 5: topics by weight (main first, English), relevance, region roles.
# 6: areas after a frame ("в сферах X и Y"), a phrase speaks for its words ("wind farm").
# 7: the third tuning batch's vocabulary (sector words, processing, English wording).
# 8: a supply of goods from one side to the other is trade.
# 9: phrases with a gap ("train 60 Tajik engineers"), training of professionals is education,
#    road repairs transport, accidents and traffic notices pass by.
# 10: long articles: background figures and "earlier" sentences of the body pass by; crops are
#     no culture, degrees of temperature no education, "important" no "import"; rosters of who
#     took part, what a region is ("один из крупнейших"), accidents, disasters, elections
#     and races pass by; electricity supplied is energy, a tourist route tourism; a long
#     article's topic under 0.12 of the main one's weight, unsigned by title, lead or list, goes.
# 11: a body paragraph opening "Ранее" / "Напомним" / "Earlier" (an older story) is never
#     chosen for the summary.
# 12: goods only named in what is traded or carried count no topic of their own; an aside's
#     whole paragraph passes by; stop phrases ("Belt and Road", "физическая культура");
#     price rises and floods are local news; the main topic is the first the title names,
#     else the first the text names; sector words of real news (labelling conventions).
# 13: roles by kind of passing name (a route's ends, a venue, a transit, a distance, a source);
#     sides acting together in a body sentence are parties; relevance counts a country beyond
#     the seven as a side; gazetteer: English lists before "regions", twins by context.
#     Topics: sector words by class (both languages); a list closing with "и других
#     областях"; an agreement's subject ("протокол о пунктах пропуска") names an area, also
#     where a visit takes place; what one side is or tells of its potential passes by; a
#     title's investor comes after the plant; a product's description is no area.
# 14: topics: a long article's topic only goods name goes; a region's portrait passes by in
#     short articles too; pharmaceuticals, bus and battery plants are industry; fires, floods,
#     mudflows, dismissals are local news unless joint action; a sentence naming cooperation
#     never passes by; Latin words in a Russian sentence are names; "environment" a hint;
#     "fruitful" no fruit; space's English words; an exhibition's kind is its name.
#     Roles: a region in a Latin company name is a mention, one that ships or buys goods a
#     side, agreements already made background; "в г. Атырау" a venue; donated aid is
#     cooperation; transliterated oblast adjectives ("Amurskaya region"), routes of towns.
# 15: a page's date stamp glued before the headline ("2025-10-26 Пожар…") is the date, not
#     part of the title.
# 16: an article that is not about cooperation keeps only its main topic (one side's harvest
#     is agriculture, not the trade and transport its crop goes to).
# 17: the page's chrome above the headline (a one-word rubric, currency rates, "Войти в
#     почту", a breadcrumb trail, a menu in capitals, a dated byline) is no title.
# 18: a clock time's zone ("14:00 по Москве", "10.30 по Астане") is no place.
# 19: names a plural region noun introduces behind a dash, a colon or a bracket ("provinces -
#     Akhal, Balkan, Lebap and Mary") are each "<name> province".
# 20: a page's e-mail contacts are debris; a date stamp before the lead is the date; wishes
#     ("Желаем коллегам плодотворной работы!") are no summary material.
# 21: aid given after a disaster is cooperation: with a word of giving ("гуманитарная помощь",
#     "donated"), the disaster's words are no local news.
# 22: a standfirst above the wire's dateline gives way to the dateline's paragraph as the
#     summary's lead; "Mr." / "Dr." before a name is no dateline, a dotted date ("Бишкек,
#     10.10.24. /Кабар/.") or an apostrophe ("XI'AN. KAZINFORM –") hides none; a toolbar's
#     "Комментарии" above the text no longer cuts it all; "Sept. 11" ends no sentence;
#     "hospitality" no longer makes hospitals greetings; captions ("Caption: …"), bylines with
#     a date and no colon, a credit run into a paragraph ("Photo: OTV. The forum…") are debris.
#     English datelines with the month first and a country ("BISHKEK, Kyrgyzstan, April 25.");
#     a date stamp closed by a dot ("2018-11-08. PAVLODAR. …"); Xinhua's captions ("This
#     picture, taken on …, shows") are no sentences of the text; an agency in brackets
#     ("BISHKEK (TCA) —", "(Trend News Agency) The…") and "4 июня, 2012" close a dateline.
# 23: topics tuned on tuning17/20/21: hints alone (tour, hotel, joint venture) no topic;
#     agencies', bureaus', faculties', forums', departments' names and English visit
#     programmes pass by; goods by sector or tonnes are trade's; petro- and gas chemistry
#     industry; trade relations/partners name trade; staff training education; bad weather,
#     dam bursts and replaced officials local news.
# 24: topics tuned on tuning14/15/16: a delegation's make-up, what guests saw or are given,
#     a company after ООО/LLC, inspectorates and customs offices, headline digests, a crop's
#     place in exports pass by; "localize production" is no local product; rice, medical
#     goods, garments are goods; water use ecology, spring field work farming, space, a
#     production base, a route's first train name their topics.
# 25: page chrome above the headline also: a bare domain ("mfa.gov.kg"), "Go to the main
#     site", "Сюжет: COVID-19", a day in two calendars; chrome above text with no headline
#     goes too (the text's first sentence is the title); English possessives ("delegation's")
#     take the word's lemma.
# 26: regions and roles tuned on tuning14-17/20/21: spellings (Akhalsky region, Karagandy),
#     names that are no place (Ferghana Valley, Aral Sea, a given name before a patronymic),
#     Liaoning's and Hebei's cities, twins by context; datelines, captions, an embassy's
#     seat, an event's or exhibition's venue, a visited capital, a home town and standing
#     partners listed after "с"/"with" are mentions; a capital stands for its country.
# 27: tuning23/24 (tuneE's vocabulary; tuneD's relevance and roles): a consulate opened is a
#     tie, a border queue the crossing's own news, topics count for relevance with more than
#     one word of cooperation; a consular district's regions, a venue of talks, an office's
#     seat, "companies from Shanghai" are mentions; "NUR-SULTAN –", "XI'AN:" are datelines.
#     A ticker of the site's other headlines ("СЕГОДНЯ НА САЙТЕ: …") is no title.
# 28: tuning26 (tuneG): appointments are local news; a compound adjective's parts count for
#     relevance; "Ранее"/"Earlier" opens another story in short articles too; checkpoints,
#     rail services, assembly lines, supplies of equipment name their topics. Datelines closed
#     by an outlet and a colon ("Tashkent, The Gulf Observer:"); bylines "By X - Trend:".
# 29: tuning25 (tuneF): a twin name with nothing beside it takes the country whose other
#     regions the text names; an award's place ("орден Достык") is no place; a ministry's name
#     ends where "cooperation in" begins; "aimed at" frames an agreement's areas; "new energy
#     vehicles", "business cooperation", a director's post name no topic.
# 30: tuning27 (session 8): a district followed by its country in the genitive ("в Исфаринском
#     районе Таджикистана") is the district; "Peterburg" without the "s".
# 31: arrival data (learnK): two regions of one country are one side for relevance (they
#     need ALONE's words of cooperation).
# 32: tuning27/28 (tuneH): one side's own news keeps its main topic only when the title or the
#     lead names it; "fairly" is no fair, "good" no goods; "X and Y Minister" is a post;
#     agricultural raw materials exported are goods; the tourism industry is tourism;
#     "пригородный" alone a hint; a leader's way from the airport is protocol.
# 33: tuning29/30 (tuneI): a region's portrait (its main industries, "known as", a ranking, a
#     centre of a branch), a place's past and an official's career pass by; gas transport is
#     energy; "non-energy" names no energy; rockfall and avalanche titles are local news;
#     Navruz is culture; clothes exported are goods; a border clash is local news; a road
#     closed passes by.
# 34: 32 and 33 together (merged the same hour).
# 35: writer9: summaries of sentences that stand alone (main bumped it without a note).
# 36: regions9: a village named before another region's district is that district's (Russian
#     and English forms); Bishkek's Sverdlovsky district, Guliston, Dangara district twins;
#     "<place> news/times/park" names no place; English possessives of every Latin name; a
#     surname after a dictionary given name in any case; spellings the data lacked (Chinese
#     and Russian towns in English, Uzbek, Tajik, Turkmen districts); bare English "Alat" is
#     Azerbaijan's. Roles: a crossing's two sides are no route; "вслед за" lists earlier
#     partners; a firm's name may hold its province in brackets.
# 37: speed9 and the summaries' back-pointers, merged at session 9's end.
# 38: session 10: regions10/10b (variant spellings by a transliteration key and rapidfuzz,
#     hyphenated names split at a region's name, lists past brackets, sites' domains no
#     place), relevance10 (intergovernmental commissions, flights, ties closed, two sides
#     meeting), topics P/R10 (goods by their branch, kinship, company and ministry names,
#     sector words the vocabulary lacked, list fillers), summary10 (headings, rosters,
#     the lead's window), roles10 (flights, rosters, former posts, checkpoints, guest
#     events, heads of regions meeting).
# 39: summary10b (captions, rosters inside a sentence, a sentence cut at "Maj. Gen." rejoined,
#     "The meeting was held…" waits for its event), merged after 38 was on main.
# 40: a two-word area whose first word opens no phrase ("агропромышленный комплекс", "health
#     care") ends a list of areas again (same output on the 3,661 labelled and bench texts).
# 41: roles11 (a capital a traveller arrives in, the other country's side named once in the
#     body beside a known side, capitals as seats, a road built between two countries, twin
#     capitals): roles change on 95 of the 3,661 labelled and bench texts.
# 42: roles11b (hosts of a region's days in the head, a venue the head says hosts an event, no
#     counterpart after "из"/"from"/"left", a closed-up dateline dash, roads named after places).
# 43: roles12 (a joint project's site, a capital a traveller arrives in anywhere in the sentence,
#     a signature's place and date, a train the title tells of, regions presented, what is built
#     before a venue's place): roles change.
# 44: topicsG merged with roles12 (the Silk Road is no road, livestock straying over a border is
#     no farming, a long article's area one sentence alone names passes by under 0.125 of the
#     main topic, passing sentences count a fifth): topics change too.
# 45: a branch word right before a word for goods names goods again ("сельскохозяйственные и
#     промышленные товары" only traded): topics change on 1 of the 3,661 texts.
ANALYSIS_VERSION = "45"


@cache
def fingerprint() -> str:
    """Identifies the analysis (code version + data files); a change means re-tag everything."""
    digest = hashlib.sha256()
    digest.update(ANALYSIS_VERSION.encode())
    digest.update(b"\0topics\0")
    digest.update(vocabulary_bytes())
    digest.update(b"\0relevance\0")
    digest.update(relevance_bytes())
    digest.update(b"\0gazetteer\0")
    digest.update(load_gazetteer().digest().encode())
    return digest.hexdigest()


# The same words as morph.tokenize (letters and digits joined by inner hyphens or apostrophes)
# in a form sre scans twice as fast; "\w" also takes "_", so text with one goes the usual way.
_FAST_WORD_RE = re.compile(r"\w++(?:[-'’‘ʻʼ]\w++)*+")


def _lemmatise(sentence: str) -> list[str]:
    words = morph.tokenize(sentence) if "_" in sentence else _FAST_WORD_RE.findall(sentence)
    return list(map(morph.lemma, words))


def _place_text(article: CleanArticle, body: str) -> str:
    """What the region matcher reads: the dateline's city names a place too."""
    city = article.dateline.city if article.dateline else ""
    return "\n".join((article.title, article.lead, city, body))


class _Words:
    """The words of the place text with where each begins, split once for the region matcher
    and the lemmas. The title and the body are in it as they are (the body is its sentences
    joined by spaces and blank lines), and a word never spans white space, so the words of a
    sentence are those that begin inside it."""

    def __init__(self, parts: list[str]) -> None:
        self.words = parts[1::2]
        # Word k begins where the gap before it ends; the last entry is the text's length.
        self.starts = list(accumulate(map(len, parts)))[0::2]
        # Every word's lemma in one pass: a sentence's lemmas are then a slice of them.
        self.all_lemmas = list(map(morph.lemma, self.words))

    def lemmas(self, start: int, end: int) -> list[str]:
        """Lemmas of the words that begin in text[start:end]."""
        lo = bisect_left(self.starts, start)
        return self.all_lemmas[lo : bisect_left(self.starts, end, lo)]


def _body_lemmas(
    words: _Words, offset: int, article: CleanArticle
) -> tuple[list[list[str]], list[int]]:
    """Lemmas of every body sentence and where each starts; the body begins at ``offset`` of
    the place text."""
    out: list[list[str]] = []
    starts: list[int] = []
    pos = offset
    for para in article.paragraphs:
        for sent in para:
            starts.append(pos)
            out.append(words.lemmas(pos, pos + len(sent)))
            pos += len(sent) + 1  # the space after a sentence
        pos += 1  # paragraphs are joined by two newlines: one more than sentences
    return out, starts


def _lead_lemmas(words: _Words, article: CleanArticle) -> list[list[str]]:
    """Lemmas of every lead sentence. They are cut and unglued apart from the lead as printed
    (the place text's): one found there whole between spaces takes the place text's words,
    any other is split on its own."""
    lead = article.lead
    offset = len(article.title) + 1  # the lead follows the title's line (see _place_text)
    out: list[list[str]] = []
    pos = 0
    for sent in article.lead_sentences:
        at = lead.find(sent, pos)
        end = at + len(sent)
        if at < 0 or lead[at - 1 : at].strip() or lead[end : end + 1].strip():
            out.append(_lemmatise(sent))
            continue
        out.append(words.lemmas(offset + at, offset + end))
        pos = end
    return out


def _wire_lead(
    article: CleanArticle, lead: list[list[str]], body: list[list[str]]
) -> tuple[list[list[str]], list[list[str]]]:
    """(lead, body) sentences; without a separate lead the first paragraph (the one after
    the dateline) is the wire's lead and weighs as one."""
    if not lead and article.paragraphs:
        first = len(article.paragraphs[0])
        return body[:first], body[first:]
    return lead, body


def _openers(article: CleanArticle, body_part: list[list[str]]) -> frozenset[int]:
    """The numbers of the sentences of ``body_part`` (the body after the wire's lead) that
    open a paragraph."""
    starts = list(accumulate((len(p) for p in article.paragraphs), initial=0))[:-1]
    skipped = sum(map(len, article.paragraphs)) - len(body_part)
    return frozenset(s - skipped for s in starts if s >= skipped)


def _zones(article: CleanArticle, body_offset: int) -> Zones:
    """Where title, lead and dateline city are in the place text (see _place_text)."""
    title_end = len(article.title)
    lead_start = title_end + 1
    lead_end = lead_start + len(article.lead)
    city_start = lead_end + 1
    city_end = city_start + (len(article.dateline.city) if article.dateline else 0)
    if not article.lead and article.paragraphs:
        lead_start = body_offset
        lead_end = body_offset + len(" ".join(article.paragraphs[0]))
    return Zones(title_end, lead_start, lead_end, city_start, city_end)


def analyze(text: str, *, today: dt.date | None = None) -> Analysis:
    """Understand one raw article file's text; ``today`` is the day of ingestion."""
    today = today or dt.date.today()
    article = clean_article(text)
    body = article.body  # joined once: a property that builds the string on every call

    lead_sents = article.lead_sentences
    body_sents = [s for para in article.paragraphs for s in para]
    place = _place_text(article, body)
    parts = split_words(place)
    words = _Words(parts)
    # The title is one unit (it rarely holds two sentences and needs no splitting).
    title_lemmas = [words.lemmas(0, len(article.title))] if article.title else []
    lead_lemmas = _lead_lemmas(words, article)
    body_lemmas, body_starts = _body_lemmas(words, len(place) - len(body), article)

    dateline = article.dateline.text if article.dateline else ""
    found, countries, spots, named = load_gazetteer().find_spots(place, parts, words.starts)
    zones = _zones(article, len(place) - len(body))
    # The title's and the lead's lemmas for the role rules: the words up to the lead's end
    # (a word never spans the line break or the blank line that ends it).
    head = words.lemmas(0, zones.lead_end)
    regions, firms = assign_roles(
        found, spots, place, zones, Sentences(body_starts, body_lemmas, head), countries
    )
    lead_part, body_part = _wire_lead(article, lead_lemmas, body_lemmas)
    topics = detect_topics(title_lemmas, lead_part, body_part, _openers(article, body_part))
    # The summary reads the first MAX_CANDIDATES sentences only.
    asides = aside_paragraphs([len(p) for p in article.paragraphs], body_lemmas)
    candidate_lemmas = [*lead_lemmas, *body_lemmas][:MAX_CANDIDATES]
    candidates = list(
        map(
            Candidate,
            [*lead_sents, *body_sents][:MAX_CANDIDATES],
            candidate_lemmas,
            sentences_evidence(candidate_lemmas),
            [*([False] * len(lead_sents)), *asides][:MAX_CANDIDATES],
        )
    )
    # A standfirst above the wire's dateline mostly says again what the dateline's paragraph
    # says with who, where and when: that paragraph is the wire's own lead (readers' picks).
    lead_at = len(lead_sents) if article.dateline and lead_sents else 0
    # The sides relevance counts: countries named as such and those of the parties (a city
    # named in passing, "приглашения в Новосибирск и Алматы", makes no second side; a company
    # whose name holds a region does: "Xinjiang Lihua (Group) Co.").
    sides = tuple(named | {r.country for r in regions if r.role == "party" or r.code in firms})
    full_text = "\n".join((article.lead, body))
    relevant = is_relevant([*title_lemmas, *lead_part], body_part, regions, sides, topics)
    if not relevant:
        # One side's own news is about one thing (a harvest, a road, a fire): the trade its
        # cotton goes to or the trucks that carry it are no subject of it (labelling
        # conventions: relevance; a local article keeps the topic it is about).
        # tuneH: and only when its title or lead names it (tuned parts: 14 such topics wrong,
        # 5 right).
        topics = topics[:1] if topics and headed(title_lemmas, lead_part, topics[0]) else ()
    return Analysis(
        title=article.title,
        lead=article.lead,
        body=body,
        date=article_date(article.header, dateline, today),
        url=article.url,
        regions=tuple(regions),
        countries=tuple(sorted(countries)),
        topics=topics,
        summary=summarize(candidates, title_lemmas[0] if title_lemmas else (), lead_at),
        figures=find_figures(full_text),
        lemmas=" ".join(chain.from_iterable((*title_lemmas, *lead_lemmas, *body_lemmas))),
        relevant=relevant,
    )
