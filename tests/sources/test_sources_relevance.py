"""An off-topic feed item (local news: weather, crime) is stored, so it is never fetched again,
but neither listed nor delivered (SPEC: Delivery); the cooperation item beside it is."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from bot.delivery.planner import plan
from bot.services.subscriptions import SubscriptionService
from bot.sources.collect import Collector
from bot.sources.http import Fetcher
from bot.sources.poller import load_index, poll_round
from bot.sources_cli import export_articles
from storage.articles import ArticleStore
from storage.database import Database
from storage.sources import SourceStore
from tests.sources.test_sources_poll import Clock, publish, story_texts
from tests.support.feed_server import FeedServer

OFF_TOPIC = (
    "В Алматы ожидается сильный снегопад\n\n"
    "Синоптики Казгидромета предупредили жителей Алматы о сильном снегопаде и гололёде в "
    "выходные. Температура ночью опустится до минус 15 градусов.\n\n"
    "В городе усилят работу снегоуборочной техники, водителей просят не выезжать без зимних "
    "шин. Полиция Алматы задержала водителя, превысившего скорость на проспекте Абая."
)


@pytest.fixture
async def db(store_db: Database) -> Database:
    """On SQLite and on PostgreSQL: a poll's items, links and signatures in one transaction."""
    return store_db


async def test_off_topic_item_is_stored_but_not_listed_nor_planned(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    cooperation = story_texts(41)[0]
    subs = SubscriptionService(db)
    await subs.subscribe(601, "private")
    async with FeedServer() as site:
        publish(site, "a", [("weather", OFF_TOPIC), ("deal", cooperation)])
        store = SourceStore(db)
        await store.add(site.url("/a.rss"), "Агентство", now=clock())
        async with Fetcher() as fetcher:
            collector = Collector(
                store, fetcher, await load_index(db, clock()), default_interval=900,
                now=clock, rng=random.Random(1),
            )  # fmt: skip
            [report] = (await poll_round(collector)).sources
            assert (report.new, report.relevant) == (2, 1)
            clock.now += dt.timedelta(seconds=901)
            site.reset_counts()
            [again] = (await poll_round(collector, every=True)).sources
    assert again.new == 0 and site.hits["/a/weather.html"] == 0  # stored: not fetched again
    rows = await db.execute_fetchall("SELECT title, relevant FROM articles ORDER BY id")
    assert [(str(r[0])[:30], int(r[1])) for r in rows] == [
        (OFF_TOPIC.split("\n")[0][:30], 0),
        (cooperation.split("\n")[0][:30], 1),
    ]
    await plan(db)
    planned = [int(r[0]) for r in await db.execute_fetchall("SELECT article_id FROM outbox")]
    [relevant_id] = [
        int(r[0]) for r in await db.execute_fetchall("SELECT id FROM articles WHERE relevant = 1")
    ]
    assert planned == [relevant_id]
    listed = await ArticleStore(db).latest(limit=10)
    assert [a.id for a in listed.items] == [relevant_id]
    capsys.readouterr()
    await export_articles(db)  # python -m bot export --json
    exported = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["id"], o["relevant"]) for o in exported] == [
        (relevant_id - 1, False),
        (relevant_id, True),
    ]
