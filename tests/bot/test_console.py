"""``python -m bot console``: the real command, typed lines in, plain text out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_console(tmp_path: Path, lines: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_PATH"}}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_PATH=str(tmp_path / "news.sqlite3"),
        SEEDS_DIR=str(ROOT / "seeds"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_console_answers_commands_and_presses_buttons_without_a_token(tmp_path: Path) -> None:
    out = run_console(
        tmp_path, ["/region Таразе", "1", "/region", "2", "/search <b>x</b>", "@ Алматы", "99"]
    )
    assert out.startswith("5 articles in")  # seeded on first start
    assert "📍 Жамбылская область: свежие новости" in out
    assert "1. Теперь между регионами" in out and "  [1] 1\n" in out  # buttons by number
    # pressing 1 opened the card: hashtags and the source link as text
    assert "#туризм" in out and "Источник (https://uz.sputniknews.ru/" in out
    # the picker: countries, then (edited) the regions of the second one, Uzbekistan
    assert "  [2] Узбекистан" in out
    assert "(edited)\nРегионы, о которых есть новости (Узбекистан):" in out
    assert "«<b>x</b>» ничего не найдено" in out  # HTML rendered to text, user text as typed
    assert "(1) Узбекистан и Алматы расширят" in out  # inline mode
    assert "(no button 99)" in out
    assert "<b>" not in out.replace("«<b>x</b>»", "")  # no raw markup anywhere else


def test_inline_line_keeps_every_word_of_the_query() -> None:
    from bot.console import inline_query_text

    assert inline_query_text("@ Хоргос Алматы") == "Хоргос Алматы"
    assert inline_query_text("@regional_news_bot Хоргос Алматы") == "Хоргос Алматы"
    assert inline_query_text("@ Алматы") == "Алматы"
    assert inline_query_text("@") == ""


def test_console_channel_subscribe_refuses_in_one_line_and_inline_reads_all_words(
    tmp_path: Path,
) -> None:
    out = run_console(tmp_path, ["/subscribe @somechannel туризм", "@ Хоргос Алматы"])
    # the console has no channels: the answer is Telegram's "not found", not a crash
    assert "Канал @somechannel не найден." in out
    assert "Что-то пошло не так" not in out
    # both words reach the inline search: with Хоргос the Zhetysu article (001) comes first,
    # Алматы alone would put the Almaty one (002) first
    assert "(1) Узбекистан и Казахстан углубляют торгово-экономические связи" in out


def test_console_shows_the_partners_chart_as_a_line_not_a_traceback(tmp_path: Path) -> None:
    out = run_console(tmp_path, ["/partners Жамбылская область за всё время"])
    assert "Жамбылская область: с кем сотрудничает" in out
    assert "\n[picture]" in out  # the chart's sendPhoto, shown as a line in the terminal
    assert "Traceback" not in out and "handler failed" not in out
