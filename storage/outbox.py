"""The delivery outbox: planning, claiming and settling rows (SPEC: Delivery).

A row is ``pending`` until a sender claims it (``sending``, with the claimer's id and a lease),
then ``sent`` or ``failed``, or back to ``pending`` for a later run. Claims take only
``pending`` rows and report which they took, so two senders on one store never both send a
row; a ``sending`` row is requeued only when its claimer is gone (see ``requeue_orphans``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from storage.database import Database, transaction
from storage.queries import QUERY_MATCH_SQL

Status = Literal["pending", "sending", "sent", "failed"]

_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
PG_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def now_sql(db: Database) -> str:
    """SQL for "now" as the outbox and chats write it (UTC, ISO 8601 with Z)."""
    return db.pick(_NOW, PG_NOW)


LEASE = dt.timedelta(minutes=10)  # far beyond one send with all its retries

# True when subscription ``s`` wants article ``a`` (aliases fixed by the callers' queries).
MATCH_SQL = f"""(
    s.kind = 'all'
    OR (s.kind = 'region' AND EXISTS (
        SELECT 1 FROM article_regions r WHERE r.article_id = a.id AND r.code = s.value
        AND r.role = 'party'))
    OR (s.kind = 'topic' AND EXISTS (
        SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.slug = s.value))
    OR {QUERY_MATCH_SQL}
)"""

# For each (chat, article) the matching subscription with the lowest id gives the thread:
# SQLite takes the bare column thread_id from the row that holds MIN(s.id).
_PLAN_SQL = f"""
INSERT OR IGNORE INTO outbox (chat_id, article_id, thread_id)
SELECT chat_id, article_id, thread_id FROM (
    SELECT c.id AS chat_id, a.id AS article_id, s.thread_id AS thread_id, MIN(s.id)
    FROM chats c
    JOIN subscriptions s ON s.chat_id = c.id
    JOIN articles a ON a.id > c.watermark AND a.id > s.created_after AND a.id <= :top
    WHERE c.active = 1 AND c.watermark < :top AND a.relevant = 1 AND {MATCH_SQL}
    GROUP BY c.id, a.id
)
ORDER BY chat_id, article_id
"""
# PostgreSQL: DISTINCT ON keeps, per (chat, article), the row of the lowest subscription id.
_PG_PLAN_SQL = f"""
INSERT INTO outbox (chat_id, article_id, thread_id)
SELECT chat_id, article_id, thread_id FROM (
    SELECT DISTINCT ON (c.id, a.id) c.id AS chat_id, a.id AS article_id, s.thread_id
    FROM chats c
    JOIN subscriptions s ON s.chat_id = c.id
    JOIN articles a ON a.id > c.watermark AND a.id > s.created_after AND a.id <= :top
    WHERE c.active = 1 AND c.watermark < :top AND a.relevant = 1 AND {MATCH_SQL}
    ORDER BY c.id, a.id, s.id
) AS planned
ORDER BY chat_id, article_id
ON CONFLICT DO NOTHING
"""

_ADVANCE_SQL = """
UPDATE chats SET watermark = :top, updated_at = {now}
WHERE active = 1 AND watermark < :top
"""


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    chat_id: int
    article_id: int
    thread_id: int | None
    status: str
    attempts: int


@dataclass(frozen=True, slots=True)
class PlanResult:
    queued: int  # new outbox rows
    top: int  # newest article id considered


_COLS = "id, chat_id, article_id, thread_id, status, attempts"


def _row(row: Sequence[Any]) -> OutboxRow:
    return OutboxRow(*row)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def max_article_id(db: Database) -> int:
    async with db.execute("SELECT COALESCE(MAX(id), 0) FROM articles") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def plan(db: Database) -> PlanResult:
    """Queue every new matching article for every active chat and advance the watermarks.

    Set-based: one INSERT ... SELECT and one UPDATE in one transaction. UNIQUE (chat_id,
    article_id) with INSERT OR IGNORE keeps a row once even when several subscriptions match.
    """
    async with transaction(db):
        # Read the newest id inside the transaction: an article committed after this point
        # (by /reload or a ``python -m bot ingest`` beside us) is left for the next run.
        top = await max_article_id(db)
        cur = await db.execute(db.pick(_PLAN_SQL, _PG_PLAN_SQL), {"top": top})
        queued = cur.rowcount
        await db.execute(_ADVANCE_SQL.format(now=now_sql(db)), {"top": top})
    return PlanResult(queued=max(queued, 0), top=top)


class OutboxStore:
    def __init__(self, db: Database, owner: str = "") -> None:
        self.db = db
        self.owner = owner  # this process's instance id: the name on its claims
        self._now = now_sql(db)

    async def pending(self, *, mode: str = "instant", limit: int = 100_000) -> list[OutboxRow]:
        """Queued rows of active chats in ``mode``, oldest article first within a chat."""
        cols = ", ".join("o." + c.strip() for c in _COLS.split(","))
        sql = (
            f"SELECT {cols} FROM outbox o JOIN chats c ON c.id = o.chat_id"
            " WHERE o.status = 'pending' AND c.active = 1 AND c.mode = ?"
            " ORDER BY o.chat_id, o.article_id LIMIT ?"
        )
        async with self.db.execute(sql, (mode, limit)) as cur:
            return [_row(r) for r in await cur.fetchall()]

    async def pending_for_chat(self, chat_id: int) -> list[OutboxRow]:
        async with self.db.execute(
            f"SELECT {_COLS} FROM outbox WHERE chat_id = ? AND status = 'pending'"
            " ORDER BY article_id",
            (chat_id,),
        ) as cur:
            return [_row(r) for r in await cur.fetchall()]

    async def claim(self, row_ids: Sequence[int], *, now: dt.datetime | None = None) -> set[int]:
        """Take the rows that are still ``pending`` for this owner; returns the ids taken.

        Rows another sender took meanwhile (or that were settled) are not in the answer and
        must not be sent."""
        if not row_ids:
            return set()
        until = _stamp((now or dt.datetime.now(dt.UTC)) + LEASE)
        if self.db.dialect == "postgresql":
            return await self._claim_pg(row_ids, until)
        taken: set[int] = set()
        async with transaction(self.db):
            for row_id in row_ids:  # one by one: each row's rowcount says whether it was ours
                cur = await self.db.execute(
                    "UPDATE outbox SET status = 'sending', claimed_by = ?, lease_until = ?,"
                    f" attempts = attempts + 1, updated_at = {_NOW}"
                    " WHERE id = ? AND status = 'pending'",
                    (self.owner, until, row_id),
                )
                if cur.rowcount == 1:
                    taken.add(row_id)
        return taken

    async def _claim_pg(self, row_ids: Sequence[int], until: str) -> set[int]:
        """One statement: lock the rows still pending, skipping those another replica holds
        locked at this moment (it is claiming them), and mark them ours; RETURNING says which.
        A row is never claimed twice: a claimer either locks it while 'pending' or skips it."""
        marks = ",".join("?" * len(row_ids))
        rows = await self.db.execute_fetchall(
            "UPDATE outbox SET status = 'sending', claimed_by = ?, lease_until = ?,"
            f" attempts = attempts + 1, updated_at = {PG_NOW}"
            " WHERE id IN (SELECT id FROM outbox WHERE id IN"
            f" ({marks}) AND status = 'pending' FOR UPDATE SKIP LOCKED) RETURNING id",
            (self.owner, until, *row_ids),
        )
        return {int(r[0]) for r in rows}

    async def set_status(
        self,
        row_ids: Sequence[int],
        status: Status,
        *,
        message_id: int | None = None,
        error: str | None = None,
        count_attempt: bool = False,
    ) -> None:
        """Move rows to ``status`` and commit before returning (the outbox is the record)."""
        if not row_ids:
            return
        marks = ",".join("?" * len(row_ids))
        sent_at = self._now if status == "sent" else "sent_at"
        async with transaction(self.db):
            await self.db.execute(
                f"UPDATE outbox SET status = ?, message_id = COALESCE(?, message_id),"
                f" error = ?, attempts = attempts + ?, sent_at = {sent_at},"
                f" claimed_by = NULL, lease_until = NULL,"
                f" updated_at = {self._now} WHERE id IN ({marks})",
                (status, message_id, error, int(count_attempt), *row_ids),
            )

    async def requeue_orphans(
        self, *, claimers_gone: bool = False, now: dt.datetime | None = None
    ) -> int:
        """Put back in the queue the ``sending`` rows whose claimer is gone: those of any other
        owner when ``claimers_gone`` (the caller is the only sender: it holds the SQLite store's
        instance lock, or the leadership of the PostgreSQL replicas, whose advisory lock a dead
        leader's session has let go), else only those whose lease has run out.

        Such a row may or may not have reached Telegram: it is sent again (at most one
        duplicate each) rather than risk losing it."""
        when = _stamp(now or dt.datetime.now(dt.UTC))
        expired = "1 = 1" if claimers_gone else "(lease_until IS NULL OR lease_until < ?)"
        args: tuple[object, ...] = (self.owner,) if claimers_gone else (self.owner, when)
        async with transaction(self.db):
            cur = await self.db.execute(
                "UPDATE outbox SET status = 'pending', claimed_by = NULL, lease_until = NULL,"
                f" updated_at = {self._now} WHERE status = 'sending'"
                f" AND (claimed_by IS NULL OR claimed_by != ?) AND {expired}",
                args,
            )
        return cur.rowcount

    async def counts(self) -> dict[str, int]:
        """Outbox rows by status (every status present, zero when none)."""
        result = dict.fromkeys(("pending", "sending", "sent", "failed"), 0)
        async with self.db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status") as cur:
            for status, n in await cur.fetchall():
                result[cast(str, status)] = int(n)
        return result
