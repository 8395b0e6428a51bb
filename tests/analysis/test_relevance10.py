"""Rules of session 10 (helper relevance10) from the relevance errors on the STUDY parts
(tuning18, tuning19, tuning33, tuning35; texts derived from real articles), one case per kind,
written here: an intergovernmental commission is two countries' cooperation; a flight named in
the title or the lead joins the regions at its ends, though the flight's origin is a mention;
"населённый пункт" is a village, no checkpoint; a consulate or a border closed is no
cooperation."""

from __future__ import annotations

import pytest

from storage.analysis.analyze import analyze

# --- an intergovernmental commission decided what the article tells of ---


COMMISSIONS = [
    "Энергетики Кыргызстана и Казахстана обсуждают новую линию электропередачи\n\n"
    "Вопрос рассматривался на заседании кыргызско-казахской межправкомиссии, недавно "
    "прошедшем в Бишкеке. Линия пройдёт по Чуйской области.",
    "В Самарканде пройдут дни культуры Беларуси\n\n"
    "Мероприятия проводятся по решению заседания межправительственной комиссии "
    "Узбекистана и России. Концерты пройдут в Самарканде.",
    "Kazakh and Chinese railwaymen discuss a new route\n\n"
    "The matter was raised at a session of the Kazakh-Chinese intergovernmental "
    "commission held in Astana. The route would pass through Almaty region.",
]


# --- a flight in the head: its origin and its destination are the sides ---


FLIGHTS = [
    "Возобновлён рейс из Новосибирска в Ош\n\n"
    "Самолёты авиакомпании будут летать по вторникам. Ош — второй город Кыргызстана, "
    "туристам здесь предлагают горные туры.",
    "Первый авиарейс из Омска в Самарканд\n\n"
    "Рейсы будут выполняться дважды в неделю. Въезд в Узбекистан для пассажиров "
    "свободен.",
    "Flights from Kazan to Bukhara resume\n\n"
    "The airline will operate the flights on Mondays. Bukhara is one of the oldest "
    "cities of Uzbekistan and a magnet for tourists.",
]


# --- "населённый пункт": a border village's own news ---


SETTLEMENTS = [
    "Село Кара-Булак получило чистую питьевую воду\n\n"
    "В селе Кара-Булак Баткенской области пробурили две скважины.\n\n"
    "Жители этого населённого пункта у границы с Таджикистаном раньше брали воду из "
    "арыка. Такие же работы ведут и в других приграничных сёлах.",
    "В Ферганской области провели воду в отдалённое село\n\n"
    "В селе Сох Ферганской области открыли водопровод.\n\n"
    "Этот населённый пункт стоит у границы с Кыргызстаном, и приграничные сёла давно "
    "ждали воду. Работы обошлись в 2 миллиарда сумов.",
]


# --- a tie closed or suspended: one side's decision, no cooperation ---


CLOSED_TIES = [
    "Consulate General of Kazakhstan in Samarkand suspends its work\n\n"
    "The Consulate General of Kazakhstan in the city of Samarkand has stopped working, "
    "the Foreign Ministry of Uzbekistan said.\n\n"
    "Consular services will be provided by the embassy in Tashkent.",
    "Узбекистан закрывает границу с Таджикистаном на неделю\n\n"
    "Узбекистан на неделю закроет границу с Таджикистаном, сообщает погранслужба.\n\n"
    "Как уточняется, граница закрывается по инициативе узбекской стороны из-за ремонта "
    "дорог. Пункт пропуска «Айбек» в Ташкентской области не будет работать с 1 по 7 "
    "сентября.",
]


# --- a meeting of two sides' people is a visit; a trip in one's own country is not ---


MEETINGS = [
    "Presidents of Kazakhstan and Kyrgyzstan meet in Turkestan\n\n"
    "Today the president of Kazakhstan paid a visit to Turkestan region.\n\n"
    "At Turkestan airport he met the president of Kyrgyzstan. Folk songs were performed "
    "for the guests.",
    "Президенты Узбекистана и Туркменистана встретились в Бухаре\n\n"
    "Президент Туркменистана прибыл в Бухару.\n\n"
    "Встреча глав государств прошла в аэропорту, визит продлится два дня.",
]


# a president's trip to his own country's province
OWN_PROVINCE_TRIP = (
    "The president made a working trip to Mary province\n\n"
    "During a working visit to Mary province the president visited a mosque and an "
    "airfield.\n\n"
    "At the airfield he met officers and held talks with the pilots about their training. "
    "He also met farmers and discussed the wheat harvest and cotton exports."
)


# --- a partner from a country beyond the seven the list lacked ---


PARTNERS_BEYOND_THE_SEVEN = [
    "Akmola region's governor meets Romanian ambassador\n\n"
    "The governor of Akmola region met the ambassador of Romania in Kokshetau.\n\n"
    "They discussed cooperation in agriculture.",
    "Аким Костанайской области встретился с послом Чехии\n\n"
    "В Костанае аким области встретился с послом Чехии. Стороны обсудили "
    "сотрудничество в сельском хозяйстве.",
]


@pytest.mark.parametrize(
    "text",
    [
        *COMMISSIONS,
        *FLIGHTS,
        *MEETINGS,
        *PARTNERS_BEYOND_THE_SEVEN,
    ],
)
def test_cooperation_of_these_kinds_is_relevant(text: str) -> None:
    assert analyze(text).relevant


@pytest.mark.parametrize("text", [*SETTLEMENTS, *CLOSED_TIES, OWN_PROVINCE_TRIP])
def test_local_news_of_these_kinds_is_not(text: str) -> None:
    assert not analyze(text).relevant
