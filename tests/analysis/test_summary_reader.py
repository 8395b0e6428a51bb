"""Summaries that inform and stand alone (issue 11): the lead first; greetings, colour quotes,
attendee lists, what a delegation was shown, back-references and the title left out; English
articles summarised the same way."""

from __future__ import annotations

import datetime as dt

from storage.analysis.analyze import analyze

TODAY = dt.date(2026, 6, 1)


def summary(text: str) -> str:
    return analyze(text, today=TODAY).summary


ARTICLE = "\n\n".join(
    [
        "Алматы и Бишкек подписали соглашение о сотрудничестве в сфере туризма",
        "АЛМАТЫ, 4 марта — Kazinform. Акимат Алматы и мэрия Бишкека подписали соглашение о "
        "сотрудничестве в сфере туризма на 2026–2028 годы.",
        "«Дорогие друзья, от всей души поздравляю вас с наступающим праздником Наурыз!» — "
        "сказал аким города, открывая встречу.",
        "«Виноград, гранат и дыня путешествовали по Великому шелковому пути задолго до нас», — "
        "отметил один из участников встречи.",
        "Документ предусматривает создание единого туристического маршрута, совместное "
        "продвижение горнолыжных курортов и обмен группами гидов. Турпоток между городами в "
        "прошлом году составил 400 тысяч человек.",
        "Гостям показали горнолыжный курорт Шымбулак и новый музей истории города.",
        "Руководство данного района отметило важность визитов делегаций в горные районы.",
        "В церемонии приняли участие заместители акима, депутаты маслихата и генеральный "
        "консул Кыргызстана в Алматы.",
    ]
)


def test_lead_first_then_what_was_agreed_and_the_figures() -> None:
    text = summary(ARTICLE)
    assert text.startswith("Акимат Алматы и мэрия Бишкека подписали соглашение")
    assert "Документ предусматривает" in text or "Турпоток между городами" in text


def test_no_greetings_quotes_attendees_visits_or_back_references() -> None:
    text = summary(ARTICLE)
    for left_out in ("поздравляю", "Виноград", "приняли участие", "Гостям показали", "данного"):
        assert left_out not in text


def test_the_title_is_never_repeated() -> None:
    title = "Жамбылская область и Чуйская область Кыргызстана подписали дорожную карту"
    text = summary(
        f"{title}\n\n{title}.\n\nСтороны договорились увеличить товарооборот до 300 млн "
        "долларов и открыть торговый центр на границе. Следующая встреча пройдет в Бишкеке "
        "осенью этого года, сообщили в акимате."
    )
    assert title not in text
    assert text.startswith("Стороны договорились увеличить товарооборот")


def test_english_article_gets_an_english_summary_without_its_dateline() -> None:
    text = summary(
        "Sughd and Gansu sign a trade agreement\n\n"
        "KHUJAND, June 21 (Asia-Plus) -- Sughd Region and China's Gansu Province signed an "
        "agreement to increase trade and set up a joint textile enterprise in Sughd.\n\n"
        "The enterprise will process local cotton and export yarn to China. Gansu companies "
        "will invest 20 million dollars.\n\n"
        "The Chinese delegation was also shown the Kayrakkum reservoir and the old town."
    )
    assert text.startswith("Sughd Region and China's Gansu Province signed an agreement")
    assert "KHUJAND" not in text and "shown" not in text
    assert "20 million dollars" in text
