"""A labelled set for near-duplicate detection, written for this project (no real article).

Each *story* is a set of facts (two places, an organisation, an event, a product, an amount, a
month and a quote). ``render(story, variant)`` writes it as a news item; the variants differ in
title, word order and wording (synonyms, other case forms, sentences reordered, a different
closing paragraph), as two agencies would write the same news. Pairs:

- *same*: one story rendered by two variants (an agency rewording another's report);
- *different*: two stories about the SAME pair of places, often on the same topic and with the
  same closing boilerplate (the hard case: they must not merge).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PLACES = [
    ("Алматы", "Алматы", "Ташкент", "Ташкенте", "Ташкента"),
    ("Шымкент", "Шымкенте", "Самарканд", "Самарканде", "Самарканда"),
    ("Костанай", "Костанае", "Челябинск", "Челябинске", "Челябинска"),
    ("Актобе", "Актобе", "Оренбург", "Оренбурге", "Оренбурга"),
    ("Тараз", "Таразе", "Бишкек", "Бишкеке", "Бишкека"),
    ("Петропавловск", "Петропавловске", "Омск", "Омске", "Омска"),
    ("Павлодар", "Павлодаре", "Новосибирск", "Новосибирске", "Новосибирска"),
    ("Атырау", "Атырау", "Астрахань", "Астрахани", "Астрахани"),
    ("Туркестан", "Туркестане", "Бухара", "Бухаре", "Бухары"),
    ("Усть-Каменогорск", "Усть-Каменогорске", "Барнаул", "Барнауле", "Барнаула"),
]
ORGS = [
    "«Степной агрокомплекс»",
    "«Тюльпан Логистик»",
    "«Восток Цемент»",
    "«Жетысу Текстиль»",
    "«Сырдарья Энерго»",
    "«Алтын Дала»",
    "«Каспий Транзит»",
    "«Зерновая компания Север»",
    "«Медприбор Азия»",
    "«Самал Тур»",
    "«Урал Металл Сервис»",
    "«Ферганские сады»",
]
MONTHS = ["январе", "феврале", "марте", "апреле", "мае", "июне", "сентябре", "октябре", "ноябре"]
SURNAMES = ["Ахметов", "Юсупов", "Карпов", "Садыков", "Ермеков", "Рахимов", "Ильин", "Нуриев"]
# Fact sentences: a story picks several; {a}/{a_in} and {b}/{b_in}/{b_of} are its places.
FACTS = [
    "Компания {org} подписала соглашение о поставке {n} тысяч тонн {product} из {a} в {b}.",
    "Стоимость проекта оценивается в {m} млн долларов, строительство начнётся в {month}.",
    "Об этом сообщил заместитель акима {official} на встрече делегаций в {b_in}.",
    "На новом предприятии будет создано {jobs} рабочих мест для жителей области.",
    "Первая партия {product} будет отправлена по железной дороге уже в {month}.",
    "Партнёры планируют увеличить взаимный товарооборот на {pct} процентов к концу года.",
    "В проекте участвует банк развития, который выделит кредит на {m} млн долларов.",
    "Стороны обсудили открытие торгового дома {org} в {b_in}.",
    "Выставка продукции производителей из {a} пройдёт в {b_in} в {month}.",
    "Для перевозчиков упростят прохождение пограничного контроля на пункте пропуска.",
    "Губернатор {official} пригласил инвесторов из {a} на экономический форум.",
    "Туроператоры запустят {n} новых маршрутов для путешественников из {b_of}.",
    "Авиакомпания откроет прямой рейс между {a} и {b}, полёты будут {freq} раза в неделю.",
    "Университеты двух городов договорились об обмене {jobs} студентами и преподавателями.",
    "Местные фермеры получат семена и технику по льготной цене от компании {org}.",
    "Энергетики построят подстанцию мощностью {n} мегаватт на границе регионов.",
    "Клиника в {b_in} примет на лечение {jobs} детей из {a} по квоте.",
    "Заводу {org} передадут участок площадью {n} гектаров в индустриальной зоне.",
    "Экспорт {product} из {b_of} за полгода вырос в {freq} раза.",
    "Таможенники запустят электронную очередь для грузовиков с {product}.",
]
PRODUCTS = [
    "пшеницы",
    "хлопка",
    "цемента",
    "сушёных абрикосов",
    "удобрений",
    "мяса",
    "угля",
    "шерсти",
]
# How a second agency rewords: synonyms and other forms of the same facts.
REWORDINGS = [
    ("Компания", "Предприятие"),
    ("подписала соглашение о поставке", "заключило договор на поставку"),
    ("Стоимость проекта оценивается в", "Проект обойдётся в"),
    ("млн долларов", "миллионов долларов США"),
    ("строительство начнётся", "стройка стартует"),
    ("Об этом сообщил", "Как рассказал"),
    ("будет создано", "появится"),
    ("будет отправлена", "отправится"),
    ("планируют увеличить", "намерены нарастить"),
    ("обсудили открытие", "договорились открыть"),
    ("пройдёт в", "состоится в"),
    ("упростят", "облегчат"),
    ("пригласил", "позвал"),
    ("запустят", "откроют"),
    ("договорились об обмене", "подписали меморандум об обмене"),
    ("получат", "смогут приобрести"),
    ("построят", "возведут"),
    ("примет на лечение", "бесплатно пролечит"),
    ("передадут", "выделят"),
    ("вырос в", "увеличился в"),
    ("запустят электронную очередь", "введут онлайн-очередь"),
]
TITLES = [
    "{a} и {b} договорились о сотрудничестве",
    "{b} и {a}: новые совместные проекты",
    "Делегация {b_of} посетила {a}",
    "Регионы {a} и {b} расширяют связи",
]
BOILERPLATE = [
    "Ранее стороны обсудили расширение торгово-экономического сотрудничества.",
    "Напомним, в прошлом году товарооборот между регионами заметно вырос.",
    "Стороны также договорились продолжить работу в рамках межрегионального форума.",
    "Власти регионов отмечают высокий интерес бизнеса к совместным проектам.",
]


@dataclass(frozen=True)
class Story:
    places: tuple[str, str, str, str, str]
    facts: tuple[str, ...]  # sentences with the slots filled


def make_story(rng: random.Random, places: tuple[str, str, str, str, str]) -> Story:
    a, a_in, b, b_in, b_of = places
    slots = {
        "a": a,
        "a_in": a_in,
        "b": b,
        "b_in": b_in,
        "b_of": b_of,
        "org": rng.choice(ORGS),
        "product": rng.choice(PRODUCTS),
        "month": rng.choice(MONTHS),
        "official": rng.choice(SURNAMES),
        "n": rng.randint(3, 900),
        "m": rng.randint(3, 480),
        "jobs": rng.randint(20, 900),
        "pct": rng.randint(5, 60),
        "freq": rng.randint(2, 5),
    }
    chosen = rng.sample(FACTS, rng.randint(4, 6))
    return Story(places=places, facts=tuple(f.format(**slots) for f in chosen))


def render(story: Story, variant: int, rng: random.Random) -> str:
    """The story as one agency writes it: a title line, then paragraphs. Variant 0 is the
    first report; variant 1 a rewrite: other title, synonyms, facts reordered, one dropped."""
    a, _, b, _, b_of = story.places
    sentences = list(story.facts)
    if variant:
        sentences = [_reword(s) for s in sentences]
        rng.shuffle(sentences)
        sentences.pop(rng.randrange(len(sentences)))
    title = rng.choice(TITLES).format(a=a, b=b, b_of=b_of)
    sentences.append(rng.choice(BOILERPLATE))
    return title + "\n\n" + "\n\n".join(sentences)


def _reword(sentence: str) -> str:
    for old, new in REWORDINGS:
        sentence = sentence.replace(old, new)
    return sentence


def labelled_pairs(count: int = 60, seed: int = 12) -> list[tuple[str, str, bool]]:
    """``count`` same-story pairs and ``count`` different-story pairs (same places)."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str, bool]] = []
    for i in range(count):
        places = PLACES[i % len(PLACES)]
        story = make_story(rng, places)
        pairs.append((render(story, 0, rng), render(story, 1, rng), True))
        other = make_story(rng, places)
        pairs.append((render(story, rng.randint(0, 1), rng), render(other, 0, rng), False))
    return pairs


def corpus(size: int, seed: int = 99) -> list[str]:
    """``size`` distinct stories (for timing a look-up against a full index)."""
    rng = random.Random(seed)
    return [
        render(make_story(rng, rng.choice(PLACES)), rng.randint(0, 1), rng) for _ in range(size)
    ]
