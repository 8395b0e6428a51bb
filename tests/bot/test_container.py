"""The application container: what it builds and the order background parts start and stop."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from aiogram import Bot

from bot.config import load_settings
from bot.container import App, Lifecycle, open_app


async def open_test_app(tmp_path: Path, *, deliver: bool) -> App:
    settings = load_settings(database_path=tmp_path / "news.sqlite3", seeds_dir=tmp_path)
    return await open_app(settings, seed=False, deliver=deliver)


async def test_background_parts_start_in_order_and_stop_in_reverse(tmp_path: Path) -> None:
    app = await open_test_app(tmp_path, deliver=False)
    assert app.lifecycle == []  # the console's app: no delivery
    events: list[str] = []

    def part(name: str, *, fail_stop: bool = False) -> Lifecycle:
        async def start(bot: Bot) -> None:
            events.append(f"start {name}")

        async def stop() -> None:
            events.append(f"stop {name}")
            if fail_stop:
                raise RuntimeError("boom")

        return Lifecycle(name, start=start, stop=stop)

    app.lifecycle += [part("a"), part("b", fail_stop=True), Lifecycle("no hooks"), part("c")]
    await app.on_startup(cast(Any, object()))
    await app.close()  # a failing stop does not skip the others; the store closes last
    assert events == ["start a", "start b", "start c", "stop c", "stop b", "stop a"]


async def test_the_bot_app_delivers_polls_sources_and_reload_can_wake_it_before_it_runs(
    tmp_path: Path,
) -> None:
    app = await open_test_app(tmp_path, deliver=True)
    try:
        assert [part.name for part in app.lifecycle] == ["delivery", "sources"]
        assert app.delivery is None  # built only when the bot starts
        # /reload before the bot started: the injected wake-up is a no-op, not an error
        assert app.services.admin.wake_delivery is not None
        app.services.admin.wake_delivery()
        report = await app.services.admin.reload()
        assert report.ok
    finally:
        await app.close()
