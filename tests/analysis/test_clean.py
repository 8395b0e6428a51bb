"""Cleaning wire articles: header, title, lead, dateline, debris, repeats (SPEC: Clean text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storage.analysis.analyze import analyze
from storage.analysis.clean import (
    clean_article,
    join_broken_lines,
    match_dateline,
    normalize,
    sentences,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- the seeds ------------------------------------------------------------------------------

SEED_TITLES = {
    "000": "Теперь между регионами: Узбекистан и Казахстан наращивают сотрудничество в сфере "
    "туризма",
    "001": "Узбекистан и Казахстан углубляют торгово-экономические связи между регионами",
    "002": "Узбекистан и Алматы расширят межрегиональное сотрудничество",
    "003": "В Узбекистане выбирают город-побратим Атырау",
    "004": "Туркестанская и Челябинская области сотрудничают в сфере туризма",
}


@pytest.mark.parametrize(("prefix", "title"), sorted(SEED_TITLES.items()))
def test_seed_titles(prefix: str, title: str) -> None:
    assert clean_article(seed(prefix)).title == title


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seed_leads_present(prefix: str) -> None:
    article = clean_article(seed(prefix))
    assert len(article.lead) > 40
    assert article.lead not in article.body


def test_seed_000_lead_and_url() -> None:
    article = clean_article(seed("000"))
    assert article.lead.startswith("Группа женщин-предпринимательниц из Жамбылской области")
    assert article.url == (
        "https://uz.sputniknews.ru/20250921/"
        "uzbekistan-i-kazaxstan-sotrudnichestvo-turizm-52137877.html"
    )
    assert "date 2025-09-21" in article.header


def test_seed_001_has_no_lead_and_loses_the_photo_credit() -> None:
    article = clean_article(seed("001"))
    assert article.lead == ""
    assert article.dateline is not None and article.dateline.city == "Ташкент"
    assert "Источник" not in article.body
    assert "Пресс-служба" not in article.body
    # The dateline goes, the sentence after it stays as the first paragraph.
    assert article.body.startswith("Торгово-экономические отношения между регионами Узбекистана")
    assert "\u00a0" not in article.body


def test_seed_000_sentence_broken_over_lines_is_joined() -> None:
    article = clean_article(seed("000"))
    assert 'Об этом сообщает ИА "Дунё".' in article.body
    assert "ТАШКЕНТ" not in article.body and "Sputnik" not in article.body
    assert article.dateline is not None and article.dateline.date_text == "21 сентября"


def test_seed_002_body_repeated_twice_keeps_one_copy_of_every_sentence() -> None:
    article = clean_article(seed("002"))
    body = article.body
    sents = [s for para in article.paragraphs for s in para]
    assert len(sents) == len(set(sents))
    assert body.count("В Алматы успешно действуют порядка 4 тыс. предприятий") == 1
    assert body.count("Отдельное внимание уделили вопросам экологии.") == 1
    # The better-formatted copy: no sentence glued to the next one.
    assert "Дунё”.Об" not in body and ".По мнению" not in body
    # Quotes that only the second copy has are kept.
    assert "меморандума о сотрудничестве" in body
    assert "Sputnik" not in body and "ТАШКЕНТ" not in body
    assert body.startswith("Узбекистан и Алматы намерены расширить межрегиональное")
    assert article.dateline is not None and article.dateline.date_text == "28 дек"


def test_seed_003_comments_marker_is_dropped() -> None:
    article = clean_article(seed("003"))
    assert "Комментарии" not in article.body
    assert article.body.endswith("оказать необходимое содействие.")


def test_body_paragraphs_are_separated_by_blank_lines() -> None:
    article = clean_article(seed("004"))
    assert article.body.count("\n\n") == len(article.paragraphs) - 1 == 6


# --- ugly input -----------------------------------------------------------------------------


def test_empty_and_blank_text() -> None:
    for raw in ("", "   \n\n\t  \r\n"):
        article = clean_article(raw)
        assert (article.title, article.lead, article.body, article.url) == ("", "", "", None)


def test_only_a_header() -> None:
    article = clean_article(" date 2025-01-02 https://example.org/a\n")
    assert article.title == "" and article.body == ""
    assert article.url == "https://example.org/a"
    assert "2025-01-02" in article.header


def test_crlf_tabs_nbsp_and_invisible_characters() -> None:
    raw = (
        "Заголовок\tстатьи\r\n\r\nПервый\u00a0абзац текста, довольно длинный, чтобы быть лидом"
        " статьи.\r\nВторой\u200b абзац текста\u2009здесь.\r\n"
    )
    article = clean_article(raw)
    assert article.title == "Заголовок статьи"
    assert article.lead == "Первый абзац текста, довольно длинный, чтобы быть лидом статьи."
    assert article.body == "Второй абзац текста здесь."


def test_all_one_line_gives_a_title_sentence_and_keeps_the_text() -> None:
    raw = (
        "ТАШКЕНТ, 7 марта — Sputnik. Узбекистан и Казахстан подписали соглашение о торговле. "
        + "Стороны обсудили развитие туризма и транспорта в регионах двух стран. " * 5
    )
    article = clean_article(raw)
    assert article.title == "Узбекистан и Казахстан подписали соглашение о торговле."
    assert article.dateline is not None and article.dateline.city == "Ташкент"
    assert "Стороны обсудили развитие туризма" in article.body
    assert "ТАШКЕНТ" not in article.body


def test_no_title_line_starts_with_the_dateline() -> None:
    raw = "АСТАНА, 3 сент. – Kazinform. Казахстан открыл новый торговый центр.\nВторой абзац."
    article = clean_article(raw)
    assert article.title == "Казахстан открыл новый торговый центр."
    assert article.dateline is not None and article.dateline.date_text == "3 сент"


def test_guillemets_and_weird_dashes_survive() -> None:
    raw = (
        "Заголовок ― новости\nАЛМАТЫ, 5 марта ‒ «Казинформ». Компания «Хоргос‑Восточные ворота»"
        " − крупный хаб.\n"
    )
    article = clean_article(raw)
    assert article.title == "Заголовок — новости"
    assert "«Хоргос‑Восточные ворота»" in article.body


@pytest.mark.parametrize(
    "line",
    [
        'Источник: Пресс-служба АО "Казахстан темир жолы"',
        "Фото: Sputnik / Иван Иванов",
        "Фото — пресс-служба акимата",
        "Подписывайтесь на наш Telegram-канал",
        "Читайте также: Казахстан и Китай открыли новый пункт пропуска",
        "Поделиться",
        "Facebook Twitter Telegram WhatsApp",
        "https://example.org/news/1",
        "***",
    ],
)
def test_debris_lines_go(line: str) -> None:
    raw = f"Заголовок\nПервый абзац статьи о сотрудничестве регионов двух стран.\n{line}\nКонец."
    body = clean_article(raw).body
    assert line not in body
    assert "Конец." in body


def test_comments_and_the_thread_after_them_go() -> None:
    lead = "Лид статьи о сотрудничестве регионов двух стран."
    raw = f"Заголовок\n{lead}\nТекст.\nКомментарии (2)\nИван: ок"
    article = clean_article(raw)
    assert article.body == "Текст."


def test_words_like_source_inside_a_sentence_stay() -> None:
    lead = "Лид статьи о сотрудничестве регионов двух стран."
    raw = f"Заголовок\n{lead}\nИсточник энергии — солнце, сказал он."
    assert "Источник энергии — солнце, сказал он." in clean_article(raw).body


def test_exact_repeated_paragraph_is_dropped() -> None:
    para = "Стороны обсудили развитие торговли между регионами."
    raw = f"Заголовок\nЛид статьи о сотрудничестве регионов двух стран.\n{para}\nДругое.\n{para}"
    article = clean_article(raw)
    assert article.body.count(para) == 1


# --- pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city", "date", "rest"),
    [
        ("ТАШКЕНТ, 21 сентября – Sputnik.", "Ташкент", "21 сентября", ""),
        ("ТАШКЕНТ, 7 марта — Sputnik. Торговые связи", "Ташкент", "7 марта", "Торговые связи"),
        ("ТАШКЕНТ, 28 дек — Sputnik. Узбекистан", "Ташкент", "28 дек", "Узбекистан"),
        ("АСТАНА. 12 марта. КАЗИНФОРМ - Текст", "Астана", "12 марта", "Текст"),
        ("МОСКВА, 5 марта. /ТАСС/. Текст", "Москва", "5 марта", "Текст"),
        (
            "АЛМАТЫ, 15 января 2024 года - Kapital.kz. Текст",
            "Алматы",
            "15 января 2024 года",
            "Текст",
        ),
        ("НУР-СУЛТАН, 3 сент. – Kazinform. Текст", "Нур-Султан", "3 сент", "Текст"),
        ("АСТАНА. КАЗИНФОРМ – Текст", "Астана", "", "Текст"),
        ("TARAZ. KAZINFORM Zhambyl region is", "Taraz", "", "Zhambyl region is"),
        ("UST-KAMENOGORSK. KAZINFORM - A delegation", "Ust-Kamenogorsk", "", "A delegation"),
    ],
)
def test_datelines(text: str, city: str, date: str, rest: str) -> None:
    found = match_dateline(text)
    assert found is not None
    assert (found[0].city, found[0].date_text, found[1]) == (city, date, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Москва, 5 марта стала местом встречи делегаций.",
        "В Ташкенте 7 марта прошла встреча.",
        "Узбекистан и Казахстан углубляют связи",
    ],
)
def test_not_datelines(text: str) -> None:
    assert match_dateline(text) is None


def test_join_broken_lines() -> None:
    lines = ["Об этом шла речь. Об этом сообщает", 'ИА "Дунё".', "Новый абзац."]
    assert join_broken_lines(lines) == [
        'Об этом шла речь. Об этом сообщает ИА "Дунё".',
        "Новый абзац.",
    ]
    assert join_broken_lines(["ТАШКЕНТ, 28 дек — Sputnik", ". Текст"]) == [
        "ТАШКЕНТ, 28 дек — Sputnik. Текст"
    ]
    assert join_broken_lines(["Встреча прошла в", "городе Ташкенте."]) == [
        "Встреча прошла в городе Ташкенте."
    ]
    # A title-like line followed by a capitalised paragraph is not a broken sentence.
    assert join_broken_lines(["Узбекистан и Алматы", "По итогам года."]) == [
        "Узбекистан и Алматы",
        "По итогам года.",
    ]


def test_sentences_split_glued_ends_and_keep_abbreviations() -> None:
    assert sentences("сообщает ИА “Дунё”.Об этом шла речь.") == (
        "сообщает ИА “Дунё”.",
        "Об этом шла речь.",
    )
    assert sentences("Действуют порядка 4 тыс. предприятий. Это много.") == (
        "Действуют порядка 4 тыс. предприятий.",
        "Это много.",
    )
    assert sentences("") == ()


def test_a_sites_domain_is_no_sentence_end() -> None:
    # "Ферганы. Ру" read the outlet's name as Fergana oblast (session 10).
    assert sentences("По данным Ферганы.Ру, проект стоит 20 млн долларов.") == (
        "По данным Ферганы.Ру, проект стоит 20 млн долларов.",
    )
    assert sentences("Как сообщает «Фергана.Ру», завод открыт.") == (
        "Как сообщает «Фергана.Ру», завод открыт.",
    )
    # ...but after a lower-case word "РФ" opens the next sentence.
    assert sentences("говорится в сообщении.РФ и Узбекистан торгуют.") == (
        "говорится в сообщении.",
        "РФ и Узбекистан торгуют.",
    )


def test_normalize() -> None:
    assert normalize("a\r\nb\rc\u00a0\u00a0d\te\u200bf\ufeff") == "a\nb\nc d ef"


def test_dateline_alone_on_the_first_line_is_not_the_title() -> None:
    raw = (
        "Ташкент, 5 марта 2025 г. — УзА\n"
        "Делегация Республики Татарстан посетила Самаркандскую область\n\n"
        "В ходе визита стороны обсудили сотрудничество в сфере туризма.\n"
    )
    article = clean_article(raw)
    assert article.title == "Делегация Республики Татарстан посетила Самаркандскую область"
    assert article.dateline is not None and article.dateline.city == "Ташкент"
    assert article.dateline.date_text == "5 марта 2025 г"
    assert "УзА" not in article.body


def test_publication_date_line_under_the_title_is_metadata() -> None:
    raw = "Заголовок новости\n21 октября 2025, 10:45\nАСТАНА. КАЗИНФОРМ – Текст новости здесь."
    article = clean_article(raw)
    assert article.title == "Заголовок новости"
    assert "21 октября 2025" in article.header
    assert article.body == "Текст новости здесь."


_BODY = "Аграрии двух областей договорились о совместном экспорте зерна в Китай через Казахстан."


@pytest.mark.parametrize(
    ("opening", "city"),
    [
        ("ЧЕЛЯБИНСК. ", "Челябинск"),
        ("Ашхабад. ", "Ашхабад"),
        ("Самарканд, Узбекистан (podrobno.uz). ", "Самарканд"),
        ("Podrobno.uz. ", ""),
        ("АКИpress - ", ""),
    ],
)
def test_short_datelines_go_and_the_words_stay(opening: str, city: str) -> None:
    article = clean_article(f"Заголовок статьи\n{opening}{_BODY}\nВторой абзац статьи.")
    assert article.dateline is not None and article.dateline.city == city
    assert article.paragraphs[0] == (_BODY,)
    assert opening.strip(" .-") not in article.body and article.lead == ""


@pytest.mark.parametrize(
    "text",
    [
        "Москва. Коротко.",  # too short to be a dateline before a paragraph
        "Президент Путин провел переговоры с президентом Казахстана в Кремле сегодня утром.",
        "Туризм. Новые маршруты",
    ],
)
def test_not_short_datelines(text: str) -> None:
    assert match_dateline(text) is None


def test_the_razdel_shortcut_keeps_whole_only_what_razdel_keeps_whole() -> None:
    # sentences() skips razdel for a chunk whose every delimiter razdel's first rules join
    # ("1.5", "тыс. тенге"); random strings of letters, digits and every delimiter kind check
    # that it never keeps whole what razdel would split.
    import random

    import razdel

    from storage.analysis.sentences import _razdel_keeps_whole

    rng = random.Random(7)
    alphabet = list("абв где Жзи klm NOP 12 ") + list(".?!…;\"„'»”’)]}([{«“:=-_ ")
    kept = 0
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        if _razdel_keeps_whole(s):
            kept += 1
            whole = [s.strip()] if s.strip() else []
            assert [x.text for x in razdel.sentenize(s) if x.text.strip()] == whole, s
    assert kept > 5_000
    assert not _razdel_keeps_whole("Он приехал в г. Ташкент. Потом уехал.")
    assert _razdel_keeps_whole("Объем составит 742 тыс. тенге, рост 1.5 раза.")


def test_share_button_rows_are_debris_and_their_words_fit_the_quick_test() -> None:
    from storage.analysis.rawlines import _SOCIAL_WORDS, is_debris

    assert is_debris("Facebook, Twitter | Telegram WhatsApp")
    assert not is_debris("Facebook заблокировал страницу акимата, сообщили в ведомстве.")
    assert max(map(len, _SOCIAL_WORDS)) < 20  # is_debris reads a line's first 20 first


@pytest.mark.parametrize(
    ("raw", "title", "day"),
    [
        (
            "2025-10-26 Пожар начался после фейерверка в Шымкенте\n\nШЫМКЕНТ, 26 октября —"
            " Kazinform. После фейерверка загорелась сухая трава, пожар потушили за час.",
            "Пожар начался после фейерверка в Шымкенте",
            dt.date(2025, 10, 26),
        ),
        (
            "10.09.2018 | President of Turkmenistan met the head of KAMAZ\n\nASHGABAT -- The"
            " President of Turkmenistan met the head of KAMAZ, the Tatarstan truck maker.",
            "President of Turkmenistan met the head of KAMAZ",
            dt.date(2018, 9, 10),
        ),
    ],
)
def test_a_page_date_stamp_before_the_headline_is_the_date_not_the_title(
    raw: str, title: str, day: dt.date
) -> None:
    got = analyze(raw, today=dt.date(2026, 6, 1))
    assert (got.title, got.date) == (title, day)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Войти в почту\n\nОмск и Павлодар подписали план сотрудничества\n\nОМСК, 3 мая. "
            "Города договорились о совместных ярмарках.",
            "Омск и Павлодар подписали план сотрудничества",
        ),
        (
            "USD 86.45\nEUR 92.47\nRUB 1.00\n\nMudflows hit Jalal-Abad region\n\nSeveral "
            "mudflows came down in Jalal-Abad region, the ministry said.",
            "Mudflows hit Jalal-Abad region",
        ),
        (
            "Власть\n\nГубернатор встретился с послом Казахстана\n\nСтороны обсудили науку.",
            "Губернатор встретился с послом Казахстана",
        ),
        (
            "ПОСЛЕДНИЕ НОВОСТИ\nГлавная | ПОЛИТИКА | Мэр Бишкека принял посла США\n\nМэр "
            "Бишкека принял посла США\n\nСтороны обсудили образование.",
            "Мэр Бишкека принял посла США",
        ),
        (
            "Власть\n\nОпубликовано 6 марта 2019 | Редакция\n\nОмск и Павлодар: ключевые "
            "партнёры\n\nОмская делегация побывала в Павлодаре.",
            "Омск и Павлодар: ключевые партнёры",
        ),
        # A headline that opens with such a word is no byline: it holds no date.
        (
            "Updated rules for traders at Khorgos\n\nKhorgos traders face new rules.\n\nMore.",
            "Updated rules for traders at Khorgos",
        ),
        # Capitals with a one-letter preposition are a headline, not a menu.
        (
            "В ОШЕ ЖАРА\n\nСиноптики обещают до 40 градусов\n\nВ горах прохладнее.",
            "В ОШЕ ЖАРА",
        ),
        # One word with the text right after it is a one-word headline, kept.
        (
            "Землетрясение\n\nВ Ферганской области тряхнуло ночью.\n\nПострадавших нет.",
            "Землетрясение",
        ),
    ],
)
def test_the_page_chrome_above_the_headline_is_no_title(raw: str, title: str) -> None:
    assert analyze(raw, today=dt.date(2026, 6, 1)).title == title


def test_a_page_contacts_and_the_lead_date_stamp_are_no_text() -> None:
    raw = (
        "Дни Актюбинской области пройдут в Оренбуржье\n\nE-mail: niiural@mail.osu.ru\n"
        "avenali@mail.ru, info@osu.ru\n\n2025-08-28 Актюбинская область и Оренбургская "
        "область подписали план.\n\nСтороны договорились о ярмарке."
    )
    got = analyze(raw, today=dt.date(2026, 6, 1))
    assert "@" not in got.summary and "@" not in got.body
    assert got.summary.startswith("Актюбинская область и Оренбургская")
    assert got.date == dt.date(2025, 8, 28)
