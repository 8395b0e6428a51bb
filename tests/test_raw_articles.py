"""Raw wire and scraper files in formats the seeds do not show (tests/data/raw/).

Every expectation is read off the file by hand: the title, the date by SPEC's rule (a date the
file states wins; else the dateline's day and month in the latest year not after ingestion),
the source URL, every sentence of the article kept exactly once in lead + body with the debris
gone, and the summary rules (2-3 whole sentences of the article, in order, under 600 chars).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.model import Analysis

RAW = Path(__file__).resolve().parent / "data" / "raw"
TODAY = dt.date(2026, 3, 20)  # the day of ingestion for undated datelines


@dataclass(frozen=True)
class Expect:
    title: str
    date: dt.date | None
    url: str | None
    sentences: tuple[str, ...]  # every sentence (or list item) of lead + body, in order
    debris: tuple[str, ...] = ()  # strings that must appear nowhere in lead, body or summary
    lead: str | None = None  # checked only when given


CASES: dict[str, Expect] = {
    "r01_kazinform_header_block.txt": Expect(
        title="Костанайская и Челябинская области договорились о поставках зерна",
        date=dt.date(2024, 3, 12),
        url=None,
        sentences=(
            "Аграрии двух регионов подписали меморандум о поставках 200 тысяч тонн пшеницы.",
            "Меморандум подписали в ходе рабочей встречи в Костанае.",
            "Документ предусматривает поставки зерна по железной дороге через станцию Тобол.",
            "Стороны также обсудили создание совместного элеватора на границе двух областей.",
            "«Мы рассчитываем, что объем поставок вырастет вдвое уже в следующем году», – "
            "сказал аким Костанайской области.",
        ),
        debris=("Дата публикации", "14:35", "Автор", "Айгерим", "Теги", "Kazinform", "КОСТАНАЙ"),
    ),
    "r02_akipress_published.txt": Expect(
        title="Чуйская и Жамбылская области откроют новый пункт пропуска",
        date=dt.date(2024, 2, 5),
        url=None,
        sentences=(
            "Кыргызстан и Казахстан договорились открыть новый пункт пропуска на границе "
            "Чуйской и Жамбылской областей.",
            "Об этом сообщила пресс-служба правительства.",
            "Новый пункт будет пропускать до 2 тыс. грузовиков в сутки.",
            "Строительство планируется завершить до конца 2025 года.",
        ),
        debris=("Опубликовано", "10:15", "АКИpress", "Поделиться", "Facebook", "WhatsApp"),
    ),
    "r03_caps_title_iso.txt": Expect(
        title="КАЗАХСТАН И КИТАЙ ОТКРОЮТ НОВЫЙ ГРУЗОВОЙ ТЕРМИНАЛ В ХОРГОСЕ",
        date=dt.date(2024, 3, 12),
        url=None,
        sentences=(
            "Казахстан и Китай построят новый грузовой терминал в международном центре "
            "приграничного сотрудничества «Хоргос».",
            "Соглашение подписали представители Синьцзян-Уйгурского автономного района и "
            "области Жетысу.",
            "Мощность терминала составит 5 млн тонн грузов в год.",
            "Инвестиции в проект оцениваются в $120 млн.",
        ),
        debris=("2024-03-12", "АСТАНА", "Kazinform"),
    ),
    "r04_title_period_wordy_date.txt": Expect(
        title="Туркестан и Самарканд обменяются туристическими делегациями",
        date=dt.date(2024, 3, 12),
        url=None,
        sentences=(
            "Туркестанская область и Самаркандская область Узбекистана запускают программу "
            "обмена туристическими группами.",
            "Первая группа из 40 туристов отправится в Самарканд уже в апреле.",
            "По словам организаторов, маршрут включает посещение мавзолея Ходжи Ахмеда Ясави "
            "и площади Регистан.",
        ),
        debris=("2024 г", "Фото", "пресс-служба акимата"),
    ),
    "r05_source_top.txt": Expect(
        title="Павлодарская и Омская области объединят энергосистемы",
        date=dt.date(2024, 3, 14),
        url="https://kapital.kz/economic/124567/pavlodar-omsk-energetika.html",
        sentences=(
            "Энергетики Павлодарской и Омской областей подписали соглашение о строительстве "
            "новой линии электропередачи.",
            "Линия длиной 180 километров соединит подстанции Экибастуза и Омска.",
            "Проект обойдется в 45 млрд тенге, работы начнутся летом.",
        ),
        debris=("Источник", "kapital.kz", "Фото", "пресс-служба", "Реклама", "2024 года"),
    ),
    "r06_source_bottom.txt": Expect(
        title="Андижан и Ош создадут совместную торговую зону",
        date=dt.date(2026, 2, 5),
        url="https://www.gazeta.uz/ru/andijan-osh-trade-zone",
        sentences=(
            "Хокимият Андижанской области и мэрия Оша договорились о создании приграничной "
            "торговой зоны у пункта пропуска «Дустлик».",
            "На территории зоны разместятся склады, рынок и таможенный терминал.",
            "Ожидается, что товарооборот между регионами вырастет на 30%.",
        ),
        debris=("Источник", "gazeta.uz", "Газета.uz", "5 февраля"),
    ),
    "r07_read_also_url_end.txt": Expect(
        title="Оренбургская и Актюбинская области расширят сотрудничество в промышленности",
        date=dt.date(2026, 1, 18),
        url="https://tass.ru/ekonomika/19876543",
        sentences=(
            "Губернатор Оренбургской области и аким Актюбинской области обсудили создание "
            "совместных производств.",
            "Речь идет о переработке металлов и выпуске строительных материалов.",
            "Стороны договорились провести межрегиональный форум в Актобе осенью.",
        ),
        debris=(
            "Читайте",
            "железнодорожный маршрут",
            "Подписывайтесь",
            "Telegram",
            "tass.ru",
            "ТАСС",
        ),
    ),
    "r08_bullets.txt": Expect(
        title="Жетысу и Синьцзян утвердили план сотрудничества на 2024 год",
        date=dt.date(2026, 2, 20),
        url=None,
        sentences=(
            "Область Жетысу и Синьцзян-Уйгурский автономный район утвердили план совместных "
            "мероприятий.",
            "План включает:",
            "строительство логистического центра в Хоргосе;",
            "запуск туристического маршрута по Джунгарским воротам;",
            "обмен студентами между вузами.",
            "Кроме того, стороны договорились о взаимных поставках сельхозпродукции:",
            "мяса и молочной продукции;",
            "фруктов и овощей.",
            "Реализация плана начнется в апреле.",
        ),
        debris=("Талдыкорган, 20",),
    ),
    "r09_quote_over_paragraphs.txt": Expect(
        title="Аким Алматы: сотрудничество с Ташкентом выходит на новый уровень",
        date=dt.date(2026, 3, 10),
        url=None,
        sentences=(
            "Аким Алматы провел встречу с делегацией хокимията Ташкента.",
            "«Мы видим большой интерес бизнеса к совместным проектам.",
            "За прошлый год товарооборот между нашими городами вырос на 15%.",
            "Уже в этом году мы планируем открыть торговый дом Ташкента в Алматы.",
            "Это станет важным шагом для малого и среднего бизнеса», – сказал аким.",
            "Хоким Ташкента поддержал инициативу и пригласил делегацию Алматы на "
            "инвестиционный форум.",
        ),
        debris=("10 марта",),
    ),
    "r10_no_lead.txt": Expect(
        title="Астана и Ташкент подписали дорожную карту",
        date=dt.date(2026, 3, 12),
        url=None,
        sentences=(
            "Акимат Астаны и хокимият Ташкента подписали дорожную карту сотрудничества на "
            "2024–2026 годы.",
            "Документ охватывает торговлю, туризм и образование.",
            "В рамках визита делегации посетили индустриальный парк столицы.",
        ),
        debris=("АСТАНА", "Kazinform"),
        lead="",
    ),
    "r11_lead_repeated.txt": Expect(
        title="Омская и Павлодарская области запустят туристический маршрут",
        date=None,
        url=None,
        sentences=(
            "Омская и Павлодарская области запустят совместный туристический маршрут вдоль Иртыша.",
            "Маршрут свяжет Омск, Павлодар и Баянаул.",
            "Первые туристы отправятся в путь в июне.",
        ),
    ),
    "r12_body_repeated.txt": Expect(
        title="Кызылординская область и Каракалпакстан наладят водное сотрудничество",
        date=dt.date(2026, 1, 25),
        url=None,
        sentences=(
            "Кызылординская область и Республика Каракалпакстан договорились о совместном "
            "использовании вод Сырдарьи.",
            "Стороны создадут рабочую группу по мониторингу качества воды.",
            "Первое заседание группы пройдет в Кызылорде в марте.",
        ),
        debris=("Нукус, 25",),
    ),
    "r13_windows_nbsp_shy_tabs.txt": Expect(
        title="Семей и Новосибирск договорились о сотрудничестве",
        date=dt.date(2026, 3, 2),
        url=None,
        sentences=(
            "Делегация Новосибирской области посетила Семей и обсудила сотрудничество в "
            "машиностроении.",
            "На встрече подписали соглашение о поставках оборудования на 3,5 млрд тенге.",
            "Стороны также договорились об обмене опытом в подготовке инженеров.",
        ),
        debris=("\r", "\t", "\u00a0", "\u00ad", "СЕМЕЙ", "Kazinform"),
    ),
    "r14_html_entities.txt": Expect(
        title="Туркменистан и Узбекистан построят новый мост через Амударью",
        date=dt.date(2026, 2, 15),
        url=None,
        sentences=(
            "Хокимияты Лебапского велаята и Бухарской области договорились о строительстве "
            "моста через Амударью.",
            "Об этом сообщает «Туркменпортал».",
            'По словам участников встречи, мост "сократит путь грузовиков на 200 километров".',
            "Стоимость проекта составит $60 млн — его профинансируют обе стороны.",
        ),
        debris=("&", "nbsp", "laquo", "quot", "mdash", "Ашхабад"),
    ),
    "r15_html_tags.txt": Expect(
        title="Кыргызстан и Таджикистан откроют пункт пропуска в Баткене",
        date=dt.date(2026, 3, 7),
        url=None,
        sentences=(
            "Власти Баткенской области Кыргызстана и Согдийской области Таджикистана "
            "договорились открыть пункт пропуска «Кайрагач».",
            "Он будет работать круглосуточно.",
            "Первые грузы через пункт пройдут в апреле.",
            "Ранее стороны завершили делимитацию границы.",
        ),
        debris=("<", ">", "strong", "БАТКЕН", "Кабар"),
    ),
    "r16_long_paragraph.txt": Expect(
        title="Узбекистан и Казахстан обсудили развитие приграничных регионов",
        date=None,
        url=None,
        sentences=(
            "Делегации Узбекистана и Казахстана провели в Шымкенте заседание межрегионального "
            "совета.",
            "В заседании приняли участие хокимы Ташкентской, Сырдарьинской и Джизакской "
            "областей, а также акимы Туркестанской, Жамбылской и Кызылординской областей.",
            "Стороны обсудили развитие торговли, транспорта и туризма в приграничных районах.",
            "По итогам прошлого года товарооборот между регионами двух стран превысил $1,5 млрд.",
            "Участники отметили, что этот показатель может вырасти вдвое в ближайшие три года.",
            "Для этого планируется открыть новые пункты пропуска и модернизировать действующие.",
            "Особое внимание уделили строительству Международного центра промышленной "
            "кооперации «Центральная Азия».",
            "Центр разместится на границе Туркестанской и Ташкентской областей.",
            "В нем будут работать торговые, логистические и производственные площадки.",
            "Инвесторы получат налоговые льготы и упрощенный визовый режим.",
            "Кроме того, стороны договорились запустить туристический поезд по маршруту "
            "Туркестан – Самарканд – Бухара.",
            "Первый рейс планируется отправить летом.",
            "Также обсуждались вопросы водопользования в бассейне Сырдарьи.",
            "Стороны договорились обмениваться данными о водности реки в режиме реального времени.",
            "Следующее заседание совета пройдет осенью в Ташкенте.",
        ),
    ),
    "r17_one_sentence.txt": Expect(
        title="Челябинск и Костанай запустят прямой авиарейс",
        date=None,
        url=None,
        sentences=(
            "Авиакомпании Челябинска и Костаная с 1 апреля запустят прямой регулярный рейс "
            "между двумя городами.",
        ),
    ),
    "r18_dateline_mid_paragraph.txt": Expect(
        title="Ташкентская и Туркестанская области создадут индустриальную зону",
        date=dt.date(2025, 4, 3),
        url=None,
        sentences=(
            "Ташкентская и Туркестанская области создадут совместную индустриальную зону на "
            "границе.",
            "Соглашение подписали хоким Ташкентской области и аким Туркестанской области.",
            "В зоне разместят предприятия по выпуску стройматериалов и текстиля.",
            "Объем инвестиций оценивается в 500 млн долларов.",
        ),
        debris=("ТАШКЕНТ", "Podrobno", "3 апр"),
    ),
    "r19_photo_captions.txt": Expect(
        title="Алматинская область и Синьцзян расширят туристический обмен",
        date=dt.date(2026, 3, 11),
        url=None,
        sentences=(
            "Алматинская область и Синьцзян-Уйгурский автономный район договорились увеличить "
            "число туристических рейсов.",
            "В летний сезон между регионами будут курсировать пять туристических поездов.",
            "Кроме того, стороны откроют совместный визит-центр в Жаркенте.",
        ),
        debris=("Фото", "фото", "Kazinform", "участники встречи", "gov.kz"),
    ),
    "r20_author_tags_share_bottom.txt": Expect(
        title="Самарская область и Фергана обсудили поставки автомобилей",
        date=dt.date(2024, 2, 28),
        url=None,
        sentences=(
            "Делегация Ферганской области посетила АвтоВАЗ в Тольятти.",
            "Стороны обсудили поставки автомобилей и автокомпонентов в Узбекистан.",
            "Ферганская область заинтересована в сборке автомобилей на местных предприятиях.",
        ),
        debris=(
            "Опубликовано",
            "Обновлено",
            "Новости Самары",
            "Автор",
            "Петров",
            "Теги",
            "автопром",
            "Поделиться",
            "ВКонтакте",
            "Telegram",
        ),
    ),
    "r21_labelled_fields.txt": Expect(
        title="Навои и Челябинск запустят контейнерный поезд",
        date=dt.date(2024, 3, 5),
        url="https://www.uzdaily.uz/ru/post/98765",
        sentences=(
            "Навоийская и Челябинская области запустят регулярный контейнерный поезд.",
            "Первый состав с медной продукцией отправится из Навои в конце марта.",
            "Поезд будет проходить через территорию Казахстана за шесть суток.",
        ),
        debris=("Заголовок", "Дата", "Ссылка", "Текст:", "uzdaily"),
    ),
    "r22_rubric_read_also_headline.txt": Expect(
        title="Алтайский край и ВКО расширят туристический обмен",
        date=dt.date(2024, 3, 5),
        url=None,
        sentences=(
            "Алтайский край и Восточно-Казахстанская область договорились о новых турмаршрутах.",
            "Первый тур стартует в мае.",
            "Стороны обсудили также перевозки через пункт пропуска Веселоярск.",
        ),
        debris=(
            "Новости |",
            "БАРНАУЛ",
            "РИА",
            "Читайте",
            "запустят поезд",
            "Источник",
            "Поделитесь",
            "Нашли ошибку",
        ),
    ),
}

NAMES = sorted(CASES)
_BULLETS = "—–-•·*▪● \n"


@cache
def result(name: str) -> Analysis:
    raw = (RAW / name).read_bytes().decode("utf-8")
    return analyze(raw, today=TODAY)


def test_every_raw_file_has_expectations() -> None:
    assert sorted(p.name for p in RAW.glob("*.txt")) == NAMES
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_title(name: str) -> None:
    assert result(name).title == CASES[name].title


@pytest.mark.parametrize("name", NAMES)
def test_date(name: str) -> None:
    assert result(name).date == CASES[name].date


@pytest.mark.parametrize("name", NAMES)
def test_url(name: str) -> None:
    assert result(name).url == CASES[name].url


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_once_and_nothing_else(name: str) -> None:
    got = result(name)
    text = f"{got.lead}\n\n{got.body}"
    for sentence in CASES[name].sentences:
        assert text.count(sentence) == 1, sentence
    rest = text
    for sentence in CASES[name].sentences:
        rest = rest.replace(sentence, "\n", 1)
    # Only white space and list markers may remain: no debris, no half sentence.
    assert rest.strip(_BULLETS) == "", rest


@pytest.mark.parametrize("name", NAMES)
def test_no_debris_anywhere(name: str) -> None:
    got = result(name)
    for piece in CASES[name].debris:
        for part in (got.title, got.lead, got.body, got.summary):
            assert piece not in part, (piece, part)


@pytest.mark.parametrize("name", [n for n in NAMES if CASES[n].lead is not None])
def test_lead(name: str) -> None:
    assert result(name).lead == CASES[name].lead


def _summary_sentences(summary: str, sentences: tuple[str, ...]) -> list[str]:
    """The article's sentences that make up ``summary``, in order; fails on anything else."""
    picked: list[str] = []
    rest = summary
    for sentence in sentences:
        if rest.startswith(sentence):
            picked.append(sentence)
            rest = rest[len(sentence) :].lstrip(" ")
    assert rest == "", f"not whole sentences of the article, in order: {rest!r}"
    return picked


@pytest.mark.parametrize("name", NAMES)
def test_summary_rules(name: str) -> None:
    got = result(name)
    sentences = CASES[name].sentences
    picked = _summary_sentences(got.summary, sentences)
    # Two or three whole sentences; a one-sentence article can only give that one.
    assert min(2, len(sentences)) <= len(picked) <= 3, got.summary
    assert len(set(picked)) == len(picked)
    assert len(got.summary) < 600
    for sentence in picked:
        assert not sentence.endswith((":", ";")), "a list intro or item is not a sentence"
