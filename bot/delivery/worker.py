"""One delivery run: plan, send the digests that are due, send the instant queue.

Every row goes pending -> sending (claimed by this process, committed) -> API call -> sent
with its message id (committed). A claim takes only rows still pending, so a second sender on
the store never sends the same row. After a crash the rows found in 'sending' are exactly those
whose call may or may not have reached Telegram; :meth:`DeliveryWorker.recover` (run while
holding the store's instance lock, so their claimer is surely gone) puts them back in the
queue, so each is sent again at most once and nothing is lost. A call that went out and timed
out is recorded as sent-unconfirmed and not repeated (see ``bot.outgoing.session``).

Chats are served concurrently (a pool of ``concurrency`` tasks); the messages of one chat go
in article order, one at a time. The Bot session's outgoing limiter keeps the pace (deliveries
yield to replies); a 429 is waited out there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bot.delivery import digest
from bot.delivery.sender import Outcome, Sender, SendResult
from bot.services.subscriptions import SubscriptionService
from storage.articles import ArticleStore
from storage.database import Database
from storage.db import transaction
from storage.models import StoredArticle
from storage.outbox import OutboxStore, plan
from storage.subscriptions import Chat, OutboxRow, SubscriptionStore

log = logging.getLogger(__name__)

Render = Callable[[StoredArticle, str], str]  # (article, lang) -> HTML card
Now = Callable[[], dt.datetime]  # aware UTC datetime

MAX_ATTEMPTS = 10  # runs a message may fail transiently before it is given up as failed
MAX_MIGRATIONS = 3  # hops a chat may migrate within one send (a loop guard)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class RunReport:
    planned: int = 0
    sent: int = 0
    gone: int = 0  # chats deactivated
    migrated: int = 0
    failed: int = 0
    deferred: int = 0  # rows left for a later run
    digests: int = 0
    retries_after: int = 0
    server_errors: int = 0
    unconfirmed: int = 0  # went out, no answer: recorded as sent, not repeated
    taken_elsewhere: int = 0  # rows another sender had claimed first

    def count(self, result: SendResult) -> None:
        self.retries_after += result.retries_after
        self.server_errors += result.server_errors


@dataclass(slots=True)
class _Run:
    report: RunReport = field(default_factory=RunReport)
    articles: dict[int, StoredArticle | None] = field(default_factory=dict)
    cards: dict[tuple[int, str], str] = field(default_factory=dict)


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        sender: Sender,
        render: Render,
        *,
        concurrency: int = 32,
        now: Now = utc_now,
        max_attempts: int = MAX_ATTEMPTS,
        owner: str = "",
    ) -> None:
        self.db = db
        self.sender = sender
        self.render = render
        self.concurrency = max(1, concurrency)
        self.now = now
        self.max_attempts = max_attempts
        self.store = SubscriptionStore(db)
        self.outbox = OutboxStore(db, owner)
        self.subs = SubscriptionService(db)
        self.articles = ArticleStore(db)
        self._stopping = False

    async def recover(self) -> int:
        """Requeue the rows a crash left in flight; call once before the first run, holding
        the store's instance lock (no other sender is alive)."""
        count = await self.outbox.requeue_orphans(claimers_gone=True)
        if count:
            log.warning("requeued %d message(s) that were in flight at the last stop", count)
        return count

    def stop(self) -> None:
        """Finish the messages in flight, start no new ones."""
        self._stopping = True

    async def run_once(self) -> RunReport:
        run = _Run()
        requeued = await self.outbox.requeue_orphans()  # leases run out: their claimer died
        if requeued:
            log.warning("requeued %d message(s) whose sender is gone", requeued)
        planned = await plan(self.db)
        run.report.planned = planned.queued
        await self._digests(run)
        rows = await self.outbox.pending(mode="instant")
        by_chat: dict[int, list[OutboxRow]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        queue: asyncio.Queue[tuple[Chat, list[OutboxRow]]] = asyncio.Queue()
        for chat in await self._chats(by_chat):
            queue.put_nowait((chat, by_chat[chat.id]))
        workers = [
            asyncio.create_task(self._drain(queue, run))
            for _ in range(min(self.concurrency, queue.qsize()))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                task.cancel()
        if rows or run.report.digests:
            log.info("delivery run: %s", run.report)
        return run.report

    async def _chats(self, ids: dict[int, list[OutboxRow]]) -> list[Chat]:
        chats = await self.store.chats(active=True, mode="instant")
        return [c for c in chats if c.id in ids]

    async def _drain(self, queue: asyncio.Queue[tuple[Chat, list[OutboxRow]]], run: _Run) -> None:
        while not self._stopping:
            try:
                chat, rows = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                await self._deliver_chat(chat, rows, run)
            except Exception:  # one chat's trouble must not stop the others
                log.exception("delivery to chat %s failed", chat.id)

    async def _deliver_chat(self, chat: Chat, rows: Sequence[OutboxRow], run: _Run) -> None:
        for row in rows:
            if self._stopping:
                return
            article = await self._article(row.article_id, run)
            if article is None:
                await self.outbox.set_status([row.id], "failed", error="article removed")
                run.report.failed += 1
                continue
            text = self._card(article, chat.lang, run)
            if not await self.outbox.claim([row.id]):
                run.report.taken_elsewhere += 1
                continue
            chat, result = await self._send(chat, text, row.thread_id, run)
            if not await self._settle(chat, [row], result, run):
                return

    async def _send(
        self, chat: Chat, text: str, thread_id: int | None, run: _Run
    ) -> tuple[Chat, SendResult]:
        """Send, following the chat to its new id if it migrated (the rows move with it)."""
        for _ in range(MAX_MIGRATIONS):
            result = await self.sender.send(chat.id, text, thread_id=thread_id, silent=chat.silent)
            run.report.count(result)
            if result.outcome is not Outcome.MIGRATED or result.new_chat_id is None:
                return chat, result
            log.info("chat %s migrated to %s", chat.id, result.new_chat_id)
            await self.subs.migrate_chat(chat.id, result.new_chat_id)
            run.report.migrated += 1
            chat = replace(chat, id=result.new_chat_id, type="supergroup")
        return chat, result

    async def _settle(
        self, chat: Chat, rows: Sequence[OutboxRow], result: SendResult, run: _Run
    ) -> bool:
        """Record the outcome of sending ``rows``; whether to go on with this chat's next row."""
        ids = [r.id for r in rows]
        if result.outcome is Outcome.SENT:
            await self.outbox.set_status(ids, "sent", message_id=result.message_id)
            run.report.sent += len(ids)
            return True
        if result.outcome is Outcome.UNCONFIRMED:
            log.warning(
                "chat %s: no answer to a sent message, not repeated: %s", chat.id, result.error
            )
            await self.outbox.set_status(ids, "sent", error=f"unconfirmed: {result.error}")
            run.report.unconfirmed += len(ids)
            return True
        if result.outcome is Outcome.GONE:
            log.info("chat %s deactivated: %s", chat.id, result.error)
            await self.outbox.set_status(ids, "failed", error=result.error)
            await self.subs.mark_inactive(chat.id, result.error or "unreachable")
            run.report.gone += 1
            return False
        if result.outcome is Outcome.FAILED:
            log.warning("chat %s: message failed: %s", chat.id, result.error)
            await self.outbox.set_status(ids, "failed", error=result.error)
            run.report.failed += len(ids)
            return True
        # RETRY (or a migration loop): back to the queue unless it has had enough runs.
        exhausted = all(r.attempts + 1 >= self.max_attempts for r in rows)
        await self.outbox.set_status(ids, "failed" if exhausted else "pending", error=result.error)
        if exhausted:
            run.report.failed += len(ids)
        else:
            run.report.deferred += len(ids)
        return False

    # -- digests -------------------------------------------------------------------------

    async def _digests(self, run: _Run) -> None:
        now = self.now()
        for chat in await self.store.chats(active=True, mode="digest"):
            if self._stopping:
                return
            day = digest.due_date(chat, now)
            if day is None:
                continue
            try:
                await self._digest(chat, day, run)
            except Exception:
                log.exception("digest for chat %s failed", chat.id)

    async def _digest(self, chat: Chat, day: dt.date, run: _Run) -> None:
        rows = await self.outbox.pending_for_chat(chat.id)
        found = [(r, await self._article(r.article_id, run)) for r in rows]
        gone = [r.id for r, a in found if a is None]
        await self.outbox.set_status(gone, "failed", error="article removed")
        live = [(r, a) for r, a in found if a is not None]
        if live:
            live_rows = [r for r, _ in live]
            # All rows are in flight together: the digest is one message for them all.
            taken = await self.outbox.claim([r.id for r in live_rows])
            live = [(r, a) for r, a in live if r.id in taken]
            live_rows = [r for r, _ in live]
            if not live_rows:
                return
            parts = digest.render_digest([a for _, a in live], chat.lang, day)
            result = SendResult(Outcome.SENT)
            first_id: int | None = None
            for part in parts:
                chat, result = await self._send(chat, part, live_rows[0].thread_id, run)
                if result.outcome is not Outcome.SENT:
                    break
                first_id = first_id or result.message_id
            result.message_ids[:0] = [first_id] if first_id else []
            await self._settle(chat, live_rows, result, run)
            if result.outcome is Outcome.RETRY:
                return  # the day is not done: try again on the next run
            if result.outcome is Outcome.SENT:
                run.report.digests += 1
        async with transaction(self.db):
            await self.store.update_chat_tx(chat.id, {"last_digest_on": day.isoformat()})

    # -- articles ------------------------------------------------------------------------

    async def _article(self, article_id: int, run: _Run) -> StoredArticle | None:
        if article_id not in run.articles:
            run.articles[article_id] = await self.articles.get(article_id)
        return run.articles[article_id]

    def _card(self, article: StoredArticle, lang: str, run: _Run) -> str:
        key = (article.id, lang)
        card = run.cards.get(key)
        if card is None:
            card = run.cards[key] = self.render(article, lang)
        return card
