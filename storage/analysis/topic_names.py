"""Topic names for the bot: the list, names and hashtags, what a reader's query means, and
"did you mean" suggestions, all from the vocabulary in ``data/topics.toml``."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from storage.analysis import morph
from storage.analysis.topic_vocabulary import load_vocabulary


def all_topics() -> list[tuple[str, str, str]]:
    """Every topic as (slug, Russian name, English name), in the vocabulary's order."""
    return [(t.slug, t.ru, t.en) for t in load_vocabulary().topics]


def topic_name(slug: str, lang: str = "ru") -> str:
    """The topic's name in Russian (default) or English; the slug itself if unknown."""
    for topic in load_vocabulary().topics:
        if topic.slug == slug:
            return topic.en if lang == "en" else topic.ru
    return slug


def topic_hashtag(slug: str) -> str:
    """The topic's hashtag, readable and searchable: ``#сельское_хозяйство``, ``#транспорт``."""
    for topic in load_vocabulary().topics:
        if topic.slug == slug:
            return "#" + (topic.hashtag or "_".join(topic.ru.split()))
    return "#" + slug


def resolve_topic(query: str) -> str | None:
    """The slug a reader means: Russian or English name, any word form, or a telling word."""
    vocab = load_vocabulary()
    words = morph.tokenize(query.strip().lstrip("#"))
    if not words or len(words) > 6:
        return None
    exact = vocab.aliases.get(tuple(morph.lemma(w) for w in words))
    if exact:
        return exact
    if len(words) == 1:
        for lemma in morph.lemmas(words[0]):
            if (lemma,) in vocab.aliases:
                return vocab.aliases[(lemma,)]
    return None


def suggest_topics(query: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` slugs whose names are nearest to ``query`` (for "did you mean")."""
    vocab = load_vocabulary()
    text = morph.fold(query.strip().lstrip("#"))
    if not text:
        return []
    names = [morph.fold(name) for name, _ in vocab.fuzzy_pool]
    found: list[str] = []
    for _, score, idx in process.extract(text, names, scorer=fuzz.WRatio, limit=len(names)):
        slug = vocab.fuzzy_pool[idx][1]
        if score >= 50 and slug not in found:
            found.append(slug)
        if len(found) == limit:
            break
    return found
