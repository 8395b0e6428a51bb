"""Ingest stays inside its folder: only regular files there, every refusal named in the report."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
from pathlib import Path

from storage.ingest import ingest_dir
from tests.support.stores import TestStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SECRET = "BOT_TOKEN=123456:do-not-ever-publish-me"


async def test_links_out_fifos_loops_and_folders_are_refused_and_named(
    tmp_path: Path, test_store: TestStore
) -> None:
    outside = tmp_path / "secrets"
    outside.mkdir()
    (outside / "env.txt").write_text(f"{SECRET}\nОчень важный текст о сотрудничестве регионов.\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, folder / "a_good.txt")
    (folder / "b_link_out.txt").symlink_to(outside / "env.txt")
    (folder / "c_link_in.txt").symlink_to(folder / "a_good.txt")  # inside: allowed
    (folder / "d_loop.txt").symlink_to(folder / "d_loop.txt")
    (folder / "e_device.txt").symlink_to("/dev/zero")
    (folder / "f_broken.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "g_fifo.txt")
    (folder / "h_folder.txt").mkdir()
    db = await test_store.open()
    try:
        # a fifo read would block for ever: the whole ingest must end on its own
        report = await asyncio.wait_for(ingest_dir(db, folder, today=dt.date(2026, 1, 15)), 60)
        every = db.pick("group_concat(title || body, ' ')", "string_agg(title || body, ' ')")
        async with db.execute(f"SELECT {every} FROM articles") as cur:
            stored = str((await cur.fetchone())[0])
    finally:
        await test_store.close()
    reasons = dict(report.failed)
    assert set(report.added) == {"a_good.txt", "c_link_in.txt"}
    assert "outside the folder" in reasons["b_link_out.txt"]
    assert "loop" in reasons["d_loop.txt"]
    assert "outside the folder" in reasons["e_device.txt"]
    assert "broken" in reasons["f_broken.txt"]
    assert "fifo" in reasons["g_fifo.txt"]
    assert "folder" in reasons["h_folder.txt"]
    assert len(report.failed) == 6
    assert "do-not-ever-publish-me" not in stored
