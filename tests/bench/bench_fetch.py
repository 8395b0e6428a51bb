"""Fetch-layer benchmark: ``python -m tests.bench.bench_fetch`` (about a minute).

A local news site runs in a second process on 25 loopback addresses (25 hosts, so the per-host
limit of 2 applies as in life) and serves 1,000 RSS feeds of 20 items and their article pages.
This process measures, on its one core:

(a) round 1: every feed fetched through `Fetcher` and parsed with `parse_feed`, in items/s;
(b) round 2: every feed asked again with its ETag, all answering 304 (target ≤ 5 s);
(c) article pages: fetched and run through trafilatura's `extract_article`, in pages/s, with how
    often the extraction keeps every paragraph of the article and none of the page's debris
    (menus, "read also", comments, share buttons), against the feed's own summary as fallback.

Texts are generated from sentence parts written for this benchmark (no real article).
Options: --feeds N, --items N, --pages N.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import resource
import time
from multiprocessing.connection import Connection

from bot.sources.feeds import parse_feed
from bot.sources.http import PAGE_ACCEPT, Fetcher, Limits
from bot.sources.pages import extract_article
from tests.support.feed_server import FeedServer, Item, rss

HOSTS = tuple(f"127.0.0.{i}" for i in range(1, 26))
DEBRIS = (
    *("Читайте также", "Поделиться", "Комментари", "Все права защищены", "Главная", "Фото:"),
    *("Популярное", "Теги:"),
)

_SUBJECTS = (
    "Акимат Костанайской области", "Правительство Челябинской области", "Хокимият Ферганской "
    "области", "Администрация Оренбургской области", "Акимат Туркестанской области",
    "Правительство Новосибирской области", "Хокимият Самаркандской области",
)  # fmt: skip
_ACTIONS = (
    "подписал соглашение о поставках зерна с", "обсудил строительство логистического центра с",
    "договорился о студенческих обменах с", "провёл переговоры о туристических маршрутах с",
    "согласовал план совместной ярмарки с", "открыл торговое представительство вместе с",
)  # fmt: skip
_PARTNERS = (
    "Северо-Казахстанской областью", "Ташкентской областью", "Омской областью",
    "Карагандинской областью", "Андижанской областью", "Алтайским краем",
)  # fmt: skip
_TAILS = (
    "Стороны рассчитывают увеличить товарооборот на {n} процентов.",
    "Первые результаты ожидаются в течение {n} месяцев.",
    "В мероприятии приняли участие более {n} предпринимателей.",
    "Объём инвестиций оценивается в {n} миллионов долларов.",
)


def _host(path: str) -> str:
    """The host that serves /f{N}/…: feeds are spread over the hosts round robin."""
    return HOSTS[int(path.split("/")[1][1:]) % len(HOSTS)]


def _sentence(rng: random.Random) -> str:
    tail = rng.choice(_TAILS).format(n=rng.randint(3, 400))
    subject, partner = rng.choice(_SUBJECTS), rng.choice(_PARTNERS)
    return f"{subject} {rng.choice(_ACTIONS)} {partner}. {tail}"


def _paragraphs(rng: random.Random) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(4)]


_NAV = '<nav><a href="/">Главная</a> <a href="/e">Экономика</a> <a href="/s">Спорт</a></nav>'
_ALSO = '<aside><h3>Читайте также</h3><ul><li><a href="/x">Погода</a></li></ul></aside>'
_FOOT = "<footer>© Агентство. Все права защищены.</footer>"
_SHARE = '<div class="share">Поделиться: ВКонтакте Telegram</div>'
LAYOUTS = 6


def _popular(rng: random.Random) -> str:
    links = "".join(f'<li><a href="/p/{i}">{_sentence(rng)}</a></li>' for i in range(5))
    return f'<div class="sidebar"><h3>Популярное</h3><ul>{links}</ul></div>'


def _comments(rng: random.Random) -> str:
    said = "".join(f"<p>Комментарий читателя: {_sentence(rng)}</p>" for _ in range(3))
    return f'<section class="comments"><h4>Комментарии</h4>{said}</section>'


def _page(rng: random.Random, title: str, paragraphs: list[str], layout: int) -> str:
    """A news page of one of six layouts, from a clean <article> to a table of <br>-lines with
    a "read also" link inside the text, photo credits, tags, a sidebar and long comments."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    head = f'<head><meta charset="utf-8"><title>{title} — Агентство</title></head>'
    if layout == 0:
        main = f"<article><h1>{title}</h1><time datetime='2025-11-0{rng.randint(1, 9)}'></time>"
        main += f"{body}</article>{_ALSO}{_SHARE}"
    elif layout == 1:
        main = f'<div class="content"><h1>{title}</h1><div class="text">{body}</div></div>'
        main += _comments(rng)
    elif layout == 2:
        main = f"<main><h2>{title}</h2><div>{body}</div>{_SHARE}{_ALSO}</main>"
    elif layout == 3:
        inline = f'<p><b>Читайте также:</b> <a href="/r">{_sentence(rng)}</a></p>'
        figure = '<figure><img src="/i.jpg"><figcaption>Фото: пресс-служба</figcaption></figure>'
        parts = [f"<p>{p}</p>" for p in paragraphs]
        parts[2:2] = [inline, figure]
        tags = '<div class="tags">Теги: экономика, сотрудничество, регионы</div>'
        main = f"<article><h1>{title}</h1>{''.join(parts)}{tags}</article>{_SHARE}"
    elif layout == 4:
        main = f'<div class="row"><div class="col-8"><h1>{title}</h1>{body}</div>'
        main += f'<div class="col-4">{_popular(rng)}</div></div>{_comments(rng)}'
    else:
        lines = "<br><br>".join(paragraphs)
        main = (
            f'<table><tr><td class="menu">{_NAV}</td><td><b>{title}</b><br><br>{lines}</td>'
            f"<td>{_popular(rng)}</td></tr></table>"
        )
    return f"<!DOCTYPE html><html lang='ru'>{head}<body>{_NAV}{main}{_FOOT}</body></html>"


def _site(feeds: int, items: int, pages: int) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """Paths → bodies for every feed and page; and each page's true paragraphs."""
    rng = random.Random(20251202)
    bodies: dict[str, bytes] = {}
    truth: dict[str, list[str]] = {}
    for f in range(feeds):
        host = _host(f"/f{f}/")
        entries = []
        for i in range(items):
            path = f"/f{f}/news/{i}"
            title = f"{rng.choice(_SUBJECTS)} и {rng.choice(_PARTNERS)}: новость {f}-{i}"
            paragraphs = _paragraphs(rng)
            if len(truth) < pages:
                bodies[path] = _page(rng, title, paragraphs, len(truth) % LAYOUTS).encode()
                truth[path] = paragraphs
            link = f"http://{host}{path}"
            entries.append(Item(title, link, paragraphs[0], guid=f"{f}-{i}"))
        bodies[f"/f{f}/rss.xml"] = rss(entries)
    return bodies, truth


def _serve(conn: Connection, feeds: int, items: int, pages: int) -> None:
    async def main() -> None:
        bodies, _truth = _site(feeds, items, pages)
        async with FeedServer(HOSTS) as server:
            for path, body in bodies.items():
                is_feed = path.endswith(".xml")
                server.route(
                    path,
                    body=body,
                    etag=f'"{hash(body)}"',
                    content_type="application/rss+xml" if is_feed else "text/html; charset=utf-8",
                )
            conn.send(server.port)
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)

    asyncio.run(main())


async def _round(fetcher: Fetcher, urls: list[str], etags: dict[str, str]) -> tuple[int, int]:
    """Fetch and parse every feed; (items parsed, 304 answers)."""

    async def one(url: str) -> tuple[int, int]:
        response = await fetcher.get(url, etag=etags.get(url))
        if response.not_modified:
            return 0, 1
        etags[url] = response.etag or ""
        return len(parse_feed(response.body, response.url).items), 0

    results = await asyncio.gather(*(one(u) for u in urls))
    return sum(r[0] for r in results), sum(r[1] for r in results)


async def _pages(fetcher: Fetcher, urls: list[str]) -> tuple[list[tuple[str, str]], float]:
    started = time.perf_counter()
    fetched = await asyncio.gather(*(fetcher.get(u, accept=PAGE_ACCEPT) for u in urls))
    return [(r.url, r.text) for r in fetched], time.perf_counter() - started


def _quality(pages: list[tuple[str, str]], truth: dict[str, list[str]]) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    complete = [0] * LAYOUTS
    clean = [0] * LAYOUTS
    for n, (url, html) in enumerate(pages):
        page = extract_article(html, url)
        text = page.text if page else ""
        paragraphs = truth["/" + url.split("/", 3)[3]]
        complete[n % LAYOUTS] += all(p in text for p in paragraphs)
        clean[n % LAYOUTS] += not any(d in text for d in DEBRIS)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    n = len(pages)
    print(f"(c) extraction: {n} pages in {wall:.2f} s ({n / wall:.0f} pages/s, {cpu:.2f} s CPU)")
    print(f"    every paragraph kept: {sum(complete)}/{n}; no debris: {sum(clean)}/{n}")
    print(f"    per layout 0-{LAYOUTS - 1}: kept {complete}, clean {clean}")


async def _client(port: int, feeds: int, pages: int, truth: dict[str, list[str]]) -> None:
    urls = [f"http://{_host(f'/f{f}/')}:{port}/f{f}/rss.xml" for f in range(feeds)]
    etags: dict[str, str] = {}
    limits = Limits(total_timeout=60.0, overall=50)
    async with Fetcher(limits) as fetcher:
        for name in ("(a) round 1", "(b) round 2"):
            started, cpu = time.perf_counter(), time.process_time()
            items, unchanged = await _round(fetcher, urls, etags)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            rate = f"{items / wall:,.0f} items/s, " if items else ""
            print(
                f"{name}: {feeds} feeds, {items} items, {unchanged} × 304 in {wall:.2f} s "
                f"({rate}{cpu:.2f} s CPU)"
            )
        page_urls = [f"http://{HOSTS[0]}:{port}{path}" for path in truth]
        page_urls = [
            u.replace(HOSTS[0], HOSTS[int(u.split("/f")[1].split("/")[0]) % 25]) for u in page_urls
        ]
        fetched, wall = await _pages(fetcher, page_urls[:pages])
        print(f"    pages fetched: {len(fetched)} in {wall:.2f} s")
    _quality(fetched, truth)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(
        target=_serve, args=(theirs, args.feeds, args.items, args.pages), daemon=True
    )
    server.start()
    _bodies, truth = _site(args.feeds, args.items, args.pages)
    port = ours.recv()
    try:
        asyncio.run(_client(port, args.feeds, args.pages, truth))
    finally:
        ours.send("stop")
        server.join(10)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"client peak resident memory: {rss_mb:.0f} MB (feeds, pages and truth held in memory)")


if __name__ == "__main__":
    main()
