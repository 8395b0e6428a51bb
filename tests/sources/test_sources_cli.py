"""``python -m bot sources ...`` and ``python -m bot export --json`` against a real store and a
local news site (the command runs in a worker thread: it starts its own event loop)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from tests.sources.test_sources_poll import publish, story_texts
from tests.support.feed_server import FeedServer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_path = tmp_path / "news.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(db_path))
    monkeypatch.setenv("SEEDS_DIR", str(SEEDS))
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    return db_path


async def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = await asyncio.to_thread(main, list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def count(db_path: Path, sql: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute(sql).fetchone()[0])


async def test_add_check_fetch_list_remove_export(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = story_texts(31)[0], story_texts(32)[0]
    async with FeedServer() as site:
        publish(site, "a", [("one", one), ("two", two)])
        site.route("/down.rss", status=500, body=b"")
        feed, down = site.url("/a.rss"), site.url("/down.rss")

        code, out, _ = await run(capsys, "sources", "add", feed, "Агентство А")
        assert code == 0 and "added" in out
        code, _, err = await run(capsys, "sources", "add", feed)
        assert code == 1 and "already a source" in err
        code, _, err = await run(capsys, "sources", "add", "ftp://x")
        assert code == 1 and "not an http(s) URL" in err

        code, out, _ = await run(capsys, "sources", "check", feed)
        assert code == 0 and "2 items, would store 2" in out
        assert f"new, about cooperation: {one.split(chr(10))[0]}" in out  # and why, per item
        assert count(env, "SELECT count(*) FROM articles") == 0  # check stores nothing

        await run(capsys, "sources", "add", down, "Лежачий")
        code, out, _ = await run(capsys, "sources", "fetch")
        assert code == 1  # a source failed
        assert f"{feed}: 2 items, new 2 (2 relevant), merged 0" in out
        assert f"{down}: failed: " in out and "500" in out
        code, out, _ = await run(capsys, "sources", "fetch")
        assert "0 sources" in out  # nothing due before the interval
        code, out, _ = await run(capsys, "sources", "fetch", "--all")
        assert f"{feed}: 2 items, new 0" in out

        code, out, _ = await run(capsys, "sources", "list")
        assert code == 0
        assert "seeds:" in out and "files" in out
        assert feed in out and "stored 2" in out and "errors 2" in out

        code, out, _ = await run(capsys, "export", "--json")
        lines = [json.loads(line) for line in out.splitlines()]
        web = [o for o in lines if o["sources"]]
        assert len(web) == 2 and len(lines) == 2  # the store was never seeded (no run)
        first = web[0]
        assert set(first) >= {
            "id", "file", "title", "date", "regions", "countries", "topics", "relevant",
            "summary", "url", "sources", "ingested_at",
        }  # fmt: skip
        assert first["title"] == one.split("\n", 1)[0]
        assert first["sources"] == [{"name": "Агентство А", "url": site.url("/a/one.html")}]
        assert first["regions"] and {"code", "name", "country", "role"} <= set(first["regions"][0])
        assert first["relevant"] is True and first["regions"][0]["role"] in ("party", "mention")

        code, out, _ = await run(capsys, "sources", "remove", feed)
        assert code == 0 and "removed" in out
        code, _, err = await run(capsys, "sources", "remove", feed)
        assert code == 1 and "no such source" in err
        assert count(env, "SELECT count(*) FROM articles") == 2  # its articles stay


async def test_sources_add_without_url_says_what_to_give(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = await run(capsys, "sources", "add")
    assert code == 2 and "give the feed's URL" in err


async def test_starter_list_is_added_once_and_every_feed_has_evidence(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tomllib

    from bot.sources_cli import STARTER

    entries = tomllib.loads(STARTER.read_text(encoding="utf-8"))["source"]
    assert entries and all(e["evidence"].strip() and e["url"].startswith("http") for e in entries)
    assert "NOT FETCHED FROM HERE" in STARTER.read_text(encoding="utf-8")
    for entry in entries:  # each evidence names where it was found, and the feed's address
        evidence, address = entry["evidence"], entry["url"].split("://", 1)[1]
        if "robots.txt" in evidence:  # the site's own robots.txt names the path on its host
            host, path = address.split("/", 1)
            assert f"{host}/robots.txt" in evidence and f"Allow: /{path}" in evidence
        else:
            assert "github.com/" in evidence or "stored copies" in evidence
            assert address in evidence, entry["url"]
    assert len({e["url"] for e in entries}) == len(entries)
    code, out, _ = await run(capsys, "sources", "add", "--starter")
    assert code == 0 and f"{len(entries)} added" in out
    code, out, _ = await run(capsys, "sources", "add", "--starter")
    assert code == 0 and "0 added" in out
    assert count(env, "SELECT count(*) FROM sources WHERE kind != 'files'") == len(entries)
